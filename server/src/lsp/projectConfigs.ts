/**
 * PSRule configuration for the language server: ps-rule.yaml and `.ps-rule/*.Rule.yaml`, read from open documents
 * first and then from disk, cached until one of those files changes. Problems in them are published on the file.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyConfiguration, loadProjectConfiguration, type ConfigFileSource, type ProjectConfiguration } from '../core/psrule/projectConfiguration';
import { groupBy } from '../core/collections';
import { SOURCE } from './convert';
import type { WorkspaceFiles } from './workspaceFiles';

export function isConfigFile(uri: string): boolean {
  return /\/(ps-rule\.ya?ml|psrule\.yaml)$/i.test(uri) || /\/\.ps-rule\/[^/]+\.rule\.ya?ml$/i.test(uri);
}

export class ProjectConfigs {
  private readonly cache = new Map<string, ProjectConfiguration>();
  private readonly published = new Set<string>();

  constructor(private readonly connection: Connection, private readonly files: WorkspaceFiles) {}

  private readonly source: ConfigFileSource = {
    readFile: (path) => this.files.readText(pathToFileURL(path).href),
    listDir: (path) => {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
  };

  forDocument(uri: string): { configuration: ProjectConfiguration; filePath: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const filePath = fileURLToPath(uri);
    const rootUri = this.files.rootFor(uri);
    if (!rootUri) return { configuration: emptyConfiguration(), filePath };
    const root = fileURLToPath(rootUri);
    const key = `${filePath.replace(/\/[^/]*$/, '')}\n${root}`;
    let configuration = this.cache.get(key);
    if (!configuration) {
      configuration = loadProjectConfiguration(filePath, root, this.source);
      this.cache.set(key, configuration);
      this.publish(configuration);
    }
    return { configuration, filePath };
  }

  /** Forgets everything: a configuration file changed. */
  invalidate(): void {
    this.cache.clear();
    for (const uri of this.published) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
  }

  private publish(configuration: ProjectConfiguration): void {
    // One document per configuration file, however many problems it has.
    for (const [path, problems] of groupBy(configuration.diagnostics, (diagnostic) => diagnostic.path)) {
      const uri = pathToFileURL(path).href;
      const document = TextDocument.create(uri, 'yaml', 0, this.files.readText(uri) ?? '');
      const diagnostics: Diagnostic[] = problems.map((problem) => ({
        range: { start: document.positionAt(problem.span.start), end: document.positionAt(Math.max(problem.span.end, problem.span.start)) },
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        message: problem.message,
      }));
      this.published.add(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }
}
