/** ARM functions over several arrays or objects at once, beyond union(). */
import { arrayValue, objectValue, type ArrayValue, type ObjectMember, type ObjectValue, type Value } from '../value';
import { strict, wrongType, type CallContext, type Fn } from './functionKit';
import { equalityKey, equalsOrUnknown, nestedUnknown } from './valueOps';

export const COLLECTION_FUNCTIONS: Record<string, Fn> = {
  intersection: strict((values, context) => {
    if (values.every((v) => v.kind === 'object')) return intersectObjects(values as ObjectValue[], context);
    if (values.every((v) => v.kind === 'array')) return intersectArrays(values as ArrayValue[], context);
    return wrongType(context, 'objects or arrays, all of one kind');
  }, [2, Infinity]),
};

/**
 * The members of the first object that every other object has with an equal value (keys compare case-insensitively,
 * as everywhere in this engine; the first object's name and value are kept). A member whose equality depends on an
 * unknown part makes the whole object unknown: it may or may not be in it.
 */
function intersectObjects(objects: ObjectValue[], context: CallContext): Value {
  const [first, ...others] = objects;
  const members: ObjectMember[] = [];
  for (const [key, member] of first!.members) {
    let common: boolean | Extract<Value, { kind: 'unknown' }> = true;
    for (const other of others) {
      const match = other.members.get(key);
      const equal = match ? equalsOrUnknown(member.value, match.value) : false;
      if (equal === false) {
        common = false;
        break;
      }
      if (equal !== true) common = equal;
    }
    if (common !== true && common !== false) return common;
    if (common) members.push(member);
  }
  return objectValue(members, context.origin);
}

/**
 * The items of the first array found in every other array, in the first array's order (as the docs show with
 * commonUp/commonDown), each value once. The docs do not say what becomes of duplicates: a value is kept once because
 * intersection is a set operation like union(), which keeps a value once (see unionArrays), and PSRule for Azure's
 * evaluator, whose rule this engine follows, uses .NET's Enumerable.Intersect, which yields distinct items.
 * An item with an unknown part may equal any item, so it makes the result unknown.
 */
function intersectArrays(arrays: ArrayValue[], context: CallContext): Value {
  for (const array of arrays) {
    const undecided = array.items.map(nestedUnknown).find((u) => u !== undefined);
    if (undecided) return undecided;
  }
  const noUnknown = () => '?';
  const [first, ...others] = arrays;
  const otherKeys = others.map((array) => new Set(array.items.map((item) => equalityKey(item, noUnknown))));
  const seen = new Set<string>();
  const items: Value[] = [];
  for (const item of first!.items) {
    const key = equalityKey(item, noUnknown);
    if (seen.has(key) || !otherKeys.every((keys) => keys.has(key))) continue;
    seen.add(key);
    items.push(item);
  }
  return arrayValue(items, context.origin);
}
