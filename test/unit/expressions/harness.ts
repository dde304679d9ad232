/** Evaluates a probe expression inside a small template, with the real template scope. */
import { parseJson, findPath } from '../../../server/src/core/syntax/json';
import { TemplateScope } from '../../../server/src/core/arm/templateScope';
import { EvaluationBudget, evaluateNode } from '../../../server/src/core/evaluate/expressions/evaluator';
import type { BudgetLimits } from '../../../server/src/core/evaluate/expressions/budget';
import { toJson, type Value } from '../../../server/src/core/evaluate/value';

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
