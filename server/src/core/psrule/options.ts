/**
 * PSRule options (`ps-rule.yaml`) that decide Azure.ACR.ExportPolicy results: rule.include / rule.exclude,
 * suppression (short and long form), input.pathIgnore, execution.ruleSuppressed and, for the analysis itself,
 * configuration.AZURE_PARAMETER_DEFAULTS. Malformed YAML or a wrong shape gives one clear diagnostic with its place,
 * and defaults for the rest; parsing never throws.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { configuredValue, type ConfiguredDefault } from './parameterDefaults';
import { spanOf } from './yamlSpans';

export interface ConfigDiagnostic {
  path: string;
  span: { start: number; end: number };
  message: string;
}

export interface PsRuleOptions {
  /** when set, only these rules run (names or refs) */
  include?: string[];
  exclude: string[];
  /** lower-case rule name or ref -> target names */
  suppression: Map<string, string[]>;
  /** glob patterns relative to baseDir; `!` negates */
  pathIgnore: string[];
  ruleSuppressed?: ActionPreference;
  /** `configuration.AZURE_PARAMETER_DEFAULTS`: values for parameters nothing else sets (see parameterDefaults.ts) */
  parameterDefaults?: ConfiguredDefault[];
  /** the folder of the options file */
  baseDir: string;
  path: string;
}

/** PSRule's ExecutionActionPreference, in the order of its values (None = 0 ... Debug = 4). */
const ACTION_PREFERENCES = ['none', 'ignore', 'warn', 'error', 'debug'] as const;
export type ActionPreference = (typeof ACTION_PREFERENCES)[number];

/** The names PSRule looks for, in its order (PSRuleOption.GetFilePath). */
export const CONFIG_FILE_NAMES = ['ps-rule.yaml', 'ps-rule.yml', 'psrule.yaml', 'psrule.yml'];

export function emptyOptions(path: string, baseDir: string): PsRuleOptions {
  return { exclude: [], suppression: new Map(), pathIgnore: [], baseDir, path };
}

function get(document: Document, path: string[]): YamlNode | undefined {
  // Keys compare case-insensitively, as PSRule reads its options.
  let node: unknown = document.contents;
  for (const step of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value).toLowerCase() === step.toLowerCase());
    node = pair?.value;
  }
  return (node ?? undefined) as YamlNode | undefined;
}

/** A list of strings (a single string is a list of one); a diagnostic for anything else. */
function stringList(node: YamlNode | undefined, what: string, path: string, diagnostics: ConfigDiagnostic[]): string[] | undefined {
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
    return node.items.map((item) => String((item as { value: unknown }).value));
  }
  diagnostics.push({ path, span: spanOf(node, 0), message: `${what} must be a list of strings; it is ignored.` });
  return undefined;
}

export function parsePsRuleOptions(text: string, path: string, baseDir: string): { options: PsRuleOptions; diagnostics: ConfigDiagnostic[] } {
  const options = emptyOptions(path, baseDir);
  const diagnostics: ConfigDiagnostic[] = [];
  let document: Document;
  try {
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    return { options, diagnostics: [{ path, span: { start: 0, end: 0 }, message: `${path} cannot be read: ${(error as Error).message}` }] };
  }
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const message = error.message.split('\n')[0]!;
    diagnostics.push({ path, span: { start: error.pos[0], end: error.pos[1] }, message: `Malformed YAML, so PSRule options are ignored and defaults apply: ${message}` });
    return { options, diagnostics };
  }
  if (document.contents !== null && !isMap(document.contents)) {
    diagnostics.push({ path, span: spanOf(document.contents as YamlNode, 0), message: 'PSRule options must be a mapping; defaults apply.' });
    return { options, diagnostics };
  }
  options.include = stringList(get(document, ['rule', 'include']), 'rule.include', path, diagnostics);
  options.exclude = stringList(get(document, ['rule', 'exclude']), 'rule.exclude', path, diagnostics) ?? [];
  options.pathIgnore = stringList(get(document, ['input', 'pathIgnore']), 'input.pathIgnore', path, diagnostics) ?? [];

  const ruleSuppressed = get(document, ['execution', 'ruleSuppressed']);
  if (ruleSuppressed !== undefined) {
    const written = isScalar(ruleSuppressed) ? String(ruleSuppressed.value).trim().toLowerCase() : '';
    // PSRule's ExecutionActionPreference, by name in any case or by number.
    const value = ACTION_PREFERENCES.find((name, index) => written === name || written === String(index));
    if (value) options.ruleSuppressed = value;
    else diagnostics.push({ path, span: spanOf(ruleSuppressed, 0), message: 'execution.ruleSuppressed must be None, Ignore, Warn, Error or Debug; it is ignored.' });
  }

  const parameterDefaults = get(document, ['configuration', 'AZURE_PARAMETER_DEFAULTS']);
  if (isMap(parameterDefaults)) {
    options.parameterDefaults = [];
    for (const pair of parameterDefaults.items) {
      if (!isScalar(pair.key) || pair.key.value === null) continue;
      const value = pair.value as YamlNode | null;
      options.parameterDefaults.push({ name: String(pair.key.value), value: configuredValue(value, pair.key.range?.[1] ?? 0) });
    }
  } else if (parameterDefaults !== undefined && !(isScalar(parameterDefaults) && parameterDefaults.value === null)) {
    diagnostics.push({ path, span: spanOf(parameterDefaults, 0), message: 'configuration.AZURE_PARAMETER_DEFAULTS must map parameter names to values; it is ignored.' });
  }

  const suppression = get(document, ['suppression']);
  if (isMap(suppression)) {
    for (const pair of suppression.items) {
      const rule = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (!rule) continue;
      const value = pair.value as YamlNode | undefined;
      // Short form: Rule: [names]; long form: Rule: { targetName: [names] }.
      const targets = isMap(value)
        ? stringList(get({ contents: value } as Document, ['targetName']), `suppression.${rule}.targetName`, path, diagnostics)
        : stringList(value, `suppression.${rule}`, path, diagnostics);
      if (targets) options.suppression.set(rule.toLowerCase(), targets);
    }
  } else if (suppression !== undefined && !(isScalar(suppression) && suppression.value === null)) {
    diagnostics.push({ path, span: spanOf(suppression, 0), message: 'suppression must map rule names to target names; it is ignored.' });
  }
  return { options, diagnostics };
}
