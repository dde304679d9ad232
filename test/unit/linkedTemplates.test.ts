/** ARM templates linked with `templateLink.relativePath`: followed within the workspace, reported where linked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const registry = { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'linkedreg', properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } };
const LINKED = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { type: 'string', defaultValue: 'Disabled' } }, resources: [registry] }, null, 2);
const deployment = (name: string, path: string, properties: Record<string, unknown> = {}) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, properties: { mode: 'Incremental', templateLink: { relativePath: path }, ...properties } });
const main = (...resources: unknown[]) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);

function analyze(files: Record<string, string>) {
  const uri = (name: string) => `file:///w/${name}`;
  const analysis = analyzeDocument({ uri: uri('main.json'), text: files['main.json']! }, { readText: (u) => Object.entries(files).find(([name]) => uri(name) === u)?.[1], workspaceRoots: ['file:///w/'] });
  const lineOf = (offset: number) => files['main.json']!.slice(0, offset).split('\n').length;
  return {
    findings: analysis.findings.map((f) => `${lineOf(f.span.start)}: ${f.message}`),
    notices: analysis.notices.map((n) => `${lineOf(n.span.start)}: ${n.message}`),
    dependencies: analysis.dependencies,
  };
}

test('each deployment of a linked template is checked with its own values and reported at its own link', () => {
  const files = {
    'main.json': main(deployment('open', 'nested/acr.json', { parameters: { access: { value: 'Enabled' } } }), deployment('closed', './nested/acr.json'), deployment('linked', 'nested/acr.json', { parametersLink: { uri: 'https://example.com/p.json' } })),
    'nested/acr.json': LINKED,
  };
  const { findings, dependencies } = analyze(files);
  assert.deepEqual(findings, [
    "16: Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' (line 16 in main.json) (must be 'Disabled').",
    "39: Container registry 'linkedreg' cannot be verified: properties.publicNetworkAccess cannot be verified (the deployment takes its parameter values from a parametersLink that acr-guard cannot read). The registry is declared in acr.json.",
  ]);
  assert.deepEqual(dependencies, ['file:///w/nested/acr.json']);
});

test('a link that cannot be followed says why on the link; a template that links to itself ends', () => {
  const files = {
    'main.json': main(deployment('gone', 'nested/missing.json'), deployment('outside', '../../etc/acr.json'), deployment('self', 'nested/self.json'), deployment('notTemplate', 'nested/readme.json'), deployment('main', 'main.json')),
    'nested/self.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [registry, deployment('again', 'self.json')] }),
    'nested/readme.json': '{ "hello": "world" }',
  };
  const { findings, notices } = analyze(files);
  assert.deepEqual(notices, [
    "12: 'nested/missing.json' cannot be read.",
    "23: '../../etc/acr.json' is outside the workspace; acr-guard does not read it.",
    "45: 'nested/readme.json' is not an ARM template.",
    "56: 'main.json' links to this template itself; it is not followed again.",
  ]);
  // The self-linking template deploys its registry at every level it is walked: one finding, at the main link.
  assert.equal(findings.length, 1);
  assert.match(findings[0]!, /^34: Container registry 'linkedreg' cannot be verified: .*parameter 'access' is not declared/);
});

test('a parameter file of a template that links another: a value it passes down is reported in the parameter file', () => {
  const passing = deployment('acr', 'nested/acr.json', { parameters: { access: { value: "[parameters('access')]" } } });
  const files: Record<string, string> = {
    'main.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { type: 'string' } }, resources: [passing] }, null, 2),
    'nested/acr.json': LINKED,
    'main.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { access: { value: 'Enabled' } } }, null, 2),
  };
  const uri = (name: string) => `file:///w/${name}`;
  const analysis = analyzeDocument({ uri: uri('main.parameters.json'), text: files['main.parameters.json']! }, { readText: (u) => Object.entries(files).find(([name]) => uri(name) === u)?.[1], workspaceRoots: ['file:///w/'] });
  assert.deepEqual(analysis.findings.map((f) => [f.uri, f.message]), [[uri('main.parameters.json'), "Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in main.parameters.json (must be 'Disabled')."]]);
  assert.deepEqual([...analysis.dependencies].sort(), [uri('main.json'), uri('nested/acr.json')]);
});

/** The quickstart pattern: `_artifactsLocation` defaults to where the template is deployed from. */
const artifactsMain = (artifactsDefault: string, link: string, extra: unknown[] = []) =>
  JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: {
        _artifactsLocation: { type: 'string', defaultValue: artifactsDefault },
        _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' },
      },
      resources: [
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'acr', properties: { mode: 'Incremental', templateLink: { uri: link }, parameters: { access: { value: 'Enabled' } } } },
        ...extra,
      ],
    },
    null,
    2,
  );
const QUICKSTART_LINK = "[uri(parameters('_artifactsLocation'), concat('nestedtemplates/acr.json', parameters('_artifactsLocationSasToken')))]";

test("a templateLink.uri beside the template (uri(deployment().properties.templateLink.uri, ...), the _artifactsLocation pattern) is followed as ARM resolves it", () => {
  const files = { 'main.json': artifactsMain('[deployment().properties.templateLink.uri]', QUICKSTART_LINK), 'nestedtemplates/acr.json': LINKED };
  const { findings, notices, dependencies } = analyze(files);
  assert.deepEqual(findings, ["26: Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' (line 26 in main.json) (must be 'Disabled')."]);
  assert.deepEqual(notices, []);
  assert.deepEqual(dependencies, ['file:///w/nestedtemplates/acr.json']);
  // Written directly, with a SAS token passed as a query: the same file.
  const direct = analyze({ ...files, 'main.json': artifactsMain('', "[uri(deployment().properties.templateLink.uri, 'nestedtemplates/acr.json?sv=2024&sig=x')]") });
  assert.equal(direct.findings.length, 1);
});

test("a templateLink.uri built as the folder plus '/file.json' (an empty path segment) is the file in that folder, as a file system reads it", () => {
  // cloudera-on-centos in Azure/azure-quickstart-templates: concat(uri(deployment().properties.templateLink.uri, '.'), '/nested.json').
  const link = "[concat(uri(deployment().properties.templateLink.uri, '.'), '/nestedtemplates/acr.json')]";
  const { findings, notices, dependencies } = analyze({ 'main.json': artifactsMain('', link), 'nestedtemplates/acr.json': LINKED });
  assert.deepEqual(notices, []);
  assert.deepEqual(dependencies, ['file:///w/nestedtemplates/acr.json']);
  assert.equal(findings.length, 1);
});

test('a templateLink.uri that is remote, or not known, is not followed; one beside the template that is missing says so; deployment() is known nowhere else', () => {
  const remote = analyze({ 'main.json': artifactsMain('https://raw.githubusercontent.com/contoso/templates/main/', QUICKSTART_LINK), 'nestedtemplates/acr.json': LINKED });
  assert.deepEqual([remote.findings, remote.notices, remote.dependencies], [[], [], []]);
  const named = { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'own', properties: { publicNetworkAccess: "[if(equals(deployment().properties.templateLink.uri, ''), 'Disabled', 'Enabled')]", policies: { exportPolicy: { status: 'disabled' } } } };
  const missing = analyze({ 'main.json': artifactsMain('[deployment().properties.templateLink.uri]', QUICKSTART_LINK, [named]) });
  assert.deepEqual(missing.notices, ["22: 'nestedtemplates/acr.json' cannot be read."]);
  assert.deepEqual(missing.findings, ["36: Container registry 'own' cannot be verified: properties.publicNetworkAccess cannot be verified (deployment() is known only at deployment time)."]);
  const outside = analyze({ 'main.json': artifactsMain('[deployment().properties.templateLink.uri]', "[uri(parameters('_artifactsLocation'), '../../etc/acr.json')]") });
  assert.deepEqual(outside.notices, ["22: '/etc/acr.json' is outside the workspace; acr-guard does not read it."]);
});

test('a Bicep module that is an ARM template linking by uri is followed into the linked file', () => {
  const files: Record<string, string> = {
    'main.bicep': "module wrapper 'arm/wrapper.json' = {\n  name: 'wrapper'\n}\n",
    'arm/wrapper.json': artifactsMain('[deployment().properties.templateLink.uri]', QUICKSTART_LINK),
    'arm/nestedtemplates/acr.json': LINKED,
  };
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text: files['main.bicep']! }, { readText: (u) => files[u.replace('file:///w/', '')], workspaceRoots: ['file:///w/'] });
  assert.deepEqual(analysis.findings.map((f) => f.message), ["Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' (line 26 in wrapper.json) (must be 'Disabled'). The registry is declared in acr.json."]);
  assert.ok(analysis.dependencies.includes('file:///w/arm/nestedtemplates/acr.json'));
});

test('a parametersLink.uri to a parameter file beside the template gives the values; parameters it leaves out keep their defaults', () => {
  const twoParameters = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { access: { type: 'string', defaultValue: 'Disabled' }, status: { type: 'string', defaultValue: 'disabled' } }, resources: [{ ...registry, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: "[parameters('status')]" } } } }] }, null, 2);
  const parameterFile = (values: Record<string, unknown>) => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: values }, null, 2);
  const linking = (parametersUri: string) =>
    main({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'acr',
      properties: { mode: 'Incremental', templateLink: { uri: "[uri(deployment().properties.templateLink.uri, 'nested/acr.json')]" }, parametersLink: { uri: parametersUri } },
    });
  const files = { 'main.json': linking("[uri(deployment().properties.templateLink.uri, 'nested/acr.parameters.json')]"), 'nested/acr.json': twoParameters, 'nested/acr.parameters.json': parameterFile({ access: { value: 'Enabled' } }) };
  const { findings, notices, dependencies } = analyze(files);
  assert.deepEqual(notices, []);
  assert.deepEqual(findings, ["12: Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in acr.parameters.json (must be 'Disabled'). The registry is declared in acr.json."]);
  assert.deepEqual(dependencies, ['file:///w/nested/acr.json', 'file:///w/nested/acr.parameters.json']);

  const keyVault = analyze({ ...files, 'nested/acr.parameters.json': parameterFile({ access: { reference: { keyVault: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z' }, secretName: 'access' } } }) });
  assert.match(keyVault.findings[0]!, /cannot be verified \(parameter 'access' is a Key Vault reference, resolved at deployment time\)/);
  const missing = analyze({ ...files, 'main.json': linking("[uri(deployment().properties.templateLink.uri, 'nested/gone.parameters.json')]") });
  assert.deepEqual(missing.notices, ["15: 'nested/gone.parameters.json' cannot be read."]);
  assert.match(missing.findings[0]!, /cannot be verified \(the deployment takes its parameter values from a parametersLink that acr-guard cannot read\)/);
  const notParameters = analyze({ ...files, 'main.json': linking("[uri(deployment().properties.templateLink.uri, 'nested/acr.json')]") });
  assert.deepEqual(notParameters.notices, ["15: 'nested/acr.json' is not a parameter file."]);
});

test('_artifactsLocation passed down to a linked template resolves its own links from where the first one is deployed', () => {
  const level1 = JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { _artifactsLocation: { type: 'string' }, _artifactsLocationSasToken: { type: 'securestring' } },
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', templateLink: { uri: QUICKSTART_LINK }, parameters: { access: { value: "[concat('Ena', 'bled')]" } } } }],
    },
    null,
    2,
  );
  const passDown = { _artifactsLocation: { value: "[parameters('_artifactsLocation')]" }, _artifactsLocationSasToken: { value: "[parameters('_artifactsLocationSasToken')]" } };
  const root = JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' } },
      resources: [
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'level1', properties: { mode: 'Incremental', templateLink: { uri: "[uri(parameters('_artifactsLocation'), 'nestedtemplates/level1.json')]" }, parameters: passDown } },
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'named', properties: { mode: 'Incremental', templateLink: { uri: "[uri(parameters('_artifactsLocation'), 'nestedtemplates/acr.json')]" }, parameters: { access: { value: '[deployment().name]' } } } },
      ],
    },
    null,
    2,
  );
  // Quickstarts keep every nested template beside the first one: the second level links relative to the root.
  const { findings, notices, dependencies } = analyze({ 'main.json': root, 'nestedtemplates/level1.json': level1, 'nestedtemplates/acr.json': LINKED });
  assert.deepEqual(notices, []);
  assert.deepEqual(dependencies, ['file:///w/nestedtemplates/level1.json', 'file:///w/nestedtemplates/acr.json']);
  assert.deepEqual(findings, [
    "22: Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' (line 24 in level1.json) (must be 'Disabled'). The registry is declared in acr.json.",
    "41: Container registry 'linkedreg' cannot be verified: properties.publicNetworkAccess cannot be verified (deployment() is known only at deployment time). The registry is declared in acr.json.",
  ]);
});

test('a copy loop of deployments linked by uri: each resolves its link and passes its values with its own copyIndex()', () => {
  const loop = {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: "[concat('acr', copyIndex())]",
    copy: { name: 'acrs', count: 2 },
    properties: {
      mode: 'Incremental',
      templateLink: { uri: "[uri(deployment().properties.templateLink.uri, concat('nested/acr', copyIndex(), '.json'))]" },
      parameters: { access: { value: "[if(equals(copyIndex('acrs'), 1), 'Enabled', 'Disabled')]" } },
    },
  };
  const { findings, notices, dependencies } = analyze({ 'main.json': main(loop), 'nested/acr0.json': LINKED, 'nested/acr1.json': LINKED });
  assert.deepEqual(notices, []);
  assert.deepEqual(dependencies, ['file:///w/nested/acr0.json', 'file:///w/nested/acr1.json']);
  // Only the second deployment passes 'Enabled' (at line 20): one finding there.
  assert.deepEqual(findings, ["20: Container registry 'linkedreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' (line 20 in main.json) (must be 'Disabled')."]);
});

test('a flag a deployment passes makes the linked template fail: reported on the value passed, set the other way as a choice', () => {
  const flagged = { ...registry, properties: { publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: { exportPolicy: { status: 'disabled' } } } };
  const linked = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { isPrivate: { type: 'bool', defaultValue: true } }, resources: [flagged] }, null, 2);
  const text = main(deployment('flag', 'nested/acr.json', { parameters: { isPrivate: { value: false } } }));
  const files: Record<string, string> = { 'main.json': text, 'nested/acr.json': linked };
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.json', text }, { readText: (u) => files[u.slice('file:///w/'.length)], workspaceRoots: ['file:///w/'] }).findings;
  assert.equal(rest.length, 0);
  assert.equal(text.slice(finding!.span.start, finding!.span.end), 'false');
  assert.match(finding!.message, /The registry is declared in acr\.json\. It follows from parameter 'isPrivate' as passed here\.$/);
  const flip = finding!.fixes().find((fix) => fix.title === "Set parameter 'isPrivate' to true");
  assert.deepEqual([flip?.needsChoice, flip?.edits.map((edit) => text.slice(edit.span.start, edit.span.end) + ' -> ' + edit.newText)], [true, ['false -> true']]);
});

test("a linked template's own default makes it fail: reported on the link, and fixed by passing the value in the deployment's parameters", () => {
  const failingDefault = LINKED.replace('"defaultValue": "Disabled"', '"defaultValue": "Enabled"');
  const text = main(deployment('defaults', 'nested/acr.json'));
  const files: Record<string, string> = { 'main.json': text, 'nested/acr.json': failingDefault };
  const readText = (u: string) => files[u.slice('file:///w/'.length)];
  const [finding] = analyzeDocument({ uri: 'file:///w/main.json', text }, { readText, workspaceRoots: ['file:///w/'] }).findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), '"nested/acr.json"');
  const pass = finding!.fixes().find((fix) => fix.title === "Pass access: 'Disabled' to the linked template");
  assert.ok(pass, finding!.fixes().map((fix) => fix.title).join(', '));
  const fixed = applyEdits(text, pass.edits);
  assert.deepEqual(JSON.parse(fixed).resources[0].properties.parameters, { access: { value: 'Disabled' } });
  assert.deepEqual(analyzeDocument({ uri: 'file:///w/main.json', text: fixed }, { readText, workspaceRoots: ['file:///w/'] }).findings, []);
  assert.deepEqual(analyzeDocument({ uri: 'file:///w/nested/acr.json', text: failingDefault }, { readText, workspaceRoots: ['file:///w/'] }).findings.length, 1, 'the linked template itself still fails on its default');
});

test("a linked template's own flag default makes it fail: passing the flag the other way is offered as a choice, and clears the finding", () => {
  const flagged = { ...registry, properties: { publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: { exportPolicy: { status: 'disabled' } } } };
  const linked = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { isPrivate: { type: 'bool', defaultValue: false } }, resources: [flagged] }, null, 2);
  const text = main(deployment('flag', 'nested/acr.json'));
  const files: Record<string, string> = { 'main.json': text, 'nested/acr.json': linked };
  const readText = (u: string) => files[u.slice('file:///w/'.length)];
  const [finding] = analyzeDocument({ uri: 'file:///w/main.json', text }, { readText, workspaceRoots: ['file:///w/'] }).findings;
  const pass = finding!.fixes().find((fix) => fix.title === 'Pass isPrivate: true to the linked template');
  assert.deepEqual([pass?.isPreferred, pass?.needsChoice], [false, true]);
  const fixed = applyEdits(text, pass!.edits);
  assert.deepEqual(JSON.parse(fixed).resources[0].properties.parameters, { isPrivate: { value: true } });
  assert.deepEqual(analyzeDocument({ uri: 'file:///w/main.json', text: fixed }, { readText, workspaceRoots: ['file:///w/'] }).findings, []);
});

test("a linked template that is not Premium by its own SKU default: passing the values is a choice, and a second one passes 'Premium' too", () => {
  const standard = { ...registry, sku: { name: "[parameters('skuName')]" } };
  const linked = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { skuName: { type: 'string', defaultValue: 'Standard' }, access: { type: 'string', defaultValue: 'Enabled' } }, resources: [standard] }, null, 2);
  const text = main(deployment('standard', 'nested/acr.json'));
  const files: Record<string, string> = { 'main.json': text, 'nested/acr.json': linked };
  const readText = (u: string) => files[u.slice('file:///w/'.length)];
  const [finding] = analyzeDocument({ uri: 'file:///w/main.json', text }, { readText, workspaceRoots: ['file:///w/'] }).findings;
  const passing = finding!.fixes().filter((fix) => fix.title.startsWith('Pass '));
  assert.deepEqual(passing.map((fix) => [fix.title, fix.isPreferred, fix.needsChoice]), [
    ["Pass access: 'Disabled' to the linked template", false, true],
    ["Pass access: 'Disabled' and skuName: 'Premium' to the linked template", false, true],
  ]);
  const fixed = applyEdits(text, passing[1]!.edits);
  assert.deepEqual(JSON.parse(fixed).resources[0].properties.parameters, { access: { value: 'Disabled' }, skuName: { value: 'Premium' } });
  assert.deepEqual(analyzeDocument({ uri: 'file:///w/main.json', text: fixed }, { readText, workspaceRoots: ['file:///w/'] }).findings, []);
});
