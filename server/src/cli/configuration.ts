/** PSRule configuration for the CLI: read from disk, searched from each file up to its scanned root, cached. */
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadProjectConfiguration, type ConfigFileSource, type ProjectConfiguration } from '../core/psrule/projectConfiguration';
import type { ConfigDiagnostic } from '../core/psrule/options';
import { readTextFile } from './textFile';

export const diskSource: ConfigFileSource = {
  readFile(path) {
    try {
      return readTextFile(path);
    } catch {
      return undefined;
    }
  },
  listDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
};

export class CliConfiguration {
  private readonly cache = new Map<string, ProjectConfiguration>();
  readonly reported = new Set<string>();

  constructor(
    private readonly explicitConfig: string | undefined,
    private readonly cwd: string,
    /** `--source`: the folder of suppression groups */
    private readonly groupsDir?: string,
  ) {}

  forFile(filePath: string, root: string): ProjectConfiguration {
    const key = `${dirname(filePath)}\n${root}`;
    let configuration = this.cache.get(key);
    if (!configuration) {
      configuration = loadProjectConfiguration(filePath, root, diskSource, {
        explicit: this.explicitConfig ? { path: resolve(this.cwd, this.explicitConfig), workingDir: this.cwd } : undefined,
        groupsDir: this.groupsDir ? resolve(this.cwd, this.groupsDir) : undefined,
        workingDir: this.cwd,
        useGitIgnore: true,
      });
      this.cache.set(key, configuration);
    }
    return configuration;
  }

  /** Each configuration problem once, as `file:line:column: warning message`. */
  newDiagnostics(configuration: ProjectConfiguration): string[] {
    const lines: string[] = [];
    for (const diagnostic of configuration.diagnostics) {
      const key = `${diagnostic.path}:${diagnostic.span.start}:${diagnostic.message}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      lines.push(formatConfigDiagnostic(diagnostic));
    }
    return lines;
  }
}

function formatConfigDiagnostic(diagnostic: ConfigDiagnostic): string {
  const text = diskSource.readFile(diagnostic.path) ?? '';
  const before = text.slice(0, diagnostic.span.start);
  const line = before.split('\n').length;
  const column = diagnostic.span.start - before.lastIndexOf('\n');
  return `${diagnostic.path}:${line}:${column}: warning ${diagnostic.message}`;
}
