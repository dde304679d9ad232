/**
 * PSRule for Azure's `configuration.AZURE_PARAMETER_DEFAULTS`: values for the parameters of a template that nothing
 * else gives one. PSRule for Azure fills a parameter when it expands a template in this order (TemplateVisitor): the
 * value assigned (a parameter file, a caller), the template's default, this option, and null for a nullable one.
 * Parameter names compare case-insensitively. It reads the option untyped, so a value is YAML's text, which a string
 * parameter takes as it is and a bool parameter when .NET reads it as one (`true`, `False`).
 * Only string and bool parameters are filled: an unquoted `3` or `true` given to a string parameter, and values for
 * int, array and object parameters, are read differently by the two ways PSRule loads its options, so they are left
 * without a value ("cannot be verified"), never guessed.
 */
import { isScalar, type Node as YamlNode } from 'yaml';
import { bool, str, type Value } from '../evaluate/value';
import type { Span } from '../types';
import { resolveFilePath } from '../text/filePaths';

/** One entry of the option, as written. */
export interface ConfiguredDefault {
  /** the parameter's name as written */
  name: string;
  /** the scalar's text; undefined for a list, a map or null */
  text?: string;
  /** a plain (unquoted) scalar that YAML itself reads as something other than a string: a number, a boolean */
  typedScalar: boolean;
  span: Span;
}

/** What the option can give a parameter of this declared type. */
export type ConfigurableType = 'string' | 'bool' | 'other';

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
    if (entry?.text === undefined) return undefined;
    const origin = { uri: this.uri, span: entry.span, kind: 'configuredDefault' as const, name: entry.name };
    if (type === 'string') return entry.typedScalar ? undefined : str(entry.text, origin);
    if (type === 'bool') {
      // .NET's bool.TryParse: either word in any case, surrounding white space ignored.
      const word = entry.text.trim().toLowerCase();
      return word === 'true' || word === 'false' ? bool(word === 'true', origin) : undefined;
    }
    return undefined;
  }
}

/** A YAML value of the option as an entry; a list or map gives no text (PSRule would read it only for array and object parameters). */
export function configuredDefault(name: string, node: YamlNode | null | undefined, fallback: number): ConfiguredDefault {
  const span = node?.range ? { start: node.range[0], end: node.range[1] } : { start: fallback, end: fallback };
  if (!isScalar(node) || node.value === null) return { name, typedScalar: false, span };
  const plain = node.type === 'PLAIN';
  const text = plain && typeof node.source === 'string' ? node.source : String(node.value);
  return { name, text, typedScalar: plain && typeof node.value !== 'string', span };
}

/** ARM's parameter type (`string`, `securestring`, `bool`), as far as the option fills it. */
export function armConfigurableType(type: string | undefined): ConfigurableType {
  const lower = type?.toLowerCase();
  return lower === 'string' || lower === 'securestring' ? 'string' : lower === 'bool' ? 'bool' : 'other';
}

/** A Bicep parameter's type as written: `string`, `bool`, nullable or not, or a union of string literals. */
export function bicepConfigurableType(type: string): ConfigurableType {
  const bare = type.trim().replace(/\?$/, '').trim();
  if (bare === 'string') return 'string';
  if (bare === 'bool') return 'bool';
  const union = bare.replace(/^\((.*)\)$/s, '$1').split('|');
  return union.length > 1 && union.every((piece) => /^'[^'\\$]*'$/.test(piece.trim())) ? 'string' : 'other';
}
