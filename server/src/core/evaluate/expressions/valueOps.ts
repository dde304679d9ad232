/** Operations on values that several functions share: equality, emptiness, size, string conversion, merging. */
import { arrayValue, objectValue, toJson, type ObjectMember, type Origin, type Value } from '../value';

/** Deep equality as ARM's equals(): strings case-sensitive, object keys case-insensitive. */
export function deepEquals(a: Value, b: Value): boolean {
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

/** Node count of a value, counting no further than `cap`. */
export function sizeOf(value: Value, cap: number): number {
  let count = 0;
  const pending: Value[] = [value];
  while (pending.length > 0 && count <= cap) {
    const current = pending.pop()!;
    count++;
    if (current.kind === 'array') pending.push(...current.items);
    else if (current.kind === 'object') for (const member of current.members.values()) pending.push(member.value);
  }
  return count;
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

/** union() of arrays: a set union that keeps first-seen order. */
export function unionArrays(arrays: Extract<Value, { kind: 'array' }>[], origin: Origin): Value {
  const items: Value[] = [];
  for (const array of arrays) for (const item of array.items) if (!items.some((seen) => deepEquals(seen, item))) items.push(item);
  return arrayValue(items, origin);
}
