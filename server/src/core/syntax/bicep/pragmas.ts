/**
 * Diagnostic pragmas of a Bicep file: `#disable-next-line` silences codes on the following line;
 * `#disable-diagnostics` silences codes until a `#restore-diagnostics` naming them, or the end of the file.
 * Codes compare as written (Bicep compares them ordinally).
 */
import { LineIndex } from '../../text/lineIndex';
import type { Span } from '../../types';
import type { BicepFile } from './syntax';
import type { PragmaCode, Trivia } from './tokens';

export type PragmaKind = 'disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics';

export interface PragmaDirective {
  kind: PragmaKind;
  /** 0-based line of the pragma */
  line: number;
  span: Span;
  codes: readonly PragmaCode[];
}

export interface BicepPragmas {
  /** 0-based line of each #disable-next-line, and the codes it names (merged if a line had several) */
  disableNextLine: Map<number, string[]>;
  /** for each code silenced by #disable-diagnostics, the offset ranges where it is silenced, in order */
  disabledRanges: Map<string, Span[]>;
  /** every pragma, in source order */
  directives: PragmaDirective[];
}

const KIND_OF: Partial<Record<Trivia['kind'], PragmaKind>> = {
  DisableNextLinePragma: 'disable-next-line',
  DisableDiagnosticsPragma: 'disable-diagnostics',
  RestoreDiagnosticsPragma: 'restore-diagnostics',
};

export function collectPragmas(file: BicepFile): BicepPragmas {
  const directives: PragmaDirective[] = [];
  let lines: LineIndex | undefined;
  for (const token of file.tokens) {
    for (const trivia of token.leadingTrivia) {
      const kind = KIND_OF[trivia.kind];
      if (kind === undefined) continue;
      lines ??= new LineIndex(file.text);
      directives.push({ kind, line: lines.positionAt(trivia.start).line, span: { start: trivia.start, end: trivia.end }, codes: trivia.codes ?? [] });
    }
  }
  const disableNextLine = new Map<number, string[]>();
  const disabledRanges = new Map<string, Span[]>();
  const openSince = new Map<string, number>();
  for (const directive of directives) {
    const codes = directive.codes.map((code) => code.text);
    if (directive.kind === 'disable-next-line') {
      disableNextLine.set(directive.line, [...(disableNextLine.get(directive.line) ?? []), ...codes]);
    } else if (directive.kind === 'disable-diagnostics') {
      for (const code of codes) if (!openSince.has(code)) openSince.set(code, directive.span.start);
    } else {
      for (const code of codes) {
        const start = openSince.get(code);
        if (start === undefined) continue;
        openSince.delete(code);
        addRange(disabledRanges, code, { start, end: directive.span.end });
      }
    }
  }
  for (const [code, start] of openSince) addRange(disabledRanges, code, { start, end: file.text.length });
  return { disableNextLine, disabledRanges, directives };
}

function addRange(ranges: Map<string, Span[]>, code: string, span: Span): void {
  const list = ranges.get(code);
  if (list) list.push(span);
  else ranges.set(code, [span]);
}

/**
 * Whether a diagnostic with `code` that starts at `offset` on 0-based `line` is silenced: by a #disable-next-line on
 * the line before, or inside a #disable-diagnostics range for the code.
 */
export function isSilencedByPragma(pragmas: BicepPragmas, code: string, offset: number, line: number): boolean {
  if (pragmas.disableNextLine.get(line - 1)?.includes(code)) return true;
  return pragmas.disabledRanges.get(code)?.some((range) => range.start <= offset && offset <= range.end) ?? false;
}
