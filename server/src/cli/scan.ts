/** Runs the engine over discovered files and, with --fix, applies the preferred fixes in place. */
import { chmodSync, closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync, realpathSync, unlinkSync } from 'node:fs';
import { dirname, join, basename, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeDocument, type DocumentAnalysis } from '../core/analysis/analyzeDocument';
import { applyEdits, appliesWithoutAsking, fixAll } from '../core/analysis/queries';
import { isPathIgnored } from '../core/psrule/projectConfiguration';
import { findRule } from '../core/rules/index';
import { groupBy } from '../core/collections';
import type { RuleFinding } from '../core/rules/rule';
import { LineIndex, PositionIndex } from '../core/text/lineIndex';
import { encodeText, encodingOf } from '../core/text/encoding';
import { readTextFile } from './textFile';
import { isRestoredModuleUri, restoredModuleName } from '../core/bicep/registryModules';
import { homedir } from 'node:os';
import type { Severity, TextEdit } from '../core/types';
import type { DiscoveredFile } from './discover';
import type { CliConfiguration } from './configuration';
import { githubCommand, shownPositions, type FindingFormatter, type Positions, type RenderedFindings } from './formats';
import type { OutputFormat } from './args';
import { nunitFixtures, type RenderedTests } from './nunit';
import { passedChecks } from '../core/analysis/passedChecks';
import type { AppliedConfiguration } from '../core/analysis/applyConfiguration';
import { mapped } from '../core/collections';

/** where Bicep's module cache is, unless a bicepconfig.json moves it */
const HOME_DIRECTORY = pathToFileURL(homedir()).href;

/** What reports need of a finding. */
export type ReportableFinding = Pick<RuleFinding, 'ruleId' | 'uri' | 'span' | 'message' | 'unresolved' | 'related' | 'fixes' | 'suppression'> & {
  resource: { type: string; displayName: string };
};

export interface FileChange {
  file: string;
  edits: number;
}

export interface ScanResult {
  /** the findings of each file scanned, rendered */
  findings: RenderedFindings[];
  /** findings a suppression applies to (listed by the JSON format, never counted for the exit code) */
  suppressed: RenderedFindings[];
  changes: FileChange[];
  errors: string[];
  /** configuration problems: reported, but the scan goes on with defaults */
  warnings: string[];
  /** what PSRule fails its run on besides findings (a suppression, with `execution.ruleSuppressed: Error`): fails this run too */
  failures: string[];
  /** registry modules and template specs Bicep has not restored (as referenced): their registries were not checked */
  unrestored: string[];
  /** the NUnit format's test fixtures of each file (passes included) */
  tests: RenderedTests[];
  scanned: number;
  /** files PSRule would not read (`input.pathIgnore`, the `.gitignore` where the scan runs): not read here either */
  leftOut: number;
}

/**
 * Positions in files other than the one being reported (parameter files, modules), each file read once. With
 * --fix a file can change during the scan: `forget` it, and the next finding that points into it reads it again.
 */
export class OtherFiles {
  private readonly known = new Map<string, Positions | undefined>();

  readonly linesOf = (path: string): Positions | undefined => {
    if (!this.known.has(path)) {
      try {
        const text = readTextFile(path);
        this.known.set(path, shownPositions(text, PositionIndex.of(text)));
      } catch {
        this.known.set(path, undefined);
      }
    }
    return this.known.get(path);
  };

  forget(path: string): void {
    this.known.delete(path);
  }
}

/** How a scan renders what it finds, and where it reads the other files a finding points into. */
export interface Reporting {
  formatter: FindingFormatter;
  otherFiles: OtherFiles;
}

/** The real path of `uri` when it is inside `root` (the workspace) after resolving symlinks, or a module restored in Bicep's cache. */
function pathInside(root: string, uri: string): string | undefined {
  const real = realpathSync(fileURLToPath(uri));
  const realRoot = realpathSync(root);
  const inside = real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  return inside || isRestoredModuleUri(pathToFileURL(real).href) ? real : undefined;
}

/** `read` of the real path of `uri` when it may be read (see pathInside); undefined when not, or when it fails. */
function readingInside<T>(root: string, uri: string, read: (path: string) => T): T | undefined {
  try {
    const path = pathInside(root, uri);
    return path === undefined ? undefined : read(path);
  } catch {
    return undefined;
  }
}

/** Reads files only inside `root` (the workspace), after resolving symlinks, and modules restored in Bicep's cache. */
export function readInside(root: string, uri: string): string | undefined {
  return readingInside(root, uri, readTextFile);
}

/** The names of the files (symbolic links to files included, folders not) in a folder inside `root`. */
function filesInside(root: string, uri: string): string[] | undefined {
  return readingInside(root, uri, (path) =>
    readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && statSync(join(path, entry.name)).isFile()))
      .map((entry) => entry.name),
  );
}

function severityOf(finding: ReportableFinding): Severity {
  if (finding.unresolved) return 'information';
  return findRule(finding.ruleId)?.metadata.defaultSeverity ?? 'warning';
}

function appliedConfiguration(file: DiscoveredFile, configuration: CliConfiguration): AppliedConfiguration {
  return { project: configuration.forFile(file.path, file.root), filePath: file.path };
}

function analyzeFile(file: DiscoveredFile, text: string, configuration: CliConfiguration) {
  const uri = pathToFileURL(file.path).href;
  return analyzeDocument(
    { uri, text },
    {
      readText: (other) => readInside(file.root, other),
      readBytes: (other) => readingInside(file.root, other, (path) => new Uint8Array(readFileSync(path))),
      listFiles: (other) => filesInside(file.root, other),
      workspaceRoots: [pathToFileURL(file.root).href],
      homeDirectory: HOME_DIRECTORY,
      configuration: appliedConfiguration(file, configuration),
    },
  );
}

/**
 * What the editor shows as notices (a link that is not followed, a file that is not analysed): warnings, which do not
 * fail the run; and those PSRule fails its run on (a suppression, with `execution.ruleSuppressed: Error`), which do.
 */
function noticeLines(file: DiscoveredFile, text: string, analysis: DocumentAnalysis, format: OutputFormat): { warnings: string[]; failures: string[] } {
  const lines = analysis.notices.length > 0 ? shownPositions(text, LineIndex.of(text)) : undefined;
  const shown = { warnings: [] as string[], failures: [] as string[] };
  for (const notice of analysis.notices) {
    const { line, character } = lines!.positionAt(notice.span.start);
    const at = `${file.display}:${line + 1}:${character + 1}`;
    if (!notice.failsRun) shown.warnings.push(`acr-guard: ${at}: ${notice.message}`);
    // In GitHub Actions, an annotation on the file, as the findings are (the runner reads workflow commands on stderr too).
    else if (format === 'github') shown.failures.push(githubCommand('error', file, lines!, notice.span, notice.ruleId ?? 'acr-guard', notice.message));
    else shown.failures.push(`acr-guard: error: ${at}: ${notice.message}`);
  }
  return shown;
}

/** The registry modules and template specs the analysis needed that Bicep has not restored, as they are referenced. */
function unrestoredModules(analysis: DocumentAnalysis): string[] {
  return analysis.dependencies.filter((uri) => isRestoredModuleUri(uri) && !existsSync(fileURLToPath(uri))).map((uri) => restoredModuleName(uri)!);
}

function emptyScanResult(): ScanResult {
  return { findings: [], suppressed: [], changes: [], errors: [], warnings: [], failures: [], unrestored: [], tests: [], scanned: 0, leftOut: 0 };
}

/** Scans the files one after another on this thread, handing each file's result over as soon as it is done. */
export function scanFiles(files: readonly DiscoveredFile[], fix: boolean, configuration: CliConfiguration, reporting: Reporting, onResult: (result: ScanResult) => void): void {
  // With --fix every file is fixed first, then scanned (and fixed again where the first round made that possible): a
  // fix in one file (a module's default) can clear the finding of a file analysed before it (its caller).
  if (fix) for (const file of files) onResult(fixFile(file, configuration, reporting));
  for (const file of files) onResult(scanFile(file, fix, configuration, reporting));
}

/** The first round of --fix: the file's safe fixes applied when every finding has one; the second round reports. */
function fixFile(file: DiscoveredFile, configuration: CliConfiguration, reporting: Reporting): ScanResult {
  const result = emptyScanResult();
  if (isPathIgnored(file.path, configuration.forFile(file.path, file.root).inputFilter)) return result;
  let text: string;
  try {
    text = readTextFile(file.path);
  } catch {
    // The second round says so.
    return result;
  }
  const { findings } = analyzeFile(file, text, configuration);
  if (findings.length > 0 && withoutSafeFix(findings).length === 0) applyFixes(file, text, fixAll(findings), result, reporting.otherFiles);
  return result;
}

/** The findings --fix cannot fix: it leaves a file with any of them as it is. */
const withoutSafeFix = (findings: readonly ReportableFinding[]) => findings.filter((finding) => !finding.fixes().some(appliesWithoutAsking));

/** Analyses one file (fixing it first with --fix): what it found, rendered for the report. */
export function scanFile(file: DiscoveredFile, fix: boolean, configuration: CliConfiguration, reporting: Reporting): ScanResult {
  const result = emptyScanResult();
  const project = configuration.forFile(file.path, file.root);
  result.warnings.push(...configuration.newDiagnostics(project));
  if (isPathIgnored(file.path, project.inputFilter)) {
    result.leftOut++;
    return result;
  }
  let text: string;
  try {
    text = readTextFile(file.path);
  } catch (error) {
    result.errors.push(`cannot read '${file.display}': ${(error as Error).message}`);
    return result;
  }
  result.scanned++;
  let analysis = analyzeFile(file, text, configuration);
  if (analysis.internalError) result.errors.push(`internal error in '${file.display}': ${analysis.internalError.message}`);
  const unfixable = fix ? withoutSafeFix(analysis.findings) : [];
  if (unfixable.length > 0) {
    result.warnings.push(`acr-guard: not fixed: '${file.display}' has ${unfixable.length} finding(s) without a safe fix`);
  } else if (fix && analysis.findings.length > 0) {
    // Analysed again after any edit: a fix can change another file that decides this one (an extended .bicepparam).
    const applied = applyFixes(file, text, fixAll(analysis.findings), result, reporting.otherFiles);
    if (applied !== undefined) {
      text = applied;
      analysis = analyzeFile(file, text, configuration);
    }
  }
  const notices = noticeLines(file, text, analysis, reporting.formatter.format);
  result.warnings.push(...notices.warnings);
  result.failures.push(...notices.failures);
  result.unrestored.push(...unrestoredModules(analysis));
  const passed = reporting.formatter.format === 'nunit' ? passedChecks(analysis, appliedConfiguration(file, configuration)) : [];
  if (analysis.findings.length === 0 && analysis.suppressed.length === 0 && passed.length === 0) return result;
  const lines = shownPositions(text, LineIndex.of(text));
  if (reporting.formatter.format === 'nunit') result.tests.push(nunitFixtures(analysis.uri, file, lines, analysis.findings, analysis.suppressed, passed));
  const render = (findings: readonly ReportableFinding[]) => reporting.formatter.render(mapped(findings, (finding) => ({ finding, severity: severityOf(finding), file, lines })));
  if (analysis.findings.length > 0) result.findings.push(render(analysis.findings));
  if (analysis.suppressed.length > 0) result.suppressed.push(render(analysis.suppressed));
  return result;
}

/**
 * Writes each edited file atomically (temporary file, then rename), keeping its permissions and its encoding. Returns
 * the text of `file` after the edits when any file was written, undefined when none was.
 */
function applyFixes(file: DiscoveredFile, text: string, edits: TextEdit[], result: ScanResult, otherFiles: OtherFiles): string | undefined {
  const byUri = groupBy(edits, (edit) => edit.uri);
  const selfUri = pathToFileURL(file.path).href;
  let own = text;
  let written = false;
  for (const [uri, fileEdits] of byUri) {
    const path = fileURLToPath(uri);
    if (!isInsideRoot(file.root, path)) {
      result.warnings.push(`acr-guard: not fixed: '${path}' resolves outside the workspace (a symbolic link?)`);
      continue;
    }
    const original = uri === selfUri ? text : readInside(file.root, uri);
    if (original === undefined) {
      result.errors.push(`not fixed: cannot read '${path}' inside the workspace`);
      continue;
    }
    const updated = applyEdits(original, fileEdits);
    try {
      writeAtomically(path, updated);
    } catch (error) {
      result.errors.push(`cannot write '${path}': ${(error as Error).message}`);
      continue;
    }
    otherFiles.forget(path);
    result.changes.push({ file: uri === selfUri ? file.display : path, edits: fileEdits.length });
    written = true;
    if (uri === selfUri) own = updated;
  }
  return written ? own : undefined;
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
  const bytes = encodeText(text, encodingOnDisk(real));
  const temporary = join(dirname(real), `.${basename(real)}.acr-guard-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode });
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

/** The encoding of the file at `path` as it is now, from its first two bytes (a UTF-16 byte order mark or not). */
function encodingOnDisk(path: string) {
  const head = new Uint8Array(2);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, head, 0, 2, 0);
  } finally {
    closeSync(descriptor);
  }
  return encodingOf(head);
}
