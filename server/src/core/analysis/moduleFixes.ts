/**
 * Fixes a caller can make for a module's registry (or a linked template's) that fails by its own parameter defaults:
 * pass the values the registry needs to those parameters, in the caller's `params` (the deployment's `parameters`),
 * or pass a flag default the module chooses by the other way.
 */
import { BicepObjectEditor, bicepString, findProperty } from '../bicep/objectEditor';
import type { BicepFile } from '../bicep/parser';
import { spanOf, type ObjectExpression, type ParameterDeclaration } from '../bicep/syntax';
import { bool, str, type Value } from '../evaluate/value';
import { buildDesiredTree } from '../fixes/desiredTree';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, TextEdit } from '../types';
import { failureFollowingFrom, type CheckWithValues } from './parameterFindings';
import type { FlagDefault, FlagsUnknown } from './flagDefaults';
import { fewestFirst } from './flagFlips';
import { JsonObjectEditor } from '../fixes/jsonObjectEdits';
import { detectJsonStyle } from '../fixes/jsonFormatting';
import { findProperty as findJsonProperty, findValue, keyOf, stringOf, type JsonNode } from '../syntax/json';
import { armUsages, type UsageFinder } from './ruleContext';
import { isSameDeclaration } from '../model/resource';
import { skuDefaultParameter } from './skuDefault';
import { neededValueFixes, type NeededValues } from './neededValues';

/**
 * The values that a module's (or linked template's) registry needs for the parameters whose defaults make it fail:
 * when every failing property is such a default, and the module, checked with them passed, no longer fails.
 */
function valuesForDefaults(finding: RuleFinding, module: { uri: string; passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; key: (name: string) => string }, skuParameter?: string): Map<string, string> | undefined {
  const failing = finding.checks().filter((check) => check.fails);
  const names = failing.map((check) => (check.decidedAt?.kind === 'parameterDefault' && check.decidedAt.uri === module.uri ? check.decidedAt.name : undefined));
  if (failing.length === 0 || names.some((name) => name === undefined)) return undefined;
  const passing = new Map(failing.map((check, index) => [names[index]!, check.expected] as const));
  if (skuParameter !== undefined) passing.set(skuParameter, 'Premium');
  const values = new Map(module.passed);
  for (const [name, value] of passing) values.set(module.key(name), () => str(value));
  const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
  return module.checkWith(values).some(sameRegistry) ? undefined : passing;
}

const titleFor = (passing: ReadonlyMap<string, string>, what: string) => {
  const values = [...passing].map(([name, value]) => `${name}: '${value}'`);
  return `Pass ${values.length > 2 ? `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}` : values.join(' and ')} to the ${what}`;
};

/** Edits that pass these values, in the caller's syntax; undefined when they cannot be written. */
type PassingWriter = (values: ReadonlyMap<string, string>) => TextEdit[] | undefined;

/**
 * The fixes that pass what the registry needs to the parameters whose defaults make it fail (see valuesForDefaults),
 * written by `write`. Preferred as the module's own fix is. On a registry that is not Premium (whose fixes are all
 * choices, see withFixesAsChoices), when a default decides the SKU, a second fix passes 'Premium' to it too. When no
 * default alone decides, what the search of `needed` finds (see neededFixes).
 */
function passingFixes(
  finding: RuleFinding,
  module: { uri: string; passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; key: (name: string) => string; needed?: NeededValues },
  what: string,
  write: PassingWriter,
  where?: (values: ReadonlyMap<string, string>) => string,
): FixAction[] {
  const passing = valuesForDefaults(finding, module);
  if (!passing) return neededFixes(finding, module.needed, what, write, where);
  const edits = write(passing);
  if (!edits) return [];
  const fixes: FixAction[] = [{ title: titleFor(passing, what), isPreferred: finding.fixes().some((fix) => fix.isPreferred), edits }];
  const skuParameter = finding.fixesAreChoices ? skuDefaultParameter(finding, module.uri) : undefined;
  const withSku = skuParameter === undefined ? undefined : valuesForDefaults(finding, module, skuParameter);
  const skuEdits = withSku && write(withSku);
  if (withSku && skuEdits) fixes.push({ title: titleFor(withSku, what), isPreferred: false, edits: skuEdits });
  return fixes;
}

/** Passing the values a search over the module's string parameters finds (see NeededValues); `where` ends the title. */
const neededFixes = (finding: RuleFinding, needed: NeededValues | undefined, what: string, write: PassingWriter, where: (values: ReadonlyMap<string, string>) => string = () => ''): FixAction[] =>
  neededValueFixes(finding, needed, (values) => titleFor(values, what) + where(values), write);

/** The caller as fixes in its module declaration see it, with its file to follow a parameter of its own passed on. */
export interface ModuleCaller {
  uri: string;
  text: string;
  /** the module declaration's object */
  body: ObjectExpression;
  file?: BicepFile;
  /** how many times the caller refers to a name */
  usesOf?: (name: string) => number;
}

/**
 * The caller's own parameter that it passes as the module's parameter `name` (`acrSku: skuName`), when its default is
 * written as a string and that is its only use: a value for the module's parameter is set at that default.
 */
function passedThrough(caller: ModuleCaller, name: string): ParameterDeclaration | undefined {
  const params = findProperty(caller.body, 'params')?.value;
  const passed = params?.kind === 'object' ? findProperty(params, name)?.value : undefined;
  if (passed?.kind !== 'identifier' || !caller.file || caller.usesOf?.(passed.name) !== 1) return undefined;
  const declaration = caller.file.statements.find((statement) => statement.kind === 'param' && statement.name.name === passed.name);
  return declaration?.kind === 'param' && declaration.value?.kind === 'string' && declaration.value.pieces.length === 1 ? declaration : undefined;
}

/** How a fix's title names the caller's parameters whose defaults it sets: " (at the default value of parameter 'skuName')". */
const atDefaultsOf = (names: readonly string[]) => (names.length === 0 ? '' : ` (${names.map((name) => `at the default value of parameter '${name}'`).join(', ')})`);
const throughDefaults = (caller: ModuleCaller, values: ReadonlyMap<string, string>) => atDefaultsOf([...values.keys()].flatMap((name) => passedThrough(caller, name)?.name.name ?? []));

/**
 * `publicNetworkAccess: 'Disabled'` in the module's `params` (in `body`, its declaration's object), when that is an
 * object literal; a value passed as one of the caller's own parameters is set at that parameter's default (see
 * passedThrough), and one passed any other way than as a string is not replaced.
 */
function moduleParamsWriter(caller: ModuleCaller): PassingWriter | undefined {
  // Bicep takes only an object literal for `params`: what is not one is left alone, not wrapped in a union().
  const params = findProperty(caller.body, 'params');
  if (params && params.value.kind !== 'object') return undefined;
  const written = params?.value.kind === 'object' ? params.value : undefined;
  return (values) => {
    const inParams: [string, string][] = [];
    const atDefaults: TextEdit[] = [];
    for (const [name, value] of values) {
      const passed = written && findProperty(written, name)?.value;
      const through = passedThrough(caller, name);
      if (through) atDefaults.push({ uri: caller.uri, span: spanOf(through.value!), newText: bicepString(value) });
      else if (passed === undefined || (passed.kind === 'string' && passed.pieces.length === 1)) inParams.push([name, value]);
      else return undefined;
    }
    if (inParams.length === 0) return atDefaults;
    const editor = new BicepObjectEditor(caller.uri, caller.text);
    return editor.apply(caller.body, buildDesiredTree(inParams.map(([name, value]) => ({ path: ['params', name], value })))) ? [...editor.edits, ...atDefaults] : undefined;
  };
}

/** A deployment that links a template, in the analysed template (`root`), whose values fixes write. */
export interface LinkingDeployment {
  uri: string;
  text: string;
  /** the deployment resource's `properties` */
  properties: JsonNode | undefined;
  root?: JsonNode;
}

const PARAMETER_REFERENCE = /^\[\s*parameters\(\s*'([^']*)'\s*\)\s*\]$/i;

/** Whether a node sits inside a nested deployment's inline `template`, where `parameters()` means that template's. */
function insideNestedTemplate(node: JsonNode | undefined): boolean {
  for (let at = node?.parent; at; at = at.parent) if (at.type === 'property' && stringOf(at.children?.[0])?.toLowerCase() === 'template') return true;
  return false;
}

/** How often each of the analysed template's parameters is referenced, per template (asked once per fix). */
const usagesByRoot = new WeakMap<JsonNode, UsageFinder>();

/**
 * The analysed template's own parameter that a deployment passes as the linked template's parameter `name`
 * (`"value": "[parameters('skuName')]"`), when its default is written as a string and that is its only use, as for a
 * Bicep caller (passedThrough): the name and the default's node.
 */
function linkedThrough(deployment: LinkingDeployment, name: string): { name: string; node: JsonNode } | undefined {
  const root = deployment.root;
  const entry = findJsonProperty(findValue(deployment.properties, 'parameters'), name)?.children?.[1];
  const forwarded = PARAMETER_REFERENCE.exec(stringOf(findValue(entry, 'value')) ?? '')?.[1];
  if (forwarded === undefined || !root || insideNestedTemplate(deployment.properties)) return undefined;
  const declared = findJsonProperty(findValue(root, 'parameters'), forwarded);
  const node = findValue(declared?.children?.[1], 'defaultValue');
  const written = stringOf(node);
  if (!declared || !node || written === undefined || written.startsWith('[')) return undefined;
  let usages = usagesByRoot.get(root);
  if (!usages) usagesByRoot.set(root, (usages = armUsages((uri) => (uri === deployment.uri ? deployment.text : undefined))));
  return usages(deployment.uri, 'parameter', forwarded)?.length === 1 ? { name: keyOf(declared) ?? forwarded, node } : undefined;
}

const linkedThroughDefaults = (deployment: LinkingDeployment, values: ReadonlyMap<string, string>) => atDefaultsOf([...values.keys()].flatMap((name) => linkedThrough(deployment, name)?.name ?? []));

/**
 * `"status": { "value": "disabled" }` in a deployment's `properties.parameters`, when that is an object; a value
 * passed as one of the analysed template's own parameters is set at that parameter's default (see linkedThrough), and
 * one passed any other way than as a string (an expression, a Key Vault reference) is not replaced.
 */
function deploymentParametersWriter(deployment: LinkingDeployment): PassingWriter | undefined {
  const properties = deployment.properties;
  const parameters = findValue(properties, 'parameters');
  if (!properties || (parameters && parameters.type !== 'object')) return undefined;
  return (values) => {
    const inParameters: [string, string][] = [];
    const atDefaults: TextEdit[] = [];
    for (const [name, value] of values) {
      const through = linkedThrough(deployment, name);
      const entry = findJsonProperty(parameters, name)?.children?.[1];
      const passed = entry && stringOf(findValue(entry, 'value'));
      if (through) atDefaults.push({ uri: deployment.uri, span: { start: through.node.offset, end: through.node.offset + through.node.length }, newText: JSON.stringify(value) });
      else if (!entry || (passed !== undefined && !passed.startsWith('['))) inParameters.push([name, value]);
      else return undefined;
    }
    if (inParameters.length === 0) return atDefaults;
    const editor = new JsonObjectEditor(deployment.uri, deployment.text, detectJsonStyle(deployment.text));
    return editor.apply(properties, buildDesiredTree(inParameters.map(([name, value]) => ({ path: ['parameters', name, 'value'], value })))) ? [...editor.edits, ...atDefaults] : undefined;
  };
}

/** `publicNetworkAccess: 'Disabled'` added to the module's `params`. */
export function passingValuesFixes(
  finding: RuleFinding,
  module: { uri: string; passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; needed?: NeededValues },
  caller: ModuleCaller,
): FixAction[] {
  const write = moduleParamsWriter(caller);
  return write ? passingFixes(finding, { ...module, key: (name) => name }, 'module', write, (values) => throughDefaults(caller, values)) : [];
}

/** The same for a template linked by a deployment, in its `properties.parameters`. */
export function passingToLinkedFixes(
  finding: RuleFinding,
  linked: { uri: string; passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; needed?: NeededValues },
  deployment: LinkingDeployment,
): FixAction[] {
  const write = deploymentParametersWriter(deployment);
  // ARM names parameters in any case: the linked template's values are keyed in lower case.
  return write ? passingFixes(finding, { ...linked, key: (name) => name.toLowerCase() }, 'linked template', write, (values) => linkedThroughDefaults(deployment, values)) : [];
}

/** For a failure that follows from a value the caller passes (reported on it): what the search of `needed` finds. */
export function passingNeededValuesFixes(finding: RuleFinding, needed: NeededValues, caller: ModuleCaller): FixAction[] {
  const write = moduleParamsWriter(caller);
  return write ? neededFixes(finding, needed, 'module', write, (values) => throughDefaults(caller, values)) : [];
}

/** The same for a linked template, in the deployment's `properties.parameters`. */
export function passingNeededToLinkedFixes(finding: RuleFinding, needed: NeededValues, deployment: LinkingDeployment): FixAction[] {
  const write = deploymentParametersWriter(deployment);
  return write ? neededFixes(finding, needed, 'linked template', write, (values) => linkedThroughDefaults(deployment, values)) : [];
}

/**
 * For a module's registry that fails by flag defaults of the module the caller leaves out (`param isPrivate bool =
 * false`, and the module chooses `isPrivate ? 'Disabled' : 'Enabled'`): the fewest of those flags with which, passed
 * the other way, the module passes.
 */
function flagsToPass(finding: RuleFinding, module: { passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; flags: FlagsUnknown }): FlagDefault[] | undefined {
  const following = failureFollowingFrom(finding, module.flags.alone(), module.flags.passedAs);
  if (!following) return undefined;
  const candidates = following.involved.map((passed) => module.flags.flag(passed.name)!);
  const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
  return fewestFirst(candidates).find((flips) => {
    const values = new Map(module.passed);
    for (const flag of flips) values.set(flag.key, () => bool(!flag.value));
    return !module.checkWith(values).some(sameRegistry);
  });
}

/** A choice, as a flag may decide more than the registry: never applied by fix-all or --fix. */
const passingFlags = (flags: readonly FlagDefault[], what: string, edits: TextEdit[]): FixAction => ({
  title: `Pass ${flags.map((flag) => `${flag.name}: ${!flag.value}`).join(' and ')} to the ${what}`,
  isPreferred: false,
  needsChoice: true,
  edits,
});

/** *Pass isPrivate: true to the module*, in the caller's `params` (see flagsToPass). */
export function passingFlagsFix(
  finding: RuleFinding,
  module: { passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; flags: FlagsUnknown },
  caller: { uri: string; text: string; body: ObjectExpression },
): FixAction | undefined {
  const params = findProperty(caller.body, 'params');
  if (params && params.value.kind !== 'object') return undefined;
  if (module.flags.flags.length === 0) return undefined;
  const set = flagsToPass(finding, module);
  if (!set) return undefined;
  const editor = new BicepObjectEditor(caller.uri, caller.text);
  if (!editor.apply(caller.body, buildDesiredTree(set.map((flag) => ({ path: ['params', flag.name], value: !flag.value }))))) return undefined;
  return passingFlags(set, 'module', editor.edits);
}

/** *Pass isPrivate: true to the linked template*, in the deployment's `properties.parameters` (see flagsToPass). */
export function passingFlagsToLinkedFix(
  finding: RuleFinding,
  linked: { passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues; flags: FlagsUnknown },
  deployment: { uri: string; text: string; properties: JsonNode | undefined },
): FixAction | undefined {
  const parameters = findValue(deployment.properties, 'parameters');
  if (!deployment.properties || (parameters && parameters.type !== 'object')) return undefined;
  if (linked.flags.flags.length === 0) return undefined;
  const set = flagsToPass(finding, linked);
  if (!set) return undefined;
  const editor = new JsonObjectEditor(deployment.uri, deployment.text, detectJsonStyle(deployment.text));
  if (!editor.apply(deployment.properties, buildDesiredTree(set.map((flag) => ({ path: ['parameters', flag.name, 'value'], value: !flag.value }))))) return undefined;
  return passingFlags(set, 'linked template', editor.edits);
}
