/** Questions the editor asks of an analysis: what is at this offset, and how to fix everything at once. */
import type { RuleFinding } from '../rules/rule';
import type { FixAction, Span, TextEdit } from '../types';
import type { DocumentAnalysis } from './analyzeDocument';

const within = (span: Span | undefined, offset: number) => !!span && offset >= span.start && offset <= span.end;

/** Findings flagged at `offset`: on the squiggle, the registry's type or name, or any related value in this file. */
export function findingsAt(analysis: DocumentAnalysis, offset: number): RuleFinding[] {
  return analysis.findings.filter(
    (f) =>
      within(f.span, offset) ||
      within(f.resource.typeSpan, offset) ||
      within(f.resource.nameSpan, offset) ||
      f.related.some((r) => r.location.uri === analysis.uri && within(r.location.span, offset)),
  );
}

export function findingsInRange(analysis: DocumentAnalysis, range: Span): RuleFinding[] {
  return analysis.findings.filter((f) => f.span.start <= range.end && range.start <= f.span.end);
}

export function hoverAt(analysis: DocumentAnalysis, offset: number): { markdown: string; span: Span } | undefined {
  const finding = findingsAt(analysis, offset)[0];
  if (!finding) return undefined;
  const spans = [finding.span, finding.resource.typeSpan, finding.resource.nameSpan, ...finding.related.map((r) => r.location.span)];
  const span = spans.find((s) => within(s, offset)) ?? finding.span;
  return { markdown: finding.hover(), span };
}

/** The preferred fix of every finding, without overlapping or repeated edits. */
export function fixAll(findings: readonly RuleFinding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const key = (e: TextEdit) => `${e.uri}#${e.span.start}:${e.span.end}:${e.newText}`;
  const seen = new Set<string>();
  for (const finding of findings) {
    const fixes = finding.fixes().filter((f) => !f.suppresses);
    const fix: FixAction | undefined = fixes.find((f) => f.isPreferred) ?? fixes[0];
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    const overlaps = fresh.some((e) => chosen.some((c) => c.uri === e.uri && overlapsStrictly(c.span, e.span)));
    if (overlaps) continue;
    for (const edit of fresh) {
      seen.add(key(edit));
      chosen.push(edit);
    }
  }
  return chosen;
}

function overlapsStrictly(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start && a.end === b.end ? false : a.start < b.end && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to a text (for the CLI's --fix and the tests). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // From the end backwards; inserts at one offset keep their given order in the result.
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.span.start - a.edit.span.start || b.index - a.index);
  let result = text;
  for (const { edit } of sorted) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}
