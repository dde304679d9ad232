// acr-guard in a real VS Code extension host: diagnostics, quick fixes, fix-all, hover, live settings, parameter files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acrDiagnostics, codeActions, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

const DOCS = 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/';

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

async function setRuleSeverity(level: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('acrGuard').update('rules', level ? { 'Azure.ACR.ExportPolicy': level } : undefined, vscode.ConfigurationTarget.Workspace);
}

suite('acr-guard in VS Code', () => {
  suiteTeardown(() => setRuleSeverity(undefined));

  test('a failing registry gets one warning on the offending value, with code, link and source', async () => {
    const editor = await open('registry.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic!.range, new vscode.Range(14, 31, 14, 40));
    assert.equal(editor.document.getText(diagnostic!.range), '"Enabled"');
    const code = diagnostic!.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'Azure.ACR.ExportPolicy');
    assert.equal(code.target.toString(true), DOCS);
    assert.match(diagnostic!.message, /^Container registry 'contoso' can export artifacts:/);
  });

  test('hover explains the rule and links its documentation', async () => {
    const editor = await open('registry.json');
    await waitForDiagnostics(editor.document.uri, 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(14, 35));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Container Registry export policy should be disabled/);
    assert.ok(text.includes(`](${DOCS})`), text);
  });

  test('the preferred quick fix sets both properties and the warning goes', async () => {
    const editor = await open('registry.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Show documentation for Azure.ACR.ExportPolicy'), titles.join(', '));
    const fix = actions.find((a) => a.isPreferred);
    assert.equal(fix?.title, 'Disable export and public network access');
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.match(editor.document.getText(), /"publicNetworkAccess": "Disabled",\n {8}"policies": \{\n {10}"exportPolicy": \{\n {12}"status": "disabled"\n {10}\}\n {8}\}/);
    await waitForDiagnostics(editor.document.uri, 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('fix-all fixes every registry in the file', async () => {
    const editor = await open('two-registries.json');
    await waitForDiagnostics(editor.document.uri, 2);
    const actions = await codeActions(editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.acrGuard');
    const fixAll = actions.find((a) => a.title === 'Fix all Azure.ACR.ExportPolicy problems in this file');
    assert.ok(fixAll?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await waitForDiagnostics(editor.document.uri, 0);
    assert.equal(editor.document.getText().match(/"status": "disabled"/g)?.length, 2);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a severity setting applies live: off clears, error returns', async () => {
    const editor = await open('registry.json');
    await waitForDiagnostics(editor.document.uri, 1);
    await setRuleSeverity('off');
    await waitForDiagnostics(editor.document.uri, 0);
    await setRuleSeverity('error');
    await waitForDiagnostics(editor.document.uri, 1, ([d]) => d!.severity === vscode.DiagnosticSeverity.Error);
    await setRuleSeverity(undefined);
    await waitForDiagnostics(editor.document.uri, 1, ([d]) => d!.severity === vscode.DiagnosticSeverity.Warning);
  });

  test('a parameter file and its template re-validate each other', async () => {
    const parameters = await open('main.parameters.json');
    const [diagnostic] = await waitForDiagnostics(parameters.document.uri, 1);
    assert.equal(parameters.document.getText(diagnostic!.range), '"Enabled"');
    // The template stops reading the parameter: the parameter file no longer decides anything.
    const template = await open('main.json');
    const reads = template.document.getText().indexOf(`"[parameters('publicNetworkAccess')]"`);
    assert.ok(reads > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(template.document.uri, new vscode.Range(template.document.positionAt(reads), template.document.positionAt(reads + `"[parameters('publicNetworkAccess')]"`.length)), '"Disabled"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the parameter file to clear', () => (acrDiagnostics(parameters.document.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

suite('acr-guard on Bicep in VS Code', () => {
  test('a .bicep file gets the diagnostic on its value, and the fix writes Bicep', async () => {
    const editor = await open('registry.bicep');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    assert.equal(editor.document.languageId, 'bicep');
    assert.equal(editor.document.getText(diagnostic!.range), "'Enabled'");
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /publicNetworkAccess: 'Disabled'\n {4}policies: \{\n {6}exportPolicy: \{\n {8}status: 'disabled'/);
    await waitForDiagnostics(editor.document.uri, 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
