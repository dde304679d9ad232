// The languages other extensions give these files: ARM Tools' 'arm-template', and untitled documents in Bicep mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, FIX_TITLE, waitForDiagnostics } from './helpers';

const TEMPLATE = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'contoso', location: 'westeurope', sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Enabled' } }],
  },
  null,
  2,
);

const BICEP = "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  location: 'westeurope'\n  sku: {\n    name: 'Premium'\n  }\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n";

async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('languages', () => {
  test("a template in the 'arm-template' language (the Azure Resource Manager Tools extension's) is checked", async () => {
    // The fixture extension test/fixtures/e2e-extensions/arm-template-language contributes the language, as ARM Tools does.
    const document = await vscode.workspace.openTextDocument({ language: 'arm-template', content: TEMPLATE });
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'arm-template');
    const [diagnostic] = await waitForDiagnostics(document.uri, 1);
    assert.equal(document.getText(diagnostic!.range), '"Enabled"');
    await closeWithoutSaving(document);
  });

  test('an untitled document in Bicep mode is checked as Bicep, with Bicep fixes', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'bicep', content: BICEP });
    await vscode.window.showTextDocument(document);
    assert.equal(document.uri.scheme, 'untitled');
    const [diagnostic] = await waitForDiagnostics(document.uri, 1);
    assert.equal(document.getText(diagnostic!.range), "'Enabled'");
    const fix = (await codeActions(document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)).find((action) => action.title === FIX_TITLE);
    assert.ok(fix?.edit, 'the quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /publicNetworkAccess: 'Disabled'\n {4}policies: \{\n {6}exportPolicy: \{\n {8}status: 'disabled'/);
    await waitForDiagnostics(document.uri, 0);
    await closeWithoutSaving(document);
  });
});
