// Diagnostics and hovers: exact ranges, codes, severities and links, as VS Code receives them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acrDiagnostics, DOCS_URL, hoverText, openFile, RULE_ID, waitForDiagnostics } from './helpers';

function assertContract(diagnostic: vscode.Diagnostic, registry: string): void {
  assert.equal(diagnostic.source, 'acr-guard');
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
  const code = diagnostic.code as { value: string; target: vscode.Uri };
  assert.equal(code.value, RULE_ID);
  assert.ok(code.target instanceof vscode.Uri, `code.target is ${typeof code.target}`);
  assert.equal(code.target.toString(true), DOCS_URL);
  assert.ok(diagnostic.message.startsWith(`Container registry '${registry}' can export artifacts:`), diagnostic.message);
}

suite('diagnostics', () => {
  test('a written offending value carries the warning, on the whole token with its quotes', async () => {
    const editor = await openFile('registry.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    assertContract(diagnostic!, 'contoso');
    assert.deepEqual(diagnostic!.range, new vscode.Range(14, 31, 14, 40));
    assert.equal(editor.document.getText(diagnostic!.range), '"Enabled"');
  });

  test('when both properties are missing, the warning sits on the registry type token', async () => {
    const editor = await openFile('basic-sku.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    assertContract(diagnostic!, 'fabrikam');
    assert.deepEqual(diagnostic!.range, new vscode.Range(5, 14, 5, 54));
    assert.equal(editor.document.getText(diagnostic!.range), '"Microsoft.ContainerRegistry/registries"');
  });

  test('each failing registry gets exactly one diagnostic of its own', async () => {
    const editor = await openFile('two-registries.json');
    const diagnostics = await waitForDiagnostics(editor.document.uri, 2);
    const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
    assertContract(sorted[0]!, 'first');
    assertContract(sorted[1]!, 'second');
    assert.deepEqual(sorted[0]!.range, new vscode.Range(13, 31, 13, 40));
    assert.deepEqual(sorted[1]!.range, new vscode.Range(25, 31, 25, 40));
  });

  test('a compliant template and a JSON file without a deploymentTemplate $schema get none', async () => {
    const compliant = await openFile('compliant.json');
    const lookalike = await openFile('not-a-template.json');
    // Opened last, validated last: once it has its diagnostic, the two above have been checked too.
    const failing = await openFile('registry.json');
    await waitForDiagnostics(failing.document.uri, 1);
    assert.deepEqual(acrDiagnostics(compliant.document.uri), []);
    assert.deepEqual(acrDiagnostics(lookalike.document.uri), []);
  });

  test('hover on the flagged value, the type and the name explains the rule and links its documentation', async () => {
    const editor = await openFile('registry.json');
    await waitForDiagnostics(editor.document.uri, 1);
    const places = { value: new vscode.Position(14, 35), type: new vscode.Position(5, 30), name: new vscode.Position(7, 18) };
    for (const [place, position] of Object.entries(places)) {
      const text = await hoverText(editor.document.uri, position);
      assert.match(text, /Container Registry export policy should be disabled/, `hover on the ${place}: ${text}`);
      assert.ok(text.includes(`](${DOCS_URL})`), `hover on the ${place} has no documentation link: ${text}`);
    }
  });
});
