/** Evaluates a probe expression inside a small template, with the real template scope. */
import { parseJson, findPath } from '../../../server/src/core/syntax/json';
import { TemplateScope } from '../../../server/src/core/arm/templateScope';
import { EvaluationBudget, evaluateNode } from '../../../server/src/core/evaluate/expressions/evaluator';
import type { BudgetLimits } from '../../../server/src/core/evaluate/expressions/budget';
import { toJson, type Value } from '../../../server/src/core/evaluate/value';
import { decodeJsonString } from '../../../server/src/core/evaluate/expressions/jsonString';
import { parseExpression } from '../../../server/src/core/evaluate/expressions/parser';

export interface Probe {
  value: Value;
  text: string;
  /** the document text at the value's origin */
  originText: string | undefined;
}

export function probe(expression: string, template: Record<string, unknown> = {}, limits: Partial<BudgetLimits> = {}): Probe {
  const text = JSON.stringify({ ...template, outputs: { probe: { type: 'object', value: expression } } }, null, 2);
  const root = parseJson(text).root!;
  const scope = new TemplateScope('file:///t.json', root, new Map(), new EvaluationBudget(limits), text);
  const value = evaluateNode(findPath(root, ['outputs', 'probe', 'value'])!, scope);
  const origin = value.origin;
  return { value, text, originText: origin ? text.slice(origin.span.start, origin.span.end) : undefined };
}

/** The plain JSON of a known result, or `unknown: <reason>`. */
export function result(expression: string, template: Record<string, unknown> = {}): unknown {
  const { value } = probe(expression, template);
  return value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value);
}

/** Parses the JSON string token that starts at the first `"[` of `document` (raw text, escapes as written). */
export function parseToken(document: string) {
  const start = document.indexOf('"[');
  let end = start + 1;
  while (document[end] !== '"') end += document[end] === '\\' ? 2 : 1;
  return parseExpression(decodeJsonString(document, start, end + 1));
}

/** The document text a node or diagnostic spans. */
export const spanText = (document: string, node: { span: { start: number; end: number } }) => document.slice(node.span.start, node.span.end);

