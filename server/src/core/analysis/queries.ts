/** Questions the editor asks of an analysis: what is at this offset, and how to fix everything at once. */
import { firstIndexPast, mapped } from '../collections';
import { once } from '../once';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, Span, TextEdit } from '../types';
import type { DocumentAnalysis } from './analyzeDocument';

const within = (span: Span | undefined, offset: number) => !!span && offset >= span.start && offset <= span.end;

/** Findings flagged at `offset`: on the squiggle, the registry's type or name, or any related value in this file. */
export function findingsAt(analysis: DocumentAnalysis, offset: number): RuleFinding[] {
  return analysis.findings.filter((f) => placesIn(analysis.uri, f).some((span) => within(span, offset)));
}

/**
 * Where a finding shows in a document: its own span, and the registry's type and name and its related locations when
 * they are in that document (a registry of a module or a template is declared in another file).
 */
function placesIn(uri: string, finding: RuleFinding): Span[] {
  const own = finding.resource.uri === uri ? [finding.resource.typeSpan, finding.resource.nameSpan] : [];
  return [finding.span, ...own, ...finding.related.filter((r) => r.location.uri === uri).map((r) => r.location.span)].filter((span): span is Span => span !== undefined);
}

export function findingsInRange(analysis: DocumentAnalysis, range: Span): RuleFinding[] {
  return analysis.findings.filter((f) => f.span.start <= range.end && range.start <= f.span.end);
}

export function hoverAt(analysis: DocumentAnalysis, offset: number): { markdown: string; span: Span } | undefined {
  const finding = findingsAt(analysis, offset)[0];
  if (!finding) return undefined;
  const span = placesIn(analysis.uri, finding).find((s) => within(s, offset)) ?? finding.span;
  return { markdown: finding.hover(), span };
}

/** A fix that fix-all and --fix may apply: not a suppression, and not a choice only the user can make. */
export const appliesWithoutAsking = (fix: FixAction): boolean => !fix.suppresses && !fix.needsChoice;

/**
 * The finding with every fix a choice, when its fixes are (`fixesAreChoices`): the rule's own are already, and so are
 * those made for it elsewhere (a value passed to a module, an object a parameter file passes), here in one place.
 */
export function withFixesAsChoices(finding: RuleFinding): RuleFinding {
  if (!finding.fixesAreChoices) return finding;
  return { ...finding, fixes: once(() => mapped(finding.fixes(), (fix) => (fix.suppresses ? fix : { ...fix, isPreferred: false, needsChoice: true }))) };
}

/** The preferred fix of every finding, without overlapping or repeated edits. */
export function fixAll(findings: readonly RuleFinding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const key = (e: TextEdit) => `${e.uri}#${e.span.start}:${e.span.end}:${e.newText}`;
  const seen = new Set<string>();
  const taken = new Map<string, TakenSpans>();
  const takenIn = (uri: string) => taken.get(uri) ?? taken.set(uri, new TakenSpans()).get(uri)!;
  for (const finding of findings) {
    const fixes = finding.fixes().filter(appliesWithoutAsking);
    const fix: FixAction | undefined = fixes.find((f) => f.isPreferred) ?? fixes[0];
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => takenIn(e.uri).overlaps(e.span))) continue;
    for (const edit of fresh) {
      seen.add(key(edit));
      takenIn(edit.uri).add(edit.span);
      chosen.push(edit);
    }
  }
  return chosen;
}

/**
 * The spans of one file's chosen edits, sorted by start then end. Chosen spans never overlap, so their ends are sorted
 * too, and whether a new span overlaps one is a binary search: fix-all over thousands of findings stays fast.
 */
class TakenSpans {
  private readonly spans: Span[] = [];

  /** Whether `span` overlaps a taken span; a span that only touches one, or an insert where another is, does not. */
  overlaps(span: Span): boolean {
    const next = this.spans[this.firstEndingAfter(span.start)];
    return next !== undefined && next.start < span.end;
  }

  add(span: Span): void {
    const spans = this.spans;
    const index = firstIndexPast(spans.length, (i) => spans[i]!.start > span.start || (spans[i]!.start === span.start && spans[i]!.end > span.end));
    spans.splice(index, 0, span);
  }

  /** The index of the first span that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    return firstIndexPast(this.spans.length, (i) => this.spans[i]!.end > offset);
  }
}

/**
 * Applies non-overlapping edits to a text (for the CLI's --fix and the tests). Inserts at one offset keep their given
 * order in the result, before a replacement that starts there. The text is copied once, in pieces: applying each edit
 * to the whole text in turn took seconds for a few thousand edits in a megabyte.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.span.start - b.edit.span.start || spanLength(a.edit) - spanLength(b.edit) || a.index - b.index);
  const pieces: string[] = [];
  let copied = 0;
  for (const { edit } of sorted) {
    pieces.push(text.slice(copied, edit.span.start), edit.newText);
    copied = edit.span.end;
  }
  pieces.push(text.slice(copied));
  return pieces.join('');
}

const spanLength = (edit: TextEdit) => edit.span.end - edit.span.start;
