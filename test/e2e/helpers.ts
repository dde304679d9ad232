// Helpers for the extension-host suite: poll, never sleep a fixed time.
import * as vscode from 'vscode';

export const RULE_ID = 'Azure.ACR.ExportPolicy';
export const DOCS_URL = 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/';
export const FIX_TITLE = 'Disable export and public network access';
export const FIX_WITH_SKU_TITLE = 'Disable export and public network access and set SKU to Premium';
export const DOCS_TITLE = 'Show documentation for Azure.ACR.ExportPolicy';
export const FIX_ALL_KIND = 'source.fixAll.acrGuard';
export const FIX_ALL_TITLE = 'Fix all Azure.ACR.ExportPolicy problems in this file';

export async function waitFor<T>(description: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}

export function acrDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'acr-guard');
}

export function waitForDiagnostics(uri: vscode.Uri, count: number, extra: (d: vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return waitFor(`${count} acr-guard diagnostic(s) on ${name} (now: ${describe(acrDiagnostics(uri))})`, () => {
    const diagnostics = acrDiagnostics(uri);
    return diagnostics.length === count && extra(diagnostics) ? diagnostics : undefined;
  });
}

function describe(diagnostics: vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none';
  return diagnostics.map((d) => `${vscode.DiagnosticSeverity[d.severity]} at ${d.range.start.line}:${d.range.start.character}`).join(', ');
}

/** executeCodeActionProvider right after opening a document is known to reject with `Canceled` now and then: retry only that. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('Canceled')) throw error;
    }
  }
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/** Drops unsaved edits, so each test starts from the fixture on disk. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${editor.document.uri.path} to be reverted`, () => (editor.document.isDirty ? undefined : true));
}

/** Writes an acrGuard setting into the workspace's .vscode/settings.json (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('acrGuard').update(key, value, vscode.ConfigurationTarget.Workspace);
}
