/**
 * Values as Azure would see them after evaluation, each remembering where it was decided.
 *
 * A value is known (string, number, boolean, null, object, array) or unknown (with a reason).
 * "Absent" is either a `null` value or a missing object member; it is never an empty string.
 */
import type { Span } from '../types';

export type OriginKind =
  /** written literally at the place that uses it */
  | 'literal'
  /** a parameter's default value in the template */
  | 'parameterDefault'
  /** a value from a parameter file, a .bicepparam file or a module's params */
  | 'parameterValue'
  /** a nested deployment's `properties.parameters` entry, or a Bicep module's `params` entry */
  | 'deploymentParameter'
  /** a variable's value */
  | 'variable'
  /** computed by an expression (concat, format, ...) */
  | 'expression'
  /** PSRule's `configuration.AZURE_PARAMETER_DEFAULTS` in its options file, for a parameter nothing else gives a value */
  | 'configuredDefault';

/** Where a value was decided: the literal, or the expression that computed it. */
export interface Origin {
  uri: string;
  span: Span;
  kind: OriginKind;
  /** the parameter or variable name, for parameterDefault, parameterValue, deploymentParameter, variable and configuredDefault */
  name?: string;
}

interface ValueBase {
  origin?: Origin;
}

export interface StringValue extends ValueBase {
  kind: 'string';
  value: string;
}

export interface NumberValue extends ValueBase {
  kind: 'number';
  value: number;
}

export interface BooleanValue extends ValueBase {
  kind: 'boolean';
  value: boolean;
}

export interface NullValue extends ValueBase {
  kind: 'null';
}

export interface ObjectMember {
  /** the name as written */
  name: string;
  value: Value;
  /** span of the key where it was written, when it was written literally */
  keySpan?: Span;
}

export interface ObjectValue extends ValueBase {
  kind: 'object';
  /** members keyed by lower-cased name: ARM property names compare case-insensitively */
  members: Map<string, ObjectMember>;
}

export interface ArrayValue extends ValueBase {
  kind: 'array';
  items: Value[];
}

export interface UnknownValue extends ValueBase {
  kind: 'unknown';
  /** human-readable, e.g. "parameter 'name' has no value" or "reference() is evaluated at deployment time" */
  reason: string;
  /** names of required parameters without a value that this depends on */
  missingParameters?: string[];
  /**
   * What is known of the object this stands for: members that `union()` objects after its unknown argument set
   * (`union(props ?? {}, { publicNetworkAccess: 'Disabled' })` has that member whatever `props` holds). Only member
   * access reads it (`memberOfUnknown`); an unknown passed on as the cause of another unknown drops it (`causeOf`).
   */
  known?: ObjectValue;
}

export type Value = StringValue | NumberValue | BooleanValue | NullValue | ObjectValue | ArrayValue | UnknownValue;

export type KnownValue = Exclude<Value, UnknownValue>;

export const str = (value: string, origin?: Origin): StringValue => ({ kind: 'string', value, origin });
export const num = (value: number, origin?: Origin): NumberValue => ({ kind: 'number', value, origin });
export const bool = (value: boolean, origin?: Origin): BooleanValue => ({ kind: 'boolean', value, origin });
export const nullValue = (origin?: Origin): NullValue => ({ kind: 'null', origin });
export const unknown = (reason: string, origin?: Origin, missingParameters?: string[]): UnknownValue =>
  missingParameters && missingParameters.length > 0
    ? { kind: 'unknown', reason, origin, missingParameters }
    : { kind: 'unknown', reason, origin };

export function objectValue(entries: Iterable<ObjectMember>, origin?: Origin): ObjectValue {
  const members = new Map<string, ObjectMember>();
  for (const member of entries) members.set(member.name.toLowerCase(), member);
  return { kind: 'object', members, origin };
}

export function arrayValue(items: Value[], origin?: Origin): ArrayValue {
  return { kind: 'array', items, origin };
}

/** Member lookup, case-insensitive. Returns undefined when the member is not set. */
export function getMember(value: Value, name: string): Value | undefined {
  return value.kind === 'object' ? value.members.get(name.toLowerCase())?.value : undefined;
}

/** An unknown as the reason another value is unknown: what is known of its object is not known of that value. */
export function causeOf(value: UnknownValue): UnknownValue {
  return value.known ? unknown(value.reason, value.origin, value.missingParameters) : value;
}

/**
 * Member `name` of an object that is not known as a whole: what its known part sets (an object member stays partly
 * known, as the unknown part may add to it), else unknown.
 */
export function memberOfUnknown(value: UnknownValue, name: string): Value {
  const member = value.known && getMember(value.known, name);
  if (member === undefined) return causeOf(value);
  if (member.kind !== 'object') return member;
  return { ...unknown(value.reason, member.origin, value.missingParameters), known: member };
}

/** Whether a value is surely an object: a known one, or one partly known (only objects are; see UnknownValue.known). */
export function isObjectValue(value: Value): boolean {
  return value.kind === 'object' || (value.kind === 'unknown' && value.known !== undefined);
}

/** The value at `path` under `value` (undefined where a member is not set); an unknown part answers what it knows. */
export function valueAt(value: Value | undefined, path: readonly string[]): Value | undefined {
  for (const step of path) {
    if (value === undefined) return undefined;
    value = value.kind === 'unknown' ? memberOfUnknown(value, step) : getMember(value, step);
  }
  return value;
}

export function isAbsent(value: Value | undefined): boolean {
  return value === undefined || value.kind === 'null';
}

/**
 * Same value with another origin (values are immutable, so this copies the top level only). Built kind by kind: a
 * spread over values of every shape is a slow generic copy, and every parameter and variable read makes one.
 */
export function withOrigin<T extends Value>(value: T, origin: Origin | undefined): T {
  return copyWithOrigin(value, origin) as T;
}

function copyWithOrigin(value: Value, origin: Origin | undefined): Value {
  switch (value.kind) {
    case 'string': return str(value.value, origin);
    case 'number': return num(value.value, origin);
    case 'boolean': return bool(value.value, origin);
    case 'null': return nullValue(origin);
    case 'object': return { kind: 'object', members: value.members, origin };
    case 'array': return arrayValue(value.items, origin);
    case 'unknown': return value.known ? { ...unknown(value.reason, origin, value.missingParameters), known: value.known } : unknown(value.reason, origin, value.missingParameters);
  }
}

/**
 * A value read from a literal written inside `span` (a declaration's value, a passed parameter) is re-labelled as
 * coming from that parameter or variable; any other value is kept as it is.
 */
export function relabelLiteral(value: Value, span: Span, kind: OriginKind, name: string): Value {
  const origin = value.origin;
  return origin && origin.kind === 'literal' && origin.span.start >= span.start && origin.span.end <= span.end ? withOrigin(value, { uri: origin.uri, span: origin.span, kind, name }) : value;
}

/**
 * A value passed at `span` of `uri` (a .bicepparam value, a module's params entry), relabelled as `relabelLiteral`
 * does; a value with no place of its own (one that cannot be evaluated) is placed there, so the finding it decides is
 * reported where it is passed instead of nowhere.
 */
export function passedValue(value: Value, uri: string, span: Span, kind: OriginKind, name: string): Value {
  return value.origin ? relabelLiteral(value, span, kind, name) : withOrigin(value, { uri, span, kind, name });
}

/** Plain JSON of a fully known value; undefined when any part is unknown. */
export function toJson(value: Value): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array': {
      const out: unknown[] = [];
      for (const item of value.items) {
        const json = toJson(item);
        if (json === undefined) return undefined;
        out.push(json);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const member of value.members.values()) {
        const json = toJson(member.value);
        if (json === undefined) return undefined;
        out[member.name] = json;
      }
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/** Value of plain JSON data, all parts with the same origin. */
export function fromJson(data: unknown, origin?: Origin): Value {
  if (data === null || data === undefined) return nullValue(origin);
  if (typeof data === 'string') return str(data, origin);
  if (typeof data === 'number') return num(data, origin);
  if (typeof data === 'boolean') return bool(data, origin);
  if (Array.isArray(data)) return arrayValue(data.map((item) => fromJson(item, origin)), origin);
  if (typeof data === 'object') {
    return objectValue(
      Object.entries(data as Record<string, unknown>).map(([name, item]) => ({ name, value: fromJson(item, origin) })),
      origin,
    );
  }
  return unknown(`unsupported value of type ${typeof data}`, origin);
}

/** A short rendering for messages: 'Enabled', null, an object, ... */
export function describeValue(value: Value | undefined): string {
  if (value === undefined) return 'missing';
  switch (value.kind) {
    case 'string':
      return `'${value.value}'`;
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'unknown':
      return `unknown (${value.reason})`;
  }
}
