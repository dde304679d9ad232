// TEMPORARY PLACEHOLDER written by the lead so the build compiles while helper A writes the real expression engine.
// Helper A: replace this whole file with your implementation (keep the exported names and signatures below).
// It evaluates JSON literals only; every expression string is unknown.
import type { JsonNode } from '../../syntax/json';
import { arrayValue, bool, nullValue, num, objectValue, str, unknown, type Origin, type Value } from '../value';

export interface UserFunctionDefinition {
  uri: string;
  parameterNames: string[];
  output: JsonNode;
}

export interface EvaluationScope {
  readonly uri: string;
  readonly budget: EvaluationBudget;
  parameter(name: string): Value | undefined;
  variable(name: string): Value | undefined;
  copyIndex(loopName?: string): number | undefined;
  userFunction(namespace: string, name: string): UserFunctionDefinition | undefined;
}

export class EvaluationBudget {
  constructor(readonly limits: Partial<{ steps: number; depth: number; valueSize: number }> = {}) {}
}

export function evaluateNode(node: JsonNode, scope: EvaluationScope): Value {
  const origin: Origin = { uri: scope.uri, span: { start: node.offset, end: node.offset + node.length }, kind: 'literal' };
  switch (node.type) {
    case 'string':
      return evaluateStringNode(node, scope);
    case 'number':
      return num(node.value as number, origin);
    case 'boolean':
      return bool(node.value as boolean, origin);
    case 'null':
      return nullValue(origin);
    case 'array':
      return arrayValue((node.children ?? []).map((c) => evaluateNode(c, scope)), origin);
    case 'object':
      return objectValue(
        (node.children ?? []).flatMap((p) => {
          const key = p.children?.[0];
          const value = p.children?.[1];
          return key && value && typeof key.value === 'string'
            ? [{ name: key.value, value: evaluateNode(value, scope), keySpan: { start: key.offset, end: key.offset + key.length } }]
            : [];
        }),
        origin,
      );
    default:
      return unknown('unsupported JSON node', origin);
  }
}

export function evaluateStringNode(node: JsonNode, scope: EvaluationScope): Value {
  const origin: Origin = { uri: scope.uri, span: { start: node.offset, end: node.offset + node.length }, kind: 'literal' };
  const value = String(node.value);
  if (value.startsWith('[[')) return str(value.slice(1), origin);
  if (value.startsWith('[') && value.endsWith(']')) return unknown('expressions are not evaluated yet', { ...origin, kind: 'expression' });
  return str(value, origin);
}

export function withCopyIndex(scope: EvaluationScope, _loopName: string, _index: number): EvaluationScope {
  return scope;
}
