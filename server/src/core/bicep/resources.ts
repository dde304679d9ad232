/** The resource model of a Bicep file: every declared resource, with conditions, loops and fixes in Bicep syntax. */
import { causeOf, getMember, isObjectValue, unknown, valueAt, withOrigin, type Origin, type Value } from '../evaluate/value';
import { once } from '../once';
import type { PropertyResolution, ResourceInstance, ResourceModel } from '../model/resource';
import { buildDesiredTree, type PathAssignment } from '../fixes/desiredTree';
import type { TextEdit } from '../types';
import { bindLoop, decidingMember, evaluateBicep, type BicepScope } from './evaluator';
import { BicepObjectEditor, findProperty } from './objectEditor';
import { spanOf, type Expression, type ObjectExpression, type ResourceDeclaration } from './syntax';
import type { BicepTemplate } from './template';

const MAX_LOOP_INSTANCES = 64;
const MAX_SCENARIOS = 32;

/** One body a resource or module declaration deploys, with the scope it evaluates in (a loop's item bound). */
export interface DeclarationBody {
  body: ObjectExpression;
  scope: BicepScope;
  /** which iteration of a loop, when the declaration has one */
  label?: string;
}

/** `'Microsoft.ContainerRegistry/registries@2023-07-01'` -> type and API version, with the version's span. */
export function splitResourceType(declaration: ResourceDeclaration, parentType?: string): { type: string; apiVersion?: string; apiVersionSpan?: { start: number; end: number } } {
  const written = declaration.typeString.pieces.join('');
  const at = written.indexOf('@');
  const typePart = at < 0 ? written : written.slice(0, at);
  const type = parentType && !typePart.includes('/') ? `${parentType}/${typePart}` : typePart;
  if (at < 0) return { type };
  const versionStart = declaration.typeString.start + 1 + at + 1;
  return { type, apiVersion: written.slice(at + 1), apiVersionSpan: { start: versionStart, end: versionStart + written.length - at - 1 } };
}

export function buildBicepResources(template: BicepTemplate, types?: ReadonlySet<string>): ResourceModel[] {
  const models: ResourceModel[] = [];
  const visit = (declaration: ResourceDeclaration, parentType: string | undefined, scope: BicepScope, parentLabel?: string) => {
    if (declaration.existing) return;
    const { type, apiVersion, apiVersionSpan } = splitResourceType(declaration, parentType);
    const wanted = !types || types.has(type.toLowerCase());
    // Another type matters only for the resources declared inside it: without any, its loop or condition (which can
    // load hundreds of files) is not evaluated.
    if (!wanted && !declaresResources(declaration.value)) return;
    const occurrences = expandDeclaration(declaration.value, scope, parentLabel);
    if (occurrences.length === 0) return;
    if (wanted) models.push(model(template, declaration, type, apiVersion, apiVersionSpan, occurrences));
    for (const occurrence of occurrences.slice(0, 1)) {
      for (const member of occurrence.body.members) if (member.kind === 'resource') visit(member, type, occurrence.scope, occurrence.label);
    }
  };
  for (const statement of template.file.statements) if (statement.kind === 'resource') visit(statement, undefined, template);
  return models;
}

/** Whether a declaration's body (an object, or one inside `if` or `for`) declares nested resources. */
function declaresResources(value: Expression): boolean {
  if (value.kind === 'object') return value.members.some((member) => member.kind === 'resource');
  return (value.kind === 'if' || value.kind === 'for') && declaresResources(value.body);
}

/**
 * The bodies a declaration deploys: one object, none when `if` is false, one per item of a known `for` array (the
 * first 64).
 */
export function expandDeclaration(value: Expression, scope: BicepScope, label?: string): DeclarationBody[] {
  if (value.kind === 'object') return [{ body: value, scope, label }];
  if (value.kind === 'if') {
    const condition = evaluateBicep(value.condition, scope);
    if (condition.kind === 'boolean' && !condition.value) return [];
    return expandDeclaration(value.body, scope, label);
  }
  if (value.kind === 'for') {
    const source = evaluateBicep(value.source, scope);
    if (source.kind !== 'array') {
      // Any item, at any index: neither is known (an index bound to 0 would decide `i == 0 ? ...` for every item).
      const anyItem = source.kind === 'unknown' ? causeOf(source) : unknown('the loop does not go over an array');
      return expandDeclaration(value.body, bindLoop(scope, value.itemName, value.indexName, anyItem, anyItem), label);
    }
    const out: DeclarationBody[] = [];
    source.items.slice(0, MAX_LOOP_INSTANCES).forEach((item, index) => {
      const itemLabel = `${value.itemName ?? 'item'}[${index}]`;
      out.push(...expandDeclaration(value.body, bindLoop(scope, value.itemName, value.indexName, item, index), label ? `${label}, ${itemLabel}` : itemLabel));
    });
    return out;
  }
  return [];
}

function model(
  template: BicepTemplate,
  declaration: ResourceDeclaration,
  type: string,
  apiVersion: string | undefined,
  apiVersionSpan: { start: number; end: number } | undefined,
  occurrences: DeclarationBody[],
): ResourceModel {
  const first = occurrences[0]!;
  const nameProperty = findProperty(first.body, 'name');
  const name = nameProperty ? evaluateBicep(nameProperty.value, first.scope) : undefined;
  const knownName = name?.kind === 'string' ? name.value : undefined;
  const text = template.file.text;
  // Each instance's own name, evaluated once (the first one is known already).
  const names = occurrences.map((occurrence, index) =>
    once(() => {
      if (index === 0) return knownName;
      const own = nameProperty ? evaluateBicep(nameProperty.value, occurrence.scope) : undefined;
      return own?.kind === 'string' ? own.value : undefined;
    }),
  );
  return {
    language: 'bicep',
    uri: template.uri,
    type,
    declarationSpan: spanOf(declaration),
    typeSpan: spanOf(declaration.typeString),
    nameSpan: spanOf(nameProperty?.value ?? declaration.name),
    displayName: displayName(text, nameProperty?.value, names.map((own) => own())) ?? declaration.name.name,
    knownName,
    apiVersion,
    apiVersionSpan,
    instances: occurrences.map((occurrence, index) => ({
      label: occurrences.length > 1 ? occurrence.label : undefined,
      name: names[index],
      resolve: (path) => resolveBicepPath(occurrence.body, path, occurrence.scope),
    })),
    expandParameters: (names) => expandAllowedValues(template, first.body, names),
    deploymentPath: [],
    editor: {
      setProperties(assignments: readonly PathAssignment[]) {
        const editor = new BicepObjectEditor(
          template.uri,
          text,
          (expression) => occurrences.every((o) => isObjectValue(evaluateBicep(expression, o.scope))),
          (spread, name) => occurrences.some((o) => {
            const value = evaluateBicep(spread.expression, o.scope);
            return value.kind === 'unknown' || getMember(value, name) !== undefined;
          }),
        );
        const version = assignments.find((a) => a.path.length === 1 && a.path[0] === 'apiVersion');
        const rest = assignments.filter((a) => a !== version);
        if (!editor.apply(first.body, buildDesiredTree(rest))) return undefined;
        const edits: TextEdit[] = [...editor.edits];
        if (version && apiVersionSpan) edits.push({ uri: template.uri, span: apiVersionSpan, newText: String(version.value) });
        return edits;
      },
    },
  };
}

/**
 * Walks `path` through the object literals of the body; the first other expression is evaluated and followed. A
 * spread (`...shared`) after a member's last property, or in place of one, decides the member when its object has it.
 */
export function resolveBicepPath(body: ObjectExpression, path: readonly string[], scope: BicepScope): PropertyResolution {
  let current = body;
  for (let index = 0; index < path.length; index++) {
    const decider = decidingMember(current, path[index]!, scope);
    if (!decider) return { value: undefined };
    if (decider.kind === 'spread') return follow(decider.value, path, index + 1, spanOf(decider.spread));
    const property = decider.property;
    if (property.value.kind === 'object' && index < path.length - 1) {
      current = property.value;
      continue;
    }
    return follow(evaluateBicep(property.value, scope), path, index + 1, spanOf(property.value));
  }
  return { value: evaluateBicep(current, scope), site: spanOf(current) };
}

/** `value`, then the rest of `path` from `from` through its members. */
function follow(value: Value | undefined, path: readonly string[], from: number, site: { start: number; end: number }): PropertyResolution {
  return { value: valueAt(value, path.slice(from)), site };
}

function expandAllowedValues(template: BicepTemplate, body: ObjectExpression, names: readonly string[]): ResourceInstance[] {
  let scenarios: { label: string[]; values: Map<string, Value> }[] = [{ label: [], values: new Map() }];
  for (const name of new Set(names)) {
    const allowed = template.allowedValues(name);
    const declaration = template.parameters.get(name);
    if (!allowed || !declaration || allowed.length === 0 || template.isSupplied(name)) continue;
    const origin: Origin = { uri: template.uri, span: spanOf(declaration), kind: 'parameterValue', name };
    scenarios = scenarios
      .flatMap((scenario) => allowed.map((value) => ({ label: [...scenario.label, `parameter '${name}' = ${value.kind === 'string' ? `'${value.value}'` : value.kind}`], values: new Map(scenario.values).set(name, withOrigin(value, origin)) })))
      .slice(0, MAX_SCENARIOS);
  }
  if (scenarios.length === 1 && scenarios[0]!.values.size === 0) return [];
  return scenarios.map((scenario) => {
    const scope = template.withSupplied(scenario.values);
    return { label: scenario.label.join(', '), resolve: (path) => resolveBicepPath(body, path, scope) };
  });
}

/**
 * How a finding names a declaration: its name when every instance has the same known one, else the name as written
 * (`acr${i}`, `cfg.name`): the first instance's name would name the wrong registry when another one fails.
 */
export function displayName(text: string, written: Expression | undefined, names: readonly (string | undefined)[]): string | undefined {
  const first = names[0];
  if (first !== undefined && names.every((name) => name === first)) return first;
  if (!written) return undefined;
  // A string is shown without its quotes: `'acr${i}'` reads as acr${i}.
  return written.kind === 'string' && !written.multiline ? text.slice(written.start + 1, written.end - 1) : text.slice(written.start, written.end);
}
