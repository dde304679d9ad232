/**
 * Azure.ACR.ExportPolicy (AZR-000495): a container registry must disable artifact export
 * (`properties.policies.exportPolicy.status` = `disabled`) and public network access
 * (`properties.publicNetworkAccess` = `Disabled`). Case-insensitive; a missing property fails; no SKU precondition.
 */
import { isOutsideDeclaration, type PropertyResolution, type ResourceInstance, type ResourceModel } from '../model/resource';
import type { PathAssignment } from '../fixes/desiredTree';
import type { FixAction, RelatedLocation, TextEdit } from '../types';
import { describeValue, type Origin, type Value } from '../evaluate/value';
import type { CheckState, Rule, RuleContext, RuleFinding, RuleMetadata } from './rule';
import { exportPolicyHover } from './azure-acr-export-policy.docs';
import { once } from '../once';
import { mapped } from '../collections';

export const EXPORT_POLICY_METADATA: RuleMetadata = {
  id: 'Azure.ACR.ExportPolicy',
  ref: 'AZR-000495',
  title: 'Container Registry export policy should be disabled',
  synopsis: 'Export policy on Azure container registry may allow artifact exfiltration.',
  defaultSeverity: 'warning',
  docsUrl: 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/',
  resourceType: 'microsoft.containerregistry/registries',
};

/** The first API version that knows both properties, and the version a fix raises older ones to. */
export const MIN_API_VERSION = '2021-06-01-preview';
export const FIX_API_VERSION = '2025-11-01';

export const FIX_TITLE = 'Disable export and public network access';
export const FIX_WITH_SKU_TITLE = 'Disable export and public network access and set SKU to Premium';

interface Requirement {
  path: readonly string[];
  expected: string;
}

const EXPORT_STATUS: Requirement = { path: ['properties', 'policies', 'exportPolicy', 'status'], expected: 'disabled' };
const PUBLIC_ACCESS: Requirement = { path: ['properties', 'publicNetworkAccess'], expected: 'Disabled' };
const REQUIREMENTS = [EXPORT_STATUS, PUBLIC_ACCESS];
const SKU_NAME = ['sku', 'name'];

type State = 'pass' | 'fail' | 'unknown';

interface CheckResult {
  requirement: Requirement;
  resolution: PropertyResolution;
  state: State;
}

/** A check that does not pass, for the finding: a missing value knows the object it is missing from. */
interface FailingCheck extends CheckResult {
  /** where the nearest object along the path that is there is written, when the value is not set at all */
  lackingIn?: Origin;
}

interface InstanceVerdict {
  instance: ResourceInstance;
  checks: CheckResult[];
  state: State;
}

function checkRequirement(instance: ResourceInstance, requirement: Requirement): CheckResult {
  const resolution = instance.resolve(requirement.path);
  const value = resolution.value;
  let state: State = 'fail';
  if (value?.kind === 'unknown') state = 'unknown';
  else if (value?.kind === 'string' && value.value.toLowerCase() === requirement.expected.toLowerCase()) state = 'pass';
  return { requirement, resolution, state };
}

function judge(instance: ResourceInstance): InstanceVerdict {
  const checks = mapped(REQUIREMENTS, (requirement) => checkRequirement(instance, requirement));
  const state: State = checks.some((c) => c.state === 'fail') ? 'fail' : checks.some((c) => c.state === 'unknown') ? 'unknown' : 'pass';
  return { instance, checks, state };
}

export function isApiVersionBefore(apiVersion: string, minimum: string): boolean {
  const date = (v: string) => v.slice(0, 10);
  const a = date(apiVersion);
  const b = date(minimum);
  if (a !== b) return a < b;
  // Same date: a stable version is newer than its preview.
  return /-preview$/i.test(apiVersion) && !/-preview$/i.test(minimum);
}

export const azureAcrExportPolicy: Rule = {
  metadata: EXPORT_POLICY_METADATA,
  check(resource, context) {
    let verdicts = mapped(resource.instances, judge);
    if (!verdicts.some((v) => v.state === 'fail')) {
      // Unset parameters with allowed values: try every allowed value, as the deployment could use any of them.
      const missing = verdicts.flatMap((v) => v.checks.flatMap((c) => (c.resolution.value?.kind === 'unknown' ? c.resolution.value.missingParameters ?? [] : [])));
      const expanded = missing.length > 0 ? mapped(resource.expandParameters(missing), judge) : [];
      if (expanded.length > 0) verdicts = expanded;
    }
    const failing = verdicts.filter((v) => v.state === 'fail');
    const unresolved = verdicts.filter((v) => v.state === 'unknown');
    const chosen = failing[0] ?? unresolved[0];
    if (!chosen) return undefined;
    return buildFinding(resource, context, chosen, failing.length > 0 ? failing : unresolved, verdicts);
  },
};

function buildFinding(
  resource: ResourceModel,
  context: RuleContext,
  chosen: InstanceVerdict,
  alike: InstanceVerdict[],
  verdicts: InstanceVerdict[],
): RuleFinding {
  const failingChecks = mapped(
    chosen.checks.filter((c) => c.state !== 'pass'),
    (c): FailingCheck => (c.resolution.value === undefined ? { ...c, lackingIn: lackingObject(chosen.instance, c.requirement)?.object.origin } : c),
  );
  const sku = chosen.instance.resolve(SKU_NAME).value;
  const skuName = sku?.kind === 'string' ? sku.value : undefined;
  const notPremium = skuName !== undefined && skuName.toLowerCase() !== 'premium';
  const oldApiVersion = resource.apiVersion !== undefined && isApiVersionBefore(resource.apiVersion, MIN_API_VERSION) ? resource.apiVersion : undefined;

  const message = composeMessage(resource, context, chosen, failingChecks, skuName, notPremium, oldApiVersion, alike, verdicts.length);
  const span = pickSpan(resource, failingChecks);
  const related = relatedLocations(resource, context, failingChecks, span);
  // Only what does not already hold in every instance is written; what holds stays as the author wrote it.
  const toSet = REQUIREMENTS.filter((r) => verdicts.some((v) => v.checks.some((c) => c.requirement === r && c.state !== 'pass')));
  return {
    ruleId: EXPORT_POLICY_METADATA.id,
    resource,
    uri: resource.uri,
    span,
    decidingOrigins: decidingOrigins(failingChecks),
    message,
    unresolved: chosen.state === 'unknown',
    missingParameters: chosen.state === 'unknown' ? missingParametersOf(failingChecks) : undefined,
    checks: once(() => checkStates(chosen, verdicts)),
    related,
    fixes: once(() => proposeFixes(resource, context, verdicts, toSet, notPremium, oldApiVersion)),
    fixesAreChoices: notPremium || undefined,
    hover: () => exportPolicyHover(resource, { message, notPremium, skuName, oldApiVersion }),
  };
}

/**
 * The origins of the failing values, then for a missing one the object that lacks it (a parameter file's object
 * value decides then): a file that writes a failing value reports the finding there. A loop: flatMap's list per
 * check was a tenth of a finding's cost.
 */
function decidingOrigins(failingChecks: readonly FailingCheck[]): Origin[] {
  const origins: Origin[] = [];
  for (const check of failingChecks) {
    const origin = check.resolution.value?.origin;
    if (origin) origins.push(origin);
  }
  for (const check of failingChecks) if (check.lackingIn) origins.push(check.lackingIn);
  return origins;
}

/** The parameters without a value that the unknown values of the checks wait for, each once. */
function missingParametersOf(checks: readonly CheckResult[]): string[] {
  const names = new Set<string>();
  for (const check of checks) {
    const value = check.resolution.value;
    if (value?.kind === 'unknown') for (const name of value.missingParameters ?? []) names.add(name);
  }
  return [...names];
}

/**
 * Each requirement that does not pass in every instance, as a finding states it (see RuleFinding.checks): failing
 * in the instance its message describes, waiting for parameters in any.
 */
function checkStates(chosen: InstanceVerdict, verdicts: readonly InstanceVerdict[]): CheckState[] {
  return REQUIREMENTS.flatMap((requirement) => {
    const results = verdicts.map((verdict) => verdict.checks.find((check) => check.requirement === requirement)!);
    if (results.every((result) => result.state === 'pass')) return [];
    const own = chosen.checks.find((check) => check.requirement === requirement)!;
    const fails = own.state === 'fail';
    const waitsFor = missingParametersOf(results.filter((result) => result.state === 'unknown'));
    const value = own.resolution.value;
    return [{ path: requirement.path.join('.'), expected: requirement.expected, fails, decidedAt: fails ? value?.origin : undefined, missing: fails && value === undefined, waitsFor }];
  });
}

/** The nearest object along a requirement's path that is there, when the path is not set at all: it lacks the rest. */
function lackingObject(instance: ResourceInstance, requirement: Requirement): { object: Value; depth: number } | undefined {
  for (let depth = requirement.path.length - 1; depth > 0; depth--) {
    const object = instance.resolve(requirement.path.slice(0, depth)).value;
    if (object !== undefined) return object.kind === 'object' ? { object, depth } : undefined;
  }
  return undefined;
}

function composeMessage(
  resource: ResourceModel,
  context: RuleContext,
  chosen: InstanceVerdict,
  failingChecks: FailingCheck[],
  skuName: string | undefined,
  notPremium: boolean,
  oldApiVersion: string | undefined,
  alike: InstanceVerdict[],
  instanceCount: number,
): string {
  const parts = mapped(failingChecks, (check) => describeCheck(check, resource, context));
  const name = shownName(resource, alike, instanceCount);
  let message = chosen.state === 'unknown'
    ? `Container registry '${name}' cannot be verified: ${parts.join(' and ')}.`
    : `Container registry '${name}' can export artifacts: ${parts.join(' and ')}.`;
  if (notPremium) message += ` Export policies need the Premium SKU; sku.name is '${skuName}'.`;
  if (oldApiVersion) message += ` API version ${oldApiVersion} predates export policies (${MIN_API_VERSION} or later is needed).`;
  if (instanceCount > 1 && alike.length < instanceCount) {
    const labels = alike.map((v) => v.instance.label).filter((l): l is string => !!l);
    if (labels.length > 0) message += ` Only when ${labels.join('; ')}.`;
  }
  return message;
}

/** The instances' own name when the ones the finding is about share one (a loop's failing item), else the declaration's. */
function shownName(resource: ResourceModel, alike: InstanceVerdict[], instanceCount: number): string {
  if (instanceCount <= 1) return resource.displayName;
  const names = new Set(alike.map((verdict) => verdict.instance.name?.()));
  const [only] = names;
  return names.size === 1 && only !== undefined ? only : resource.displayName;
}

function describeCheck(check: FailingCheck, resource: ResourceModel, context: RuleContext): string {
  const path = check.requirement.path.join('.');
  const value = check.resolution.value;
  // A missing value is missing from the object that lacks it, when that is written elsewhere (a variable, a parameter).
  const lacking = check.lackingIn && isOutsideDeclaration(check.lackingIn, resource) ? check.lackingIn : undefined;
  const from = context.describeOrigin(value?.origin ?? lacking, resource);
  const where = from ? ` ${from}` : '';
  if (value?.kind === 'unknown') return `${path} cannot be verified (${value.reason})`;
  const shown = value === undefined ? 'missing' : value.kind === 'null' ? 'null' : describeValue(value);
  return `${path} is ${shown}${where} (must be '${check.requirement.expected}')`;
}

function pickSpan(resource: ResourceModel, failingChecks: CheckResult[]) {
  const withSite = failingChecks.find((c) => c.state === 'fail' && c.resolution.site) ?? failingChecks.find((c) => c.resolution.site);
  return withSite?.resolution.site ?? resource.typeSpan;
}

function relatedLocations(resource: ResourceModel, context: RuleContext, failingChecks: FailingCheck[], primary: { start: number; end: number }): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  // A place is listed once, and never the finding's own: a finding has a few at most, so they are compared directly.
  const sameSpan = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
  const add = (uri: string, span: { start: number; end: number }, message: string) => {
    if (uri === resource.uri && sameSpan(span, primary)) return;
    if (related.some(({ location }) => location.uri === uri && sameSpan(location.span, span))) return;
    related.push({ location: { uri, span }, message });
  };
  for (const check of failingChecks) {
    const path = check.requirement.path.join('.');
    const site = check.resolution.site;
    if (site) add(resource.uri, site, `${path} is set here`);
    const origin = check.resolution.value?.origin;
    if (origin && isOutsideDeclaration(origin, resource)) {
      add(origin.uri, origin.span, `${path} is decided here ${context.describeOrigin(origin, resource)}`.trimEnd());
    }
    const lacking = check.lackingIn;
    if (lacking && isOutsideDeclaration(lacking, resource)) add(lacking.uri, lacking.span, `${path} is missing ${context.describeOrigin(lacking, resource)}`.trimEnd());
  }
  return related;
}

function proposeFixes(
  resource: ResourceModel,
  context: RuleContext,
  verdicts: readonly InstanceVerdict[],
  toSet: Requirement[],
  notPremium: boolean,
  oldApiVersion: string | undefined,
): FixAction[] {
  const base: PathAssignment[] = mapped(toSet, (r) => ({ path: r.path, value: r.expected }));
  if (oldApiVersion) base.push({ path: ['apiVersion'], value: FIX_API_VERSION });
  const fixes: FixAction[] = [];
  // Basic cannot disable public network access and only Premium has export policies: the plain fix would not deploy,
  // and the SKU change costs money. Which one is the user's choice, never fix-all's.
  const needsChoice = notPremium;

  const decidingPlace = decidingPlaceEdits(resource, context, verdicts, oldApiVersion);
  const preferDecidingPlace = !!decidingPlace && decidingPlace.dedicated;
  if (decidingPlace) fixes.push({ title: `${FIX_TITLE} (${decidingPlace.places.join(', ')})`, isPreferred: !notPremium && preferDecidingPlace, edits: decidingPlace.edits, needsChoice });

  const literal = resource.editor.setProperties(base);
  if (literal) fixes.push({ title: FIX_TITLE, isPreferred: !notPremium && !preferDecidingPlace, edits: literal, needsChoice });
  if (notPremium) {
    // Where the values are decided, when a default or variable only registries read decides the SKU too: the SKU set in
    // the declaration would leave the parameter that chose it unused.
    const sku = decidingPlace && premiumSkuOutside(resource, context, verdicts);
    if (decidingPlace && sku) {
      const where = [...new Set([...decidingPlace.places, ...sku.origins.map((origin) => placeOf(context, origin, resource))])].join(', ');
      fixes.push({ title: `${FIX_WITH_SKU_TITLE} (${where})`, isPreferred: false, edits: [...decidingPlace.edits, ...sku.edits], needsChoice });
    }
    const withSku = resource.editor.setProperties([...base, { path: SKU_NAME, value: 'Premium' }]);
    if (withSku) fixes.push({ title: FIX_WITH_SKU_TITLE, isPreferred: false, edits: withSku, needsChoice });
  }
  return fixes;
}

/**
 * When a failing value is decided outside the declaration (a parameter default, a parameter file, a variable), fix it
 * there: a written literal is replaced, and a missing value is added to the object literal that supplies its parent,
 * when a variable or a parameter file writes it (`properties: props` gets `policies` inside `var props = {...}`; an
 * object parameter's default gets `union` in the declaration instead, which holds whatever a deployment passes). The
 * rest is set in the declaration.
 * Undefined when every value is decided in the declaration. Every instance that fails counts (a loop's items each
 * bring their own literal), so the fixed text holds for all of them.
 */
function decidingPlaceEdits(
  resource: ResourceModel,
  context: RuleContext,
  verdicts: readonly InstanceVerdict[],
  oldApiVersion: string | undefined,
): { edits: TextEdit[]; places: string[]; dedicated: boolean } | undefined {
  const inDeclaration = new Set<Requirement>();
  const placements: Placement[] = [];
  for (const verdict of verdicts) {
    for (const check of verdict.checks) {
      if (check.state === 'pass' || inDeclaration.has(check.requirement)) continue;
      const placement = placeOutside(resource, context, verdict.instance, check);
      if (placement) placements.push(placement);
      else inDeclaration.add(check.requirement);
    }
  }
  // A value set in the declaration holds for every instance, so what was placed outside for it is dropped; so is an
  // object literal that cannot be edited, whose requirements are set in the declaration instead.
  let outside: { edits: TextEdit[]; origins: Origin[] } | Requirement[];
  while (Array.isArray((outside = editsOutside(context, placements.filter((p) => !inDeclaration.has(p.requirement)))))) {
    for (const requirement of outside) inDeclaration.add(requirement);
  }
  const { edits, origins } = outside;
  if (edits.length === 0) return undefined;
  const assignments: PathAssignment[] = mapped(REQUIREMENTS.filter((r) => inDeclaration.has(r)), (r) => ({ path: r.path, value: r.expected }));
  if (oldApiVersion) assignments.push({ path: ['apiVersion'], value: FIX_API_VERSION });
  const local = assignments.length > 0 ? resource.editor.setProperties(assignments) : [];
  if (!local) return undefined;
  // An object literal that also holds a replaced literal is one place, named as the literal names it.
  const contains = (outer: Origin, inner: Origin) => outer !== inner && outer.uri === inner.uri && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end;
  const named = origins.filter((origin) => !origins.some((inner) => contains(origin, inner)));
  const places = [...new Set(named.map((origin) => placeOf(context, origin, resource)))];
  return { edits: [...edits, ...local], places, dedicated: origins.every((origin) => context.isDedicatedToRegistries(origin)) };
}

/** How a fix's title names where it edits: "at the default value of parameter 'access'". */
const placeOf = (context: RuleContext, origin: Origin, resource: ResourceModel) => context.describeOrigin(origin, resource).replace(/^from /, 'at ');

/**
 * 'Premium' written where each failing instance's SKU is decided outside the declaration: a literal (a parameter
 * default, a variable) that only registries read, as a storage account's SKU has other names. Undefined when any is
 * not such a literal.
 */
function premiumSkuOutside(resource: ResourceModel, context: RuleContext, verdicts: readonly InstanceVerdict[]): { edits: TextEdit[]; origins: Origin[] } | undefined {
  const edits: TextEdit[] = [];
  const origins: Origin[] = [];
  for (const verdict of verdicts) {
    if (verdict.state === 'pass') continue;
    const value = verdict.instance.resolve(SKU_NAME).value;
    const origin = value?.origin;
    if (value?.kind !== 'string' || !origin || !isOutsideDeclaration(origin, resource) || !context.isDedicatedToRegistries(origin)) return undefined;
    if (value.value.toLowerCase() === 'premium' || edits.some((edit) => edit.uri === origin.uri && edit.span.start === origin.span.start)) continue;
    const edit = context.replaceLiteral(origin, 'Premium');
    if (!edit) return undefined;
    edits.push(edit);
    origins.push(origin);
  }
  return edits.length > 0 ? { edits, origins } : undefined;
}

/** The edits of the placements, each literal replaced once; or the requirements of an object that cannot be edited. */
function editsOutside(context: RuleContext, placements: readonly Placement[]): { edits: TextEdit[]; origins: Origin[] } | Requirement[] {
  const edits: TextEdit[] = [];
  const origins: Origin[] = [];
  const objects = new Map<string, { origin: Origin; placements: Placement[] }>();
  for (const placement of placements) {
    const { edit, origin } = placement;
    if (edit) {
      if (!edits.some((e) => e.uri === edit.uri && e.span.start === edit.span.start)) {
        edits.push(edit);
        origins.push(origin);
      }
      continue;
    }
    const key = `${origin.uri}#${origin.span.start}:${origin.span.end}`;
    const group = objects.get(key) ?? objects.set(key, { origin, placements: [] }).get(key)!;
    group.placements.push(placement);
  }
  for (const { origin, placements: members } of objects.values()) {
    const added = context.setInObjectValue(origin, members.map((p) => ({ path: p.relativePath!, value: p.requirement.expected })));
    if (!added) return members.map((p) => p.requirement);
    edits.push(...added);
    origins.push(origin);
  }
  return { edits, origins };
}

/** Where a failing value of one instance is fixed outside the declaration: a literal replaced, or a member added. */
interface Placement {
  requirement: Requirement;
  origin: Origin;
  /** the replacement of a written literal */
  edit?: TextEdit;
  /** else: the path to set under the object literal at `origin` */
  relativePath?: readonly string[];
}

function placeOutside(resource: ResourceModel, context: RuleContext, instance: ResourceInstance, check: CheckResult): Placement | undefined {
  if (check.state !== 'fail') return undefined;
  const { requirement } = check;
  const value = check.resolution.value;
  const origin = value?.origin;
  if (value?.kind === 'string' && origin && isOutsideDeclaration(origin, resource)) {
    const edit = context.replaceLiteral(origin, requirement.expected);
    return edit ? { requirement, origin, edit } : undefined;
  }
  if (value !== undefined) return undefined;
  // Missing: the nearest object along the path, when it is written outside, is where the member goes.
  const lacking = lackingObject(instance, requirement);
  const objectOrigin = lacking?.object.origin;
  if (!lacking || !objectOrigin || !isOutsideDeclaration(objectOrigin, resource)) return undefined;
  return { requirement, origin: objectOrigin, relativePath: requirement.path.slice(lacking.depth) };
}
