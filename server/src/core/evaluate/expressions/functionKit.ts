/**
 * What every ARM function is built from: lazy arguments, the call's context, argument checks, and the unknown values
 * that say why a call cannot be evaluated.
 */
import { causeOf, unknown, type Origin, type Value } from '../value';
import type { Call } from './ast';
import type { EvaluationScope } from './evaluator';

export type Arg = () => Value;

export interface CallContext {
  call: Call;
  scope: EvaluationScope;
  /** origin of a value computed by this call */
  origin: Origin;
}

export type Fn = (args: Arg[], context: CallContext) => Value;

/** The first unknown among evaluated values, if any, as the cause of the call's result being unknown. */
export const firstUnknown = (values: Value[]) => {
  const found = values.find((v) => v.kind === 'unknown');
  return found && causeOf(found);
};

/** Evaluates every argument; returns an unknown one instead, or calls `body`. */
export function strict(body: (values: Value[], context: CallContext) => Value, arity?: [number, number]): Fn {
  return (args, context) => {
    if (arity && (args.length < arity[0] || args.length > arity[1])) {
      const expected = arity[0] === arity[1] ? `${arity[0]}` : arity[1] === Infinity ? `at least ${arity[0]}` : `${arity[0]} to ${arity[1]}`;
      return unknown(`${context.call.name}() takes ${expected} arguments, got ${args.length}`);
    }
    const values = args.map((arg) => arg());
    const unknownValue = firstUnknown(values);
    if (unknownValue) return unknownValue;
    // Arguments can be built outside any function (a literal object of many large variables): bound them too.
    for (const value of values) {
      const oversized = context.scope.budget.oversized(value, `an argument of ${context.call.name}()`);
      if (oversized) return oversized;
    }
    return body(values, context);
  };
}

/**
 * Evaluates every argument, unknown ones included (a literal container may hold them), bounded like `strict`. Once
 * the evaluation budget is exceeded an unknown part makes the whole unknown again, so a runaway ends as one unknown.
 */
export function containing(body: (values: Value[], context: CallContext) => Value): Fn {
  return (args, context) => {
    const values = args.map((arg) => arg());
    const unknownValue = context.scope.budget.exceeded === undefined ? undefined : firstUnknown(values);
    if (unknownValue) return unknownValue;
    for (const value of values) {
      const oversized = context.scope.budget.oversized(value, `an argument of ${context.call.name}()`);
      if (oversized) return oversized;
    }
    return body(values, context);
  };
}

export const wrongType = (context: CallContext, what: string) => unknown(`${context.call.name}() expects ${what}`);
export const asString = (v: Value) => (v.kind === 'string' ? v.value : undefined);
export const asNumber = (v: Value) => (v.kind === 'number' ? v.value : undefined);

/** A function whose value only the deployment knows: unknown, for the reason given. */
export function opaque(reason: string): Fn {
  return (_args, context) => unknown(`${context.call.name}() ${reason}`);
}
