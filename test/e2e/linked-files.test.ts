// Files that decide each other's verdict: a parameter file and its template; and Bicep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acrDiagnostics, codeActions, DOCS_URL, FIX_ALL_KIND, FIX_TITLE, openFile, revert, RULE_ID, waitFor, waitForDiagnostics } from './helpers';

suite('parameter files', () => {
  test('a parameter value that breaks the rule is flagged in the parameter file', async () => {
    const parameters = await openFile('main.parameters.json');
    const [diagnostic] = await waitForDiagnostics(parameters.document.uri, 1);
    assert.deepEqual(diagnostic!.range, new vscode.Range(5, 15, 5, 24));
    assert.equal(parameters.document.getText(diagnostic!.range), '"Enabled"');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
    const code = diagnostic!.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, RULE_ID);
    assert.equal(code.target.toString(true), DOCS_URL);
    assert.ok(diagnostic!.message.startsWith("Container registry 'contosoparameterized' can export artifacts:"), diagnostic!.message);
  });

  test('editing the template (unsaved) re-validates the open parameter file, and back', async () => {
    const parameters = await openFile('main.parameters.json');
    await waitForDiagnostics(parameters.document.uri, 1);
    // The template stops reading the parameter: the parameter file no longer decides anything.
    const template = await openFile('main.json');
    const reference = `"[parameters('publicNetworkAccess')]"`;
    const at = template.document.getText().indexOf(reference);
    assert.ok(at > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(template.document.uri, new vscode.Range(template.document.positionAt(at), template.document.positionAt(at + reference.length)), '"Disabled"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the parameter file to clear', () => (acrDiagnostics(parameters.document.uri).length === 0 ? true : undefined));
    assert.deepEqual(acrDiagnostics(template.document.uri), []);
    await revert(template);
    await waitForDiagnostics(parameters.document.uri, 1);
  });
});

suite('flags', () => {
  test('a .bicepparam flag the template chooses the failing value by: flagged there, and setting it the other way is offered, never applied by fix-all', async () => {
    const parameters = await openFile('flags/dev.bicepparam');
    const [diagnostic] = await waitForDiagnostics(parameters.document.uri, 1);
    assert.equal(parameters.document.getText(diagnostic!.range), 'false');
    assert.match(diagnostic!.message, /It follows from parameter 'isPrivate' as this file sets it\.$/);
    const actions = await codeActions(parameters.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const flip = actions.find((a) => a.title === "Set parameter 'isPrivate' to true");
    assert.ok(flip, actions.map((a) => a.title).join(', '));
    assert.equal(flip.isPreferred, false);
    assert.deepEqual(await codeActions(parameters.document.uri, new vscode.Range(0, 0, 0, 0), FIX_ALL_KIND), [], 'fix-all would set a flag');
    assert.ok(flip.edit && (await vscode.workspace.applyEdit(flip.edit)));
    assert.equal(parameters.document.getText(), "using './main.bicep'\n\nparam isPrivate = true\n");
    await waitForDiagnostics(parameters.document.uri, 0);
    await revert(parameters);
  });
});

suite('modules', () => {
  test("a module's registry that fails by the module's own default: the fix in the module's file is offered in the caller and edits that file", async () => {
    const main = await openFile('module/main.bicep');
    const [diagnostic] = await waitForDiagnostics(main.document.uri, 1);
    assert.equal(main.document.getText(diagnostic!.range), "'./registry.bicep'");
    const actions = await codeActions(main.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const inModule = actions.find((a) => a.title === "Disable export and public network access (at the default value of parameter 'access') in registry.bicep");
    assert.ok(inModule, actions.map((a) => a.title).join(', '));
    assert.equal(inModule.isPreferred, false);
    // The caller can also accept the risk for this deployment only, on its own line.
    assert.ok(actions.some((a) => a.title === 'Suppress Azure.ACR.ExportPolicy for this line'), actions.map((a) => a.title).join(', '));
    assert.deepEqual(await codeActions(main.document.uri, new vscode.Range(0, 0, 0, 0), FIX_ALL_KIND), [], 'fix-all would edit the module');
    assert.ok(inModule.edit && (await vscode.workspace.applyEdit(inModule.edit)));
    // The editor opens the module with the edit, unsaved; the caller is checked against it.
    const registry = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/module/registry.bicep'));
    assert.ok(registry?.isDirty);
    assert.match(registry.getText(), /^param access string = 'Disabled'\n/);
    assert.match(registry.getText(), /publicNetworkAccess: access\n {4}policies: \{\n {6}exportPolicy: \{\n {8}status: 'disabled'/);
    await waitForDiagnostics(main.document.uri, 0);
    await revert(await vscode.window.showTextDocument(registry));
    await waitForDiagnostics(main.document.uri, 1);
  });
});

suite('Bicep', () => {
  test('a .bicep file gets the diagnostic on its value, and the preferred fix writes Bicep', async () => {
    const editor = await openFile('registry.bicep');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    assert.equal(editor.document.languageId, 'bicep');
    assert.equal(editor.document.getText(diagnostic!.range), "'Enabled'");
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.equal(fix?.title, FIX_TITLE);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.match(editor.document.getText(), /publicNetworkAccess: 'Disabled'\n {4}policies: \{\n {6}exportPolicy: \{\n {8}status: 'disabled'/);
    await waitForDiagnostics(editor.document.uri, 0);
    await revert(editor);
  });
});
