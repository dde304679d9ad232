/**
 * What every ARM function is built from: lazy arguments, the call's context, argument checks, and the unknown values
 * that say why a call cannot be evaluated.
 */
import { causeOf, unknown, type ObjectValue, type Origin, type UnknownValue, type Value } from '../value';
import { mergeObjects } from './valueOps';
import type { Call } from './ast';
import type { EvaluationScope } from './evaluator';
import { mapped } from '../../collections';

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
    const values = mapped(args, (arg) => arg());
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
    const values = mapped(args, (arg) => arg());
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

/**
 * union() with an unknown argument among objects: the members the objects after the last unknown one set are known
 * of the result (UnknownValue.known), whatever the unknown ones hold. So `union(props ?? {}, { publicNetworkAccess:
 * 'Disabled' })`, which a fix writes, has that member even while `props` has no value.
 */
export function unionKeepingKnown(whenKnown: Fn): Fn {
  return (args, context) => {
    const values = mapped(args, (arg) => arg());
    const unknowns = values.filter((v): v is UnknownValue => v.kind === 'unknown');
    if (unknowns.length === 0) return whenKnown(values.map((value) => () => value), context);
    const last = values.lastIndexOf(unknowns[unknowns.length - 1]!);
    const later = values.slice(last + 1) as ObjectValue[];
    const first = unknowns[0]!;
    if (later.length === 0 || values.some((v) => v.kind !== 'object' && v.kind !== 'unknown')) return causeOf(first);
    for (const value of later) {
      const oversized = context.scope.budget.oversized(value, `an argument of ${context.call.name}()`);
      if (oversized) return oversized;
    }
    const known = mergeObjects(unknowns[unknowns.length - 1]!.known ? [unknowns[unknowns.length - 1]!.known!, ...later] : later, context.origin) as ObjectValue;
    const missing = [...new Set(unknowns.flatMap((u) => u.missingParameters ?? []))];
    return { ...unknown(first.reason, first.origin, missing), known };
  };
}
