// Quick fixes and fix-all through VS Code's own command, applied with workspace.applyEdit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeActions,
  DOCS_TITLE,
  DOCS_URL,
  FIX_ALL_KIND,
  FIX_ALL_TITLE,
  FIX_TITLE,
  FIX_WITH_SKU_TITLE,
  openFile,
  revert,
  waitForDiagnostics,
} from './helpers';

const FIXED_BASIC_SKU = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "fabrikam",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`;

suite('quick fixes', () => {
  test('a Premium registry: the preferred fix sets both properties and the warning goes', async () => {
    const editor = await openFile('registry.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(DOCS_TITLE), titles.join(', '));
    assert.ok(!titles.includes(FIX_WITH_SKU_TITLE), 'the SKU fix is offered on a Premium registry');
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), [FIX_TITLE]);
    const fix = actions.find((a) => a.title === FIX_TITLE)!;
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.match(
      editor.document.getText(),
      /"adminUserEnabled": false,\n {8}"publicNetworkAccess": "Disabled",\n {8}"policies": \{\n {10}"exportPolicy": \{\n {12}"status": "disabled"\n {10}\}\n {8}\}\n {6}\}/,
    );
    await waitForDiagnostics(editor.document.uri, 0);
    await revert(editor);
  });

  test('a Basic registry is offered the plain fix and the SKU fix, neither preferred, and the documentation', async () => {
    const editor = await openFile('basic-sku.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    for (const title of [FIX_TITLE, FIX_WITH_SKU_TITLE, DOCS_TITLE]) assert.ok(titles.includes(title), `no "${title}" in ${titles.join(', ')}`);
    // Issue 2's contract: on a non-Premium registry the plain fix is offered but not preferred (the export
    // policy needs Premium), and the SKU change is a separate action that is never preferred.
    assert.equal(actions.find((a) => a.title === FIX_TITLE)?.isPreferred, false);
    assert.equal(actions.find((a) => a.title === FIX_WITH_SKU_TITLE)?.isPreferred, false);
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), []);
  });

  test('the SKU fix on a Basic registry writes Premium and both properties, and the warning goes', async () => {
    const editor = await openFile('basic-sku.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const skuFix = actions.find((a) => a.title === FIX_WITH_SKU_TITLE);
    assert.ok(skuFix, actions.map((a) => a.title).join(', '));
    assert.ok(skuFix.edit && (await vscode.workspace.applyEdit(skuFix.edit)));
    assert.equal(editor.document.getText(), FIXED_BASIC_SKU);
    await waitForDiagnostics(editor.document.uri, 0);
    await revert(editor);
  });

  test('"Show documentation" runs the extension\'s command with the rule page', async () => {
    const editor = await openFile('registry.json');
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1);
    const actions = await codeActions(editor.document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const docs = actions.find((a) => a.title === DOCS_TITLE);
    assert.ok(docs, actions.map((a) => a.title).join(', '));
    assert.equal(docs.edit, undefined);
    assert.equal(docs.command?.command, 'acrGuard.showDocumentation');
    assert.deepEqual(docs.command?.arguments, [DOCS_URL]);
  });

  test('fix-all fixes every registry in the file in one edit', async () => {
    const editor = await openFile('two-registries.json');
    await waitForDiagnostics(editor.document.uri, 2);
    const actions = await codeActions(editor.document.uri, new vscode.Range(0, 0, 0, 0), FIX_ALL_KIND);
    assert.deepEqual(actions.map((a) => a.title), [FIX_ALL_TITLE]);
    const fixAll = actions[0]!;
    assert.equal(fixAll.kind?.value, FIX_ALL_KIND);
    assert.ok(fixAll.edit && (await vscode.workspace.applyEdit(fixAll.edit)));
    await waitForDiagnostics(editor.document.uri, 0);
    const text = editor.document.getText();
    assert.equal(text.match(/"status": "disabled"/g)?.length, 2);
    assert.equal(text.match(/"publicNetworkAccess": "Disabled"/g)?.length, 2);
    assert.equal(text.match(/"Enabled"/g), null);
    await revert(editor);
  });

  test('fix-all is not offered on a compliant template', async () => {
    const editor = await openFile('compliant.json');
    const failing = await openFile('registry.json');
    await waitForDiagnostics(failing.document.uri, 1);
    const actions = await codeActions(editor.document.uri, new vscode.Range(0, 0, 0, 0), FIX_ALL_KIND);
    assert.deepEqual(actions.map((a) => a.title), []);
  });
});
