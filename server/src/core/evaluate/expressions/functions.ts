/**
 * The ARM template function library. Arguments are lazy, so `if`, `and`, `or` and `coalesce` evaluate only what
 * Azure evaluates. Functions that depend on the deployment (reference, list*, resourceGroup, ...) give unknown
 * values that say why.
 */
import { arrayValue, bool, causeOf, nullValue, num, objectValue, str, unknown, type Origin, type Value } from '../value';
import type { Call, Expression } from './ast';
import type { EvaluationScope } from './evaluator';
import { asNumber, asString, containing, opaque, strict, unionKeepingKnown, wrongType, type Arg, type CallContext, type Fn } from './functionKit';
import { agreedValue, deepEquals, equalsOrUnknown, isEmpty, mergeObjects, nestedUnknown, stringify, unionArrays } from './valueOps';
import { callUserFunction } from './userFunctions';
import { LAMBDA_FUNCTIONS } from './lambdas';
import { callArmWithLambdas, lambdaVariable } from './armLambdas';
import { formatString } from './format';
import { COLLECTION_FUNCTIONS } from './collectionFunctions';
import { DATE_FUNCTIONS } from './dateFunctions';
import { ENCODING_FUNCTIONS } from './encodingFunctions';
import { NETWORK_FUNCTIONS } from './networkFunctions';
import { mapped } from '../../collections';

export type { Arg, CallContext } from './functionKit';

/** string() of a value with unknown parts is unknown for the same reason (stringify alone would say nothing). */
function textOf(value: Value): string | Extract<Value, { kind: 'unknown' }> | undefined {
  return nestedUnknown(value) ?? stringify(value);
}

const comparison = (test: (order: number) => boolean): Fn =>
  strict(([a, b], context) => {
    if (a!.kind === 'number' && b!.kind === 'number') return bool(test(a!.value - b!.value), context.origin);
    if (a!.kind === 'string' && b!.kind === 'string') return bool(test(a!.value < b!.value ? -1 : a!.value > b!.value ? 1 : 0), context.origin);
    return wrongType(context, 'two numbers or two strings');
  }, [2, 2]);

const arithmetic = (op: (a: number, b: number) => number | undefined): Fn =>
  strict(([a, b], context) => {
    const x = asNumber(a!);
    const y = asNumber(b!);
    if (x === undefined || y === undefined) return wrongType(context, 'two integers');
    const result = op(x, y);
    return result === undefined ? unknown(`${context.call.name}() by zero`) : num(result, context.origin);
  }, [2, 2]);

const FUNCTIONS: Record<string, Fn> = {
  ...COLLECTION_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...NETWORK_FUNCTIONS,
  parameters: strict(([name], context) => {
    const key = asString(name!);
    if (key === undefined) return wrongType(context, 'a parameter name');
    return context.scope.parameter(key) ?? unknown(`parameter '${key}' is not declared`);
  }, [1, 1]),
  variables: strict(([name], context) => {
    const key = asString(name!);
    if (key === undefined) return wrongType(context, 'a variable name');
    return context.scope.variable(key) ?? unknown(`variable '${key}' is not declared`);
  }, [1, 1]),
  if: (args, context) => {
    if (args.length !== 3) return unknown(`if() takes 3 arguments, got ${args.length}`);
    const condition = args[0]!();
    if (condition.kind === 'boolean') return condition.value ? args[1]!() : args[2]!();
    if (condition.kind !== 'unknown') return wrongType(context, 'a boolean condition');
    // Unknown condition: the value is still known when both branches agree.
    return agreedValue(args[1]!(), args[2]!(), context.origin) ?? condition;
  },
  equals: strict(([a, b], context) => {
    const equal = equalsOrUnknown(a!, b!);
    return typeof equal === 'boolean' ? bool(equal, context.origin) : equal;
  }, [2, 2]),
  not: strict(([a], context) => (a!.kind === 'boolean' ? bool(!a!.value, context.origin) : wrongType(context, 'a boolean')), [1, 1]),
  and: (args, context) => logical(args, context, false),
  or: (args, context) => logical(args, context, true),
  bool: strict(([a], context) => {
    if (a!.kind === 'boolean') return bool(a!.value, context.origin);
    if (a!.kind === 'number') return bool(a!.value !== 0, context.origin);
    if (a!.kind === 'string' && /^(true|false)$/i.test(a!.value)) return bool(a!.value.toLowerCase() === 'true', context.origin);
    return wrongType(context, "a boolean, a number or 'true'/'false'");
  }, [1, 1]),
  true: (_args, context) => bool(true, context.origin),
  false: (_args, context) => bool(false, context.origin),
  null: (_args, context) => nullValue(context.origin),
  empty: strict(([a], context) => bool(isEmpty(a!), context.origin), [1, 1]),
  coalesce: (args, context) => {
    if (args.length === 0) return unknown('coalesce() takes at least 1 arguments, got 0');
    // The first non-null wins; an unknown before it could be null or not, so the result is unknown.
    let value: Value = nullValue(context.origin);
    for (const arg of args) {
      value = arg();
      if (value.kind !== 'null') return value;
    }
    return value;
  },
  concat: strict((values, context) => {
    if (values.length > 0 && values.every((v) => v.kind === 'array' || v.kind === 'null')) {
      return arrayValue(values.flatMap((v) => (v.kind === 'array' ? v.items : [])), context.origin);
    }
    const parts = values.map((v) => (v.kind === 'array' || v.kind === 'object' ? undefined : stringify(v)));
    return parts.includes(undefined) ? wrongType(context, 'strings or arrays') : str(parts.join(''), context.origin);
  }),
  format: strict(([template, ...values], context) => {
    const pattern = asString(template!);
    if (pattern === undefined) return wrongType(context, 'a format string');
    const undecided = mapped(values, nestedUnknown).find((v) => v !== undefined);
    if (undecided) return undecided;
    const result = formatString(pattern, values, context.scope.budget.limits.stringLength);
    return typeof result === 'string' ? str(result, context.origin) : unknown(`format() ${result.error}`);
  }, [1, Infinity]),
  tolower: strict(([a], context) => (a!.kind === 'string' ? str(a!.value.toLowerCase(), context.origin) : wrongType(context, 'a string')), [1, 1]),
  toupper: strict(([a], context) => (a!.kind === 'string' ? str(a!.value.toUpperCase(), context.origin) : wrongType(context, 'a string')), [1, 1]),
  string: strict(([a], context) => {
    const text = textOf(a!);
    return typeof text === 'string' ? str(text, context.origin) : text ?? wrongType(context, 'a value');
  }, [1, 1]),
  int: strict(([a], context) => {
    const n = a!.kind === 'number' ? a!.value : a!.kind === 'string' && /^\s*-?\d+\s*$/.test(a!.value) ? parseInt(a!.value, 10) : undefined;
    return n === undefined ? wrongType(context, 'an integer or a string of digits') : num(Math.trunc(n), context.origin);
  }, [1, 1]),
  // Like a literal object or array: known when only some values are not (a key must be known).
  createobject: containing((values, context) => {
    if (values.length % 2 !== 0) return unknown('createObject() needs key and value pairs');
    const members = [];
    for (let i = 0; i < values.length; i += 2) {
      const key = values[i]!;
      if (key.kind === 'unknown') return causeOf(key);
      if (key.kind !== 'string') return wrongType(context, 'string keys');
      // A key written as a literal in this document can be edited where it stands.
      const keySpan = key.origin?.kind === 'literal' && key.origin.uri === context.scope.uri ? key.origin.span : undefined;
      members.push(keySpan ? { name: key.value, value: values[i + 1]!, keySpan } : { name: key.value, value: values[i + 1]! });
    }
    return objectValue(members, context.origin);
  }),
  createarray: containing((values, context) => arrayValue(values, context.origin)),
  array: strict(([a], context) => (a!.kind === 'array' ? a! : arrayValue([a!], context.origin)), [1, 1]),
  union: unionKeepingKnown(strict((values, context) => {
    if (values.every((v) => v.kind === 'object')) return mergeObjects(values as Extract<Value, { kind: 'object' }>[], context.origin);
    if (values.every((v) => v.kind === 'array')) return unionArrays(values as Extract<Value, { kind: 'array' }>[], context.origin);
    return wrongType(context, 'objects or arrays, all of one kind');
  })),
  shallowmerge: strict(([a], context) => {
    if (a!.kind !== 'array' || !a!.items.every((v) => v.kind === 'object')) return wrongType(context, 'an array of objects');
    const members = new Map();
    for (const item of a!.items) if (item.kind === 'object') for (const [k, m] of item.members) members.set(k, m);
    return objectValue(members.values(), context.origin);
  }, [1, 1]),
  contains: strict(([container, item], context) => {
    if (container!.kind === 'string') {
      const needle = stringify(item!);
      return needle === undefined ? wrongType(context, 'a string to look for') : bool(container!.value.includes(needle), context.origin);
    }
    if (container!.kind === 'object') return item!.kind === 'string' ? bool(container!.members.has(item!.value.toLowerCase()), context.origin) : wrongType(context, 'a key');
    if (container!.kind === 'array') {
      if (container!.items.some((v) => deepEquals(v, item!))) return bool(true, context.origin);
      const undecided = container!.items.map((v) => equalsOrUnknown(v, item!)).find((e) => typeof e !== 'boolean');
      return typeof undecided === 'object' ? undecided : bool(false, context.origin);
    }
    return wrongType(context, 'a string, an object or an array');
  }, [2, 2]),
  length: strict(([a], context) => {
    if (a!.kind === 'string') return num(a!.value.length, context.origin);
    if (a!.kind === 'array') return num(a!.items.length, context.origin);
    if (a!.kind === 'object') return num(a!.members.size, context.origin);
    return wrongType(context, 'a string, an array or an object');
  }, [1, 1]),
  first: strict(([a], context) => {
    if (a!.kind === 'array') return a!.items[0] ?? nullValue(context.origin);
    if (a!.kind === 'string') return str(a!.value.slice(0, 1), context.origin);
    return wrongType(context, 'an array or a string');
  }, [1, 1]),
  last: strict(([a], context) => {
    if (a!.kind === 'array') return a!.items[a!.items.length - 1] ?? nullValue(context.origin);
    if (a!.kind === 'string') return str(a!.value.slice(-1), context.origin);
    return wrongType(context, 'an array or a string');
  }, [1, 1]),
  tryget: strict(([target, ...keys], context) => keys.reduce((current, key) => tryGetStep(current, key, context.origin), target!), [2, Infinity]),
  replace: strict(([a, b, c], context) => {
    const [s, from, to] = [asString(a!), asString(b!), asString(c!)];
    if (s === undefined || from === undefined || to === undefined) return wrongType(context, 'three strings');
    return str(from.length === 0 ? s : s.split(from).join(to), context.origin);
  }, [3, 3]),
  substring: strict(([a, b, c], context) => {
    const s = asString(a!);
    const start = asNumber(b!);
    const length = c === undefined ? undefined : asNumber(c);
    if (s === undefined || start === undefined || (c !== undefined && length === undefined)) return wrongType(context, 'a string and integers');
    if (start < 0 || start > s.length || (length !== undefined && (length < 0 || start + length > s.length))) return unknown('substring() is out of range');
    return str(length === undefined ? s.slice(start) : s.slice(start, start + length), context.origin);
  }, [2, 3]),
  split: strict(([a, b], context) => {
    const s = asString(a!);
    const delimiters = b!.kind === 'string' ? [b!.value] : b!.kind === 'array' ? b!.items.map(asString) : [undefined];
    if (s === undefined || delimiters.some((d) => d === undefined)) return wrongType(context, 'a string and delimiters');
    let parts = [s];
    for (const delimiter of delimiters as string[]) parts = parts.flatMap((p) => p.split(delimiter));
    return arrayValue(parts.map((p) => str(p, context.origin)), context.origin);
  }, [2, 2]),
  startswith: strict(([a, b], context) => textTest(a!, b!, context, (s, t) => s.toLowerCase().startsWith(t.toLowerCase())), [2, 2]),
  endswith: strict(([a, b], context) => textTest(a!, b!, context, (s, t) => s.toLowerCase().endsWith(t.toLowerCase())), [2, 2]),
  indexof: strict(([a, b], context) => indexOf(a!, b!, context, false), [2, 2]),
  lastindexof: strict(([a, b], context) => indexOf(a!, b!, context, true), [2, 2]),
  trim: strict(([a], context) => (a!.kind === 'string' ? str(a!.value.trim(), context.origin) : wrongType(context, 'a string')), [1, 1]),
  join: strict(([a, b], context) => {
    const parts = a!.kind === 'array' ? a!.items.map(asString) : [undefined];
    const delimiter = asString(b!);
    if (delimiter === undefined || parts.includes(undefined)) return wrongType(context, 'an array of strings and a delimiter');
    return str(parts.join(delimiter), context.origin);
  }, [2, 2]),
  flatten: strict(([a], context) => {
    if (a!.kind !== 'array' || a!.items.some((item) => item.kind !== 'array')) return wrongType(context, 'an array of arrays');
    return arrayValue(a!.items.flatMap((item) => (item.kind === 'array' ? item.items : [])), context.origin);
  }, [1, 1]),
  padleft: strict(([a, b, c], context) => {
    const s = a!.kind === 'number' ? String(a!.value) : asString(a!);
    const [width, pad] = [asNumber(b!), c === undefined ? ' ' : asString(c)];
    if (s === undefined || width === undefined || pad?.length !== 1) return wrongType(context, 'a value, a length and one padding character');
    return str(s.padStart(width, pad), context.origin);
  }, [2, 3]),
  skip: strict(([a, b], context) => slice(a!, b!, context, (n) => [n, undefined]), [2, 2]),
  take: strict(([a, b], context) => slice(a!, b!, context, (n) => [0, n]), [2, 2]),
  min: strict((values, context) => extreme(values, context, Math.min), [1, Infinity]),
  max: strict((values, context) => extreme(values, context, Math.max), [1, Infinity]),
  range: strict(([a, b], context) => {
    const [start, count] = [asNumber(a!), asNumber(b!)];
    if (start === undefined || count === undefined || count < 0) return wrongType(context, 'a start and a non-negative count');
    if (count > context.scope.budget.limits.valueSize) return unknown(`evaluation budget exceeded: range() of ${count} items`);
    return arrayValue(Array.from({ length: count }, (_, i) => num(start + i, context.origin)), context.origin);
  }, [2, 2]),
  add: arithmetic((a, b) => a + b),
  sub: arithmetic((a, b) => a - b),
  mul: arithmetic((a, b) => a * b),
  div: arithmetic((a, b) => (b === 0 ? undefined : Math.trunc(a / b))),
  mod: arithmetic((a, b) => (b === 0 ? undefined : a % b)),
  less: comparison((o) => o < 0),
  lessorequals: comparison((o) => o <= 0),
  greater: comparison((o) => o > 0),
  greaterorequals: comparison((o) => o >= 0),
  items: strict(([a], context) => {
    if (a!.kind !== 'object') return wrongType(context, 'an object');
    const entries = [...a!.members.values()].sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1));
    return arrayValue(entries.map((m) => objectValue([{ name: 'key', value: str(m.name, context.origin) }, { name: 'value', value: m.value }], context.origin)), context.origin);
  }, [1, 1]),
  objectkeys: strict(([a], context) => (a!.kind === 'object' ? arrayValue([...a!.members.values()].map((m) => str(m.name, context.origin)), context.origin) : wrongType(context, 'an object')), [1, 1]),
  copyindex: strict((values, context) => {
    const loop = values.find((v) => v.kind === 'string');
    const offset = values.find((v) => v.kind === 'number');
    const index = context.scope.copyIndex(loop?.kind === 'string' ? loop.value : undefined);
    if (index === undefined) return unknown(`copyIndex(${loop?.kind === 'string' ? `'${loop.value}'` : ''}) is used outside its copy loop`);
    if (typeof index !== 'number') return causeOf(index);
    return num(index + (offset?.kind === 'number' ? offset.value : 0), context.origin);
  }, [0, 2]),
  uniquestring: opaque('is a deterministic hash of deployment values'),
  guid: opaque('is a deterministic hash of deployment values'),
  newguid: opaque('is generated at deployment time'),
  utcnow: opaque('is the time of the deployment'),
  resourceid: opaque('depends on the deployment scope'),
  subscriptionresourceid: opaque('depends on the deployment scope'),
  tenantresourceid: opaque('depends on the deployment scope'),
  extensionresourceid: opaque('depends on the deployment scope'),
  managementgroupresourceid: opaque('depends on the deployment scope'),
  resourcegroup: opaque('is known only at deployment time'),
  subscription: opaque('is known only at deployment time'),
  tenant: opaque('is known only at deployment time'),
  managementgroup: opaque('is known only at deployment time'),
  deployment: (_args, context) => deploymentValue(context),
  environment: opaque('is known only at deployment time'),
  reference: opaque('is evaluated at deployment time'),
  references: opaque('is evaluated at deployment time'),
  tologicalzone: opaque('maps availability zones as the subscription sees them, at deployment time'),
  tologicalzones: opaque('maps availability zones as the subscription sees them, at deployment time'),
  tophysicalzone: opaque('maps availability zones as the subscription sees them, at deployment time'),
  tophysicalzones: opaque('maps availability zones as the subscription sees them, at deployment time'),
  float: opaque("gives a floating-point value, which is not evaluated (this engine's numbers are integers)"),
  pickzones: opaque('depends on the region at deployment time'),
  providers: opaque('is evaluated at deployment time'),
  deployer: opaque('is the identity that runs the deployment'),
};

/**
 * deployment(): known only at deployment, except, where a deployment's link is resolved, the URI the template is
 * deployed from (`properties.templateLink.uri`); its other members are there, unknown, so reading one says why.
 */
function deploymentValue(context: CallContext): Value {
  const reason = unknown(`${context.call.name}() is known only at deployment time`);
  const from = context.scope.deployedFrom;
  if (from === undefined) return reason;
  const object = (members: Record<string, Value>) => objectValue(Object.entries(members).map(([name, value]) => ({ name, value })), context.origin);
  const templateLink = object({ uri: str(from, context.origin), id: reason, relativePath: reason, contentVersion: reason });
  const properties = object({ templateLink, template: reason, templateHash: reason, parameters: reason, mode: reason, provisioningState: reason });
  return object({ name: reason, location: reason, properties });
}

function logical(args: Arg[], context: CallContext, shortCircuitOn: boolean): Value {
  let sawUnknown: Value | undefined;
  for (const arg of args) {
    const value = arg();
    if (value.kind === 'unknown') sawUnknown ??= value;
    else if (value.kind !== 'boolean') return wrongType(context, 'booleans');
    else if (value.value === shortCircuitOn) return bool(shortCircuitOn, context.origin);
  }
  return sawUnknown ?? bool(!shortCircuitOn, context.origin);
}

function textTest(a: Value, b: Value, context: CallContext, test: (s: string, t: string) => boolean): Value {
  return a.kind === 'string' && b.kind === 'string' ? bool(test(a.value, b.value), context.origin) : wrongType(context, 'two strings');
}

/** indexOf / lastIndexOf: case-insensitive in strings, deep equality in arrays. */
function indexOf(a: Value, b: Value, context: CallContext, last: boolean): Value {
  if (a.kind === 'string' && b.kind === 'string') {
    const [s, t] = [a.value.toLowerCase(), b.value.toLowerCase()];
    return num(last ? s.lastIndexOf(t) : s.indexOf(t), context.origin);
  }
  if (a.kind === 'array') {
    const matches = a.items.map((item, i) => (deepEquals(item, b) ? i : -1)).filter((i) => i >= 0);
    return num(matches.length === 0 ? -1 : last ? matches[matches.length - 1]! : matches[0]!, context.origin);
  }
  return wrongType(context, 'a string or an array');
}

function slice(a: Value, b: Value, context: CallContext, bounds: (n: number) => [number, number | undefined]): Value {
  const n = asNumber(b);
  if (n === undefined) return wrongType(context, 'an integer count');
  const [start, end] = bounds(Math.max(0, n));
  if (a.kind === 'string') return str(a.value.slice(start, end), context.origin);
  if (a.kind === 'array') return arrayValue(a.items.slice(start, end), context.origin);
  return wrongType(context, 'a string or an array');
}

function extreme(values: Value[], context: CallContext, pick: (...n: number[]) => number): Value {
  const numbers = (values.length === 1 && values[0]!.kind === 'array' ? values[0]!.items : values).map(asNumber);
  if (numbers.length === 0 || numbers.includes(undefined)) return wrongType(context, 'integers or an array of integers');
  // Pairwise: spreading a large array as arguments overflows the stack.
  return num((numbers as number[]).reduce((a, b) => pick(a, b)), context.origin);
}

/**
 * One key of tryGet() (and of Bicep's `[?key]`, which compiles to it): the member or item it names, which may be an
 * unknown value, or null where there is none.
 */
export function tryGetStep(current: Value, key: Value, origin: Origin): Value {
  if (current.kind === 'object' && key.kind === 'string') return current.members.get(key.value.toLowerCase())?.value ?? nullValue(origin);
  if (current.kind === 'array' && key.kind === 'number') return current.items[key.value] ?? nullValue(origin);
  return nullValue(origin);
}

export function callFunction(call: Call, scope: EvaluationScope, evaluate: (e: Expression) => Value): Value {
  const context: CallContext = { call, scope, origin: { uri: scope.uri, span: call.span, kind: 'expression' } };
  const args: Arg[] = mapped(call.args, (expression) => {
    let cached: Value | undefined;
    return () => (cached ??= evaluate(expression));
  });
  if (call.namespace !== undefined) return callUserFunction(call, scope, args);
  const name = call.name.toLowerCase();
  const fn = FUNCTIONS[name];
  if (fn) {
    try {
      const value = fn(args, context);
      return scope.budget.oversized(value, `${call.name}()`) ?? value;
    } catch (error) {
      // A function must never take the analysis down: its value is unknown instead.
      return unknown(`${call.name}() could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (LAMBDA_FUNCTIONS.has(name)) return callArmWithLambdas(call, name, scope, evaluate);
  if (name === 'lambdavariables') return lambdaVariable(call, scope, evaluate);
  if (name === 'lambda') return unknown('lambda() is a value only as the argument of a function such as map() or filter()');
  if (name.startsWith('list')) return unknown(`${call.name}() is evaluated at deployment time`);
  return unknown(`function '${call.name}' is not supported`);
}
