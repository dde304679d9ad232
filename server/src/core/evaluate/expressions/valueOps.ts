/** Operations on values that several functions share: equality, emptiness, size, string conversion, merging. */
import { arrayValue, causeOf, objectValue, toJson, type ObjectMember, type Origin, type Value } from '../value';
import { appendAll } from '../../collections';

/**
 * What a choice whose condition is unknown gives when both branches agree (`c ? a : b`, `if(c, a, b)`); undefined when
 * they differ. A value written in two places is decided by the choice itself (`choice`): changing it where one branch
 * writes it would leave the other branch deciding. Members and items the branches write in the same place keep it.
 */
export function agreedValue(whenTrue: Value, whenFalse: Value, choice: Origin): Value | undefined {
  return deepEquals(whenTrue, whenFalse) ? agreed(whenTrue, whenFalse, choice) : undefined;
}

function samePlace(a: Origin | undefined, b: Origin | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.uri === b.uri && a.span.start === b.span.start && a.span.end === b.span.end);
}

/** `a` with the places it shares with the equal value `b`, and `choice` wherever the two are written apart. */
function agreed(a: Value, b: Value, choice: Origin): Value {
  if (a === b) return a;
  const origin = samePlace(a.origin, b.origin) ? a.origin : choice;
  if (a.kind === 'object' && b.kind === 'object') {
    const members: ObjectMember[] = [];
    for (const [key, member] of a.members) members.push({ ...member, value: agreed(member.value, b.members.get(key)!.value, choice) });
    return objectValue(members, origin);
  }
  if (a.kind === 'array' && b.kind === 'array') return arrayValue(a.items.map((item, i) => agreed(item, b.items[i]!, choice)), origin);
  return origin === a.origin ? a : { ...a, origin };
}

/** Deep equality as ARM's equals(): strings case-sensitive, object keys case-insensitive. */
export function deepEquals(a: Value, b: Value): boolean {
  // The same value is equal to itself, even where it has unknown parts; this also keeps shared values cheap.
  if (a === b) return a.kind !== 'unknown';
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'array': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => deepEquals(item, other.items[i]!));
    }
    case 'object': {
      const other = b as typeof a;
      if (a.members.size !== other.members.size) return false;
      for (const [key, member] of a.members) {
        const match = other.members.get(key);
        if (!match || !deepEquals(member.value, match.value)) return false;
      }
      return true;
    }
    case 'unknown':
      return false;
  }
}

export function isEmpty(value: Value): boolean {
  switch (value.kind) {
    case 'null':
      return true;
    case 'string':
      return value.value.length === 0;
    case 'array':
      return value.items.length === 0;
    case 'object':
      return value.members.size === 0;
    default:
      return false;
  }
}

/**
 * Node sizes of containers, remembered per value: values are immutable, so a value shared many times (a variable
 * used twice per level of a doubling chain) is measured once, and measuring a 2^60-node value takes 60 steps.
 */
const containerSizes = new WeakMap<Value, number>();

/** Node count of a value (shared parts counted every time they occur, as a deployment would copy them). */
export function valueSize(value: Value): number {
  if (value.kind !== 'object' && value.kind !== 'array') return 1;
  const known = containerSizes.get(value);
  if (known !== undefined) return known;
  // Iterative post-order walk over containers not measured yet, so deep values cannot overflow the stack.
  const pending: Value[] = [value];
  while (pending.length > 0) {
    const current = pending[pending.length - 1]!;
    if (containerSizes.has(current)) {
      pending.pop();
      continue;
    }
    const children = current.kind === 'array' ? current.items : [...(current as Extract<Value, { kind: 'object' }>).members.values()].map((m) => m.value);
    let size = 1;
    let ready = true;
    for (const child of children) {
      if (child.kind !== 'object' && child.kind !== 'array') {
        size += 1;
        continue;
      }
      const childSize = containerSizes.get(child);
      if (childSize === undefined) {
        pending.push(child);
        ready = false;
      } else {
        size += childSize;
      }
    }
    if (ready) {
      containerSizes.set(current, size);
      pending.pop();
    }
  }
  return containerSizes.get(value)!;
}

/** Node count of a value, reported as no more than `cap + 1`. */
export function sizeOf(value: Value, cap: number): number {
  return Math.min(valueSize(value), cap + 1);
}

/** The first unknown part of a value (itself or nested), if any. Callers bound the value's size first. */
export function nestedUnknown(value: Value): Extract<Value, { kind: 'unknown' }> | undefined {
  const pending: Value[] = [value];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current.kind === 'unknown') return causeOf(current);
    if (current.kind === 'array') appendAll(pending, current.items);
    else if (current.kind === 'object') for (const member of current.members.values()) pending.push(member.value);
  }
  return undefined;
}

/** equals() that knows when it cannot tell: a difference in known parts is false, else any unknown part decides. */
export function equalsOrUnknown(a: Value, b: Value): boolean | Extract<Value, { kind: 'unknown' }> {
  if (deepEquals(a, b)) return true;
  const undecided = nestedUnknown(a) ?? nestedUnknown(b);
  if (!undecided) return false;
  return differsInKnownParts(a, b) ? false : undecided;
}

/** True when the values differ somewhere neither side is unknown (a type, a length, a key, a primitive). */
function differsInKnownParts(a: Value, b: Value): boolean {
  const pending: [Value, Value][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (x.kind === 'unknown' || y.kind === 'unknown') continue;
    if (x.kind !== y.kind) return true;
    if (x.kind === 'array') {
      const other = y as typeof x;
      if (x.items.length !== other.items.length) return true;
      x.items.forEach((item, i) => pending.push([item, other.items[i]!]));
    } else if (x.kind === 'object') {
      const other = y as typeof x;
      if (x.members.size !== other.members.size) return true;
      for (const [key, member] of x.members) {
        const match = other.members.get(key);
        if (!match) return true;
        pending.push([member.value, match.value]);
      }
    } else if (x.kind !== 'null' && x.value !== (y as typeof x).value) {
      return true;
    }
  }
  return false;
}

/**
 * A text that two known values share exactly when deepEquals holds (object keys case-insensitive and unordered,
 * strings case-sensitive); unknown parts get a key of their own, as they equal nothing.
 */
export function equalityKey(value: Value, unknownKey: (value: Value) => string): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${value.items.map((item) => equalityKey(item, unknownKey)).join(',')}]`;
    case 'object':
      return `{${[...value.members].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, member]) => `${JSON.stringify(key)}:${equalityKey(member.value, unknownKey)}`).join(',')}}`;
    case 'unknown':
      return unknownKey(value);
  }
}

/** ARM's string(): strings as they are, numbers and booleans printed, objects and arrays as compact JSON. */
export function stringify(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'boolean') return value.value ? 'True' : 'False';
  if (value.kind === 'null') return '';
  const plain = toJson(value);
  return plain === undefined ? undefined : typeof plain === 'number' ? String(plain) : JSON.stringify(plain);
}

/** union() of objects: nested objects merge recursively, anything else is replaced by the later value. */
export function mergeObjects(objects: Extract<Value, { kind: 'object' }>[], origin: Origin): Value {
  const members = new Map<string, ObjectMember>();
  for (const object of objects) {
    for (const [key, member] of object.members) {
      const existing = members.get(key);
      if (existing && existing.value.kind === 'object' && member.value.kind === 'object') {
        members.set(key, { ...existing, value: mergeObjects([existing.value, member.value], existing.value.origin ?? origin) });
      } else {
        members.set(key, member);
      }
    }
  }
  return objectValue(members.values(), origin);
}

/** union() of arrays: a set union that keeps first-seen order, in time linear in the values' size. */
export function unionArrays(arrays: Extract<Value, { kind: 'array' }>[], origin: Origin): Value {
  const items: Value[] = [];
  const seen = new Set<string>();
  let unknownCount = 0;
  const unknownKey = () => `?${unknownCount++}`;
  for (const array of arrays) {
    for (const item of array.items) {
      const key = equalityKey(item, unknownKey);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return arrayValue(items, origin);
}
