/** Builds the language-neutral resource model from the resource occurrences of an ARM template. */
import { once } from '../once';
import { groupBy, mapped, memoized } from '../collections';
import { findValue, stringOf, type JsonNode } from '../syntax/json';
import { isObjectValue, valueAt, withOrigin, type Origin, type Value } from '../evaluate/value';
import { evaluateNode, type EvaluationScope } from '../evaluate/expressions/evaluator';
import type { PropertyResolution, ResourceInstance, ResourceModel } from '../model/resource';
import type { Span } from '../types';
import { buildDesiredTree } from '../fixes/desiredTree';
import { detectJsonStyle, type JsonStyle } from '../fixes/jsonFormatting';
import { JsonObjectEditor } from '../fixes/jsonObjectEdits';
import type { ResourceOccurrence } from './resourceWalker';

export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** Groups occurrences by declaration (copy loops and looped deployments give several) into resource models. */
export function buildArmResources(uri: string, text: string, occurrences: readonly ResourceOccurrence[]): ResourceModel[] {
  // A linked template deployed from two places gives a declaration per link: each is reported at its own.
  const byDeclaration = groupBy(occurrences, (occurrence) => (occurrence.linkedAt ? `${occurrence.linkedAt.uri}#${occurrence.linkedAt.span.start}#${occurrence.node.offset}#${occurrence.templateScope.uri}` : occurrence.node));
  const models: ResourceModel[] = [];
  // Each file's formatting is read once, on the first fix, not once per registry.
  const styleOf = memoized(detectJsonStyle);
  for (const list of byDeclaration.values()) {
    // A registry in a linked template (`templateLink.relativePath`) lives in that template's file.
    const scope = list[0]!.templateScope;
    const [fileUri, fileText] = scope.uri === uri ? [uri, text] : [scope.uri, scope.text ?? ''];
    models.push(buildModel(fileUri, fileText, list[0]!.node, list, () => styleOf(fileText)));
  }
  return models;
}

function buildModel(uri: string, text: string, node: JsonNode, occurrences: ResourceOccurrence[], styleOf: () => JsonStyle): ResourceModel {
  const first = occurrences[0]!;
  const nameNode = findValue(node, 'name');
  const apiVersionNode = findValue(node, 'apiVersion');
  const name = nameNode ? evaluateNode(nameNode, first.scope) : undefined;
  const knownName = name?.kind === 'string' ? name.value : undefined;
  // Evaluated, not read: "[parameters('acrApiVersion')]" deploys whatever version the parameter holds.
  const apiVersion = apiVersionNode ? evaluateNode(apiVersionNode, first.scope) : undefined;
  const nameText = nameNode ? stringOf(nameNode) ?? text.slice(nameNode.offset, nameNode.offset + nameNode.length) : '(unnamed)';
  const instances: ResourceInstance[] = mapped(occurrences, (occurrence, index) => ({
    label: occurrences.length > 1 ? occurrence.label : undefined,
    name: once(() => {
      if (index === 0) return knownName;
      const own = nameNode ? evaluateNode(nameNode, occurrence.scope) : undefined;
      return own?.kind === 'string' ? own.value : undefined;
    }),
    resolve: (path) => resolveArmPath(node, path, occurrence.scope),
  }));
  // A loop whose instances have different names is named as written: the first one's name would name the wrong one.
  const oneName = knownName !== undefined && (instances.length === 1 || instances.every((instance) => instance.name!() === knownName));
  return {
    language: 'arm',
    uri,
    type: first.type,
    declarationSpan: nodeSpan(node),
    typeSpan: first.typeNode ? nodeSpan(first.typeNode) : nodeSpan(node),
    nameSpan: nameNode ? nodeSpan(nameNode) : undefined,
    displayName: (oneName ? knownName : undefined) ?? nameText,
    knownName,
    apiVersion: apiVersion?.kind === 'string' ? apiVersion.value : undefined,
    apiVersionSpan: apiVersionNode ? nodeSpan(apiVersionNode) : undefined,
    instances,
    expandParameters: (names) => expandAllowedValues(node, first, names),
    deploymentPath: first.deploymentPath,
    linkedAt: first.linkedAt,
    editor: {
      setProperties(assignments) {
        const yieldsObject = (expression: JsonNode) => occurrences.every((o) => isObjectValue(evaluateNode(expression, o.scope)));
        const editor = new JsonObjectEditor(uri, text, styleOf(), yieldsObject);
        return editor.apply(node, buildDesiredTree(assignments)) ? editor.edits : undefined;
      },
    },
  };
}

const MAX_SCENARIOS = 32;

function expandAllowedValues(node: JsonNode, occurrence: ResourceOccurrence, names: readonly string[]): ResourceInstance[] {
  const template = occurrence.templateScope;
  let scenarios: { label: string[]; values: Map<string, Value> }[] = [{ label: [], values: new Map() }];
  for (const name of new Set(names.map((n) => n.toLowerCase()))) {
    const declaration = template.parameterDeclarations.get(name);
    if (!declaration?.allowedValues || template.isSupplied(name)) continue;
    const allowed = evaluateNode(declaration.allowedValues, template);
    if (allowed.kind !== 'array' || allowed.items.length === 0) continue;
    // The value is the parameter's, not the allowed-values list's: a fix must never edit that list.
    const origin: Origin = { uri: template.uri, span: nodeSpan(declaration.node), kind: 'parameterValue', name: declaration.name };
    scenarios = scenarios.flatMap((scenario) =>
      allowed.items.map((value) => ({
        label: [...scenario.label, `parameter '${declaration.name}' = ${describe(value)}`],
        values: new Map(scenario.values).set(name, withOrigin(value, origin)),
      })),
    ).slice(0, MAX_SCENARIOS);
  }
  if (scenarios.length === 1 && scenarios[0]!.values.size === 0) return [];
  return scenarios.map((scenario) => {
    const scope = template.withSupplied(scenario.values);
    return { label: scenario.label.join(', '), resolve: (path) => resolveArmPath(node, path, scope) };
  });
}

function describe(value: Value): string {
  return value.kind === 'string' ? `'${value.value}'` : value.kind === 'number' || value.kind === 'boolean' ? String(value.value) : value.kind;
}

/**
 * Walks `path` through the literal objects of the declaration; the first member that is not a literal object (an
 * expression, a scalar) is evaluated and the rest of the path is followed in its value.
 */
export function resolveArmPath(resource: JsonNode, path: readonly string[], scope: EvaluationScope): PropertyResolution {
  let current = resource;
  for (let index = 0; index < path.length; index++) {
    const member = findValue(current, path[index]!);
    if (!member) return { value: undefined };
    if (member.type === 'object' && index < path.length - 1) {
      current = member;
      continue;
    }
    return { value: valueAt(evaluateNode(member, scope), path.slice(index + 1)), site: nodeSpan(member) };
  }
  return { value: evaluateNode(current, scope), site: nodeSpan(current) };
}
