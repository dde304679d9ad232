// Helpers for the extension-host suite: poll, never sleep a fixed time.
import * as vscode from 'vscode';

export async function waitFor<T>(description: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}

export function acrDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'acr-guard');
}

export function waitForDiagnostics(uri: vscode.Uri, count: number, extra: (d: vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
  return waitFor(`${count} acr-guard diagnostic(s) on ${uri.path}`, () => {
    const diagnostics = acrDiagnostics(uri);
    return diagnostics.length === count && extra(diagnostics) ? diagnostics : undefined;
  });
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

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}
