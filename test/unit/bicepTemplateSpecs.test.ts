/**
 * Template spec modules (`ts:<subscription>/<group>/<name>:<version>`, `ts/<alias>:<name>:<version>`) read where Bicep
 * restores them, `<cache>/ts/<subscription>/<group>/<name>/<version>/main.json`: the template spec version as Azure
 * gives it, whose `properties.mainTemplate` is the template deployed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWith, assertReportedAtPassedValue, COMPILED_REGISTRY_MODULE, HOME } from './restoredModules';
import {
  isRestoredModuleUri,
  isRestoredTemplateSpecUri,
  parseTemplateSpecReference,
  registryModuleConfig,
  restoredModuleName,
  restoredModuleTarget,
} from '../../server/src/core/bicep/registryModules';

const SUBSCRIPTION = '0d3b4a51-7c5e-4e8a-9f1b-2a6c8d0e4f17';

test('references: ts: with subscription, resource group, name and version; ts/<alias>: from bicepconfig.json; what Bicep rejects', () => {
  assert.deepEqual(parseTemplateSpecReference(`ts:${SUBSCRIPTION}/Platform-RG/acr-spec:1.0`), { subscription: SUBSCRIPTION, resourceGroup: 'Platform-RG', name: 'acr-spec', version: '1.0' });
  const config = { aliases: new Map(), templateSpecAliases: new Map([['specs', { subscription: SUBSCRIPTION, resourceGroup: 'templates(prod)' }]]) };
  assert.deepEqual(parseTemplateSpecReference('ts/specs:acr:v2', config), { subscription: SUBSCRIPTION, resourceGroup: 'templates(prod)', name: 'acr', version: 'v2' });
  const invalid = [
    'ts/nope:acr:v1', // no such alias
    'ts:not-a-guid/rg/acr:v1',
    `ts:${SUBSCRIPTION}/rg./acr:v1`, // a group name may not end with '.'
    `ts:${SUBSCRIPTION}/rg/acr`, // no version
    `ts:${SUBSCRIPTION}/rg/a/b:v1`, // one path segment too many
    `ts:${SUBSCRIPTION}/rg/acr:v1.`,
    `ts:${SUBSCRIPTION}/rg/${'a'.repeat(91)}:v1`,
    `ts:${SUBSCRIPTION}/r g/acr:v1`,
  ];
  for (const path of invalid) assert.ok('invalid' in parseTemplateSpecReference(path, config), path);
});

test('the cache path: every part lower-cased under ts/; named back as referenced; only that shape is a restored module', () => {
  const upper = SUBSCRIPTION.toUpperCase();
  const uri = restoredModuleTarget(`ts:${upper}/Platform-RG/ACR-Spec:V1.0`, registryModuleConfig('file:///w/main.bicep', () => undefined, HOME), HOME);
  assert.equal(uri, `file:///home/dev/.bicep/ts/${SUBSCRIPTION}/platform-rg/acr-spec/v1.0/main.json`);
  assert.ok(isRestoredModuleUri(uri!) && isRestoredTemplateSpecUri(uri!));
  assert.equal(restoredModuleName(uri!), `ts:${SUBSCRIPTION}/platform-rg/acr-spec:v1.0`);
  // Parentheses are encoded in a URI path segment only by encodeURIComponent's choice: here they are kept.
  const parens = restoredModuleTarget(`ts:${SUBSCRIPTION}/rg(1)/spec:1`, { aliases: new Map(), cacheRoot: 'file:///cache' }, HOME);
  assert.equal(parens, `file:///cache/ts/${SUBSCRIPTION}/rg(1)/spec/1/main.json`);
  assert.equal(restoredModuleName(parens!), `ts:${SUBSCRIPTION}/rg(1)/spec:1`);
  for (const other of [`file:///w/ts/${SUBSCRIPTION}/rg/spec/main.json`, 'file:///w/ts/subscription/rg/spec/1/main.json', `file:///w/ts/${SUBSCRIPTION}/rg/spec/1/other.json`]) {
    assert.equal(isRestoredModuleUri(other), false, other);
  }
  // A registry module is not a template spec.
  assert.equal(isRestoredTemplateSpecUri('file:///home/dev/.bicep/br/contoso.azurecr.io/acr/v1%24/main.json'), false);
});

test('bicepconfig.json: template spec aliases need a subscription and a resource group', () => {
  const config = `{ "moduleAliases": { "ts": { "specs": { "subscription": "${SUBSCRIPTION}", "resourceGroup": "templates" }, "half": { "subscription": "${SUBSCRIPTION}" } } } }`;
  const read = (uri: string) => (uri === 'file:///w/bicepconfig.json' ? config : undefined);
  const parsed = registryModuleConfig('file:///w/infra/main.bicep', read, HOME);
  assert.deepEqual([...(parsed.templateSpecAliases?.keys() ?? [])], ['specs']);
  assert.equal(restoredModuleTarget('ts/specs:acr:1.0', parsed, HOME), `file:///home/dev/.bicep/ts/${SUBSCRIPTION}/templates/acr/1.0/main.json`);
  assert.equal(restoredModuleTarget('ts/half:acr:1.0', parsed, HOME), undefined);
});

/** A template spec version as Bicep restores it: its main template has public access by default. */
const TEMPLATE_SPEC = JSON.stringify(
  {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/templates/providers/Microsoft.Resources/templateSpecs/acr/versions/1.0`,
    type: 'Microsoft.Resources/templateSpecs/versions',
    name: '1.0',
    properties: { mainTemplate: COMPILED_REGISTRY_MODULE },
  },
  null,
  2,
);
const REFERENCE = `ts:${SUBSCRIPTION}/templates/acr:1.0`;
const RESTORED = `file:///home/dev/.bicep/ts/${SUBSCRIPTION}/templates/acr/1.0/main.json`;

const analyze = analyzeWith;

test('a restored template spec: its main template judged with the values passed, reported at the value, fixed only in the caller', () => {
  const text = assertReportedAtPassedValue(REFERENCE, RESTORED, { [RESTORED]: TEMPLATE_SPEC });
  // Passing 'Disabled' satisfies it.
  assert.deepEqual(analyze('file:///w/main.bicep', text.replace("'Enabled'", "'Disabled'"), { [RESTORED]: TEMPLATE_SPEC }).analysis.findings, []);
});

test("decided by the template spec's own default: reported on the module path, naming the template spec, with no fix into the cache", () => {
  const text = `module acr '${REFERENCE}' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\n`;
  const { analysis } = analyze('file:///w/main.bicep', text, { [RESTORED]: TEMPLATE_SPEC });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), `'${REFERENCE}'`);
  assert.match(finding!.message, /is 'Enabled' from the default value of parameter 'publicNetworkAccess' \(must be 'Disabled'\)\. The registry is declared in ts:[0-9a-f-]+\/templates\/acr:1\.0\.$/);
  assert.deepEqual(finding!.fixes().flatMap((fix) => fix.edits.filter((edit) => edit.uri === RESTORED)), []);
});

test("a .bicepparam file that uses a template spec (using 'ts:...'), and one that is not restored, or is not a template spec", () => {
  const text = `using '${REFERENCE}'\nparam name = 'teamacr'\nparam publicNetworkAccess = 'Enabled'\n`;
  const { analysis } = analyze('file:///w/dev.bicepparam', text, { [RESTORED]: TEMPLATE_SPEC });
  assert.equal(analysis.findings.length, 1);
  assert.equal(text.slice(analysis.findings[0]!.span.start, analysis.findings[0]!.span.end), "'Enabled'");
  assert.ok(analysis.findings[0]!.fixes().some((fix) => fix.edits.length === 1 && fix.edits[0]!.uri === 'file:///w/dev.bicepparam' && fix.edits[0]!.newText === "'Disabled'"));

  const waiting = analyze('file:///w/dev.bicepparam', text, {}).analysis;
  assert.deepEqual([waiting.findings, waiting.notices], [[], []]);
  assert.ok(waiting.dependencies.includes(RESTORED));

  // A file in the cache that holds no main template (damaged, or a different shape) is said to be no template.
  const broken = analyze('file:///w/dev.bicepparam', text, { [RESTORED]: '{ "id": "x", "properties": {} }' }).analysis;
  assert.deepEqual(broken.findings, []);
  assert.deepEqual(broken.notices.map((notice) => notice.message), [`'${REFERENCE}' is not an ARM template.`]);
});

test('a Bicep module deployed from a template spec alias, and a plain compiled template in its place, which is not a template spec', () => {
  const config = `{ "moduleAliases": { "ts": { "specs": { "subscription": "${SUBSCRIPTION}", "resourceGroup": "templates" } } } }`;
  const text = "module acr 'ts/specs:acr:1.0' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\n";
  const found = analyze('file:///w/main.bicep', text, { 'file:///w/bicepconfig.json': config, [RESTORED]: TEMPLATE_SPEC }).analysis;
  assert.deepEqual(found.findings.map((f) => f.resource.displayName), ['teamacr']);
  // What Bicep writes there is always the version resource: a bare template there is not read as one.
  const bare = JSON.stringify(JSON.parse(TEMPLATE_SPEC).properties.mainTemplate);
  const notSpec = analyze('file:///w/main.bicep', text, { 'file:///w/bicepconfig.json': config, [RESTORED]: bare }).analysis;
  assert.deepEqual(notSpec.findings, []);
});

/** A deployment as Bicep compiles `module acr 'ts:...'`: `templateLink.id` names the template spec version. */
function linkingTemplate(id: string, passed: Record<string, string>) {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'acr',
          properties: {
            mode: 'Incremental',
            templateLink: { id },
            parameters: Object.fromEntries(Object.entries(passed).map(([name, value]) => [name, { value }])),
          },
        },
      ],
    },
    null,
    2,
  );
}
const SPEC_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/Templates/providers/Microsoft.Resources/templateSpecs/ACR/versions/1.0`;

test('ARM: a deployment whose templateLink.id names a restored template spec version is followed, as Bicep compiles a ts: module', () => {
  const text = linkingTemplate(SPEC_ID, { name: 'teamacr', publicNetworkAccess: 'Enabled' });
  const { analysis } = analyze('file:///w/main.json', text, { [RESTORED]: TEMPLATE_SPEC });
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), '"Enabled"');
  assert.equal(finding!.resource.displayName, 'teamacr');
  assert.ok(finding!.fixes().some((fix) => fix.edits.length === 1 && fix.edits[0]!.uri === 'file:///w/main.json' && fix.edits[0]!.newText === '"Disabled"'));
  for (const fix of finding!.fixes()) for (const edit of fix.edits) assert.notEqual(edit.uri, RESTORED, fix.title);

  // Decided by the spec's default: reported on the link, naming the template spec, with no fix into the cache.
  const defaulted = linkingTemplate(SPEC_ID, { name: 'teamacr' });
  const onLink = analyze('file:///w/main.json', defaulted, { [RESTORED]: TEMPLATE_SPEC }).analysis.findings;
  assert.equal(onLink.length, 1);
  assert.equal(defaulted.slice(onLink[0]!.span.start, onLink[0]!.span.end), JSON.stringify(SPEC_ID));
  assert.match(onLink[0]!.message, new RegExp(`The registry is declared in ts:${SUBSCRIPTION}/templates/acr:1\\.0\\.$`));
  assert.deepEqual(onLink[0]!.fixes().flatMap((fix) => fix.edits.filter((edit) => edit.uri === RESTORED)), []);
});

test('ARM: a template spec that is not restored waits quietly (a dependency); another ID, or one Bicep rejects, is not followed', () => {
  const waiting = analyze('file:///w/main.json', linkingTemplate(SPEC_ID, { publicNetworkAccess: 'Enabled' }), {});
  assert.deepEqual([waiting.analysis.findings, waiting.analysis.notices], [[], []]);
  assert.ok(waiting.analysis.dependencies.includes(RESTORED));
  assert.ok(waiting.analysis.dependencies.includes('file:///w/bicepconfig.json'), 'a bicepconfig.json written later can move the cache');
  for (const id of [`/subscriptions/${SUBSCRIPTION}/resourceGroups/templates/providers/Microsoft.Resources/templateSpecs/acr`, '/subscriptions/not-a-guid/resourceGroups/templates/providers/Microsoft.Resources/templateSpecs/acr/versions/1.0']) {
    const { analysis, reads } = analyze('file:///w/main.json', linkingTemplate(id, {}), { [RESTORED]: TEMPLATE_SPEC });
    assert.deepEqual([analysis.findings, analysis.notices], [[], []], id);
    assert.ok(!reads.some((uri) => uri.includes('/.bicep/')), id);
  }
  // Bicep's cache holding something else there is said, on the link.
  const text = linkingTemplate(SPEC_ID, {});
  const broken = analyze('file:///w/main.json', text, { [RESTORED]: '{ "id": "x" }' }).analysis;
  assert.deepEqual(broken.notices.map((notice) => [text.slice(notice.span.start, notice.span.end), notice.message]), [[JSON.stringify(SPEC_ID), `The restored template spec '${SPEC_ID}' holds no template.`]]);
});

test('a Bicep module that is an ARM template linking a template spec is followed through it', () => {
  const caller = "module nested './nested.json' = {\n  name: 'nested'\n}\n";
  const nested = linkingTemplate(SPEC_ID, { name: 'deep', publicNetworkAccess: 'Enabled' });
  const { analysis } = analyze('file:///w/main.bicep', caller, { 'file:///w/nested.json': nested, [RESTORED]: TEMPLATE_SPEC });
  assert.deepEqual(analysis.findings.map((f) => [caller.slice(f.span.start, f.span.end), f.resource.displayName]), [["'./nested.json'", 'deep']]);
  assert.ok(analysis.dependencies.includes(RESTORED));
});

test('no fix edits the cache, also one a template spec needs beside the value passed; a file of that shape in the workspace is the user\'s own: read as a template, and fixed', () => {
  const withoutPolicy = JSON.parse(TEMPLATE_SPEC);
  delete withoutPolicy.properties.mainTemplate.resources[0].properties.policies;
  const text = `module acr '${REFERENCE}' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n    publicNetworkAccess: 'Enabled'\n  }\n}\n`;
  const { analysis } = analyze('file:///w/main.bicep', text, { [RESTORED]: JSON.stringify(withoutPolicy, null, 2) });
  assert.equal(analysis.findings.length, 1);
  assert.match(analysis.findings[0]!.message, /exportPolicy\.status is missing/);
  // Fixing it needs an edit in the spec (the export policy): no such fix is offered.
  assert.deepEqual(analysis.findings[0]!.fixes().filter((fix) => fix.edits.some((edit) => edit.uri !== 'file:///w/main.bicep')).map((fix) => fix.title), []);

  // The same shape of path inside the workspace is the user's own file (a local module here): a fix may edit it.
  const local = `file:///w/ts/${SUBSCRIPTION}/templates/acr/1.0/main.json`;
  const caller = text.replace(`'${REFERENCE}'`, `'./ts/${SUBSCRIPTION}/templates/acr/1.0/main.json'`);
  const own = analyze('file:///w/main.bicep', caller, { [local]: JSON.stringify(withoutPolicy.properties.mainTemplate, null, 2) }).analysis;
  assert.equal(own.findings.length, 1);
  assert.ok(own.dependencies.includes(local));
  assert.ok(own.findings[0]!.fixes().some((fix) => fix.edits.some((edit) => edit.uri === local)), JSON.stringify(own.findings[0]!.fixes().map((fix) => fix.title)));
});

test("a template spec's linked templates (`properties.linkedTemplates`) are followed by their paths, also one linked template from another", () => {
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const link = (relativePath: string, passed: Record<string, string>) => ({
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: `link-${relativePath.replace(/\W/g, '')}`,
    properties: { mode: 'Incremental', templateLink: { relativePath }, parameters: Object.fromEntries(Object.entries(passed).map(([k, v]) => [k, { value: v }])) },
  });
  const registryTemplate = (name: string) => ({
    $schema: schema,
    contentVersion: '1.0.0.0',
    parameters: { access: { type: 'string', defaultValue: 'Disabled' } },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name, sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } }],
  });
  const spec = {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/templates/providers/Microsoft.Resources/templateSpecs/acr/versions/1.0`,
    properties: {
      mainTemplate: { $schema: schema, contentVersion: '1.0.0.0', parameters: { access: { type: 'string' } }, resources: [link('./artifacts/first.json', { access: "[parameters('access')]" })] },
      linkedTemplates: [
        // first.json links second.json beside it, and deploys a registry of its own.
        { path: 'artifacts/first.json', template: { ...registryTemplate('first'), resources: [...registryTemplate('first').resources, link('second.json', { access: 'Enabled' })] } },
        { path: 'artifacts/second.json', template: registryTemplate('second') },
      ],
    },
  };
  const text = `module acr '${REFERENCE}' = {\n  name: 'acr'\n  params: {\n    access: 'Enabled'\n  }\n}\n`;
  const { analysis } = analyze('file:///w/main.bicep', text, { [RESTORED]: JSON.stringify(spec, null, 2) });
  // 'first' takes the value passed here; 'second' has 'Enabled' from first.json, inside the spec.
  assert.deepEqual(analysis.findings.map((f) => [f.resource.displayName, text.slice(f.span.start, f.span.end)]).sort(), [['first', "'Enabled'"], ['second', `'${REFERENCE}'`]]);

  // The same through an ARM deployment's templateLink.id.
  const arm = linkingTemplate(SPEC_ID, { access: 'Enabled' });
  assert.deepEqual(analyze('file:///w/main.json', arm, { [RESTORED]: JSON.stringify(spec) }).analysis.findings.map((f) => f.resource.displayName).sort(), ['first', 'second']);

  // A path that is not among them is not followed.
  const missing = structuredClone(spec);
  missing.properties.linkedTemplates.pop();
  assert.deepEqual(analyze('file:///w/main.bicep', text, { [RESTORED]: JSON.stringify(missing) }).analysis.findings.map((f) => f.resource.displayName), ['first']);
});
