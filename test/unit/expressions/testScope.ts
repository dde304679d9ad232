/** A small evaluation scope for tests: variables written as template JSON, parameters given as values. */
import { findValue, parseJson, type JsonNode } from '../../../server/src/core/syntax/json';
import { EvaluationBudget, evaluateNode, type EvaluationScope, type UserFunctionDefinition } from '../../../server/src/core/evaluate/expressions/evaluator';
import type { BudgetLimits } from '../../../server/src/core/evaluate/expressions/budget';
import { toJson, unknown, type Value } from '../../../server/src/core/evaluate/value';
import type { Span } from '../../../server/src/core/types';

export interface TestDocument {
  /** the value under test: any template JSON, usually an expression string */
  value: unknown;
  variables?: Record<string, unknown>;
  /** user functions: namespace -> name -> parameter names and the output's value */
  functions?: Record<string, Record<string, { parameters: string[]; output: unknown }>>;
}

export class TestScope implements EvaluationScope {
  readonly uri = 'file:///test.json';
  readonly text: string;
  readonly budget: EvaluationBudget;
  readonly root: JsonNode;
  /** every parameters() and variables() lookup, in order, to show what was evaluated */
  readonly lookups: string[] = [];
  private readonly variableValues = new Map<string, Value>();

  constructor(document: TestDocument, private readonly parameters: Record<string, Value> = {}, limits: Partial<BudgetLimits> = {}) {
    this.text = JSON.stringify(document, null, 2);
    this.root = parseJson(this.text).root!;
    this.budget = new EvaluationBudget(limits);
  }

  parameter(name: string): Value | undefined {
    this.lookups.push(`parameters:${name}`);
    const key = Object.keys(this.parameters).find((p) => p.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : this.parameters[key];
  }

  variable(name: string): Value | undefined {
    this.lookups.push(`variables:${name}`);
    const key = name.toLowerCase();
    const cached = this.variableValues.get(key);
    if (cached) return cached;
    const node = findValue(findValue(this.root, 'variables'), name);
    if (!node) return undefined;
    this.variableValues.set(key, unknown(`variable '${name}' refers to itself`));
    const value = evaluateNode(node, this);
    this.variableValues.set(key, value);
    return value;
  }

  copyIndex(): number | undefined {
    return undefined;
  }

  userFunction(namespace: string, name: string): UserFunctionDefinition | undefined {
    const definition = findValue(findValue(findValue(this.root, 'functions'), namespace), name);
    const output = findValue(definition, 'output');
    const parameterNames = findValue(definition, 'parameters')?.children?.map((child) => String(child.value));
    return output && parameterNames ? { uri: this.uri, parameterNames, output } : undefined;
  }

  /** The document text a span covers. */
  textAt(span: Span | undefined): string | undefined {
    return span && this.text.slice(span.start, span.end);
  }

  /** Evaluates the document's `value`. */
  evaluate(): Value {
    return evaluateNode(findValue(this.root, 'value')!, this);
  }
}

/** Evaluates `value` in a document with these sections; returns the value and its scope. */
export function evaluate(value: unknown, sections: Omit<TestDocument, 'value'> = {}, parameters: Record<string, Value> = {}, limits: Partial<BudgetLimits> = {}) {
  const scope = new TestScope({ value, ...sections }, parameters, limits);
  return { value: scope.evaluate(), scope };
}

/** Plain JSON of a known result, or `unknown: <reason>`. */
export function plain(value: Value): unknown {
  return value.kind === 'unknown' ? `unknown: ${value.reason}` : toJson(value);
}

/** Milliseconds `run` takes. */
export function timed<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
