/** Wires the language server: capabilities and one-line handlers that call the core. */
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { hoverAt } from '../core/analysis/queries';
import { provideCodeActions } from './codeActions';
import { editableTextDocuments } from './editableTextDocument';
import { FIX_ALL_KIND, toRange } from './convert';
import { runSafe } from './runSafe';
import { SettingsCache } from './settings';
import { Validator } from './validation';
import { WorkspaceFiles } from './workspaceFiles';
import { SCAN_WORKSPACE_REQUEST, WorkspaceScanner } from './workspaceScan';
import { isConfigFile, ProjectConfigs } from './projectConfigs';
import { DependencyWatcher } from './dependencyWatcher';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(editableTextDocuments);
  const files = new WorkspaceFiles(documents);
  const settings = new SettingsCache(connection);
  const configs = new ProjectConfigs(connection, files);
  const watcher = new DependencyWatcher(connection, `${files.homeDirectory}/.bicep`);
  const validator = new Validator(connection, files, settings, configs, (analysis) => watcher.watch([...analysis.dependencies, ...configs.namedDependencies()]));
  const scanner = new WorkspaceScanner(connection, files, settings, configs);
  let supportsFolderChanges = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.setClientSupport(!!params.capabilities.workspace?.configuration);
    supportsFolderChanges = !!params.capabilities.workspace?.workspaceFolders;
    watcher.setClientSupport(params.capabilities);
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    files.setRoots(roots);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'acr-guard', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (!supportsFolderChanges) return;
    // What may be read, and which PSRule files apply, depend on the folders: every open document is checked again.
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((folders) => {
        files.setRoots(folders?.map((f) => f.uri) ?? []);
        configChanged();
      });
    });
  });

  connection.onDidChangeConfiguration((change) => {
    settings.clear();
    settings.setGlobal((change.settings as { acrGuard?: unknown } | undefined)?.acrGuard);
    validator.scheduleAll();
  });

  const configChanged = () => {
    configs.invalidate();
    validator.invalidateAll();
  };
  const configures = (uri: string) => isConfigFile(uri) || configs.isNamedConfigFile(uri);
  documents.onDidOpen((event) => (configures(event.document.uri) ? configChanged() : validator.schedule(event.document)));
  documents.onDidChangeContent((event) => (configures(event.document.uri) ? configChanged() : validator.schedule(event.document)));
  documents.onDidClose((event) => {
    if (configures(event.document.uri)) return configChanged();
    settings.clear(event.document.uri);
    validator.close(event.document.uri);
    // A scanned file falls back to its on-disk results.
    if (scanner.isScanned(event.document.uri)) void scanner.publishFromDisk(event.document.uri);
  });

  connection.onRequest(SCAN_WORKSPACE_REQUEST, (_params, token) => scanner.scan(token));

  connection.onDidChangeWatchedFiles(async (change) => {
    if (change.changes.some((event) => configures(event.uri))) configChanged();
    for (const event of change.changes) {
      validator.scheduleDependents(event.uri);
      const live = (await settings.get(event.uri)).workspaceScanLive;
      if (!live && !scanner.isScanned(event.uri)) continue;
      if (event.type === 3 /* Deleted */) scanner.forget(event.uri);
      else if (live || scanner.hasResults) await scanner.publishFromDisk(event.uri);
    }
  });

  connection.onHover((params, token) =>
    runSafe(connection, 'hover', token, null, async () => {
      const settingsOfDocument = await settings.get(params.textDocument.uri);
      const document = files.openDocument(params.textDocument.uri);
      if (!document) return null;
      const hover = hoverAt(validator.shownAnalysis(document, settingsOfDocument), document.offsetAt(params.position));
      return hover ? { contents: { kind: 'markdown' as const, value: hover.markdown }, range: toRange(document, hover.span) } : null;
    }),
  );

  connection.onCodeAction((params, token) => runSafe(connection, 'code actions', token, [], async () => provideCodeActions(params, files, validator, await settings.get(params.textDocument.uri))));

  documents.listen(connection);
  connection.listen();
}
