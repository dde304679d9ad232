// The extension: starts the language server over IPC and registers commands. All logic lives in the server.
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } from './serverProcess';

let client: LanguageClient | undefined;

// 'arm-template': what the Azure Resource Manager Tools extension makes every JSON file with a template schema.
const LANGUAGES = ['json', 'jsonc', 'arm-template', 'bicep', 'bicep-params'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ACR Guard', { log: true });
  const status = vscode.window.createStatusBarItem('acrGuard.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'ACR Guard';
  status.command = 'acrGuard.showOutput';
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // PSRule configuration: edits re-validate open documents before they are saved.
      { scheme: 'file', pattern: '**/{ps-rule.yaml,ps-rule.yml,psrule.yaml,psrule.yml}' },
      { scheme: 'file', pattern: '**/.ps-rule/*.{yaml,yml}' },
    ],
    synchronize: {
      configurationSection: 'acrGuard',
      // Templates and parameter files read each other; workspace-scan results follow changes on disk.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc,bicep,bicepparam}'),
        vscode.workspace.createFileSystemWatcher('**/{ps-rule.yaml,ps-rule.yml,psrule.yaml,psrule.yml,.ps-rule/*.yaml,.ps-rule/*.yml}'),
        // Registry modules and template specs Bicep restores while a file that uses them is open.
        vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.join(os.homedir(), '.bicep')), '{br,ts}/**/main.json')),
      ],
    },
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
    vscode.commands.registerCommand('acrGuard.scanWorkspace', () => scanWorkspace()),
  );
  showStatus(false);
  await client.start();
  showStatus(true);
}

interface ScanSummary {
  files: number;
  findings: number;
  cancelled: boolean;
}

function scanWorkspace(): Thenable<ScanSummary | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ACR Guard: scanning workspace', cancellable: true },
    async (progress, token) => {
      if (!client) return undefined;
      let reported = 0;
      const listener = client.onNotification('acrGuard/scanProgress', ({ done, total }: { done: number; total: number }) => {
        const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
        progress.report({ increment: percent - reported, message: `${done} of ${total} files` });
        reported = percent;
      });
      try {
        const summary = await client.sendRequest<ScanSummary>('acrGuard/scanWorkspace', {}, token);
        const verb = summary.cancelled ? 'Scan cancelled after' : 'Scanned';
        void vscode.window.showInformationMessage(`ACR Guard: ${verb} ${summary.files} files; ${summary.findings} problems are in the Problems panel.`);
        return summary;
      } finally {
        listener.dispose();
      }
    },
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
