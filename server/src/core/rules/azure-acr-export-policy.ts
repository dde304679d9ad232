/**
 * Azure.ACR.ExportPolicy (AZR-000495): a container registry must disable artifact export
 * (`properties.policies.exportPolicy.status` = `disabled`) and public network access
 * (`properties.publicNetworkAccess` = `Disabled`). Case-insensitive; a missing property fails; no SKU precondition.
 */
import type { PropertyResolution, ResourceInstance, ResourceModel } from '../model/resource';
import type { PathAssignment } from '../fixes/desiredTree';
import type { FixAction, RelatedLocation, TextEdit } from '../types';
import { describeValue, type Origin } from '../evaluate/value';
import type { Rule, RuleContext, RuleFinding, RuleMetadata } from './rule';
import { exportPolicyHover } from './azure-acr-export-policy.docs';
import { once } from '../once';

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
  const checks = REQUIREMENTS.map((requirement) => checkRequirement(instance, requirement));
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
    let verdicts = resource.instances.map(judge);
    if (!verdicts.some((v) => v.state === 'fail')) {
      // Unset parameters with allowed values: try every allowed value, as the deployment could use any of them.
      const missing = verdicts.flatMap((v) => v.checks.flatMap((c) => (c.resolution.value?.kind === 'unknown' ? c.resolution.value.missingParameters ?? [] : [])));
      const expanded = missing.length > 0 ? resource.expandParameters(missing).map(judge) : [];
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
  const failingChecks = chosen.checks.filter((c) => c.state !== 'pass');
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
    related,
    fixes: once(() => proposeFixes(resource, context, chosen, toSet, notPremium, oldApiVersion)),
    hover: () => exportPolicyHover(resource, { message, notPremium, skuName, oldApiVersion }),
  };
}

/** The origins of the failing values (a loop: flatMap's list per check was a tenth of a finding's cost). */
function decidingOrigins(failingChecks: readonly CheckResult[]): Origin[] {
  const origins: Origin[] = [];
  for (const check of failingChecks) {
    const origin = check.resolution.value?.origin;
    if (origin) origins.push(origin);
  }
  return origins;
}

function composeMessage(
  resource: ResourceModel,
  context: RuleContext,
  chosen: InstanceVerdict,
  failingChecks: CheckResult[],
  skuName: string | undefined,
  notPremium: boolean,
  oldApiVersion: string | undefined,
  alike: InstanceVerdict[],
  instanceCount: number,
): string {
  const parts = failingChecks.map((check) => describeCheck(check, resource, context));
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

function describeCheck(check: CheckResult, resource: ResourceModel, context: RuleContext): string {
  const path = check.requirement.path.join('.');
  const value = check.resolution.value;
  const from = context.describeOrigin(value?.origin, resource);
  const where = from ? ` ${from}` : '';
  if (value?.kind === 'unknown') return `${path} cannot be verified (${value.reason})`;
  const shown = value === undefined ? 'missing' : value.kind === 'null' ? 'null' : describeValue(value);
  return `${path} is ${shown}${where} (must be '${check.requirement.expected}')`;
}

function pickSpan(resource: ResourceModel, failingChecks: CheckResult[]) {
  const withSite = failingChecks.find((c) => c.state === 'fail' && c.resolution.site) ?? failingChecks.find((c) => c.resolution.site);
  return withSite?.resolution.site ?? resource.typeSpan;
}

function relatedLocations(resource: ResourceModel, context: RuleContext, failingChecks: CheckResult[], primary: { start: number; end: number }): RelatedLocation[] {
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
    if (origin && (origin.uri !== resource.uri || origin.span.start < resource.declarationSpan.start || origin.span.end > resource.declarationSpan.end)) {
      add(origin.uri, origin.span, `${path} is decided here ${context.describeOrigin(origin, resource)}`.trimEnd());
    }
  }
  return related;
}

function proposeFixes(
  resource: ResourceModel,
  context: RuleContext,
  chosen: InstanceVerdict,
  toSet: Requirement[],
  notPremium: boolean,
  oldApiVersion: string | undefined,
): FixAction[] {
  const base: PathAssignment[] = toSet.map((r) => ({ path: r.path, value: r.expected }));
  if (oldApiVersion) base.push({ path: ['apiVersion'], value: FIX_API_VERSION });
  const fixes: FixAction[] = [];
  // Basic cannot disable public network access and only Premium has export policies: the plain fix would not deploy,
  // and the SKU change costs money. Which one is the user's choice, never fix-all's.
  const needsChoice = notPremium;

  const decidingPlace = decidingPlaceEdits(resource, context, chosen, oldApiVersion);
  const preferDecidingPlace = !!decidingPlace && decidingPlace.dedicated;
  if (decidingPlace) fixes.push({ title: `${FIX_TITLE} (${decidingPlace.where})`, isPreferred: !notPremium && preferDecidingPlace, edits: decidingPlace.edits, needsChoice });

  const literal = resource.editor.setProperties(base);
  if (literal) fixes.push({ title: FIX_TITLE, isPreferred: !notPremium && !preferDecidingPlace, edits: literal, needsChoice });
  if (notPremium) {
    const withSku = resource.editor.setProperties([...base, { path: ['sku', 'name'], value: 'Premium' }]);
    if (withSku) fixes.push({ title: FIX_WITH_SKU_TITLE, isPreferred: false, edits: withSku, needsChoice });
  }
  return fixes;
}

/**
 * When a failing value is decided outside the declaration (a parameter default, a parameter file, a variable),
 * fix it there and set the rest in the declaration. Undefined when every value is decided in the declaration.
 */
function decidingPlaceEdits(
  resource: ResourceModel,
  context: RuleContext,
  chosen: InstanceVerdict,
  oldApiVersion: string | undefined,
): { edits: TextEdit[]; where: string; dedicated: boolean } | undefined {
  let dedicated = true;
  const elsewhere: TextEdit[] = [];
  const places: string[] = [];
  const inDeclaration: PathAssignment[] = [];
  for (const check of chosen.checks) {
    const value = check.resolution.value;
    const origin = value?.origin;
    const outside = origin && (origin.uri !== resource.uri || origin.span.start < resource.declarationSpan.start || origin.span.end > resource.declarationSpan.end);
    if (check.state === 'fail' && value?.kind === 'string' && origin && outside) {
      const edit = context.replaceLiteral(origin, check.requirement.expected);
      if (edit) {
        dedicated &&= context.isDedicatedToRegistries(origin);
        elsewhere.push(edit);
        places.push(context.describeOrigin(origin, resource));
        continue;
      }
    }
    if (check.state !== 'pass') inDeclaration.push({ path: check.requirement.path, value: check.requirement.expected });
  }
  if (elsewhere.length === 0) return undefined;
  if (oldApiVersion) inDeclaration.push({ path: ['apiVersion'], value: FIX_API_VERSION });
  const local = inDeclaration.length > 0 ? resource.editor.setProperties(inDeclaration) : [];
  if (!local) return undefined;
  return { edits: [...elsewhere, ...local], where: places.join(', ').replace(/^from /, 'at '), dedicated };
}
