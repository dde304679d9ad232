/**
 * The Azure Verified Module for container registries (`br/public:avm/res/container-registry/registry:<version>`),
 * modelled from its source: `exportPolicyStatus` defaults to 'disabled' and is emitted only when `acrSku` (default
 * 'Premium') is Premium; `publicNetworkAccess` defaults to null, which becomes 'Disabled' only when private endpoints
 * are set and no IP rules are. Fixes set the module's params.
 */
import { getMember, isObjectValue, nullValue, str, type Value } from '../evaluate/value';
import { once } from '../once';
import type { PropertyResolution, ResourceModel } from '../model/resource';
import type { PathAssignment } from '../fixes/desiredTree';
import { buildDesiredTree } from '../fixes/desiredTree';
import { isEmpty } from '../evaluate/expressions/valueOps';
import { decidingMember, evaluateBicep, type BicepScope } from './evaluator';
import { displayName, expandDeclaration, type DeclarationBody } from './resources';
import { BicepObjectEditor, findProperty } from './objectEditor';
import { spanOf, type ModuleDeclaration } from './syntax';

const AVM_REGISTRY = /^(br\/public:|br:mcr\.microsoft\.com\/bicep\/)avm\/res\/container-registry\/registry:/i;

export function isAvmRegistryModule(path: string): boolean {
  return AVM_REGISTRY.test(path);
}

const AVM_RESOURCE_MODULE = /^(br\/public:|br:mcr\.microsoft\.com\/bicep\/)avm\/res\//i;

/**
 * An AVM resource module of another type than registries (`br/public:avm/res/storage/storage-account:...`): by AVM's
 * specification it deploys its own resource type and that type's child and extension resources only, so never a
 * registry. It is not followed, restored or not, and is not reported as not restored. (Registries are the one type
 * the rules check: see SELECTED_TYPES.)
 */
export function isOtherAvmResourceModule(path: string): boolean {
  return AVM_RESOURCE_MODULE.test(path) && !AVM_REGISTRY.test(path);
}

/** Which module parameter sets which registry property. */
const PARAMETER_FOR: Record<string, string> = {
  'properties.policies.exportPolicy.status': 'exportPolicyStatus',
  'properties.publicNetworkAccess': 'publicNetworkAccess',
  'sku.name': 'acrSku',
};

export function avmRegistryModel(uri: string, text: string, declaration: ModuleDeclaration, scope: BicepScope): ResourceModel | undefined {
  // One body, none when `if` is false, one per item of a loop: each iteration is an instance.
  const bodies = expandDeclaration(declaration.value, scope);
  const first = bodies[0];
  if (!first) return undefined;
  const body = first.body;
  const passed = (name: string) => {
    const params = findProperty(body, 'params')?.value;
    return params?.kind === 'object' ? findProperty(params, name) : undefined;
  };
  const instances = bodies.map((occurrence) => {
    const parameters = avmParameters(occurrence);
    const name = once(() => {
      const own = parameters.valueOf('name', str('(unnamed)')).value;
      return own.kind === 'string' ? own.value : undefined;
    });
    return { label: bodies.length > 1 ? occurrence.label : undefined, name, resolve: parameters.resolve };
  });

  return {
    language: 'bicep',
    uri,
    type: 'Microsoft.ContainerRegistry/registries',
    declarationSpan: spanOf(declaration),
    typeSpan: spanOf(declaration.path),
    nameSpan: spanOf(passed('name')?.value ?? declaration.name),
    displayName: displayName(text, passed('name')?.value, instances.map((instance) => instance.name())) ?? declaration.name.name,
    knownName: instances[0]!.name(),
    instances,
    expandParameters: () => [],
    deploymentPath: [],
    editor: {
      setProperties(assignments: readonly PathAssignment[]) {
        // The module writes an export policy only for `acrSku == 'Premium'`: on another SKU, setting its status would
        // change nothing, and a fix that leaves the finding is no fix (the one that also sets Premium is offered).
        const setsExportPolicy = assignments.some((a) => a.path.join('.') === 'properties.policies.exportPolicy.status');
        const setsPremium = assignments.some((a) => a.path.join('.') === 'sku.name' && a.value === 'Premium');
        if (setsExportPolicy && !setsPremium && instances.some((instance) => writesNoExportPolicy(instance.resolve(['sku', 'name']).value))) return undefined;
        const params: PathAssignment[] = assignments.flatMap((a) => {
          const parameter = PARAMETER_FOR[a.path.join('.')];
          return parameter ? [{ path: ['params', parameter], value: a.value }] : [];
        });
        const editor = new BicepObjectEditor(uri, text, (expression) => bodies.every((occurrence) => isObjectValue(evaluateBicep(expression, occurrence.scope))), (spread, name) => bodies.some((occurrence) => {
          const value = evaluateBicep(spread.expression, occurrence.scope);
          return value.kind === 'unknown' || getMember(value, name) !== undefined;
        }));
        return editor.apply(body, buildDesiredTree(params)) ? editor.edits : undefined;
      },
    },
  };
}

/** The module writes an export policy only for `acrSku == 'Premium'` (compared as Bicep compares, case-sensitively). */
const isPremium = (sku: Value) => sku.kind === 'string' && sku.value === 'Premium';

/** A SKU known to make the module leave the export policy out. */
const writesNoExportPolicy = (sku: Value | undefined) => sku !== undefined && sku.kind !== 'unknown' && !isPremium(sku);

/** What one body of the module declaration passes, and the registry properties the module makes of it. */
function avmParameters({ body, scope }: DeclarationBody) {
  const params = findProperty(body, 'params')?.value;
  const paramsObject = params?.kind === 'object' ? params : undefined;
  // `params: shared`: the members of the object the expression gives (all unknown when it cannot be evaluated).
  const paramsValue = params && !paramsObject ? once(() => evaluateBicep(params, scope)) : undefined;
  const valueOf = (name: string, fallback: Value): { value: Value; site?: { start: number; end: number } } => {
    if (paramsValue) {
      const passed = paramsValue();
      const value = passed.kind === 'unknown' ? passed : getMember(passed, name);
      return value === undefined ? { value: fallback } : { value, site: spanOf(params!) };
    }
    // A spread of params (`...common`) passes what it holds, unless a property after it sets the same one.
    const decider = paramsObject && decidingMember(paramsObject, name, scope);
    if (!decider) return { value: fallback };
    if (decider.kind === 'spread') return { value: decider.value, site: spanOf(decider.spread) };
    return { value: evaluateBicep(decider.property.value, scope), site: spanOf(decider.property.value) };
  };
  const resolve = (path: readonly string[]): PropertyResolution => {
    const key = path.join('.');
    const sku = valueOf('acrSku', str('Premium'));
    if (key === 'sku.name') return sku;
    if (key === 'properties.policies.exportPolicy.status') {
      const status = valueOf('exportPolicyStatus', str('disabled'));
      if (sku.value.kind === 'unknown') return { value: sku.value, site: sku.site };
      // The module emits no export policy at all unless the SKU is Premium.
      return isPremium(sku.value) ? status : { value: undefined, site: sku.site };
    }
    if (key === 'properties.publicNetworkAccess') {
      const access = valueOf('publicNetworkAccess', nullValue());
      if (access.value.kind !== 'null') return access;
      const endpoints = valueOf('privateEndpoints', nullValue()).value;
      const ipRules = valueOf('networkRuleSetIpRules', nullValue()).value;
      if (endpoints.kind === 'unknown') return { value: endpoints, site: access.site };
      if (ipRules.kind === 'unknown') return { value: ipRules, site: access.site };
      return { value: !isEmpty(endpoints) && isEmpty(ipRules) ? str('Disabled') : undefined, site: access.site };
    }
    return { value: undefined };
  };
  return { valueOf, resolve };
}
