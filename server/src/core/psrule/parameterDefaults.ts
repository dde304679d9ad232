/**
 * PSRule for Azure's `configuration.AZURE_PARAMETER_DEFAULTS`: values for the parameters of a template that nothing
 * else gives one. PSRule for Azure fills a parameter when it expands a template in this order (TemplateVisitor): the
 * value assigned (a parameter file, a caller), the template's default, this option, and null for a nullable one.
 * Parameter names compare case-insensitively. It reads the option untyped, so a value is YAML's text: a string
 * parameter takes it as it is, a bool parameter when .NET reads it as one (`true`, `False`), and an object or array
 * parameter a mapping or list of such texts.
 * An unquoted `3` or `true` (in a string parameter's value, or anywhere in an object's or array's), and values for int
 * parameters, are read differently by the two ways PSRule loads its options, so those parameters are left without a
 * value ("cannot be verified"), never guessed.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { arrayValue, bool, nullValue, objectValue, str, type Origin, type Value } from '../evaluate/value';
import type { Span } from '../types';
import { resolveFilePath } from '../text/filePaths';
import { literalUnion } from '../bicep/typeText';
import { spanOf } from './yamlSpans';

/** A value of the option as written: text, null, a mapping or a list (plain data, kept with the options). */
export type ConfiguredValue =
  /** `typed`: a plain (unquoted) scalar that YAML itself reads as something other than a string, such as 3 or true */
  | { kind: 'text'; text: string; typed: boolean; span: Span }
  | { kind: 'null'; span: Span }
  | { kind: 'map'; entries: { key: string; keySpan: Span; value: ConfiguredValue }[]; span: Span }
  | { kind: 'list'; items: ConfiguredValue[]; span: Span }
  /** anything else (a mapping with a key that is not a scalar) */
  | { kind: 'other'; span: Span };

/** One entry of the option, as written. */
export interface ConfiguredDefault {
  /** the parameter's name as written */
  name: string;
  value: ConfiguredValue;
}

/** What the option can give a parameter of this declared type. */
export type ConfigurableType = 'string' | 'bool' | 'object' | 'array' | 'other';

/** The option for one analysis: the options file's entries, with that file's URI as their origin. */
export class ParameterDefaults {
  private readonly byName: ReadonlyMap<string, ConfiguredDefault>;

  constructor(
    readonly uri: string,
    entries: readonly ConfiguredDefault[],
  ) {
    this.byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry] as const));
  }

  /** Undefined for an empty option: nothing to consult. */
  static fromOptions(path: string | undefined, entries: readonly ConfiguredDefault[] | undefined): ParameterDefaults | undefined {
    if (path === undefined || !entries || entries.length === 0) return undefined;
    return new ParameterDefaults(resolveFilePath(path.startsWith('/') ? path : `/${path}`, 'file:///'), entries);
  }

  /** The value configured for parameter `name` of `type`, labelled as coming from the options file; undefined when none applies. */
  valueFor(name: string, type: ConfigurableType): Value | undefined {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return undefined;
    const { value } = entry;
    const at = (span: Span): Origin => ({ uri: this.uri, span, kind: 'configuredDefault', name: entry.name });
    switch (type) {
      case 'string':
        return value.kind === 'text' && !value.typed ? str(value.text, at(value.span)) : undefined;
      case 'bool': {
        // .NET's bool.TryParse: either word in any case, surrounding white space ignored.
        const word = value.kind === 'text' ? value.text.trim().toLowerCase() : undefined;
        return word === 'true' || word === 'false' ? bool(word === 'true', at(value.span)) : undefined;
      }
      case 'object':
      case 'array':
        return value.kind === (type === 'object' ? 'map' : 'list') && readAlike(value) ? toValue(value, at) : undefined;
      default:
        return undefined;
    }
  }
}

/** Whether both of PSRule's readers of the option see the same value: texts that YAML reads as text, and nulls. */
function readAlike(value: ConfiguredValue): boolean {
  switch (value.kind) {
    case 'text': return !value.typed;
    case 'null': return true;
    case 'map': return value.entries.every((entry) => readAlike(entry.value));
    case 'list': return value.items.every(readAlike);
    default: return false;
  }
}

function toValue(value: ConfiguredValue, at: (span: Span) => Origin): Value {
  switch (value.kind) {
    case 'text': return str(value.text, at(value.span));
    case 'map': return objectValue(value.entries.map((entry) => ({ name: entry.key, value: toValue(entry.value, at), keySpan: entry.keySpan })), at(value.span));
    case 'list': return arrayValue(value.items.map((item) => toValue(item, at)), at(value.span));
    default: return nullValue(at(value.span));
  }
}

/** A YAML value of the option as an entry's value. */
export function configuredValue(node: YamlNode | null | undefined, fallback: number): ConfiguredValue {
  const span = spanOf(node, fallback);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return { kind: 'null', span };
  if (isScalar(node)) {
    const plain = node.type === 'PLAIN';
    return { kind: 'text', text: plain && typeof node.source === 'string' ? node.source : String(node.value), typed: plain && typeof node.value !== 'string', span };
  }
  if (isSeq(node)) return { kind: 'list', items: node.items.map((item) => configuredValue(item as YamlNode, span.start)), span };
  if (isMap(node)) {
    const entries: { key: string; keySpan: Span; value: ConfiguredValue }[] = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key) || pair.key.value === null) return { kind: 'other', span };
      const keySpan = spanOf(pair.key, span.start);
      entries.push({ key: String(pair.key.source ?? pair.key.value), keySpan, value: configuredValue(pair.value as YamlNode | null, keySpan.end) });
    }
    return { kind: 'map', entries, span };
  }
  return { kind: 'other', span };
}

/** ARM's parameter type, as far as the option fills it. */
export function armConfigurableType(type: string | undefined): ConfigurableType {
  switch (type?.toLowerCase()) {
    case 'string':
    case 'securestring':
      return 'string';
    case 'bool':
      return 'bool';
    case 'object':
    case 'secureobject':
      return 'object';
    case 'array':
      return 'array';
    default:
      return 'other';
  }
}

/** A Bicep parameter's type as written: `string`, `bool`, `object`, `array`, nullable or not, a union of string literals, an object type or a typed array. */
export function bicepConfigurableType(type: string): ConfigurableType {
  const bare = type.trim().replace(/\?$/, '').trim();
  if (bare === 'string' || bare === 'bool' || bare === 'object' || bare === 'array') return bare;
  if (bare.startsWith('{') && bare.endsWith('}')) return 'object';
  if (/\[\]$/.test(bare)) return 'array';
  return literalUnion(bare) ? 'string' : 'other';
}
