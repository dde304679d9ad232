// The extension loads in a real extension host: it activates on a JSON template and registers its commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile, waitFor } from './helpers';

suite('activation', () => {
  test('opening a template activates acr-guard and registers its commands', async () => {
    await openFile('compliant.json');
    const extension = vscode.extensions.getExtension('acr-guard.acr-guard');
    assert.ok(extension, 'acr-guard.acr-guard is not loaded');
    await waitFor('acr-guard to activate', () => (extension.isActive ? true : undefined));
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['acrGuard.scanWorkspace', 'acrGuard.showOutput', 'acrGuard.restartServer', 'acrGuard.showDocumentation']) {
      assert.ok(commands.includes(command), `${command} is not registered`);
    }
  });

  test('the settings are contributed with their documented defaults', () => {
    const settings = vscode.workspace.getConfiguration('acrGuard');
    assert.equal(settings.get('enable'), true);
    assert.deepEqual(settings.get('rules'), {});
    assert.equal(settings.get('validationDelay'), 200);
  });
});
