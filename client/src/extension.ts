// The extension: starts the language server over IPC and registers commands. All logic lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

const LANGUAGES = ['json', 'jsonc', 'bicep', 'bicep-params'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ACR Guard', { log: true });
  const status = vscode.window.createStatusBarItem('acrGuard.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'ACR Guard';
  status.command = 'acrGuard.showOutput';
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: 'acrGuard' },
    outputChannel: output,
  };
  client = new LanguageClient('acrGuard', 'ACR Guard', serverOptions, clientOptions);

  const showStatus = (running: boolean) => {
    status.text = running ? '$(shield) ACR Guard' : '$(warning) ACR Guard';
    status.tooltip = running ? 'ACR Guard language server is running' : 'ACR Guard language server is not running';
    status.show();
  };
  context.subscriptions.push(
    client.onDidChangeState((event) => showStatus(event.newState === 2 /* Running */)),
    vscode.commands.registerCommand('acrGuard.showOutput', () => output.show()),
    vscode.commands.registerCommand('acrGuard.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('acrGuard.showDocumentation', (url: string) => vscode.env.openExternal(vscode.Uri.parse(url))),
  );
  showStatus(false);
  await client.start();
  showStatus(true);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
