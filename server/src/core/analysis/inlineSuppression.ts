/**
 * Inline suppression in ARM JSON: a comment `// acr-guard-disable-next-line Azure.ACR.ExportPolicy` on the line
 * before the resource, or before the diagnostic's line, suppresses that rule there. Without rule ids it suppresses
 * every rule. ARM deployments (Azure CLI, PowerShell) accept JSONC comments, so the comment can stay in the file.
 */
import type { RuleFinding } from '../rules/rule';
import { LineIndex, indentationAt, isFirstOnLine, startOfLine, detectEol } from '../text/lineIndex';
import type { FixAction } from '../types';
import { once } from '../once';

export const DIRECTIVE = 'acr-guard-disable-next-line';
const COMMENT = /^\s*(?:\/\/|\/\*)\s*acr-guard-disable-next-line\b([^\r\n]*)$/;

/** Rule ids named by the directive on `line`, [] for "every rule", undefined when there is no directive. */
function directiveOn(text: string, lines: LineIndex, line: number): string[] | undefined {
  if (line < 0) return undefined;
  const match = COMMENT.exec(text.slice(lines.lineStart(line), lines.lineEnd(line)));
  if (!match) return undefined;
  return match[1]!.replace(/\*\/.*$/, '').split(/[\s,]+/).filter((id) => id.length > 0);
}

/** Marks the findings a directive suppresses. `json` tells, when it is known, that the text has no comments at all. */
export function applyInlineSuppressions(json: { text: string; hasComments?: boolean }, findings: RuleFinding[]): RuleFinding[] {
  const text = json.text;
  if (findings.length === 0 || json.hasComments === false || !text.includes(DIRECTIVE)) return findings;
  const lines = LineIndex.of(text);
  return findings.map((finding) => {
    const declaredHere = finding.uri === finding.resource.uri;
    for (const offset of declaredHere ? [finding.resource.declarationSpan.start, finding.span.start] : [finding.span.start]) {
      const line = lines.positionAt(offset).line - 1;
      const ids = directiveOn(text, lines, line);
      if (ids && (ids.length === 0 || ids.some((id) => id.toLowerCase() === finding.ruleId.toLowerCase()))) {
        return { ...finding, suppression: { reason: `suppressed by an inline comment on line ${line + 1}`, kind: 'inSource' } };
      }
    }
    return finding;
  });
}

/** The line that suppresses a rule on the next: a JSONC comment, or Bicep's pragma (in .bicep and .bicepparam files). */
export type SuppressionDirective = (ruleId: string) => string;
export const JSON_DIRECTIVE: SuppressionDirective = (ruleId) => `// ${DIRECTIVE} ${ruleId}`;
export const BICEP_PRAGMA: SuppressionDirective = (ruleId) => `#disable-next-line ${ruleId}`;

/**
 * The quick fix that inserts the directive above the resource, indented like it; for a registry of another file
 * reported here (on a module, a link, a parameter value), above the line the finding is on, which it suppresses.
 */
export function suppressionFix(text: string, finding: RuleFinding, directive: SuppressionDirective = JSON_DIRECTIVE): FixAction | undefined {
  const declaredHere = finding.uri === finding.resource.uri;
  const start = declaredHere ? finding.resource.declarationSpan.start : finding.span.start;
  if (declaredHere && !isFirstOnLine(text, start)) return undefined;
  const lineStart = startOfLine(text, start);
  return {
    title: `Suppress ${finding.ruleId} for this ${declaredHere ? 'resource' : 'line'}`,
    isPreferred: false,
    suppresses: true,
    edits: [{ uri: finding.uri, span: { start: lineStart, end: lineStart }, newText: `${indentationAt(text, start)}${directive(finding.ruleId)}${detectEol(text)}` }],
  };
}

/** The finding with one more fix, where `extra` makes one (see withExtraFixes). */
export function withExtraFix(finding: RuleFinding, extra: () => FixAction | undefined): RuleFinding {
  return withExtraFixes(finding, () => {
    const fix = extra();
    return fix ? [fix] : [];
  });
}

/** The finding with more fixes after its own and before its suppressions (which come last), made when first asked for. */
export function withExtraFixes(finding: RuleFinding, extra: () => readonly FixAction[]): RuleFinding {
  return {
    ...finding,
    fixes: once(() => {
      const fixes = extra();
      if (fixes.length === 0) return finding.fixes();
      const own = finding.fixes();
      return [...own.filter((fix) => !fix.suppresses), ...fixes, ...own.filter((fix) => fix.suppresses)];
    }),
  };
}
