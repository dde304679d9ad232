/**
 * Registries whose values come from elsewhere: variables (objects, nested ones, loop items), parameters with and
 * without defaults, spreads, `union()`, a `.bicepparam` or JSON parameter file, a caller that deploys the file as a
 * module. Every fix offered (not only the preferred one) must take its finding away without a new syntax error, and
 * fix-all must leave only what it leaves on purpose (a registry that is not Premium).
 */
import fc from 'fast-check';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits, appliesWithoutAsking, fixAll } from '../../server/src/core/analysis/queries';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { parseJson } from '../../server/src/core/syntax/json';
import type { TextEdit } from '../../server/src/core/types';
import { armRegistryTemplate, registryTemplate, type Values } from './oracles';

type Files = Record<string, string>;
interface Case {
  files: Files;
  /** the file analysed, whose findings are fixed */
  main: string;
}

const uriOf = (name: string) => `file:///w/${name}`;
const analyze = ({ files, main }: Case): DocumentAnalysis =>
  analyzeDocument({ uri: uriOf(main), text: files[main]! }, { readText: (uri) => files[uri.replace('file:///w/', '')], workspaceRoots: ['file:///w'] });

const access = fc.constantFrom('Enabled', 'Disabled', 'disabled');
const status = fc.constantFrom('enabled', 'disabled', 'Disabled');
/** A registry properties object: each member there or not. */
const properties = fc.record(
  { publicNetworkAccess: access, policies: fc.oneof(fc.constant({}), status.map((s) => ({ exportPolicy: { status: s } }))), adminUserEnabled: fc.constant(false) },
  { requiredKeys: [] },
);

function bicepObject(value: Record<string, unknown>, multiline: boolean, spread?: string): string {
  const members = Object.entries(value).map(([key, v]) => `${key}: ${typeof v === 'string' ? `'${v}'` : typeof v === 'object' ? bicepObject(v as Record<string, unknown>, false) : String(v)}`);
  if (spread) members.push(`...${spread}`);
  if (members.length === 0) return '{}';
  return multiline ? `{\n${members.map((m) => `  ${m}`).join('\n')}\n}` : `{ ${members.join(', ')} }`;
}

const bicepCase: fc.Arbitrary<Case> = fc
  .record({
    props: properties, spreadSource: properties, inner: properties, objectDefault: properties, passed: properties,
    accessDefault: access, itemAccess: fc.tuple(access, access), multiline: fc.boolean(), spreadInProps: fc.boolean(),
    use: fc.nat({ max: 8 }), loop: fc.boolean(), loopPolicies: fc.nat({ max: 2 }), premium: fc.nat({ max: 6 }), oldApi: fc.boolean(), output: fc.boolean(),
    mode: fc.constantFrom('template', 'bicepparam', 'caller'), passAccess: fc.option(access, { nil: undefined }),
  })
  .map((c) => {
    const objectOf = (value: Record<string, unknown>) => bicepObject(value, c.multiline);
    const uses = ['props', 'nested.inner', 'objParam', 'objDefault', `union(props, ${objectOf(c.inner)})`, '{ ...props, publicNetworkAccess: accessParam }', "union(objParam, { publicNetworkAccess: 'Disabled' })", objectOf(c.inner), '{\n    publicNetworkAccess: accessParam\n    policies: props.?policies ?? {}\n  }'];
    const sku = c.premium > 0 ? 'Premium' : 'Basic';
    const lines = [
      'param objParam object',
      `param objDefault object = ${objectOf(c.objectDefault)}`,
      `param accessParam string = '${c.accessDefault}'`,
      `var spreadSrc = ${objectOf(c.spreadSource)}`,
      `var props = ${bicepObject(c.props, c.multiline, c.spreadInProps ? 'spreadSrc' : undefined)}`,
      `var nested = { inner: ${objectOf(c.inner)} }`,
      `var items = [\n  { name: 'a', access: '${c.itemAccess[0]}' }\n  { name: 'b', access: '${c.itemAccess[1]}' }\n]`,
    ];
    const policies = ["props.?policies ?? {}", "{ exportPolicy: { status: 'disabled' } }", 'nested.inner.?policies ?? {}'][c.loopPolicies];
    lines.push(
      c.loop
        ? `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for it in items: {\n  name: it.name\n  sku: { name: '${sku}' }\n  properties: {\n    publicNetworkAccess: it.access\n    policies: ${policies}\n  }\n}]`
        : `resource acr 'Microsoft.ContainerRegistry/registries@${c.oldApi ? '2020-11-01-preview' : '2025-11-01'}' = {\n  name: 'acr1'\n  sku: { name: '${sku}' }\n  properties: ${uses[c.use]}\n}`,
    );
    if (c.output) lines.push('output o object = props');
    const files: Files = { 'main.bicep': `${lines.join('\n')}\n` };
    const passed = objectOf(c.passed);
    const accessLine = c.passAccess === undefined ? '' : `param accessParam = '${c.passAccess}'\n`;
    if (c.mode === 'bicepparam') return { files: { ...files, 'main.bicepparam': `using './main.bicep'\nparam objParam = ${passed}\n${accessLine}` }, main: 'main.bicepparam' };
    if (c.mode === 'caller') {
      const params = `    objParam: callerProps\n${c.passAccess === undefined ? '' : `    accessParam: '${c.passAccess}'\n`}`;
      return { files: { ...files, 'caller.bicep': `var callerProps = ${passed}\nmodule m './main.bicep' = {\n  name: 'm'\n  params: {\n${params}  }\n}\n` }, main: 'caller.bicep' };
    }
    return { files, main: 'main.bicep' };
  });

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const armCase: fc.Arbitrary<Case> = fc
  .record({
    props: properties, inner: properties, objectDefault: properties, passed: properties, literal: properties,
    accessDefault: access, itemAccess: fc.tuple(access, access), use: fc.nat({ max: 7 }), loop: fc.boolean(), loopPolicies: fc.boolean(),
    premium: fc.nat({ max: 6 }), oldApi: fc.boolean(), output: fc.boolean(), indent: fc.constantFrom(2, 4), parameterFile: fc.boolean(), passAccess: fc.option(access, { nil: undefined }),
  })
  .map((c) => {
    const uses: unknown[] = ["[variables('props')]", "[variables('nested').inner]", "[parameters('objParam')]", "[parameters('objDefault')]", "[union(variables('props'), createObject('publicNetworkAccess', parameters('accessParam')))]", "[union(parameters('objParam'), createObject('publicNetworkAccess', 'Disabled'))]", c.literal, { publicNetworkAccess: "[parameters('accessParam')]", policies: "[variables('props').policies]" }];
    const registry: Record<string, unknown> = {
      type: 'Microsoft.ContainerRegistry/registries',
      apiVersion: c.oldApi ? '2020-11-01-preview' : '2025-11-01',
      name: c.loop ? "[variables('items')[copyIndex()].name]" : 'acr1',
      location: 'westeurope',
      sku: { name: c.premium > 0 ? 'Premium' : 'Basic' },
      properties: c.loop ? { publicNetworkAccess: "[variables('items')[copyIndex()].access]", policies: c.loopPolicies ? { exportPolicy: { status: 'disabled' } } : "[variables('props').policies]" } : uses[c.use],
    };
    if (c.loop) registry.copy = { name: 'regs', count: 2 };
    const template: Record<string, unknown> = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { objParam: { type: 'object' }, objDefault: { type: 'object', defaultValue: c.objectDefault }, accessParam: { type: 'string', defaultValue: c.accessDefault } },
      variables: { props: c.props, nested: { inner: c.inner }, items: [{ name: 'a', access: c.itemAccess[0] }, { name: 'b', access: c.itemAccess[1] }] },
      resources: [registry],
    };
    if (c.output) template.outputs = { o: { type: 'object', value: "[variables('props')]" } };
    const files: Files = { 'main.json': `${JSON.stringify(template, null, c.indent)}\n` };
    if (!c.parameterFile) return { files, main: 'main.json' };
    const values: Record<string, unknown> = { objParam: { value: c.passed } };
    if (c.passAccess !== undefined) values.accessParam = { value: c.passAccess };
    const parameters = { $schema: SCHEMA.replace('deploymentTemplate', 'deploymentParameters'), contentVersion: '1.0.0.0', parameters: values };
    return { files: { ...files, 'main.parameters.json': `${JSON.stringify(parameters, null, 2)}\n` }, main: 'main.parameters.json' };
  });

function applyToFiles(edits: readonly TextEdit[], files: Files): Files {
  const fixed = { ...files };
  for (const [name, text] of Object.entries(files)) {
    const own = edits.filter((edit) => edit.uri === uriOf(name));
    if (own.length > 0) fixed[name] = applyEdits(text, own);
  }
  return fixed;
}

const syntaxErrors = (name: string, text: string) => (name.endsWith('.json') ? parseJson(text).errors.length : parseBicep(text, { kind: name.endsWith('.bicepparam') ? 'bicepparam' : 'bicep' }).diagnostics.length);
const show = (files: Files) => Object.entries(files).map(([name, text]) => `== ${name}\n${text}`).join('');

function assertEveryFixFixes(c: Case): void {
  const analysis = analyze(c);
  if (analysis.internalError) throw analysis.internalError;
  for (const finding of analysis.findings) {
    const sameRegistry = (f: { resource: { displayName: string } }) => f.resource.displayName === finding.resource.displayName;
    const before = analysis.findings.filter(sameRegistry).length;
    for (const fix of finding.fixes()) {
      if (fix.suppresses) continue;
      const fixed = applyToFiles(fix.edits, c.files);
      for (const name of Object.keys(c.files)) {
        if (fixed[name] !== c.files[name] && syntaxErrors(name, fixed[name]!) > syntaxErrors(name, c.files[name]!)) throw new Error(`'${fix.title}' introduced a syntax error:\n${show(fixed)}`);
      }
      const after = analyze({ files: fixed, main: c.main }).findings.filter(sameRegistry);
      if (after.length >= before) throw new Error(`'${fix.title}' leaves the finding: ${after[0]!.message}\n${show(c.files)}--- after:\n${show(fixed)}`);
    }
  }
  // A registry that is not Premium is the user's to decide: fix-all makes no edit for it, whatever offers the fix.
  const chosenForBasic = analysis.findings.filter((f) => /Premium SKU/.test(f.message)).find((f) => fixAll([f]).length > 0);
  if (chosenForBasic) throw new Error(`fix-all fixes a registry that is not Premium: ${chosenForBasic.message}\n${show(c.files)}`);
  const fixed = applyToFiles(fixAll(analysis.findings), c.files);
  // Fix-all applies what may be applied without asking: a finding left with only choices (an edit in a module) is not its.
  const left = analyze({ files: fixed, main: c.main }).findings.find((f) => !/Premium SKU/.test(f.message) && f.fixes().some(appliesWithoutAsking));
  if (left) throw new Error(`fix-all leaves: ${left.message}\n${show(fixed)}`);
}

/**
 * A parameter file reports a failure exactly when the template fails with the file's values on a property that does
 * not fail whatever they are (one that does is the template's own failure, reported there): the oracle is the same
 * template with those values written as the parameters' defaults, against it with no values at all. Every fix it
 * offers takes its finding away.
 */
const parameterValuesArbitrary: fc.Arbitrary<Values> = fc.record({ isPrivate: fc.boolean(), access, status });
const parameterFileCase = fc.record({
  values: parameterValuesArbitrary, json: fc.boolean(), armTemplate: fc.boolean(),
  shape: fc.constantFrom('flag', 'value', 'both', 'status'),
  /** the template's own defaults, which the file's values replace */
  templateDefaults: fc.option(parameterValuesArbitrary, { nil: undefined }),
  /** the template fails on the other property by itself */
  ownFailure: fc.boolean(),
});

function assertParameterFileReportsFailure(c: { values: Values; json: boolean; armTemplate: boolean; shape: string; templateDefaults?: Values; ownFailure: boolean }): void {
  const bicep = (d: Values | undefined) => registryTemplate(c.shape, d, c.ownFailure);
  const arm = (d: Values | undefined) => armRegistryTemplate(c.shape, d, c.ownFailure);
  const templateName = c.armTemplate ? 'main.json' : 'main.bicep';
  const template = c.armTemplate ? arm : bicep;
  const failingPaths = (text: string) => analyze({ files: { [templateName]: text }, main: templateName }).findings.filter((f) => !f.unresolved).flatMap((f) => f.checks().filter((check) => check.fails).map((check) => check.path));
  const whateverTheValues = failingPaths(template(undefined));
  const followingFromFile = failingPaths(template(c.values)).filter((path) => !whateverTheValues.includes(path));
  const v = c.values;
  const parameters = c.json
    ? { name: 'main.parameters.json', text: `${JSON.stringify({ $schema: `${SCHEMA.replace('deploymentTemplate', 'deploymentParameters')}`, parameters: { isPrivate: { value: v.isPrivate }, access: { value: v.access }, status: { value: v.status } } }, null, 2)}\n` }
    : { name: 'main.bicepparam', text: `using './${templateName}'\nparam isPrivate = ${v.isPrivate}\nparam access = '${v.access}'\nparam status = '${v.status}'\n` };
  const files = { [templateName]: template(c.templateDefaults), [parameters.name]: parameters.text };
  const reported = analyze({ files, main: parameters.name }).findings.filter((f) => !f.unresolved);
  if ((reported.length > 0) !== (followingFromFile.length > 0)) {
    throw new Error(`the parameter file ${reported.length > 0 ? 'reports' : 'does not report'} a failure; with its values the template fails on ${JSON.stringify(followingFromFile)} beyond what fails whatever they are\n${show(files)}`);
  }
  const unnamed = followingFromFile.find((path) => !reported.some((f) => f.message.includes(path)));
  if (unnamed) throw new Error(`the parameter file's finding does not name ${unnamed}, which fails with its values\n${show(files)}`);
  // Every fix offered there (a value replaced, a flag set the other way) takes the finding away.
  for (const fix of reported.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    const fixed = applyToFiles(fix.edits, files);
    if (analyze({ files: fixed, main: parameters.name }).findings.filter((f) => !f.unresolved).length >= reported.length) throw new Error(`'${fix.title}' leaves the finding\n${show(fixed)}`);
  }
}

/**
 * A template whose registry a flag, a string or both decide by their defaults (or its own failing literal), some of
 * them perhaps left without one: every fix it offers, the flag defaults set the other way among them, takes its
 * finding away.
 */
function assertTemplateFixesFix(c: { shape: string; defaults: Partial<Values>; ownFailure: boolean; arm: boolean }): void {
  const name = c.arm ? 'main.json' : 'main.bicep';
  const files = { [name]: c.arm ? armRegistryTemplate(c.shape, c.defaults, c.ownFailure) : registryTemplate(c.shape, c.defaults, c.ownFailure) };
  const before = analyze({ files, main: name }).findings;
  for (const fix of before.flatMap((f) => f.fixes()).filter((f) => !f.suppresses)) {
    const fixed = applyToFiles(fix.edits, files);
    if (analyze({ files: fixed, main: name }).findings.length >= before.length) throw new Error(`'${fix.title}' leaves the finding\n${show(fixed)}`);
  }
}

export const provenanceProperties = [
  { name: 'a template whose flags, strings or own literals decide: every fix offered takes the finding away', run: (numRuns: number) => fc.assert(fc.property(fc.record({ shape: fc.constantFrom('flag', 'value', 'both', 'status'), defaults: fc.record({ isPrivate: fc.boolean(), access, status }, { requiredKeys: [] }), ownFailure: fc.boolean(), arm: fc.boolean() }), assertTemplateFixesFix), { numRuns }) },
  { name: 'a parameter file reports a failure exactly when the template fails with its values on a property that fails only with them', run: (numRuns: number) => fc.assert(fc.property(parameterFileCase, assertParameterFileReportsFailure), { numRuns }) },
  { name: 'Bicep: every fix of a value from a variable, parameter, spread, union, loop, parameter file or caller fixes it', run: (numRuns: number) => fc.assert(fc.property(bicepCase, assertEveryFixFixes), { numRuns }) },
  { name: 'ARM: every fix of a value from a variable, parameter, union, copy loop or parameter file fixes it', run: (numRuns: number) => fc.assert(fc.property(armCase, assertEveryFixFixes), { numRuns }) },
];
