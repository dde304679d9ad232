/**
 * Report formats. The JSON format is a public contract (version 1): change it only by adding fields.
 * Each finding is rendered on its own, as soon as its file is analysed (on a worker thread when there are many
 * files), into a piece of the final report; the report is then those pieces joined in order with a header and a footer.
 * Joined, the JSON and SARIF pieces are exactly `JSON.stringify(report, null, 2)` and a final line break.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES, findRule } from '../core/rules/index';
import type { Severity, Span, TextEdit } from '../core/types';
import type { Position } from '../core/text/lineIndex';
import type { OutputFormat } from './args';
import type { DiscoveredFile } from './discover';
import type { ReportableFinding, ScanResult } from './scan';

const VERSION = '0.1.0';

/** What a report needs of a file's lines: positions of offsets. */
export interface Positions {
  positionAt(offset: number): Position;
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

/** A finding as its report renders it: plain strings, cheap to send from a worker thread and to keep until the end. */
export interface FormattedFinding {
  severity: Severity;
  /** the absolute path of the finding's file (the text format counts the files with findings) */
  path: string;
  piece: string;
}

export class FindingFormatter {
  constructor(
    readonly format: OutputFormat,
    private readonly cwd: string,
    private readonly linesOf: LinesOf,
  ) {}

  render(reported: FindingToFormat): FormattedFinding {
    return { severity: reported.severity, path: reported.file.path, piece: this.piece(reported) };
  }

  private piece(reported: FindingToFormat): string {
    switch (this.format) {
      case 'text':
        return textLine(reported);
      case 'json':
        return indented(JSON.stringify(jsonFinding(reported, this.cwd, this.linesOf), null, 2), 4);
      case 'sarif':
        return indented(JSON.stringify(sarifResult(reported, this.cwd, this.linesOf), null, 2), 8);
    }
  }
}

/** The whole report in pieces, so a report of thousands of findings is never built as one string. */
export function reportPieces(format: OutputFormat, result: ScanResult): Iterable<string> {
  switch (format) {
    case 'text':
      return textPieces(result);
    case 'json':
      return jsonPieces(result);
    case 'sarif':
      return sarifPieces(result);
  }
}

/** `text` as it reads nested `depth` spaces deep in a document that JSON.stringify indents by two. */
function indented(text: string, depth: number): string {
  const indent = ' '.repeat(depth);
  return indent + text.replace(/\n/g, `\n${indent}`);
}

/** Pieces of a JSON array `depth` spaces deep, each piece already indented one level deeper. */
function* jsonArray(pieces: readonly string[], depth: number): Generator<string> {
  if (pieces.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  for (const [index, piece] of pieces.entries()) yield `${index === 0 ? '\n' : ',\n'}${piece}`;
  yield `\n${' '.repeat(depth)}]`;
}

function rangeOf(lines: Positions, span: Span) {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

function textLine({ finding, severity, file, lines }: FindingToFormat): string {
  const start = lines.positionAt(finding.span.start);
  // "info", not "information": the severity words VS Code's problem matchers know.
  return `${file.display}:${start.line + 1}:${start.character + 1}: ${severity === 'information' ? 'info' : severity} ${finding.ruleId}: ${finding.message}`;
}

function* textPieces(result: ScanResult): Generator<string> {
  for (const { piece } of result.findings) yield `${piece}\n`;
  for (const change of result.changes) yield `fixed: ${change.file} (${change.edits} edit${change.edits === 1 ? '' : 's'})\n`;
  const count = result.findings.length;
  const files = new Set(result.findings.map((f) => f.path)).size;
  yield `${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${result.scanned} scanned)\n`;
}

function* jsonPieces(result: ScanResult): Generator<string> {
  yield '{\n  "version": 1,\n  "findings": ';
  yield* jsonArray([...result.findings, ...result.suppressed].map((f) => f.piece), 2);
  if (result.changes.length > 0) yield `,\n  "changes": ${JSON.stringify(result.changes, null, 2).replace(/\n/g, '\n  ')}`;
  yield '\n}\n';
}

/** The path and lines of `uri`: the finding's own when it is the finding's file (most edits are). */
function linesFor(reported: FindingToFormat, uri: string, linesOf: LinesOf): { path: string; lines: Positions | undefined } {
  if (uri === reported.finding.uri) return { path: reported.file.path, lines: reported.lines };
  const path = fileURLToPath(uri);
  return { path, lines: path === reported.file.path ? reported.lines : linesOf(path) };
}

function jsonFinding(reported: FindingToFormat, cwd: string, linesOf: LinesOf) {
  const { finding, severity, file, lines } = reported;
  return {
    ruleId: finding.ruleId,
    severity,
    file: file.display,
    range: rangeOf(lines, finding.span),
    message: finding.message,
    resource: { type: finding.resource.type, name: finding.resource.displayName },
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      isPreferred: fix.isPreferred,
      edits: fix.edits.map((edit) => {
        const { path, lines: editLines } = linesFor(reported, edit.uri, linesOf);
        // The finding's own file as the user named it, another file relative to the working directory.
        return { file: path === file.path ? file.display : relative(cwd, path), range: editLines ? rangeOf(editLines, edit.span) : null, newText: edit.newText };
      }),
    })),
    ...(finding.suppression ? { suppressed: true, reason: finding.suppression.reason } : {}),
  };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarifRegion(lines: Positions, span: Span) {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function sarifResult(reported: FindingToFormat, cwd: string, linesOf: LinesOf) {
  const { finding, severity, file, lines } = reported;
  const uriOf = (path: string) => relative(cwd, path).split('\\').join('/');
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
    fixes: finding.fixes.filter((f) => f.isPreferred).map((fix) => ({
      description: { text: fix.title },
      artifactChanges: groupByFile(fix.edits).flatMap(([uri, edits]) => {
        const { path, lines: editLines } = linesFor(reported, uri, linesOf);
        return editLines
          ? [{ artifactLocation: { uri: uriOf(path) }, replacements: edits.map((e) => ({ deletedRegion: sarifRegion(editLines, e.span), insertedContent: { text: e.newText } })) }]
          : [];
      }),
    })),
  };
}

/** Stands for the results array while the rest of the SARIF document is stringified around it. */
const RESULTS_PLACEHOLDER = '\u0000acr-guard results\u0000';

function* sarifPieces(result: ScanResult): Generator<string> {
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
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'acr-guard', version: VERSION, informationUri: findRule('Azure.ACR.ExportPolicy')?.metadata.docsUrl, rules } }, results: RESULTS_PLACEHOLDER }],
  };
  const [head, tail] = JSON.stringify(sarif, null, 2).split(JSON.stringify(RESULTS_PLACEHOLDER));
  yield head!;
  // runs[0].results sits six spaces deep.
  yield* jsonArray(result.findings.map((f) => f.piece), 6);
  yield `${tail!}\n`;
}

function groupByFile(edits: readonly TextEdit[]): [string, TextEdit[]][] {
  const groups = new Map<string, TextEdit[]>();
  for (const edit of edits) groups.set(edit.uri, [...(groups.get(edit.uri) ?? []), edit]);
  return [...groups];
}
