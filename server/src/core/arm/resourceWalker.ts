/**
 * Finds every resource a template deploys, the way ARM expands it: symbolic-name objects and arrays, child
 * resources nested in their parent, conditions, copy loops, and inline nested deployments in outer or inner scope,
 * at any depth, and templates linked with `templateLink.relativePath` or a template spec's `templateLink.id` when the
 * caller can read them (remote links are not followed).
 */
import { findValue, stringOf, type JsonNode } from '../syntax/json';
import { causeOf, getMember, passedValue, unknown, type Value } from '../evaluate/value';
import { evaluateNode, withCopyIndex, type EvaluationScope } from '../evaluate/expressions/evaluator';
import { TemplateScope } from './templateScope';
import { nodeSpan } from './armResources';
import { mapped } from '../collections';

/** Copy loops deeper or longer than this are analysed through their first iterations only. */
const MAX_COPY_INSTANCES = 64;
const MAX_DEPLOYMENT_DEPTH = 32;

export interface ResourceOccurrence {
  node: JsonNode;
  /** full type, child types joined to their parent's */
  type: string;
  typeNode: JsonNode | undefined;
  /** the scope its expressions evaluate in (with copyIndex bound inside loops) */
  scope: EvaluationScope;
  /** the template scope (for parameter declarations and allowed values) */
  templateScope: TemplateScope;
  /** "copyIndex('x') = 2" and the like, when the declaration deploys more than once */
  label?: string;
  /** its copy loop and index, when it is one of a loop's deployments */
  copy?: { name: string; index: number };
  /** names of the nested deployments it sits in, outermost first */
  deploymentPath: string[];
  /** in a linked template (`templateLink.relativePath`, `.uri` or `.id`): where the walked template links to the first one */
  linkedAt?: { uri: string; span: { start: number; end: number } };
}

/**
 * What a deployment links to: a template by `relativePath`, a template spec version by its resource `id`, or a
 * template by `uri` (followed when it resolves to a file, see enterLinkedTemplate).
 */
export type TemplateLink = { relativePath: string } | { templateSpecId: string } | { uri: string };

/** A template another one links to with `templateLink`, parsed. */
export interface LinkedTemplate {
  uri: string;
  root: JsonNode;
  text: string;
}

export interface WalkOptions {
  /** only report occurrences of these types (lower case); nested deployments are always entered */
  types?: ReadonlySet<string>;
  /** the template a deployment in the template at `fromUri` links to; undefined when it cannot be read (not followed) */
  linkedTemplate?: (fromUri: string, link: TemplateLink, linkNode: JsonNode) => LinkedTemplate | undefined;
  /** the values of a parameter file a deployment links to by `parametersLink.uri`, when it resolves to one */
  linkedParameters?: (fromUri: string, uri: string, linkNode: JsonNode) => ReadonlyMap<string, () => Value> | undefined;
  /** what a deployment of the analysed template passes to the template it links (keyed by lower-case name) */
  linkedPassing?: (linkNode: JsonNode, linked: LinkedTemplate, passing: LinkedPassing) => void;
}

/** The values a deployment passes to a linked template, and its `properties.parameters` where they are written. */
export interface LinkedPassing {
  values: ReadonlyMap<string, () => Value>;
  /** the deployment's `properties` */
  properties: JsonNode | undefined;
}

export function walkTemplate(scope: TemplateScope, options: WalkOptions = {}): ResourceOccurrence[] {
  const out: ResourceOccurrence[] = [];
  walkResources(findValue(scope.template, 'resources'), { scope, templateScope: scope, parentType: undefined, deploymentPath: [], depth: 0, sieve: sieveFor(scope.text, options.types) }, options, out);
  return out;
}

interface WalkContext {
  scope: EvaluationScope;
  templateScope: TemplateScope;
  parentType: string | undefined;
  deploymentPath: string[];
  depth: number;
  label?: string;
  /** passes over top-level resources that cannot matter (one per walk: it remembers where it searched) */
  sieve?: ResourceSieve;
  linkedAt?: { uri: string; span: { start: number; end: number } };
}

function resourceNodes(resources: JsonNode | undefined): JsonNode[] {
  if (!resources) return [];
  if (resources.type === 'array') return resources.children ?? [];
  // languageVersion 2.0: { "symbolicName": { ...resource } }
  if (resources.type === 'object') return (resources.children ?? []).map((p) => p.children?.[1]).filter((n): n is JsonNode => n?.type === 'object');
  return [];
}

function walkResources(resources: JsonNode | undefined, context: WalkContext, options: WalkOptions, out: ResourceOccurrence[]): void {
  const sieve = context.parentType === undefined ? context.sieve : undefined;
  for (const node of resourceNodes(resources)) {
    if (node.type !== 'object') continue;
    if (sieve && !sieve.mayMatter(node.offset, node.offset + node.length)) continue;
    if (findValue(node, 'existing')?.value === true) continue;
    const typeNode = findValue(node, 'type');
    const written = stringOf(typeNode);
    if (written === undefined) continue;
    const type = context.parentType && !written.includes('/') ? `${context.parentType}/${written}` : written;
    const lowerType = type.toLowerCase();
    const wanted = !options.types || options.types.has(lowerType);
    const isDeployment = lowerType === 'microsoft.resources/deployments';
    const children = findValue(node, 'resources');
    // Conditions and loops cost evaluation: spend it only where something can be found.
    if (!wanted && !isDeployment && !children) continue;
    for (const iteration of copyIterations(node, context)) {
      if (isConditionFalse(node, iteration.scope)) continue;
      const occurrence: ResourceOccurrence = {
        node,
        type,
        typeNode,
        scope: iteration.scope,
        templateScope: context.templateScope,
        label: iteration.label,
        copy: iteration.copy,
        deploymentPath: context.deploymentPath,
        linkedAt: context.linkedAt,
      };
      if (wanted) out.push(occurrence);
      if (isDeployment) enterDeployment(occurrence, context, options, out);
      if (children) walkResources(children, { ...context, scope: iteration.scope, parentType: type, label: iteration.label }, options, out);
    }
  }
}

/**
 * Most resources of most templates are of no type a walk looks for. One that mentions none of the wanted types, no
 * `resources` (a child resource array, or a deployment's type) and no backslash (an escape could spell either) can be
 * neither wanted, nor a deployment, nor a parent: the walk passes over it without reading its members. Each word is
 * searched on its own (one regular expression of alternatives took three times as long as all of them), and each
 * search serves every resource after it, as resources are asked for in document order.
 */
class ResourceSieve {
  /** per search: where it last started, and the first mention found at or after that (infinity: none) */
  private readonly searchedFrom: number[];
  private readonly nextMention: number[];

  constructor(
    private readonly text: string,
    private readonly searches: readonly ((text: string, from: number) => number)[],
  ) {
    this.searchedFrom = mapped(searches, () => Number.POSITIVE_INFINITY);
    this.nextMention = mapped(searches, () => Number.POSITIVE_INFINITY);
  }

  mayMatter(start: number, end: number): boolean {
    for (let i = 0; i < this.searches.length; i++) {
      if (start < this.searchedFrom[i]! || start > this.nextMention[i]!) {
        this.searchedFrom[i] = start;
        const at = this.searches[i]!(this.text, start);
        this.nextMention[i] = at < 0 ? Number.POSITIVE_INFINITY : at;
      }
      if (this.nextMention[i]! < end) return true;
    }
    return false;
  }
}

/** The searches of each set of wanted types, made once (each sets its expression's `lastIndex` right before it runs). */
const mentions = new WeakMap<ReadonlySet<string>, ((text: string, from: number) => number)[]>();

function sieveFor(text: string | undefined, types: ReadonlySet<string> | undefined): ResourceSieve | undefined {
  if (text === undefined || types === undefined) return undefined;
  let searches = mentions.get(types);
  if (!searches) {
    const words = [...types, 'resources'].map((word) => new RegExp(word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'giu'));
    searches = [
      (text: string, from: number) => text.indexOf('\\', from),
      ...words.map((word) => (text: string, from: number) => {
        word.lastIndex = from;
        return word.exec(text)?.index ?? -1;
      }),
    ];
    mentions.set(types, searches);
  }
  return new ResourceSieve(text, searches);
}

/** One deployment of a declaration: its scope, how findings name it, and its place in a copy loop when it has one. */
interface Iteration {
  scope: EvaluationScope;
  label?: string;
  copy?: { name: string; index: number };
}

function copyIterations(node: JsonNode, context: WalkContext): Iteration[] {
  const copy = findValue(node, 'copy');
  if (copy?.type !== 'object') return [{ scope: context.scope, label: context.label }];
  const name = stringOf(findValue(copy, 'name')) ?? '';
  const countNode = findValue(copy, 'count');
  const count: Value | undefined = countNode ? evaluateNode(countNode, context.scope) : undefined;
  if (!count || count.kind !== 'number') {
    // Unknown count: analyse one iteration whose copyIndex() is unknown, for the reason the count is.
    const unknownIndex = count?.kind === 'unknown' ? causeOf(count) : unknown(count ? `the count of copy loop '${name}' is not a number` : `copy loop '${name}' has no count`);
    return [{ scope: withCopyIndex(context.scope, name, unknownIndex), label: context.label }];
  }
  const iterations: Iteration[] = [];
  for (let index = 0; index < Math.min(count.value, MAX_COPY_INSTANCES); index++) {
    const label = `copyIndex(${name ? `'${name}'` : ''}) = ${index}`;
    iterations.push({ scope: withCopyIndex(context.scope, name, index), label: context.label ? `${context.label}, ${label}` : label, copy: { name, index } });
  }
  return iterations;
}

function isConditionFalse(node: JsonNode, scope: EvaluationScope): boolean {
  const condition = findValue(node, 'condition');
  if (!condition) return false;
  const value = evaluateNode(condition, scope);
  return value.kind === 'boolean' && value.value === false;
}

function enterDeployment(deployment: ResourceOccurrence, context: WalkContext, options: WalkOptions, out: ResourceOccurrence[]): void {
  if (context.depth >= MAX_DEPLOYMENT_DEPTH) return;
  const properties = findValue(deployment.node, 'properties');
  const template = findValue(properties, 'template');
  const name = describeDeploymentName(deployment);
  const deploymentPath = [...context.deploymentPath, name];
  if (template?.type !== 'object') {
    enterLinkedTemplate(deployment, properties, deploymentPath, context, options, out);
    return;
  }
  const scopeOption = stringOf(findValue(findValue(properties, 'expressionEvaluationOptions'), 'scope'));
  if (scopeOption?.toLowerCase() === 'inner') {
    const supplied = passedParameters(properties, deployment.scope, new Map());
    const inner = new TemplateScope(context.templateScope.uri, template, supplied, context.templateScope.budget, context.templateScope.text, context.templateScope.configured);
    walkResources(findValue(template, 'resources'), { scope: inner, templateScope: inner, parentType: undefined, deploymentPath, depth: context.depth + 1, sieve: context.sieve, linkedAt: context.linkedAt }, options, out);
  } else {
    // Outer scope: the nested template sees the parent's parameters and variables.
    walkResources(findValue(template, 'resources'), { ...context, scope: deployment.scope, parentType: undefined, deploymentPath, depth: context.depth + 1, label: deployment.label }, options, out);
  }
}

/**
 * The parameter values a deployment passes (`properties.parameters`), added to `supplied` and evaluated on first use
 * only: most parameters of most deployments never matter to a rule. A Key Vault reference is known only when the
 * deployment runs.
 */
function passedParameters(properties: JsonNode | undefined, scope: EvaluationScope, supplied: Map<string, () => Value>): Map<string, () => Value> {
  for (const property of findValue(properties, 'parameters')?.children ?? []) {
    const key = property.children?.[0]?.value;
    if (typeof key !== 'string') continue;
    const entry = property.children?.[1];
    const valueNode = findValue(entry, 'value');
    const referenceNode = findValue(entry, 'reference');
    if (entry?.type === 'string') supplied.set(key.toLowerCase(), () => passedByExpression(entry, scope, key));
    else if (valueNode) supplied.set(key.toLowerCase(), () => evaluateNode(valueNode, scope));
    else if (referenceNode) {
      supplied.set(key.toLowerCase(), () => passedValue(unknown(`parameter '${key}' is a Key Vault reference, resolved at deployment time`), scope.uri, nodeSpan(referenceNode), 'deploymentParameter', key));
    }
  }
  return supplied;
}

/**
 * A parameter passed as an expression that gives `{ value: ... }` (Bicep compiles a ternary module parameter to
 * `[if(c, createObject('value', a), createObject('value', b))]`): the value it gives.
 */
function passedByExpression(entry: JsonNode, scope: EvaluationScope, key: string): Value {
  const passed = evaluateNode(entry, scope);
  if (passed.kind === 'unknown') return passed;
  const value = passed.kind === 'object' ? getMember(passed, 'value') : undefined;
  if (value) return value;
  if (passed.kind === 'object' && getMember(passed, 'reference')) return unknown(`parameter '${key}' is a Key Vault reference, resolved at deployment time`);
  return unknown(`parameter '${key}' is passed as an expression that gives no { "value": ... }`);
}

/**
 * `templateLink.relativePath`, `templateLink.id` of a template spec version, or a `templateLink.uri` that resolves to
 * a file beside the template: the linked template is walked in a scope of its own (as ARM deploys it), with the
 * parameter values the deployment passes. Remote links (an `https` `uri`) are not followed.
 */
function enterLinkedTemplate(deployment: ResourceOccurrence, properties: JsonNode | undefined, deploymentPath: string[], context: WalkContext, options: WalkOptions, out: ResourceOccurrence[]): void {
  const templateLink = findValue(properties, 'templateLink');
  const pathNode = findValue(templateLink, 'relativePath');
  const idNode = findValue(templateLink, 'id');
  const uriNode = findValue(templateLink, 'uri');
  const linkNode = pathNode ?? idNode ?? uriNode;
  if (!linkNode || !options.linkedTemplate) return;
  // A `uri` is what ARM resolves when the template is deployed from where it is stored: `deployment().properties
  // .templateLink.uri` (the usual `_artifactsLocation` default) is then the template's own location.
  const deployedScope = deployedFromItsLocation(deployment, context);
  const target = evaluateNode(linkNode, linkNode === uriNode ? deployedScope : deployment.scope);
  if (target.kind !== 'string') return;
  const link: TemplateLink = pathNode ? { relativePath: target.value } : idNode ? { templateSpecId: target.value } : { uri: target.value };
  const linked = options.linkedTemplate(context.templateScope.uri, link, linkNode);
  if (!linked) return;
  const supplied = new Map<string, () => Value>();
  const parametersLink = findValue(properties, 'parametersLink');
  if (parametersLink) {
    // A parameter file beside the template is read; one elsewhere (remote) is not, and every parameter is unknown.
    const parametersUri = findValue(parametersLink, 'uri');
    const location = parametersUri && evaluateNode(parametersUri, deployedScope);
    const values = location?.kind === 'string' ? options.linkedParameters?.(context.templateScope.uri, location.value, parametersUri!) : undefined;
    if (values) for (const [name, value] of values) supplied.set(name, value);
    else {
      const reason = unknown('the deployment takes its parameter values from a parametersLink that acr-guard cannot read');
      for (const property of findValue(linked.root, 'parameters')?.children ?? []) {
        const key = property.children?.[0]?.value;
        if (typeof key === 'string') supplied.set(key.toLowerCase(), () => reason);
      }
    }
  }
  // Values passed down from where the template is deployed: `_artifactsLocation` reaches the linked template too.
  passedParameters(properties, deployedScope, supplied);
  const scope = new TemplateScope(linked.uri, linked.root, supplied, context.templateScope.budget, linked.text, context.templateScope.configured);
  // Findings in a linked template are reported where the walk's first template links to it.
  if (!context.linkedAt) options.linkedPassing?.(linkNode, linked, { values: supplied, properties });
  const linkedAt = context.linkedAt ?? { uri: context.templateScope.uri, span: { start: linkNode.offset, end: linkNode.offset + linkNode.length } };
  walkResources(findValue(linked.root, 'resources'), { scope, templateScope: scope, parentType: undefined, deploymentPath, depth: context.depth + 1, linkedAt }, options, out);
}

/**
 * The deployment's scope with `deployment().properties.templateLink.uri` known as the template's own location, copy
 * index included; a deployment nested in other resources keeps its own scope.
 */
function deployedFromItsLocation(deployment: ResourceOccurrence, context: WalkContext): EvaluationScope {
  if (context.scope !== context.templateScope) return deployment.scope;
  const deployed = context.templateScope.deployedAt(context.templateScope.uri);
  return deployment.copy ? withCopyIndex(deployed, deployment.copy.name, deployment.copy.index) : deployed;
}

function describeDeploymentName(deployment: ResourceOccurrence): string {
  const nameNode = findValue(deployment.node, 'name');
  if (!nameNode) return 'deployment';
  const value = evaluateNode(nameNode, deployment.scope);
  if (value.kind === 'string') return value.value;
  return stringOf(nameNode) ?? 'deployment';
}
