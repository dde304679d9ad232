/**
 * PSRule's expression conditions (`equals`, `match`, `greater`, ...) on a resource's name, type and tags, step by
 * step as LanguageExpressions.cs evaluates them: which properties each reads, when a missing field passes, what is
 * invalid (false). Property values come from YAML as text. Each condition returns true or false, or throws
 * Undecidable (acr-guard cannot tell) or PsRuleThrows.
 */
import { dotnetRegexIsMatch } from './dotnetRegex';
import { INT32, INT64, PsRuleThrows, lettersAllInCase, ordinalContains, ordinalEndsWith, ordinalStartsWith, parseDotnetBool, parseDotnetInteger, wildcardMatch } from './dotnetText';
import {
  PsObject, anyValue, checked, compareNumeric, enumerableLength, equal, lookupField, nullOrEmpty, tryBool, tryInteger, tryString, tryStringOrArray,
  undecidable, type ResourceFields,
} from './psruleValues';

/** YAML gives a condition's properties as text, or lists of text. */
export type PropertyValue = string | string[];
/** A condition's properties with lower-case keys, as PSRule's case-insensitive PropertyBag holds them. */
export type Properties = ReadonlyMap<string, PropertyValue>;

// Property readers (PropertyBag.TryGetBool and friends).
function boolProperty(properties: Properties, key: string): boolean | undefined {
  const value = properties.get(key);
  return typeof value === 'string' ? parseDotnetBool(value) : undefined;
}

const flag = (properties: Properties, key: string) => boolProperty(properties, key) ?? false;

function stringArrayProperty(properties: Properties, key: string): string[] | undefined {
  const value = properties.get(key);
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
}

function longProperty(properties: Properties, key: string): bigint | undefined {
  const value = properties.get(key);
  return typeof value === 'string' ? parseDotnetInteger(value, INT64) : undefined;
}

/** TryOperand: field (when it exists), then type: '.', name: '.', source, value, scope. */
function operand(properties: Properties, target: ResourceFields): { value: unknown } | undefined {
  const field = properties.get('field');
  if (typeof field === 'string') {
    const found = lookupField(target, field);
    if (found.found) return { value: found.value };
  }
  if (properties.get('type') === '.') return { value: target.type };
  if (properties.get('name') === '.') return target.nameUnknown ? undecidable("the resource's name, which acr-guard cannot evaluate") : { value: target.name };
  if (typeof properties.get('source') === 'string') undecidable('the source operand');
  const value = properties.get('value');
  if (value !== undefined) return { value };
  if (properties.get('scope') === '.') undecidable('the scope operand');
  return undefined;
}

/** TryFieldNotExists: a field is named and the object lacks it. */
function fieldMissing(properties: Properties, target: ResourceFields): boolean {
  const field = properties.get('field');
  return typeof field === 'string' && !lookupField(target, field).found;
}

/** ExpressionHelpers.Match: the pattern is built only when both it and the value are text. */
function matches(pattern: PropertyValue, value: unknown, caseSensitive: boolean): boolean {
  if (typeof pattern !== 'string') return false;
  const text = tryString(value);
  return text !== undefined && dotnetRegexIsMatch(pattern, text, !caseSensitive);
}

type Check = (properties: Properties, target: ResourceFields, name: string) => boolean;

function textCondition(test: (value: string, part: string, caseSensitive: boolean) => boolean, negated: boolean): Check {
  return (properties, target, name) => {
    const parts = stringArrayProperty(properties, name);
    const found = parts && operand(properties, target);
    if (!found) return false;
    const values = tryStringOrArray(found.value, flag(properties, 'convert'));
    if (!values) return negated;
    for (const part of parts) {
      for (const value of values) {
        if (value === null) throw new PsRuleThrows('an array item that is not text');
        if (test(value, part, flag(properties, 'casesensitive'))) return !negated;
      }
    }
    return negated;
  };
}

function comparison(test: (compare: number) => boolean): Check {
  return (properties, target, name) => {
    const bound = longProperty(properties, name);
    const found = bound !== undefined && operand(properties, target);
    if (!found) return false;
    if (found.value === null) return test(Number(-bound));
    const compare = compareNumeric(found.value, bound, flag(properties, 'convert'));
    return compare !== undefined && test(compare);
  };
}

function typeCheck(test: (value: unknown, convert: boolean) => boolean): Check {
  return (properties, target, name) => {
    const expected = boolProperty(properties, name);
    const found = expected !== undefined && operand(properties, target);
    return !!found && expected === test(found.value, flag(properties, 'convert'));
  };
}

function caseCheck(upper: boolean): Check {
  return (properties, target, name) => {
    const expected = boolProperty(properties, name);
    const found = expected !== undefined && operand(properties, target);
    if (!found) return false;
    const text = tryString(found.value);
    return text === undefined ? !expected : expected === lettersAllInCase(text, upper);
  };
}

function countCheck(test: (length: number, expected: bigint) => boolean): Check {
  return (properties, target, name) => {
    const expected = longProperty(properties, name);
    const found = expected !== undefined && operand(properties, target);
    if (!found || found.value === null) return false;
    const length = enumerableLength(found.value);
    return length !== undefined && test(length, expected);
  };
}

function likeCondition(negated: boolean): Check {
  return (properties, target, name) => {
    const patterns = stringArrayProperty(properties, name);
    const found = patterns && operand(properties, target);
    if (!found) return false;
    const text = tryString(found.value, flag(properties, 'convert'));
    if (text === undefined) return negated;
    return patterns.some((pattern) => wildcardMatch(text, pattern, flag(properties, 'casesensitive'))) !== negated;
  };
}

function setCheck(subset: boolean): Check {
  return (properties, target, name) => {
    const expected = properties.get(name);
    const field = properties.get('field');
    if (!Array.isArray(expected) || typeof field !== 'string') return false;
    const found = lookupField(target, field);
    const length = found.found ? enumerableLength(found.value) : undefined;
    if (length === undefined || (!subset && length !== expected.length)) return false;
    const caseSensitive = flag(properties, 'casesensitive');
    const unique = flag(properties, 'unique');
    return expected.every((item) => {
      if (!subset) return anyValue(found.value, item, caseSensitive);
      // CountValue walks a string's characters, which never equal a text.
      const count = Array.isArray(found.value) ? found.value.filter((entry) => equal(item, entry, caseSensitive)).length : 0;
      return count > 0 && !(count > 1 && unique);
    });
  };
}

const CONDITIONS: Record<string, Check> = {
  exists: (p, t) => {
    const expected = boolProperty(p, 'exists');
    const field = p.get('field');
    return expected !== undefined && typeof field === 'string' && expected === lookupField(t, field).found;
  },
  equals: (p, t) => {
    const expected = p.get('equals');
    const found = expected !== undefined && operand(p, t);
    return !!found && equal(expected, found.value, flag(p, 'casesensitive'), true, flag(p, 'convert'));
  },
  notequals: (p, t) => {
    const expected = p.get('notequals');
    if (expected === undefined) return false;
    if (fieldMissing(p, t)) return true;
    const found = operand(p, t);
    return !!found && !equal(expected, found.value, flag(p, 'casesensitive'), true, flag(p, 'convert'));
  },
  hasdefault: (p, t) => {
    const expected = p.get('hasdefault');
    if (expected === undefined) return false;
    if (fieldMissing(p, t)) return true;
    const found = operand(p, t);
    return !!found && equal(expected, found.value, flag(p, 'casesensitive'), true);
  },
  hasvalue: (p, t) => {
    const expected = boolProperty(p, 'hasvalue');
    if (expected === undefined) return false;
    if (!expected && fieldMissing(p, t)) return true;
    const found = operand(p, t);
    return !!found && !expected === nullOrEmpty(found.value);
  },
  match: (p, t) => {
    const pattern = p.get('match');
    const found = pattern !== undefined && operand(p, t);
    return !!found && matches(pattern, found.value, flag(p, 'casesensitive'));
  },
  notmatch: (p, t) => {
    const pattern = p.get('notmatch');
    if (pattern === undefined) return false;
    if (fieldMissing(p, t)) return true;
    const found = operand(p, t);
    return !!found && !matches(pattern, found.value, flag(p, 'casesensitive'));
  },
  in: (p, t) => {
    const list = p.get('in');
    const found = Array.isArray(list) && operand(p, t);
    return !!found && list.some((item) => anyValue(found.value, item, false));
  },
  notin: (p, t) => {
    const list = p.get('notin');
    if (!Array.isArray(list)) return false;
    if (fieldMissing(p, t)) return true;
    const found = operand(p, t);
    return !!found && !list.some((item) => anyValue(found.value, item, false));
  },
  setof: setCheck(false),
  subset: setCheck(true),
  count: countCheck((length, expected) => BigInt(length) === expected),
  notcount: countCheck((length, expected) => BigInt(length) !== expected),
  less: comparison((c) => c < 0),
  lessorequals: comparison((c) => c <= 0),
  greater: comparison((c) => c > 0),
  greaterorequals: comparison((c) => c >= 0),
  startswith: textCondition(ordinalStartsWith, false),
  notstartswith: textCondition(ordinalStartsWith, true),
  endswith: textCondition(ordinalEndsWith, false),
  notendswith: textCondition(ordinalEndsWith, true),
  contains: textCondition(ordinalContains, false),
  notcontains: textCondition(ordinalContains, true),
  like: likeCondition(false),
  notlike: likeCondition(true),
  isstring: typeCheck((v) => tryString(v) !== undefined),
  isarray: typeCheck((v) => Array.isArray(checked(v))),
  isboolean: typeCheck((v, convert) => tryBool(v, convert) !== undefined),
  isinteger: typeCheck((v, convert) => tryInteger(v, convert, INT64) !== undefined),
  isnumeric: typeCheck((v, convert) => {
    if (tryInteger(v, convert, INT64) !== undefined || typeof v === 'number') return true;
    // float/double.TryParse read the current culture's separators.
    return convert && typeof v === 'string' && v.trim() !== '' ? undecidable('a text parsed as a number') : false;
  }),
  isdatetime: typeCheck((v, convert) => {
    v = checked(v);
    if (convert && typeof v === 'string') return v.trim() === '' ? false : undecidable('a text parsed as a date');
    return convert && tryInteger(v, false, INT32) !== undefined;
  }),
  islower: caseCheck(false),
  isupper: caseCheck(true),
  withinpath: (p, t) => !!(operand(p, t) && stringArrayProperty(p, 'withinpath')) && undecidable('withinPath'),
  notwithinpath: (p, t) => {
    const found = operand(p, t);
    if (!found || !stringArrayProperty(p, 'notwithinpath')) return false;
    return tryString(found.value) === undefined || undecidable('notWithinPath');
  },
  version: (p, t) => versionCheck(p, t, 'version'),
  apiversion: (p, t) => versionCheck(p, t, 'apiversion'),
  hasschema: (p, t) => {
    const field = p.get('field');
    if (!Array.isArray(p.get('hasschema')) || typeof field !== 'string') return false;
    const found = lookupField(t, field);
    return found.found && found.value instanceof PsObject && found.value.properties.has('$schema') && undecidable('hasSchema');
  },
};

function versionCheck(properties: Properties, target: ResourceFields, name: string): boolean {
  const found = typeof properties.get(name) === 'string' && operand(properties, target);
  return !!found && tryString(found.value) !== undefined && undecidable('version constraints');
}

export const CONDITION_NAMES: ReadonlySet<string> = new Set(Object.keys(CONDITIONS));

/** One condition by its lower-case name; throws Undecidable or PsRuleThrows. */
export function evaluateConditionByName(name: string, properties: Properties, target: ResourceFields): boolean {
  return CONDITIONS[name]!(properties, target, name);
}
