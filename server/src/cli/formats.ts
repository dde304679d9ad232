/** Report formats. The JSON format is a public contract (version 1): change it only by adding fields. */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES, findRule } from '../core/rules/index';
import type { Severity, Span, TextEdit } from '../core/types';
import type { Position } from '../core/text/lineIndex';

/** What a report needs of a file's lines: positions of offsets. */
export interface Positions {
  positionAt(offset: number): Position;
}
import type { ReportedFinding, ScanResult } from './scan';

const VERSION = '0.1.0';

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function rangeOf(lines: Positions, span: Span): JsonRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** A fix edit's file, as the finding's file when it is the same document, else relative to the working directory. */
function editFile(reported: ReportedFinding, edit: TextEdit, cwd: string): string {
  const path = fileURLToPath(edit.uri);
  return path === reported.file.path ? reported.file.display : relative(cwd, path);
}

export function formatText(result: ScanResult): string {
  const lines: string[] = [];
  for (const { finding, severity, file, lines: index } of result.findings) {
    const start = index.positionAt(finding.span.start);
    // "info", not "information": the severity words VS Code's problem matchers know.
    lines.push(`${file.display}:${start.line + 1}:${start.character + 1}: ${severity === 'information' ? 'info' : severity} ${finding.ruleId}: ${finding.message}`);
  }
  for (const change of result.changes) lines.push(`fixed: ${change.file} (${change.edits} edit${change.edits === 1 ? '' : 's'})`);
  const files = new Set(result.findings.map((f) => f.file.path)).size;
  lines.push(`${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${result.scanned} scanned)`);
  return lines.join('\n') + '\n';
}

/**
 * The JSON report in pieces, one per finding, so a report of thousands of findings is never built as one string.
 * Joined, the pieces are exactly `JSON.stringify(report, null, 2)` and a final line break.
 */
export function* formatJsonPieces(result: ScanResult, cwd: string, readLines: (path: string) => Positions | undefined): Generator<string> {
  const reported = [...result.findings, ...result.suppressed];
  yield `{\n  "version": 1,\n  "findings": ${reported.length === 0 ? '[]' : '['}`;
  for (const [index, finding] of reported.entries()) {
    yield `${index === 0 ? '\n' : ',\n'}    ${JSON.stringify(jsonFinding(finding, cwd, readLines), null, 2).replace(/\n/g, '\n    ')}`;
  }
  if (reported.length > 0) yield '\n  ]';
  if (result.changes.length > 0) yield `,\n  "changes": ${JSON.stringify(result.changes, null, 2).replace(/\n/g, '\n  ')}`;
  yield '\n}\n';
}

function jsonFinding(reported: ReportedFinding, cwd: string, readLines: (path: string) => Positions | undefined) {
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
        const path = fileURLToPath(edit.uri);
        const editLines = path === file.path ? lines : readLines(path);
        return { file: editFile(reported, edit, cwd), range: editLines ? rangeOf(editLines, edit.span) : null, newText: edit.newText };
      }),
    })),
    ...(finding.suppression ? { suppressed: true, reason: finding.suppression.reason } : {}),
  };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(result: ScanResult, cwd: string, readLines: (path: string) => Positions | undefined): string {
  const region = (lines: Positions, span: Span) => {
    const start = lines.positionAt(span.start);
    const end = lines.positionAt(span.end);
    return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const uriOf = (path: string) => relative(cwd, path).split('\\').join('/');
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
  const results = result.findings.map(({ finding, severity, file, lines }) => ({
    ruleId: finding.ruleId,
    ruleIndex: ALL_RULES.findIndex((r) => r.metadata.id === finding.ruleId),
    level: SARIF_LEVEL[severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(file.path) }, region: region(lines, finding.span) } }],
    relatedLocations: finding.related.flatMap((related, id) => {
      const path = fileURLToPath(related.location.uri);
      const relatedLines = path === file.path ? lines : readLines(path);
      return relatedLines
        ? [{ id, message: { text: related.message }, physicalLocation: { artifactLocation: { uri: uriOf(path) }, region: region(relatedLines, related.location.span) } }]
        : [];
    }),
    fixes: finding.fixes.filter((f) => f.isPreferred).map((fix) => ({
      description: { text: fix.title },
      artifactChanges: groupByFile(fix.edits).flatMap(([uri, edits]) => {
        const path = fileURLToPath(uri);
        const editLines = path === file.path ? lines : readLines(path);
        return editLines
          ? [{ artifactLocation: { uri: uriOf(path) }, replacements: edits.map((e) => ({ deletedRegion: region(editLines, e.span), insertedContent: { text: e.newText } })) }]
          : [];
      }),
    })),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'acr-guard', version: VERSION, informationUri: findRule('Azure.ACR.ExportPolicy')?.metadata.docsUrl, rules } }, results }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function groupByFile(edits: readonly TextEdit[]): [string, TextEdit[]][] {
  const groups = new Map<string, TextEdit[]>();
  for (const edit of edits) groups.set(edit.uri, [...(groups.get(edit.uri) ?? []), edit]);
  return [...groups];
}
