/**
 * Verdicts checked against an oracle that states them differently: a module or a loop must fail exactly when the same
 * registries written out (the module with the values passed as its defaults, each loop item as a declaration of its
 * own) fail, and a parameter file that extends another exactly when one file with all the values does. Every fix a
 * module's caller offers (values passed for the module's defaults among them) takes its finding away. A value
 * PSRule's AZURE_PARAMETER_DEFAULTS gives decides as the same value written as a default.
 */
import fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import type { TextEdit } from '../../server/src/core/types';
import { loadProjectConfiguration } from '../../server/src/core/psrule/projectConfiguration';

type Files = Record<string, string>;

const findingsOf = (files: Files, main: string) =>
  analyzeDocument({ uri: `file:///w/${main}`, text: files[main]! }, { readText: (uri) => files[uri.replace('file:///w/', '')], workspaceRoots: ['file:///w'] }).findings;
const fails = (files: Files, main: string): boolean => findingsOf(files, main).some((f) => !f.unresolved);
/** The files with a fix's edits applied, each file's own. */
function withEdits(files: Files, edits: readonly TextEdit[]): Files {
  const fixed = { ...files };
  for (const name of Object.keys(files)) {
    const own = edits.filter((edit) => edit.uri === `file:///w/${name}`);
    if (own.length > 0) fixed[name] = applyEdits(files[name]!, own);
  }
  return fixed;
}

export interface Values {
  isPrivate: boolean;
  access: string;
  status: string;
}
const values: fc.Arbitrary<Values> = fc.record({ isPrivate: fc.boolean(), access: fc.constantFrom('Enabled', 'Disabled'), status: fc.constantFrom('enabled', 'disabled') });
const shape = fc.constantFrom('flag', 'value', 'both', 'status');

/**
 * A registry whose values a flag, a string or both decide, with its parameters' defaults (one left out: required).
 * `ownFailure`: the other value is a failing literal, whatever the parameters are.
 */
export function registryTemplate(kind: string, defaults: Partial<Values> | undefined, ownFailure = false): string {
  const access = ownFailure && kind === 'status' ? "'Enabled'" : kind === 'value' ? 'access' : kind === 'both' ? "isPrivate ? 'Disabled' : access" : "isPrivate ? 'Disabled' : 'Enabled'";
  const status = kind === 'status' ? "isPrivate ? status : 'enabled'" : ownFailure ? "'enabled'" : "'disabled'";
  const d = defaults ?? {};
  const written = (value: unknown) => (value === undefined ? '' : ` = ${typeof value === 'string' ? `'${value}'` : String(value)}`);
  return `param isPrivate bool${written(d.isPrivate)}\nparam access string${written(d.access)}\nparam status string${written(d.status)}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr1'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: ${status} } }\n  }\n}\n`;
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** The ARM template `registryTemplate` writes in Bicep. */
export function armRegistryTemplate(shape: string, d: Partial<Values> | undefined, ownFailure: boolean): string {
  const parameter = (type: string, value: unknown) => (value !== undefined ? { type, defaultValue: value } : { type });
  const publicNetworkAccess = ownFailure && shape === 'status' ? 'Enabled' : shape === 'value' ? "[parameters('access')]" : shape === 'both' ? "[if(parameters('isPrivate'), 'Disabled', parameters('access'))]" : "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]";
  const exportStatus = shape === 'status' ? "[if(parameters('isPrivate'), parameters('status'), 'enabled')]" : ownFailure ? 'enabled' : 'disabled';
  const resource = { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acr1', sku: { name: 'Premium' }, properties: { publicNetworkAccess, policies: { exportPolicy: { status: exportStatus } } } };
  return `${JSON.stringify({ $schema: SCHEMA, parameters: { isPrivate: parameter('bool', d?.isPrivate), access: parameter('string', d?.access), status: parameter('string', d?.status) }, resources: [resource] }, null, 2)}\n`;
}

function assertModuleCaller(c: { kind: string; passed: Values; defaults: Values; throughParameterFile: boolean; viaVariable: boolean; omitted: readonly (keyof Values)[] }): void {
  // What the caller leaves out, the module's own defaults decide. (Through a parameter file, a failure the file's
  // values do not decide is the template's, reported there: the provenance oracle tells those apart.)
  const omitted = c.throughParameterFile ? [] : c.omitted;
  const effective = { ...c.passed, ...Object.fromEntries(omitted.map((name) => [name, c.defaults[name]])) } as Values;
  const oracle = fails({ 'registry.bicep': registryTemplate(c.kind, effective) }, 'registry.bicep');
  const files: Files = { 'registry.bicep': registryTemplate(c.kind, c.defaults) };
  const passed = c.throughParameterFile ? { isPrivate: 'isPrivate', access: 'access', status: 'status' } : c.viaVariable ? { isPrivate: 'cfg.isPrivate', access: 'cfg.access', status: 'cfg.status' } : { isPrivate: String(c.passed.isPrivate), access: `'${c.passed.access}'`, status: `'${c.passed.status}'` };
  const head = c.throughParameterFile ? `param isPrivate bool = ${c.defaults.isPrivate}\nparam access string = '${c.defaults.access}'\nparam status string = '${c.defaults.status}'\n` : `var cfg = { isPrivate: ${c.passed.isPrivate}, access: '${c.passed.access}', status: '${c.passed.status}' }\n`;
  const lines = (['isPrivate', 'access', 'status'] as const).filter((name) => !omitted.includes(name)).map((name) => `    ${name}: ${passed[name]}\n`).join('');
  files['main.bicep'] = `${head}module m './registry.bicep' = {\n  name: 'm'\n  params: {\n${lines}  }\n}\n`;
  if (c.throughParameterFile) files['dev.bicepparam'] = `using './main.bicep'\nparam isPrivate = ${c.passed.isPrivate}\nparam access = '${c.passed.access}'\nparam status = '${c.passed.status}'\n`;
  const main = c.throughParameterFile ? 'dev.bicepparam' : 'main.bicep';
  const reported = fails(files, main);
  if (reported !== oracle) throw new Error(`${reported ? 'reported' : 'not reported'}, while the module with those values ${oracle ? 'fails' : 'passes'}:\n${JSON.stringify(files, null, 2)}`);
  // Every fix offered where it is reported (a value passed, a flag set otherwise, values passed for defaults) takes it away.
  const before = findingsOf(files, main);
  for (const fix of before.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    const fixed = withEdits(files, fix.edits);
    if (findingsOf(fixed, main).length >= before.length) throw new Error(`'${fix.title}' leaves the finding:\n${JSON.stringify(fixed, null, 2)}`);
  }
}

function assertExtends(c: { kind: string; defaults: Values; base: Partial<Values>; own: Partial<Values> }): void {
  const line = (name: string, value: unknown) => `param ${name} = ${typeof value === 'string' ? `'${value}'` : String(value)}`;
  const lines = (set: Partial<Values>) => Object.entries(set).map(([name, value]) => line(name, value)).join('\n');
  const files: Files = {
    'main.bicep': registryTemplate(c.kind, c.defaults),
    'base.bicepparam': `using none\n${lines(c.base)}\n`,
    'dev.bicepparam': `using './main.bicep'\nextends 'base.bicepparam'\n${lines(c.own)}\n`,
    'flat.bicepparam': `using './main.bicep'\n${lines({ ...c.base, ...c.own })}\n`,
  };
  if (fails(files, 'dev.bicepparam') !== fails(files, 'flat.bicepparam')) throw new Error(`the extending file and the flat one disagree:\n${JSON.stringify(files, null, 2)}`);
}

function assertLoop(c: { items: (Values & { on: boolean })[]; conditional: boolean; statusFromItem: boolean }): void {
  const list = `[\n${c.items.map((item, i) => `  { name: 'acr${i}', access: '${item.access}', status: '${item.status}', on: ${item.on} }`).join('\n')}\n]`;
  const body = (item: string) => `{\n  name: ${item}.name\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${item}.access\n    policies: { exportPolicy: { status: ${c.statusFromItem ? `${item}.status` : "'disabled'"} } }\n  }\n}`;
  const loop = `var items = ${list}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for item in items: ${c.conditional ? 'if (item.on) ' : ''}${body('item')}]\n`;
  const unrolled = `var items = ${list}\n${c.items.map((item, i) => (c.conditional && !item.on ? '' : `resource acr${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = ${body(`items[${i}]`)}\n`)).join('')}`;
  if (fails({ 'loop.bicep': loop }, 'loop.bicep') !== fails({ 'unrolled.bicep': unrolled }, 'unrolled.bicep')) throw new Error(`the loop and its items written out disagree:\n${loop}\n${unrolled}`);
}

/**
 * PSRule's AZURE_PARAMETER_DEFAULTS against the same values written as the template's defaults: a value the option
 * gives a parameter without a default must decide exactly as that default would, and the template's own default wins.
 */
function assertConfiguredDefaults(c: { kind: string; own: Partial<Values>; configured: Partial<Values>; quoted: boolean; upper: boolean }): void {
  const names = ['isPrivate', 'access', 'status'] as const;
  const types = { isPrivate: 'bool', access: 'string', status: 'string' };
  const template = (defaults: Partial<Values>) => registryTemplate(c.kind, defaults);
  const yamlValue = (value: unknown) => {
    const text = c.upper && typeof value === 'boolean' ? String(value).toUpperCase() : String(value);
    return c.quoted ? `'${text}'` : text;
  };
  const entries = names.filter((name) => c.configured[name] !== undefined).map((name) => `    ${name}: ${yamlValue(c.configured[name])}\n`);
  const yaml = `configuration:\n  AZURE_PARAMETER_DEFAULTS:\n${entries.join('')}`;
  const project = loadProjectConfiguration('/w/main.bicep', '/w', { readFile: (path) => (path === '/w/ps-rule.yaml' ? yaml : undefined), listDir: () => [] });
  const withOption = (text: string) => analyzeDocument({ uri: 'file:///w/main.bicep', text }, { configuration: { project, filePath: '/w/main.bicep' }, workspaceRoots: ['file:///w'] }).findings;
  const verdicts = (findings: readonly { unresolved: boolean }[]) => findings.map((f) => (f.unresolved ? 'unknown' : 'fails')).join(',') || 'passes';

  const subject = template(c.own);
  const oracle = verdicts(findingsOf({ 'main.bicep': template({ ...c.configured, ...c.own }) }, 'main.bicep'));
  const found = withOption(subject);
  if (verdicts(found) !== oracle) throw new Error(`${verdicts(found)} with the option, ${oracle} with its values as defaults (${JSON.stringify(types)}):\n${subject}\n${yaml}`);
  for (const fix of found.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    if (fix.edits.some((edit) => edit.uri !== 'file:///w/main.bicep')) throw new Error(`'${fix.title}' edits another file`);
    if (withOption(applyEdits(subject, fix.edits)).length >= found.length) throw new Error(`'${fix.title}' leaves the finding:\n${subject}\n${yaml}`);
  }
}

/**
 * Three-valued verdicts are sound: a registry that passes while some parameters have no value passes whatever values
 * they take, and one that fails does so for some of them (checked by writing every combination as defaults).
 */
function assertSoundWithoutValues(c: { kind: string; own: Partial<Values>; ownFailure: boolean; arm: boolean }): void {
  const domains = { isPrivate: [true, false], access: ['Enabled', 'Disabled'], status: ['enabled', 'disabled'] } as const;
  const missing = (['isPrivate', 'access', 'status'] as const).filter((name) => c.own[name] === undefined);
  const template = (defaults: Partial<Values>) => (c.arm ? armRegistryTemplate : registryTemplate)(c.kind, defaults, c.ownFailure);
  const name = c.arm ? 'main.json' : 'main.bicep';
  let assignments: Partial<Values>[] = [{}];
  for (const name of missing) assignments = assignments.flatMap((a) => domains[name].map((value) => ({ ...a, [name]: value })));
  const concrete = assignments.map((a) => fails({ [name]: template({ ...c.own, ...a }) }, name));
  const findings = findingsOf({ [name]: template(c.own) }, name);
  const subject = template(c.own);
  if (findings.length === 0 && concrete.some((f) => f)) throw new Error(`passes, but fails with some values of ${missing.join(', ')}:\n${subject}`);
  if (findings.some((f) => !f.unresolved) && !concrete.some((f) => f)) throw new Error(`fails, but passes with every value of ${missing.join(', ')}:\n${subject}`);
}

/** A registry whose SKU gates its export policy, as AVM writes it, in Bicep or as an ARM template. */
function gatedTemplate(d: Gated, arm: boolean): string {
  return arm
    ? `${JSON.stringify({ $schema: SCHEMA, parameters: { acrSku: { type: 'string', defaultValue: d.acrSku, allowedValues: ['Basic', 'Standard', 'Premium'] }, access: { type: 'string', defaultValue: d.access }, status: { type: 'string', defaultValue: d.status } }, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acr1', sku: { name: "[parameters('acrSku')]" }, properties: { publicNetworkAccess: "[parameters('access')]", policies: "[if(equals(parameters('acrSku'), 'Premium'), createObject('exportPolicy', createObject('status', parameters('status'))), null())]" } }] }, null, 2)}\n`
    : `@allowed(['Basic', 'Standard', 'Premium'])\nparam acrSku string = '${d.acrSku}'\nparam access string = '${d.access}'\nparam status string = '${d.status}'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr1'\n  sku: { name: acrSku }\n  properties: {\n    publicNetworkAccess: access\n    policies: acrSku == 'Premium' ? { exportPolicy: { status: status } } : null\n  }\n}\n`;
}

/**
 * A module whose SKU gates its export policy (`acrSku == 'Premium' ? { exportPolicy: ... } : null`), as Azure Verified
 * Modules write it: its caller reports a failure exactly when the module fails with the values passed (its defaults
 * for the rest), and every fix offered there, the values a search finds among them, takes the finding away.
 */
function assertGatedModule(c: { defaults: Gated; passed: Partial<Gated>; arm: boolean }): void {
  const line = (name: keyof Gated, value: string) => `    ${name}: '${value}'\n`;
  const module = (d: Gated) => gatedTemplate(d, c.arm);
  const moduleName = c.arm ? 'registry.json' : 'registry.bicep';
  const oracle = fails({ [moduleName]: module({ ...c.defaults, ...c.passed } as Gated) }, moduleName);
  const params = (Object.keys(c.passed) as (keyof Gated)[]).map((name) => line(name, c.passed[name]!)).join('');
  const files: Files = { [moduleName]: module(c.defaults), 'main.bicep': `module m './${moduleName}' = {\n  name: 'm'\n  params: {\n${params}  }\n}\n` };
  const before = findingsOf(files, 'main.bicep');
  if (before.some((f) => !f.unresolved) !== oracle) throw new Error(`${oracle ? 'not reported' : 'reported'}, while the module with those values ${oracle ? 'fails' : 'passes'}:\n${JSON.stringify(files, null, 2)}`);
  for (const fix of before.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    const fixed = withEdits(files, fix.edits);
    if (findingsOf(fixed, 'main.bicep').length >= before.length) throw new Error(`'${fix.title}' leaves the finding:\n${JSON.stringify(fixed, null, 2)}`);
  }
}

/**
 * The same gated template with a parameter file (`.bicepparam` or JSON) that sets some of its values: the file reports
 * only a failure the template has with its values, always one its values bring about, and every fix it offers (values
 * a search finds among them) takes its finding away.
 */
function assertGatedParameterFile(c: { defaults: Gated; set: Partial<Gated>; arm: boolean; json: boolean }): void {
  const templateName = c.arm ? 'registry.json' : 'registry.bicep';
  const template = (d: Gated) => gatedTemplate(d, c.arm);
  const names = Object.keys(c.set) as (keyof Gated)[];
  const parameters = c.json
    ? { name: 'registry.parameters.json', text: `${JSON.stringify({ $schema: SCHEMA.replace('deploymentTemplate', 'deploymentParameters'), parameters: Object.fromEntries(names.map((n) => [n, { value: c.set[n] }])) }, null, 2)}\n` }
    : { name: 'dev.bicepparam', text: `using './${templateName}'\n${names.map((n) => `param ${n} = '${c.set[n]}'\n`).join('')}` };
  const files: Files = { [templateName]: template(c.defaults), [parameters.name]: parameters.text };
  const withValues = fails({ [templateName]: template({ ...c.defaults, ...c.set } as Gated) }, templateName);
  const alone = fails({ [templateName]: template(c.defaults) }, templateName);
  const reported = findingsOf(files, parameters.name).filter((f) => !f.unresolved && f.uri.endsWith(parameters.name));
  if (reported.length > 0 && !withValues) throw new Error(`the parameter file reports a failure the template does not have with its values:\n${JSON.stringify(files, null, 2)}`);
  if (withValues && !alone && reported.length === 0) throw new Error(`the file's values make the template fail, and the file reports nothing:\n${JSON.stringify(files, null, 2)}`);
  for (const fix of reported.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    const fixed = withEdits(files, fix.edits);
    const after = findingsOf(fixed, parameters.name).filter((f) => !f.unresolved && f.uri.endsWith(parameters.name));
    if (after.length >= reported.length) throw new Error(`'${fix.title}' leaves the finding:\n${JSON.stringify(fixed, null, 2)}`);
  }
}

interface Gated {
  acrSku: string;
  access: string;
  status: string;
}
const gated = { acrSku: fc.constantFrom('Basic', 'Standard', 'Premium'), access: fc.constantFrom('Enabled', 'Disabled'), status: fc.constantFrom('enabled', 'disabled') };

const partial = fc.record({ isPrivate: fc.boolean(), access: fc.constantFrom('Enabled', 'Disabled'), status: fc.constantFrom('enabled', 'disabled') }, { requiredKeys: [] });

export const oracleProperties = [
  { name: 'a module fails where it is deployed exactly when it fails with the values passed as its defaults', run: (numRuns: number) => fc.assert(fc.property(fc.record({ kind: shape, passed: values, defaults: values, throughParameterFile: fc.boolean(), viaVariable: fc.boolean(), omitted: fc.subarray(['isPrivate', 'access', 'status'] as const) }), assertModuleCaller), { numRuns }) },
  { name: 'a .bicepparam file that extends another fails exactly when one file with all its values does', run: (numRuns: number) => fc.assert(fc.property(fc.record({ kind: shape, defaults: values, base: partial, own: partial }), assertExtends), { numRuns }) },
  { name: 'a value AZURE_PARAMETER_DEFAULTS gives decides exactly as the same value written as the default', run: (numRuns: number) => fc.assert(fc.property(fc.record({ kind: shape, own: partial, configured: partial, quoted: fc.boolean(), upper: fc.boolean() }), assertConfiguredDefaults), { numRuns }) },
  { name: 'a verdict with parameters left without a value holds for every value they could take', run: (numRuns: number) => fc.assert(fc.property(fc.record({ kind: shape, own: partial, ownFailure: fc.boolean(), arm: fc.boolean() }), assertSoundWithoutValues), { numRuns }) },
  { name: 'a module whose SKU gates its export policy: reported exactly when it fails with the values passed, and every fix fixes it', run: (numRuns: number) => fc.assert(fc.property(fc.record({ defaults: fc.record(gated), passed: fc.record(gated, { requiredKeys: [] }), arm: fc.boolean() }), assertGatedModule), { numRuns }) },
  { name: 'a parameter file over a template whose SKU gates its export policy reports what its values bring about, and every fix fixes it', run: (numRuns: number) => fc.assert(fc.property(fc.record({ defaults: fc.record(gated), set: fc.record(gated, { requiredKeys: [] }), arm: fc.boolean(), json: fc.boolean() }), assertGatedParameterFile), { numRuns }) },
  { name: 'a registry loop fails exactly when one of its items, written as a declaration of its own, does', run: (numRuns: number) => fc.assert(fc.property(fc.record({ items: fc.array(fc.record({ isPrivate: fc.boolean(), access: fc.constantFrom('Enabled', 'Disabled'), status: fc.constantFrom('enabled', 'disabled'), on: fc.boolean() }), { minLength: 1, maxLength: 4 }), conditional: fc.boolean(), statusFromItem: fc.boolean() }), assertLoop), { numRuns }) },
];
