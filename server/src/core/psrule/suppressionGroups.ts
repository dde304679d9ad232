/**
 * PSRule suppression groups (`.ps-rule/*.Rule.yaml`, `kind: SuppressionGroup`): `spec.rule`, `spec.if`,
 * `spec.expiresOn` and (apiVersion 2025-01-01) `spec.type`. `spec.if` is read and evaluated as PSRule does
 * (psruleExpressions.ts); a group suppresses only when PSRule certainly would, and a condition acr-guard cannot read
 * or evaluate is reported on the file.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { ConfigDiagnostic } from './options';
import { ordinalEquals } from './dotnetText';
import { TRUE, UnreadableCondition, compileExpression, compileIf, evaluate, rawFromJs, type Expression, type RawNode } from './psruleExpressions';
import type { ResourceFields } from './psruleValues';

export interface SuppressionTarget extends ResourceFields {
  ruleId: string;
  ruleRef?: string;
}

export interface SuppressionGroup {
  name: string;
  path: string;
  /** empty: every rule, as in PSRule */
  rules: string[];
  /** spec.if as PSRule loads it; undefined: always true */
  condition?: Expression;
  /** why PSRule would not load spec.if (or acr-guard cannot tell whether it would): the group never suppresses */
  unreadable?: string;
  /** spec.type of a 2025-01-01 group: the target types it applies to */
  types?: string[];
  expiresOn?: Date;
}

const API_2025_01_01 = 'github.com/microsoft/PSRule/2025-01-01';
/** Plain scalars YamlDotNet reads as null: `if: ~` means no condition, as a missing `if` does. */
const NULL_TEXTS = new Set(['', '~', 'null', 'Null', 'NULL']);

const rangeOf = (node: YamlNode | null | undefined): [number, number] | undefined => (node?.range ? [node.range[0], node.range[1]] : undefined);

/** A YAML node with each scalar as written: PSRule's parser reads every value as text. */
function rawNode(node: YamlNode | null | undefined, depth = 0): RawNode {
  const range = rangeOf(node);
  if (depth > 200) throw new UnreadableCondition('YAML nested more than 200 deep, which acr-guard does not follow', range);
  if (node === null || node === undefined) return { kind: 'scalar', text: '', isNull: true };
  if (isScalar(node)) {
    const text = node.source ?? String(node.value);
    const isNull = node.tag === 'tag:yaml.org,2002:null' || (node.type === 'PLAIN' && node.tag === undefined && NULL_TEXTS.has(text));
    return { kind: 'scalar', text, isNull, range };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => rawNode(item as YamlNode, depth + 1)), range };
  if (isMap(node)) {
    const entries = node.items.map((pair) => ({ key: rawNode(pair.key as YamlNode, depth + 1), value: rawNode(pair.value as YamlNode, depth + 1) }));
    return { kind: 'map', entries, range };
  }
  // An alias, or a node the yaml package adds later.
  return { kind: 'other', range };
}

function specNode(document: Document, key: string): YamlNode | undefined {
  const spec = document.get('spec', true);
  return isMap(spec) ? (spec.get(key, true) as YamlNode | undefined) : undefined;
}

export function parseSuppressionGroups(text: string, path: string): { groups: SuppressionGroup[]; diagnostics: ConfigDiagnostic[] } {
  const groups: SuppressionGroup[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text, { prettyErrors: false });
  } catch (error) {
    return { groups, diagnostics: [{ path, span: { start: 0, end: 0 }, message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      diagnostics.push({ path, span: { start: error.pos[0], end: error.pos[1] }, message: `Malformed YAML: ${error.message.split('\n')[0]}` });
      continue;
    }
    let data: Record<string, unknown> | null;
    try {
      data = document.toJS() as Record<string, unknown> | null;
    } catch (error) {
      // The yaml package refuses documents whose aliases would expand past its limit (a "billion laughs" file).
      diagnostics.push({ path, span: { start: 0, end: 0 }, message: `cannot read ${path}: ${(error as Error).message}` });
      continue;
    }
    if (!data || typeof data !== 'object' || String(data.kind).toLowerCase() !== 'suppressiongroup') continue;
    const spec = (data.spec ?? {}) as Record<string, unknown>;
    const name = String((data.metadata as Record<string, unknown> | undefined)?.name ?? '(unnamed)');
    const rules = Array.isArray(spec.rule) ? spec.rule.map(String) : typeof spec.rule === 'string' ? [spec.rule] : [];
    const range = document.contents?.range;
    let expiresOn: Date | undefined;
    if (spec.expiresOn !== undefined) {
      expiresOn = new Date(String(spec.expiresOn instanceof Date ? spec.expiresOn.toISOString() : spec.expiresOn));
      if (Number.isNaN(expiresOn.getTime())) {
        diagnostics.push({ path, span: { start: range?.[0] ?? 0, end: range?.[1] ?? 0 }, message: `suppression group '${name}': expiresOn is not a date; the group is ignored.` });
        continue;
      }
    }
    const group: SuppressionGroup = { name, path, rules, expiresOn };
    if (data.apiVersion === API_2025_01_01 && spec.type !== undefined && spec.type !== null) group.types = (Array.isArray(spec.type) ? spec.type : [spec.type]).map(String);
    const ifNode = specNode(document, 'if');
    const spanOf = (at: [number, number] | undefined) => ({ start: at?.[0] ?? range?.[0] ?? 0, end: at?.[1] ?? range?.[1] ?? 0 });
    try {
      const compiled = compileIf(ifNode === undefined ? undefined : rawNode(ifNode));
      group.condition = compiled.expression;
      for (const note of compiled.notes) diagnostics.push({ path, span: spanOf(note.range ?? rangeOf(ifNode)), message: `suppression group '${name}': ${note.message}.` });
    } catch (error) {
      if (!(error instanceof UnreadableCondition)) throw error;
      group.unreadable = error.message;
      diagnostics.push({ path, span: spanOf(error.range ?? rangeOf(ifNode)), message: `suppression group '${name}' never suppresses: in spec.if, ${error.message}.` });
    }
    groups.push(group);
  }
  return { groups, diagnostics };
}

function ruleMatches(rules: readonly string[], target: SuppressionTarget): boolean {
  // No rules: every rule (PSRule issue #931).
  if (rules.length === 0) return true;
  const names = [target.ruleId, target.ruleRef].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  // PSRule accepts the module-qualified name too: PSRule.Rules.Azure\Azure.ACR.ExportPolicy.
  return rules.some((rule) => names.includes(rule.toLowerCase().replace(/^.*\\/, '')));
}

function typeMatches(types: readonly string[] | undefined, target: SuppressionTarget): boolean {
  if (types === undefined || types.length === 0) return true;
  try {
    return types.some((type) => ordinalEquals(type, target.type, false));
  } catch {
    return false;
  }
}

/** The group that suppresses this target now, if any. */
export function matchingGroup(groups: readonly SuppressionGroup[], target: SuppressionTarget, now: Date): SuppressionGroup | undefined {
  return groups.find(
    (group) =>
      (group.expiresOn === undefined || group.expiresOn > now) &&
      group.unreadable === undefined &&
      ruleMatches(group.rules, target) &&
      typeMatches(group.types, target) &&
      (group.condition === undefined || evaluate(group.condition, target) === TRUE),
  );
}

/** Whether PSRule certainly finds this condition (one mapping, as plain data) true for the target. */
export function evaluateCondition(condition: unknown, target: SuppressionTarget): boolean {
  try {
    return evaluate(compileExpression(rawFromJs(condition)), target) === TRUE;
  } catch (error) {
    if (error instanceof UnreadableCondition) return false;
    throw error;
  }
}
