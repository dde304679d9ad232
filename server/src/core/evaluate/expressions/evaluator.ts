/**
 * Evaluates template JSON and ARM expressions to values with provenance, as Azure would at deployment.
 * The scope (parameters, variables, user functions) is supplied by the template model.
 */
import type { JsonNode } from '../../syntax/json';
import { arrayValue, bool, causeOf, memberOfUnknown, nullValue, num, objectValue, str, unknown, type ObjectMember, type Origin, type UnknownValue, type Value } from '../value';
import type { Expression } from './ast';
import { EvaluationBudget } from './budget';
import { callFunction } from './functions';
import { decodeJsonString, isExpression } from './jsonString';
import { parseExpression, type ParsedExpression } from './parser';

export { EvaluationBudget } from './budget';

export interface UserFunctionDefinition {
  uri: string;
  parameterNames: string[];
  /** the `output.value` node */
  output: JsonNode;
}

export interface EvaluationScope {
  readonly uri: string;
  /** the document's text, so spans inside expressions map through JSON escapes */
  readonly text?: string;
  readonly budget: EvaluationBudget;
  /** parameters(name): the value, or undefined when no such parameter is declared. Case-insensitive. */
  parameter(name: string): Value | undefined;
  variable(name: string): Value | undefined;
  /**
   * the current index of copy loop `loopName` (the innermost loop when omitted), undefined outside it; unknown in a
   * loop whose count is not known, for the reason the count is not
   */
  copyIndex(loopName?: string): number | UnknownValue | undefined;
  userFunction(namespace: string, name: string): UserFunctionDefinition | undefined;
  /** lambdaVariables(name) inside a lambda's body; case-insensitive */
  lambdaVariable?(name: string): Value | undefined;
  /**
   * Where the template is deployed from (`deployment().properties.templateLink.uri`), when that is known: only while
   * the link of a deployment is followed, as ARM resolves it.
   */
  readonly deployedFrom?: string;
}

/**
 * A string node's parsed expression is kept on the node itself. A WeakMap keyed by the nodes kept its entries through
 * young-generation collections, which promoted them to the old generation: half the collector's time in a scan.
 */
type ExpressionNode = JsonNode & { parsedExpression?: ParsedExpression };

function literalOrigin(scope: EvaluationScope, node: JsonNode): Origin {
  return { uri: scope.uri, span: { start: node.offset, end: node.offset + node.length }, kind: 'literal' };
}

export function budgetNote(scope: EvaluationScope): Value {
  return unknown(`evaluation budget exceeded: ${scope.budget.exceeded ?? 'limit reached'}`);
}

/** Any template JSON node: literals as values, expression strings evaluated, objects and arrays recursively. */
export function evaluateNode(node: JsonNode, scope: EvaluationScope): Value {
  const budget = scope.budget;
  if (!budget.step() || !budget.enter()) return budgetNote(scope);
  try {
    switch (node.type) {
      case 'string':
        return evaluateStringNode(node, scope);
      case 'number':
        return num(node.value as number, literalOrigin(scope, node));
      case 'boolean':
        return bool(node.value as boolean, literalOrigin(scope, node));
      case 'null':
        return nullValue(literalOrigin(scope, node));
      case 'array':
        return bounded(arrayValue((node.children ?? []).map((child) => evaluateNode(child, scope)), literalOrigin(scope, node)), scope);
      case 'object':
        return bounded(evaluateObject(node, scope), scope);
      default:
        return unknown('unsupported JSON value', literalOrigin(scope, node));
    }
  } finally {
    budget.leave();
  }
}

/** Literal containers can hold many large values (each from a variable): they count against the budget too. */
function bounded(value: Value, scope: EvaluationScope): Value {
  return scope.budget.oversized(value, 'a literal object or array') ?? value;
}

function evaluateObject(node: JsonNode, scope: EvaluationScope): Value {
  const members: ObjectMember[] = [];
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    const valueNode = property.children?.[1];
    if (!key || !valueNode || typeof key.value !== 'string') continue;
    if (key.value.startsWith('[')) {
      // A key can be an expression too (Bicep compiles `'${name}': ...` to `"[format('{0}', ...)]": ...`).
      const name = evaluateStringNode(key, scope);
      if (name.kind === 'unknown') return causeOf(name);
      if (name.kind !== 'string') return unknown('a property name is not a string');
      members.push({ name: name.value, value: evaluateNode(valueNode, scope) });
      continue;
    }
    if (key.value.toLowerCase() === 'copy' && valueNode.type === 'array') {
      members.push(...expandPropertyCopies(valueNode, scope));
      continue;
    }
    members.push({ name: key.value, value: evaluateNode(valueNode, scope), keySpan: { start: key.offset, end: key.offset + key.length } });
  }
  return objectValue(members, literalOrigin(scope, node));
}

/** ARM refuses copy loops with more iterations than this. */
export const MAX_COPY_COUNT = 800;

/** Property copy loops: `"copy": [{ "name": "x", "count": n, "input": {...} }]` becomes member x with n items. */
function expandPropertyCopies(copies: JsonNode, scope: EvaluationScope): ObjectMember[] {
  const members: ObjectMember[] = [];
  for (const loop of copies.children ?? []) {
    const find = (name: string) => loop.children?.find((p) => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string).toLowerCase() === name)?.children?.[1];
    const nameNode = find('name');
    const countNode = find('count');
    const input = find('input');
    if (nameNode?.type !== 'string' || !countNode || !input) continue;
    const name = String(nameNode.value);
    const count = evaluateNode(countNode, scope);
    const keySpan = { start: nameNode.offset, end: nameNode.offset + nameNode.length };
    const invalid = describeInvalidCount(count, `property '${name}'`);
    if (invalid) {
      members.push({ name, value: invalid, keySpan });
      continue;
    }
    const items: Value[] = [];
    for (let index = 0; index < (count as { value: number }).value; index++) items.push(evaluateNode(input, withCopyIndex(scope, name, index)));
    members.push({ name, value: arrayValue(items, literalOrigin(scope, loop)), keySpan });
  }
  return members;
}

/** Why a copy count cannot be used (unknown, not an integer, negative, over ARM's limit), or undefined when it can. */
export function describeInvalidCount(count: Value, what: string): Value | undefined {
  if (count.kind === 'unknown') return unknown(`the copy count of ${what} is not known: ${count.reason}`, undefined, count.missingParameters);
  if (count.kind !== 'number' || !Number.isInteger(count.value)) return unknown(`the copy count of ${what} is not an integer`);
  if (count.value < 0) return unknown(`the copy count of ${what} is negative (${count.value})`);
  if (count.value > MAX_COPY_COUNT) return unknown(`the copy count of ${what} is ${count.value}, more than ARM's limit of ${MAX_COPY_COUNT}`);
  return undefined;
}

/** A JSON string node: an expression is parsed and evaluated; anything else is a string literal (`[[` unescaped). */
export function evaluateStringNode(node: JsonNode, scope: EvaluationScope): Value {
  const value = String(node.value);
  const origin = literalOrigin(scope, node);
  if (!isExpression(value)) return str(value.startsWith('[[') ? value.slice(1) : value, origin);
  const cached = node as ExpressionNode;
  cached.parsedExpression ??= parseExpressionNode(node, scope);
  return evaluateExpression(cached.parsedExpression.expression, scope);
}

/** The token's own value maps offsets exactly unless the token has escapes; then the document text is needed. */
function parseExpressionNode(node: JsonNode, scope: EvaluationScope): ParsedExpression {
  const text = scope.text;
  const decoded = text !== undefined && text.slice(node.offset, node.offset + node.length).includes('\\')
    ? decodeJsonString(text, node.offset, node.offset + node.length)
    : { value: String(node.value), offsetOf: (index: number) => node.offset + 1 + Math.min(index, String(node.value).length) };
  return parseExpression(decoded);
}

export function evaluateExpression(expression: Expression, scope: EvaluationScope): Value {
  const budget = scope.budget;
  if (!budget.step() || !budget.enter()) return budgetNote(scope);
  try {
    switch (expression.kind) {
      case 'string':
        return str(expression.value, { uri: scope.uri, span: expression.span, kind: 'literal' });
      case 'number':
        return num(expression.value, { uri: scope.uri, span: expression.span, kind: 'literal' });
      case 'error':
        return unknown(`malformed expression: ${expression.message}`);
      case 'property': {
        const target = evaluateExpression(expression.target, scope);
        return access(target, str(expression.name), expression.name);
      }
      case 'index': {
        const target = evaluateExpression(expression.target, scope);
        const index = evaluateExpression(expression.index, scope);
        return access(target, index, undefined);
      }
      case 'call':
        return callFunction(expression, scope, (e) => evaluateExpression(e, scope));
    }
  } finally {
    budget.leave();
  }
}

/** `.name` and `[index]`: case-insensitive member names, array indexes; unknown stays unknown. */
export function access(target: Value, index: Value, name: string | undefined): Value {
  if (target.kind === 'unknown') return index.kind === 'string' || name !== undefined ? memberOfUnknown(target, name ?? (index as { value: string }).value) : causeOf(target);
  if (index.kind === 'unknown') return causeOf(index);
  if (target.kind === 'object' && (index.kind === 'string' || name !== undefined)) {
    const key = name ?? (index as { value: string }).value;
    const member = target.members.get(key.toLowerCase());
    return member ? member.value : unknown(`property '${key}' does not exist`);
  }
  if (target.kind === 'array' && index.kind === 'number') {
    const item = target.items[index.value];
    return item ?? unknown(`index ${index.value} is out of range`);
  }
  if (target.kind === 'null') return unknown(`cannot read '${name ?? describeIndex(index)}' of null`);
  return unknown(`cannot read '${name ?? describeIndex(index)}' of ${target.kind === 'object' || target.kind === 'array' ? 'an' : 'a'} ${target.kind}`);
}

function describeIndex(index: Value): string {
  return index.kind === 'string' || index.kind === 'number' ? String(index.value) : index.kind;
}

/** A scope that answers copyIndex(loopName) and copyIndex() with `index`, and delegates everything else. */
export function withCopyIndex(scope: EvaluationScope, loopName: string, index: number | UnknownValue): EvaluationScope {
  const wanted = loopName.toLowerCase();
  return scopeWith(scope, { copyIndex: (name) => (name === undefined || name.toLowerCase() === wanted ? index : scope.copyIndex(name)) });
}

/** A scope that answers what `answers` answers (copy indexes, lambda variables) and delegates everything else. */
export function scopeWith(scope: EvaluationScope, answers: Pick<EvaluationScope, 'copyIndex'> | Pick<EvaluationScope, 'lambdaVariable'>): EvaluationScope {
  return {
    uri: scope.uri,
    text: scope.text,
    budget: scope.budget,
    deployedFrom: scope.deployedFrom,
    parameter: (name) => scope.parameter(name),
    variable: (name) => scope.variable(name),
    copyIndex: (name) => scope.copyIndex(name),
    userFunction: (namespace, name) => scope.userFunction(namespace, name),
    lambdaVariable: (name) => scope.lambdaVariable?.(name),
    ...answers,
  };
}
