/**
 * The functions that take lambdas (map, filter, reduce, sort, toObject, groupBy, mapValues), for ARM's
 * `lambda('x', ...)` and Bicep's `x => ...` alike: each evaluator turns its lambdas into `Lambda`s and its other
 * arguments into values. A lambda's body is evaluated once per item, within the evaluation budget.
 */
import { arrayValue, causeOf, num, objectValue, unknown, type ObjectMember, type Origin, type Value } from '../value';

/** A lambda argument: applied to argument values (its parameters in order; extra arguments are ignored). */
export interface Lambda {
  readonly lambda: true;
  apply(args: readonly Value[]): Value;
}

export const LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set(['map', 'filter', 'reduce', 'sort', 'toobject', 'groupby', 'mapvalues']);

type Argument = Value | Lambda;
const isLambda = (argument: Argument | undefined): argument is Lambda => argument !== undefined && 'lambda' in argument;

/** `name` (lower case, one of LAMBDA_FUNCTIONS) applied to its arguments. */
export function callWithLambdas(name: string, written: string, args: readonly Argument[], origin: Origin): Value {
  const usage = USAGE[name]!;
  const [first, second, third] = args;
  const shapeOk = args.length >= usage.min && args.length <= usage.max && args.every((arg, i) => isLambda(arg) === usage.lambdaAt.includes(i));
  if (!shapeOk) return unknown(`${written}() expects ${usage.text}`);
  const input = first as Value;
  if (input.kind === 'unknown') return causeOf(input);
  if (name === 'mapvalues') {
    if (input.kind !== 'object') return unknown(`${written}() expects an object`);
    const members: ObjectMember[] = [];
    for (const member of input.members.values()) members.push({ ...member, value: (second as Lambda).apply([member.value]) });
    return objectValue(members, origin);
  }
  if (input.kind !== 'array') return unknown(`${written}() expects an array`);
  const items = input.items;
  const index = (i: number) => num(i, origin);
  switch (name) {
    case 'map':
      return arrayValue(items.map((item, i) => (second as Lambda).apply([item, index(i)])), origin);
    case 'filter': {
      const kept: Value[] = [];
      for (let i = 0; i < items.length; i++) {
        const keep = (second as Lambda).apply([items[i]!, index(i)]);
        if (keep.kind === 'unknown') return causeOf(keep);
        if (keep.kind !== 'boolean') return unknown(`the lambda of ${written}() must return a boolean`);
        if (keep.value) kept.push(items[i]!);
      }
      return arrayValue(kept, origin);
    }
    case 'reduce': {
      let accumulated = second as Value;
      for (let i = 0; i < items.length; i++) accumulated = (third as Lambda).apply([accumulated, items[i]!, index(i)]);
      return accumulated;
    }
    case 'sort':
      return sortWith(items, second as Lambda, written, origin);
    case 'toobject': {
      const members: ObjectMember[] = [];
      for (const item of items) {
        const key = (second as Lambda).apply([item]);
        if (key.kind === 'unknown') return causeOf(key);
        if (key.kind !== 'string') return unknown(`the key lambda of ${written}() must return a string`);
        members.push({ name: key.value, value: isLambda(third) ? third.apply([item]) : item });
      }
      return objectValue(members, origin);
    }
    case 'groupby': {
      const groups = new Map<string, { name: string; items: Value[] }>();
      for (const item of items) {
        const key = (second as Lambda).apply([item]);
        if (key.kind === 'unknown') return causeOf(key);
        if (key.kind !== 'string') return unknown(`the lambda of ${written}() must return a string`);
        const group = groups.get(key.value.toLowerCase()) ?? { name: key.value, items: [] };
        group.items.push(item);
        groups.set(key.value.toLowerCase(), group);
      }
      return objectValue([...groups.values()].map((group) => ({ name: group.name, value: arrayValue(group.items, origin) })), origin);
    }
  }
  return unknown(`${written}() is not supported`);
}

const USAGE: Record<string, { min: number; max: number; lambdaAt: number[]; text: string }> = {
  map: { min: 2, max: 2, lambdaAt: [1], text: 'an array and a lambda' },
  filter: { min: 2, max: 2, lambdaAt: [1], text: 'an array and a lambda' },
  reduce: { min: 3, max: 3, lambdaAt: [2], text: 'an array, an initial value and a lambda' },
  sort: { min: 2, max: 2, lambdaAt: [1], text: 'an array and a lambda' },
  toobject: { min: 2, max: 3, lambdaAt: [1, 2], text: 'an array, a key lambda and an optional value lambda' },
  groupby: { min: 2, max: 2, lambdaAt: [1], text: 'an array and a lambda' },
  mapvalues: { min: 2, max: 2, lambdaAt: [1], text: 'an object and a lambda' },
};

/** A stable sort by a lambda that tells whether its first argument goes before its second. */
function sortWith(items: readonly Value[], before: Lambda, written: string, origin: Origin): Value {
  let problem: Value | undefined;
  const precedes = (a: Value, b: Value): boolean => {
    if (problem) return false;
    const answer = before.apply([a, b]);
    if (answer.kind === 'boolean') return answer.value;
    problem = answer.kind === 'unknown' ? answer : unknown(`the lambda of ${written}() must return a boolean`);
    return false;
  };
  const sorted = [...items].sort((a, b) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
  return problem ?? arrayValue(sorted, origin);
}
