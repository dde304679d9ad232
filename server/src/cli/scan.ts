/** Runs the engine over discovered files and, with --fix, applies the preferred fixes in place. */
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync, realpathSync, unlinkSync } from 'node:fs';
import { dirname, join, basename, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeDocument } from '../core/analysis/analyzeDocument';
import { applyEdits, fixAll } from '../core/analysis/queries';
import { findRule } from '../core/rules/index';
import type { RuleFinding } from '../core/rules/rule';
import { PositionIndex } from '../core/text/lineIndex';
import type { Severity, TextEdit } from '../core/types';
import type { DiscoveredFile } from './discover';
import type { CliConfiguration } from './configuration';

/** What reports need of a finding: plain data, so worker threads can send it back. */
export type ReportableFinding = Pick<RuleFinding, 'ruleId' | 'uri' | 'span' | 'message' | 'unresolved' | 'related' | 'fixes' | 'suppression'> & {
  resource: { type: string; displayName: string };
};

export function toReportable(finding: RuleFinding): ReportableFinding {
  const { ruleId, uri, span, message, unresolved, related, fixes, suppression } = finding;
  return { ruleId, uri, span, message, unresolved, related, fixes, suppression, resource: { type: finding.resource.type, displayName: finding.resource.displayName } };
}

export interface ReportedFinding {
  finding: ReportableFinding;
  severity: Severity;
  file: DiscoveredFile;
  lines: PositionIndex;
}

export interface FileChange {
  file: string;
  edits: number;
}

export interface ScanResult {
  findings: ReportedFinding[];
  /** findings a suppression applies to (listed by the JSON format, never counted for the exit code) */
  suppressed: ReportedFinding[];
  changes: FileChange[];
  errors: string[];
  /** configuration problems: reported, but the scan goes on with defaults */
  warnings: string[];
  scanned: number;
}

/** Reads files only inside `root`, after resolving symlinks. */
export function readInside(root: string, uri: string): string | undefined {
  try {
    const real = realpathSync(fileURLToPath(uri));
    const realRoot = realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return undefined;
    return readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}

export function severityOf(finding: ReportableFinding): Severity {
  if (finding.unresolved) return 'information';
  return findRule(finding.ruleId)?.metadata.defaultSeverity ?? 'warning';
}

function analyzeFile(file: DiscoveredFile, text: string, configuration: CliConfiguration) {
  const uri = pathToFileURL(file.path).href;
  return analyzeDocument(
    { uri, text },
    {
      readText: (other) => readInside(file.root, other),
      workspaceRoots: [pathToFileURL(file.root).href],
      configuration: { project: configuration.forFile(file.path, file.root), filePath: file.path },
    },
  );
}

export function emptyScanResult(): ScanResult {
  return { findings: [], suppressed: [], changes: [], errors: [], warnings: [], scanned: 0 };
}

export function scanFiles(files: readonly DiscoveredFile[], fix: boolean, configuration: CliConfiguration): ScanResult {
  const result = emptyScanResult();
  for (const file of files) scanFile(file, fix, configuration, result);
  return result;
}

/** Analyses one file (fixing it first with --fix) and adds what it found to `result`. */
export function scanFile(file: DiscoveredFile, fix: boolean, configuration: CliConfiguration, result: ScanResult): void {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    result.errors.push(`cannot read '${file.display}': ${(error as Error).message}`);
    return;
  }
  result.scanned++;
  result.warnings.push(...configuration.newDiagnostics(configuration.forFile(file.path, file.root)));
  let analysis = analyzeFile(file, text, configuration);
  if (analysis.internalError) result.errors.push(`internal error in '${file.display}': ${analysis.internalError.message}`);
  const unfixable = analysis.findings.filter((f) => !f.fixes.some((x) => !x.suppresses));
  if (fix && unfixable.length > 0) {
    result.warnings.push(`acr-guard: not fixed: '${file.display}' has ${unfixable.length} finding(s) without a safe fix`);
  } else if (fix && analysis.findings.length > 0) {
    const applied = applyFixes(file, text, fixAll(analysis.findings), result);
    if (applied !== undefined) {
      text = applied;
      analysis = analyzeFile(file, text, configuration);
    }
  }
  // Positions, not the text: a scan of thousands of files keeps one of these per file until it reports.
  const lines = PositionIndex.of(text);
  for (const finding of analysis.findings.map(toReportable)) result.findings.push({ finding, severity: severityOf(finding), file, lines });
  for (const finding of analysis.suppressed.map(toReportable)) result.suppressed.push({ finding, severity: severityOf(finding), file, lines });
}

/** Writes each edited file atomically (temporary file, then rename), keeping its permissions. Returns the new text of `file`. */
function applyFixes(file: DiscoveredFile, text: string, edits: TextEdit[], result: ScanResult): string | undefined {
  const byUri = new Map<string, TextEdit[]>();
  for (const edit of edits) byUri.set(edit.uri, [...(byUri.get(edit.uri) ?? []), edit]);
  const selfUri = pathToFileURL(file.path).href;
  let own: string | undefined;
  for (const [uri, fileEdits] of byUri) {
    const path = fileURLToPath(uri);
    if (!isInsideRoot(file.root, path)) {
      result.warnings.push(`acr-guard: not fixed: '${path}' resolves outside the scanned folder (a symbolic link?)`);
      continue;
    }
    const original = uri === selfUri ? text : readInside(file.root, uri);
    if (original === undefined) {
      result.errors.push(`not fixed: cannot read '${path}' inside the scanned folder`);
      continue;
    }
    const updated = applyEdits(original, fileEdits);
    try {
      writeAtomically(path, updated);
    } catch (error) {
      result.errors.push(`cannot write '${path}': ${(error as Error).message}`);
      continue;
    }
    result.changes.push({ file: uri === selfUri ? file.display : path, edits: fileEdits.length });
    if (uri === selfUri) own = updated;
  }
  return own;
}

function isInsideRoot(root: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    const realRoot = realpathSync(root);
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  } catch {
    return false;
  }
}

function writeAtomically(path: string, text: string): void {
  const real = realpathSync(path);
  const mode = statSync(real).mode;
  const temporary = join(dirname(real), `.${basename(real)}.acr-guard-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { encoding: 'utf8', mode });
    chmodSync(temporary, mode & 0o7777);
    renameSync(temporary, real);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw error;
  }
}
