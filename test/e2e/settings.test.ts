// Settings apply live, without reloading the window: rule severity, enable, validation delay.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, FIX_TITLE, openFile, revert, RULE_ID, setSetting, waitForDiagnostics } from './helpers';

const { Warning, Error: ErrorSeverity, Information, Hint } = vscode.DiagnosticSeverity;

function withSeverity(severity: vscode.DiagnosticSeverity) {
  return ([d]: vscode.Diagnostic[]) => d!.severity === severity;
}

suite('settings', () => {
  teardown(async () => {
    await setSetting('rules', undefined);
    await setSetting('enable', undefined);
    await setSetting('validationDelay', undefined);
  });

  test('acrGuard.rules: off clears the diagnostic, then error, information and hint apply in turn', async () => {
    const editor = await openFile('registry.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 1, withSeverity(Warning));
    await setSetting('rules', { [RULE_ID]: 'off' });
    await waitForDiagnostics(uri, 0);
    await setSetting('rules', { [RULE_ID]: 'error' });
    await waitForDiagnostics(uri, 1, withSeverity(ErrorSeverity));
    await setSetting('rules', { [RULE_ID]: 'information' });
    await waitForDiagnostics(uri, 1, withSeverity(Information));
    await setSetting('rules', { [RULE_ID]: 'hint' });
    await waitForDiagnostics(uri, 1, withSeverity(Hint));
    await setSetting('rules', undefined);
    await waitForDiagnostics(uri, 1, withSeverity(Warning));
  });

  test('acrGuard.enable: false clears every open file, true brings the diagnostics back', async () => {
    const single = await openFile('registry.json');
    const double = await openFile('two-registries.json');
    await waitForDiagnostics(single.document.uri, 1);
    await waitForDiagnostics(double.document.uri, 2);
    await setSetting('enable', false);
    await waitForDiagnostics(single.document.uri, 0);
    await waitForDiagnostics(double.document.uri, 0);
    await setSetting('enable', true);
    await waitForDiagnostics(single.document.uri, 1);
    await waitForDiagnostics(double.document.uri, 2);
  });

  test('acrGuard.validationDelay: an edit is re-checked only after the configured pause', async () => {
    const delayMs = 1000;
    const editor = await openFile('registry.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 1);
    await setSetting('validationDelay', delayMs);
    // The server reads settings in order: once a later change (off) shows, it also has the delay.
    await setSetting('rules', { [RULE_ID]: 'off' });
    await waitForDiagnostics(uri, 0);
    await setSetting('rules', undefined);
    const [diagnostic] = await waitForDiagnostics(uri, 1);
    const [fix] = (await codeActions(uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.title === FIX_TITLE);
    assert.ok(fix?.edit);
    const editedAt = Date.now();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, 0);
    const elapsed = Date.now() - editedAt;
    assert.ok(elapsed >= delayMs - 100, `re-checked ${elapsed} ms after the edit, before the ${delayMs} ms delay`);
    await revert(editor);
  });
});
