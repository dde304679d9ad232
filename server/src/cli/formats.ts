/**
 * Report formats. The JSON format is a public contract (version 1): change it only by adding fields.
 * Each finding is rendered on its own, as soon as its file is analysed (on a worker thread when there are many
 * files), into a piece of the final report, and the report is written piece by piece as files finish. Written out,
 * the JSON, SARIF and GitLab reports are exactly `JSON.stringify(report, null, 2)` and a final line break; the NUnit
 * report (nunit.ts) is written whole at the end, as its totals come first.
 */
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES, findRule } from '../core/rules/index';
import { groupBy } from '../core/collections';
import type { Severity, Span } from '../core/types';
import type { Position } from '../core/text/lineIndex';
import type { OutputFormat } from './args';
import type { DiscoveredFile } from './discover';
import type { FileChange, ReportableFinding } from './scan';
import { nunitDocument, type RenderedTests, type TestTotals } from './nunit';

const VERSION = '0.1.0';

/** What a report needs of a file's lines: positions of offsets. */
export interface Positions {
  positionAt(offset: number): Position;
}

/**
 * Positions as editors count them, and so the problem matchers, annotations and code scanning views that open the
 * file: they drop a leading byte order mark, which the engine's offsets (into the text as read) count.
 */
export function shownPositions(text: string, positions: Positions): Positions {
  if (text.charCodeAt(0) !== 0xfeff) return positions;
  return {
    positionAt(offset) {
      const position = positions.positionAt(offset);
      return position.line === 0 ? { line: 0, character: Math.max(0, position.character - 1) } : position;
    },
  };
}

/** Positions of another file a fix or related location points into (a parameter file, a module), or undefined. */
export type LinesOf = (path: string) => Positions | undefined;

/** A finding about to be rendered, with the positions of its own file. */
export interface FindingToFormat {
  finding: ReportableFinding;
  severity: Severity;
  file: DiscoveredFile;
  lines: Positions;
}

/**
 * A file's findings as the report renders them: one string, the pieces already joined by the format's separator, so
 * a worker thread sends one string per file and the main thread writes it as it is.
 */
export interface RenderedFindings {
  pieces: string;
  count: number;
  /** the most severe finding's severity (the exit code depends on it) */
  worst: Severity | undefined;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function isAtLeast(severity: Severity | undefined, threshold: Severity): boolean {
  return severity !== undefined && RANK[severity] >= RANK[threshold];
}

export class FindingFormatter {
  constructor(
    readonly format: OutputFormat,
    private readonly cwd: string,
    private readonly linesOf: LinesOf,
  ) {}

  /** The findings of one file, in order. */
  render(findings: readonly FindingToFormat[]): RenderedFindings {
    let worst: Severity | undefined;
    for (const reported of findings) if (!isAtLeast(worst, reported.severity)) worst = reported.severity;
    return { pieces: this.pieces(findings), count: findings.length, worst };
  }

  /** Text lines each end a line; JSON findings (four spaces deep) and SARIF results (eight) are array elements. */
  private pieces(findings: readonly FindingToFormat[]): string {
    if (findings.length === 0) return '';
    switch (this.format) {
      case 'text':
        return findings.map(textLine).join('\n') + '\n';
      case 'github':
        return findings.map(githubAnnotation).join('\n') + '\n';
      case 'json':
        return findings.map((reported) => jsonFinding(reported, this.cwd, this.linesOf)).join(',\n');
      case 'sarif':
        return arrayElements(findings.map((reported) => sarifResult(reported, this.cwd, this.linesOf)), 8);
      case 'gitlab':
        return arrayElements(codeQualityIssues(findings, this.cwd), 2);
      case 'nunit':
        // Rendered as test fixtures instead, with the checks that pass (see nunit.ts).
        return '';
    }
  }
}

/**
 * Writes a report as the findings of each file arrive, in file order: only the suppressed findings (listed last by
 * the JSON format) wait until the end, so a scan of any size holds no more than a file's findings at a time.
 */
export class ReportWriter {
  private written = 0;
  private filesWithFindings = 0;
  /** the NUnit fixtures, kept until the totals that lead the document are known */
  private readonly fixtures: string[] = [];
  private readonly totals: TestTotals = { total: 0, failures: 0, inconclusive: 0, ignored: 0 };
  private readonly started = new Date();

  constructor(
    private readonly format: OutputFormat,
    private readonly emit: (piece: string) => void,
    private readonly cwd = '',
  ) {
    if (format === 'json') emit('{\n  "version": 1,\n  "findings": ');
    if (format === 'sarif') emit(SARIF_ENVELOPE[0]);
  }

  /** The findings of the next file. */
  add(file: RenderedFindings): void {
    if (file.count === 0) return;
    this.filesWithFindings++;
    this.items(file);
  }

  /** The NUnit test fixtures of the next file. */
  addTests(file: RenderedTests): void {
    if (file.xml) this.fixtures.push(file.xml);
    this.totals.total += file.total;
    this.totals.failures += file.failures;
    this.totals.inconclusive += file.inconclusive;
    this.totals.ignored += file.ignored;
  }

  finish(end: { suppressed: readonly RenderedFindings[]; changes: readonly FileChange[]; scanned: number; leftOut?: number; errors?: readonly string[] }): void {
    if (this.format === 'nunit') {
      this.emit(nunitDocument(this.fixtures, this.totals, this.started, Date.now() - this.started.getTime(), this.cwd, end.errors ?? []));
      return;
    }
    if (this.format === 'text' || this.format === 'github') {
      for (const change of end.changes) this.emit(`fixed: ${change.file} (${change.edits} edit${change.edits === 1 ? '' : 's'})\n`);
      const count = this.written;
      const files = this.filesWithFindings;
      // What PSRule's configuration leaves out is said, so a path that is never read is not a silent surprise.
      const leftOut = end.leftOut ? `, ${end.leftOut} left out by input.pathIgnore or .gitignore` : '';
      this.emit(`${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${end.scanned} scanned${leftOut})\n`);
      return;
    }
    if (this.format === 'json') {
      for (const file of end.suppressed) this.items(file);
      this.closeArray(2);
      if (end.changes.length > 0) this.emit(`,\n  "changes": ${JSON.stringify(end.changes, null, 2).replace(/\n/g, '\n  ')}`);
      this.emit('\n}\n');
      return;
    }
    if (this.format === 'gitlab') {
      this.closeArray(0);
      this.emit('\n');
      return;
    }
    // Suppressed results last, each with its suppression (GitHub and Azure DevOps show them as such, not as alerts).
    for (const file of end.suppressed) this.items(file);
    // runs[0].results sits six spaces deep.
    this.closeArray(6);
    this.emit(`${SARIF_ENVELOPE[1]}\n`);
  }

  /** A file's findings: lines of text, or elements of the JSON findings, SARIF results or GitLab issues array. */
  private items(file: RenderedFindings): void {
    if (file.count === 0 || this.format === 'nunit') return;
    if (this.format === 'text' || this.format === 'github') this.emit(file.pieces);
    else this.emit(`${this.written === 0 ? '[\n' : ',\n'}${file.pieces}`);
    this.written += file.count;
  }

  private closeArray(depth: number): void {
    this.emit(this.written === 0 ? '[]' : `\n${' '.repeat(depth)}]`);
  }
}

/**
 * Non-empty `items` as the elements of an array read `depth` spaces deep (a multiple of two) in a document that
 * JSON.stringify indents by two, joined by ",\n": one JSON.stringify of the items wrapped in arrays up to that depth,
 * less the wrappers' lines, so no pass re-indents the text.
 */
function arrayElements(items: readonly unknown[], depth: number): string {
  let wrapped: unknown = items;
  for (let level = 2; level < depth; level += 2) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each wrapper and the items' own array open with "<indent>[\n" and close with "\n<indent>]".
  let opening = 0;
  for (let indent = 0; indent < depth; indent += 2) opening += indent + 2;
  return text.slice(opening, text.length - opening);
}

function rangeOf(lines: Positions, span: Span) {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

function textLine({ finding, severity, file, lines }: FindingToFormat): string {
  const start = lines.positionAt(finding.span.start);
  // "info", not "information": the severity words VS Code's problem matchers know.
  return `${file.display}:${start.line + 1}:${start.character + 1}: ${severity === 'information' ? 'info' : severity} ${finding.ruleId}: ${finding.message}`;
}

/**
 * A GitHub Actions workflow command (`::warning file=...,line=...::message`): an annotation on the file and, in a
 * pull request, on its diff. Information and hints are notices. Escapes as the runner reads them: `%`, CR and LF
 * everywhere, and `:` and `,` in properties too.
 */
function githubAnnotation({ finding, severity, file, lines }: FindingToFormat): string {
  return githubCommand(severity, file, lines, finding.span, finding.ruleId, finding.message);
}

/** One workflow command: `title` and `message` at `span` of `file`. */
export function githubCommand(severity: Severity, file: DiscoveredFile, lines: Positions, span: Span, title: string, message: string): string {
  const { start, end } = rangeOf(lines, span);
  const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  // Forward slashes on every platform, as in the repository.
  const where = `file=${property(file.display.split(sep).join('/'))},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1}`;
  return `::${command} ${where},title=${property(title)}::${data(message)}`;
}

/** The path and lines of `uri`: the finding's own when it is the finding's file (most edits are). */
function linesFor(reported: FindingToFormat, uri: string, linesOf: LinesOf): { path: string; lines: Positions | undefined } {
  if (uri === reported.finding.uri) return { path: reported.file.path, lines: reported.lines };
  const path = fileURLToPath(uri);
  return { path, lines: path === reported.file.path ? reported.lines : linesOf(path) };
}

/** A string as JSON.stringify writes it: most strings need no escape and are only quoted. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** `{ "start": ..., "end": ... }` with its members at `indent` plus two spaces. */
function jsonRange(lines: Positions, span: Span, indent: string): string {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  const [i1, i2] = [`${indent}  `, `${indent}    `];
  return `{\n${i1}"start": {\n${i2}"line": ${start.line},\n${i2}"character": ${start.character}\n${i1}},\n${i1}"end": {\n${i2}"line": ${end.line},\n${i2}"character": ${end.character}\n${i1}}\n${indent}}`;
}

/**
 * A finding of the JSON report (the version 1 contract) as JSON text at the findings' depth, written directly in the
 * layout of JSON.stringify(..., null, 2): stringifying objects built for the purpose took a quarter longer.
 */
function jsonFinding(reported: FindingToFormat, cwd: string, linesOf: LinesOf): string {
  const { finding, severity, file, lines } = reported;
  const display = jsonString(file.display);
  let fixes = '';
  for (const fix of finding.fixes()) {
    let edits = '';
    for (const edit of fix.edits) {
      const { path, lines: editLines } = linesFor(reported, edit.uri, linesOf);
      // The finding's own file as the user named it, another file relative to the working directory.
      const editFile = path === file.path ? display : jsonString(relative(cwd, path));
      const range = editLines ? jsonRange(editLines, edit.span, '              ') : 'null';
      edits += `${edits ? ',\n' : ''}            {\n              "file": ${editFile},\n              "range": ${range},\n              "newText": ${jsonString(edit.newText)}\n            }`;
    }
    edits = edits ? `[\n${edits}\n          ]` : '[]';
    fixes += `${fixes ? ',\n' : ''}        {\n          "title": ${jsonString(fix.title)},\n          "isPreferred": ${fix.isPreferred},\n          "edits": ${edits}\n        }`;
  }
  fixes = fixes ? `[\n${fixes}\n      ]` : '[]';
  const suppression = finding.suppression
    ? `,\n      "suppressed": true${finding.suppression.reason === undefined ? '' : `,\n      "reason": ${jsonString(finding.suppression.reason)}`}`
    : '';
  return `    {
      "ruleId": ${jsonString(finding.ruleId)},
      "severity": ${jsonString(severity)},
      "file": ${display},
      "range": ${jsonRange(lines, finding.span, '      ')},
      "message": ${jsonString(finding.message)},
      "resource": {
        "type": ${jsonString(finding.resource.type)},
        "name": ${jsonString(finding.resource.displayName)}
      },
      "fixes": ${fixes}${suppression}
    }`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarifRegion(lines: Positions, span: Span) {
  const { start, end } = rangeOf(lines, span);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function sarifResult(reported: FindingToFormat, cwd: string, linesOf: LinesOf) {
  const { finding, severity, file, lines } = reported;
  // A URI reference, not a path: a space, '#' or '%' in a folder name must be percent-encoded, or '#' starts a fragment.
  const uriOf = (path: string) => relative(cwd, path).split(sep).map(encodeURIComponent).join('/');
  return {
    ruleId: finding.ruleId,
    ruleIndex: ALL_RULES.findIndex((r) => r.metadata.id === finding.ruleId),
    level: SARIF_LEVEL[severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(file.path) }, region: sarifRegion(lines, finding.span) } }],
    relatedLocations: finding.related.flatMap((related, id) => {
      const { path, lines: relatedLines } = linesFor(reported, related.location.uri, linesOf);
      return relatedLines
        ? [{ id, message: { text: related.message }, physicalLocation: { artifactLocation: { uri: uriOf(path) }, region: sarifRegion(relatedLines, related.location.span) } }]
        : [];
    }),
    ...(finding.suppression ? { suppressions: [{ kind: finding.suppression.kind, status: 'accepted', justification: finding.suppression.reason }] } : {}),
    fixes: finding.fixes().filter((f) => f.isPreferred).map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [...groupBy(fix.edits, (edit) => edit.uri)].flatMap(([uri, edits]) => {
        const { path, lines: editLines } = linesFor(reported, uri, linesOf);
        return editLines
          ? [{ artifactLocation: { uri: uriOf(path) }, replacements: edits.map((e) => ({ deletedRegion: sarifRegion(editLines, e.span), insertedContent: { text: e.newText } })) }]
          : [];
      }),
    })),
  };
}

const CODE_QUALITY_SEVERITY: Record<Severity, 'critical' | 'major' | 'info'> = { error: 'critical', warning: 'major', information: 'info', hint: 'info' };

/**
 * A file's findings as GitLab Code Quality issues (the subset of the Code Climate spec GitLab reads), for the merge
 * request widget. The fingerprint names the rule, the file and the registry, and counts repeats of the three in the
 * file, but not lines: an edit above a finding does not make it new. Suppressed findings are not listed.
 */
function codeQualityIssues(findings: readonly FindingToFormat[], cwd: string) {
  const seen = new Map<string, number>();
  return findings.map(({ finding, severity, file, lines }) => {
    const path = relative(cwd, file.path).split(sep).join('/');
    const identity = `${finding.ruleId}\0${path}\0${finding.resource.displayName}`;
    const repeat = seen.get(identity) ?? 0;
    seen.set(identity, repeat + 1);
    const { start, end } = rangeOf(lines, finding.span);
    return {
      type: 'issue',
      check_name: finding.ruleId,
      description: finding.message,
      categories: ['Security'],
      severity: CODE_QUALITY_SEVERITY[severity],
      fingerprint: createHash('sha256').update(`${identity}\0${repeat}`).digest('hex'),
      location: { path, positions: { begin: { line: start.line + 1, column: start.character + 1 }, end: { line: end.line + 1, column: end.character + 1 } } },
    };
  });
}

/** The SARIF document before and after its results array: the same for every scan. */
const SARIF_ENVELOPE = ((): [string, string] => {
  const rules = ALL_RULES.map((rule) => ({
    id: rule.metadata.id,
    name: rule.metadata.id.replace(/\./g, ''),
    shortDescription: { text: rule.metadata.title },
    fullDescription: { text: rule.metadata.synopsis },
    helpUri: rule.metadata.docsUrl,
    help: { text: `${rule.metadata.title}. See ${rule.metadata.docsUrl}` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.metadata.defaultSeverity] },
    properties: { tags: ['security', 'azure'], 'security-severity': '6.5', precision: 'high' },
  }));
  // Stands for the results array while the rest of the document is stringified around it.
  const placeholder = '\u0000acr-guard results\u0000';
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    // Columns count UTF-16 code units, as editors do; SARIF's default would be code points.
    runs: [{ tool: { driver: { name: 'acr-guard', version: VERSION, informationUri: findRule('Azure.ACR.ExportPolicy')?.metadata.docsUrl, rules } }, columnKind: 'utf16CodeUnits', results: placeholder }],
  };
  const [head, tail] = JSON.stringify(sarif, null, 2).split(JSON.stringify(placeholder));
  return [head!, tail!];
})();
