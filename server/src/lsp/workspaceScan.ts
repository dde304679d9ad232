/**
 * "ACR Guard: Scan workspace": analyses every template, parameter file and Bicep file under the workspace folders
 * (skipping node_modules, .git, `.gitignore`d files and `acrGuard.exclude` globs) and publishes the results of files
 * that are not open. With `acrGuard.workspaceScan.live`, files changed on disk are re-analysed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { diskDocument } from './diskDocument';
import { analyzeDocument } from '../core/analysis/analyzeDocument';
import { decodeText } from '../core/text/encoding';
import { toDiagnostics } from './convert';
import { analysisHost } from './analysisHost';
import type { SettingsCache } from './settings';
import type { WorkspaceFiles } from './workspaceFiles';
import type { ProjectConfigs } from './projectConfigs';

export const SCAN_WORKSPACE_REQUEST = 'acrGuard/scanWorkspace';
export const SCAN_PROGRESS_NOTIFICATION = 'acrGuard/scanProgress';
const SCANNED_EXTENSIONS = ['.json', '.jsonc', '.bicep', '.bicepparam'];
const isScannedFile = (uri: string) => SCANNED_EXTENSIONS.some((ext) => uri.toLowerCase().endsWith(ext));

export interface ScanSummary {
  files: number;
  findings: number;
  cancelled: boolean;
}

export class WorkspaceScanner {
  /** files whose results came from a scan, so closing them restores the on-disk results */
  private readonly scanned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly files: WorkspaceFiles,
    private readonly settings: SettingsCache,
    private readonly configs: ProjectConfigs,
  ) {}

  get hasResults(): boolean {
    return this.scanned.size > 0;
  }

  isScanned(uri: string): boolean {
    return this.scanned.has(uri);
  }

  async scan(token: CancellationToken): Promise<ScanSummary> {
    const candidates: string[] = [];
    for (const root of this.files.rootUris()) {
      const rootPath = fileURLToPath(root);
      const excludes = (await this.settings.get(root)).exclude;
      collect(rootPath, rootPath, ignore(), excludes, candidates);
    }
    let findings = 0;
    for (let index = 0; index < candidates.length; index++) {
      if (token.isCancellationRequested) return { files: index, findings, cancelled: true };
      void this.connection.sendNotification(SCAN_PROGRESS_NOTIFICATION, { done: index, total: candidates.length });
      findings += await this.publishFromDisk(pathToFileURL(candidates[index]!).href);
      // Let cancellation and editing requests through between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { files: candidates.length, findings, cancelled: false };
  }

  /** Re-analyses a file changed on disk (unless it is open: the editor's text wins). Returns its finding count. */
  async publishFromDisk(uri: string): Promise<number> {
    // Other files are watched too (files Bicep loads), but only templates and Bicep files are scanned.
    if (this.files.openDocument(uri) || !isScannedFile(uri)) return 0;
    const settings = await this.settings.get(uri);
    // An excluded file is neither read nor analysed (it is often large and generated).
    if (!settings.enable || this.files.isExcluded(uri, settings.exclude)) {
      this.scanned.add(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return 0;
    }
    let text: string;
    try {
      text = decodeText(readFileSync(fileURLToPath(uri))).text;
    } catch {
      this.forget(uri);
      return 0;
    }
    const analysis = analyzeDocument({ uri, text }, analysisHost(this.files, this.configs, uri, settings));
    const diagnostics = toDiagnostics(diskDocument(uri, 'json', text), analysis, settings, this.files.documentLookup());
    this.scanned.add(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics });
    return diagnostics.length;
  }

  forget(uri: string): void {
    if (this.scanned.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

function collect(root: string, dir: string, parentIgnore: Ignore, excludes: readonly string[], out: string[]): void {
  let ignoreHere = parentIgnore;
  try {
    const gitignore = readFileSync(join(dir, '.gitignore'), 'utf8');
    // Patterns of a nested .gitignore are relative to its folder: re-root them for the root-relative matcher.
    const prefix = relative(root, dir).split(sep).join('/');
    const rules = gitignore.split(/\r?\n/).filter((line) => line.trim() && !line.startsWith('#'));
    ignoreHere = ignore().add(parentIgnore).add(prefix ? rules.map((rule) => rerootGitignoreRule(rule, prefix)) : rules);
  } catch {
    // no .gitignore here
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    const relativePath = relative(root, path).split(sep).join('/');
    if (ignoreHere.ignores(entry.isDirectory() ? `${relativePath}/` : relativePath)) continue;
    if (excludes.some((glob) => minimatch(relativePath, glob, { dot: true }))) continue;
    if (entry.isDirectory()) collect(root, path, ignoreHere, excludes, out);
    else if (entry.isFile() && isScannedFile(entry.name)) out.push(path);
  }
}

function rerootGitignoreRule(rule: string, prefix: string): string {
  const negated = rule.startsWith('!');
  const body = negated ? rule.slice(1) : rule;
  const anchored = body.startsWith('/') || body.slice(0, -1).includes('/');
  const rerooted = anchored ? `${prefix}/${body.replace(/^\//, '')}` : `${prefix}/**/${body}`;
  return negated ? `!${rerooted}` : rerooted;
}
