/**
 * PSRule suppression groups (`.ps-rule/*.Rule.yaml`, `kind: SuppressionGroup`): `spec.rule`, `spec.if` and
 * `spec.expiresOn`. Supported conditions: `field`, `name` and `type` with equals, notEquals, in, notIn, startsWith,
 * endsWith, contains, hasValue and exists, combined with allOf, anyOf and not. Strings compare case-insensitively.
 */
import { parseAllDocuments } from 'yaml';
import type { ConfigDiagnostic } from './options';

export interface SuppressionTarget {
  ruleId: string;
  ruleRef?: string;
  name: string;
  type: string;
  tags?: Record<string, unknown>;
}

export interface SuppressionGroup {
  name: string;
  path: string;
  rules: string[];
  condition?: unknown;
  expiresOn?: Date;
}

const OPERATORS = ['equals', 'notequals', 'in', 'notin', 'startswith', 'endswith', 'contains', 'hasvalue', 'exists'];

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
    let expiresOn: Date | undefined;
    if (spec.expiresOn !== undefined) {
      expiresOn = new Date(String(spec.expiresOn instanceof Date ? spec.expiresOn.toISOString() : spec.expiresOn));
      if (Number.isNaN(expiresOn.getTime())) {
        const range = document.contents?.range;
        diagnostics.push({ path, span: { start: range?.[0] ?? 0, end: range?.[1] ?? 0 }, message: `suppression group '${name}': expiresOn is not a date; the group is ignored.` });
        continue;
      }
    }
    groups.push({ name, path, rules, condition: spec.if, expiresOn });
  }
  return { groups, diagnostics };
}

function ruleMatches(rules: readonly string[], target: SuppressionTarget): boolean {
  const names = [target.ruleId, target.ruleRef].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  // PSRule accepts the module-qualified name too: PSRule.Rules.Azure\Azure.ACR.ExportPolicy.
  return rules.some((rule) => names.includes(rule.toLowerCase().replace(/^.*\\/, '')));
}

/** The group that suppresses this target now, if any. */
export function matchingGroup(groups: readonly SuppressionGroup[], target: SuppressionTarget, now: Date): SuppressionGroup | undefined {
  return groups.find((group) => (group.expiresOn === undefined || group.expiresOn > now) && ruleMatches(group.rules, target) && (group.condition === undefined || evaluateCondition(group.condition, target)));
}

function fieldValue(target: SuppressionTarget, condition: Record<string, unknown>): { found: boolean; value: unknown } {
  if ('name' in condition) return { found: true, value: target.name };
  if ('type' in condition) return { found: true, value: target.type };
  const field = String(condition.field ?? '');
  const [head, ...rest] = field.split('.');
  const lower = head!.toLowerCase();
  let value: unknown = lower === 'name' ? target.name : lower === 'type' ? target.type : lower === 'tags' ? target.tags : undefined;
  if (value === undefined) return { found: false, value: undefined };
  for (const step of rest) {
    if (!value || typeof value !== 'object') return { found: false, value: undefined };
    const key = Object.keys(value as object).find((k) => k.toLowerCase() === step.toLowerCase());
    if (key === undefined) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value)).toLowerCase();
const list = (value: unknown) => (Array.isArray(value) ? value : [value]);

export function evaluateCondition(condition: unknown, target: SuppressionTarget): boolean {
  if (!condition || typeof condition !== 'object') return false;
  const c = Object.fromEntries(Object.entries(condition as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  if ('allof' in c) return list(c.allof).every((inner) => evaluateCondition(inner, target));
  if ('anyof' in c) return list(c.anyof).some((inner) => evaluateCondition(inner, target));
  if ('not' in c) return !evaluateCondition(c.not, target);
  const { found, value } = fieldValue(target, c);
  const operator = OPERATORS.find((op) => op in c);
  if (!operator) return false;
  const operand = c[operator];
  switch (operator) {
    case 'exists':
      return found === Boolean(operand);
    case 'hasvalue':
      return (found && value !== null && value !== '') === Boolean(operand);
    case 'equals':
      return found && text(value) === text(operand);
    case 'notequals':
      return !found || text(value) !== text(operand);
    case 'in':
      return found && list(operand).some((item) => text(item) === text(value));
    case 'notin':
      return !found || !list(operand).some((item) => text(item) === text(value));
    case 'startswith':
      return found && list(operand).some((item) => text(value).startsWith(text(item)));
    case 'endswith':
      return found && list(operand).some((item) => text(value).endsWith(text(item)));
    case 'contains':
      return found && list(operand).some((item) => text(value).includes(text(item)));
    default:
      return false;
  }
}
