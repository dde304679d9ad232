/**
 * PSRule configuration for the language server: ps-rule.yaml and `.ps-rule/*.Rule.yaml`, read from open documents
 * first and then from disk, cached until one of those files changes. Problems in them are published on the file.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diskDocument } from './diskDocument';
import { emptyConfiguration, loadProjectConfiguration, type ConfigFileSource, type ConfigurationChoice, type ProjectConfiguration } from '../core/psrule/projectConfiguration';
import { groupBy } from '../core/collections';
import { SOURCE } from './convert';
import type { WorkspaceFiles } from './workspaceFiles';
import type { PsRuleSettings } from './settings';

export function isConfigFile(uri: string): boolean {
  return /\/(ps-rule|psrule)\.ya?ml$/i.test(uri) || /\/\.ps-rule\/[^/]+\.rule\.ya?ml$/i.test(uri);
}

export class ProjectConfigs {
  private readonly cache = new Map<string, ProjectConfiguration>();
  private readonly published = new Set<string>();
  /** options files and suppression-group folders the settings name (any name): their changes count as configuration */
  private readonly namedFiles = new Set<string>();
  private readonly namedFolders = new Set<string>();

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

  /**
   * The configuration for a document: what PSRule finds by itself, or the files `acrGuard.psrule` names, relative to
   * the document's workspace folder (where PSRule runs in the editor, so `input.pathIgnore` is read from there).
   */
  forDocument(uri: string, named: PsRuleSettings): { configuration: ProjectConfiguration; filePath: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const filePath = fileURLToPath(uri);
    const rootUri = this.files.rootFor(uri);
    if (!rootUri) return { configuration: emptyConfiguration(), filePath };
    const root = fileURLToPath(rootUri);
    const choice: ConfigurationChoice = {};
    if (named.options) choice.explicit = { path: resolve(root, named.options), workingDir: root };
    if (named.source) choice.groupsDir = resolve(root, named.source);
    // An options file named by the settings applies to the whole folder; one found by itself, from the file's folder up.
    const key = JSON.stringify([choice.explicit ? '' : filePath.replace(/\/[^/]*$/, ''), root, choice.explicit?.path, choice.groupsDir]);
    let configuration = this.cache.get(key);
    if (!configuration) {
      configuration = loadProjectConfiguration(filePath, root, this.source, choice);
      if (choice.explicit) this.namedFiles.add(choice.explicit.path);
      if (choice.groupsDir) this.namedFolders.add(choice.groupsDir);
      this.cache.set(key, configuration);
      this.publish(configuration);
    }
    return { configuration, filePath };
  }

  /** Whether a file is one the settings name (an options file, or a suppression group in a named folder). */
  isNamedConfigFile(uri: string): boolean {
    if ((this.namedFiles.size === 0 && this.namedFolders.size === 0) || !uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    return this.namedFiles.has(path) || (this.namedFolders.has(path.replace(/\/[^/]*$/, '')) && /\.rule\.ya?ml$/i.test(path));
  }

  /** The named files and folders, as dependencies the client should watch (a folder ends in '/'). */
  namedDependencies(): string[] {
    return [...[...this.namedFiles].map((path) => pathToFileURL(path).href), ...[...this.namedFolders].map((path) => `${pathToFileURL(path).href}/`)];
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
      const document = diskDocument(uri, 'yaml', this.files.readText(uri) ?? '');
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
