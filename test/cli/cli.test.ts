/** The command-line scanner, run as a process: formats, exit codes, globs, --output and --fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI, failing, passing, run, SCHEMA, workspace } from './cliHarness';

/** What `npm install` puts on the PATH as `acr-guard`. */
const BIN = resolve(__dirname, '../../../bin/acr-guard.js');

test('text format: one line per finding with 1-based positions, exit code 1', () => {
  const dir = workspace({ 'infra/registry.json': failing('contoso'), 'infra/ok.json': passing, 'infra/node_modules/x.json': failing('hidden') });
  const { code, stdout } = run(dir, 'scan', 'infra');
  assert.equal(code, 1);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^infra\/registry\.json:11:32: warning Azure\.ACR\.ExportPolicy: Container registry 'contoso' can export artifacts: /);
  assert.equal(lines[1], '1 finding in 1 file (2 scanned)');
});

test('github format: one workflow command per finding (annotations), escaped as the Actions runner reads them', () => {
  const required = failing('needsvalue').replace('"Enabled"', '"[parameters(\'access\')]", "policies": { "exportPolicy": { "status": "disabled" } }').replace('"resources"', '"parameters": { "access": { "type": "string" } },\n  "resources"');
  const dir = workspace({ 'infra/a,b:c/registry.json': failing('100%'), 'infra/required.json': required });
  const { code, stdout } = run(dir, 'scan', 'infra', '--format', 'github');
  assert.equal(code, 1);
  assert.deepEqual(stdout.split('\n'), [
    "::warning file=infra/a%2Cb%3Ac/registry.json,line=11,col=32,endLine=11,endColumn=41,title=Azure.ACR.ExportPolicy::Container registry '100%25' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled').",
    // A verdict that cannot be known is information: a notice.
    "::notice file=infra/required.json,line=12,col=32,endLine=12,endColumn=56,title=Azure.ACR.ExportPolicy::Container registry 'needsvalue' cannot be verified: properties.publicNetworkAccess cannot be verified (parameter 'access' has no value).",
    '2 findings in 2 files (2 scanned)',
    '',
  ]);
  assert.match(run(dir, 'scan', 'infra', '--format', 'teamcity').stderr, /--format must be text, json, sarif, github, gitlab or nunit \(got 'teamcity'\)/);
});

test('gitlab format: a Code Quality report; fingerprints unique per finding and unchanged when lines move', () => {
  const module = "param access string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'shared'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const main = "module one 'acr.bicep' = {\n  name: 'one'\n  params: {\n    access: 'Enabled'\n  }\n}\nmodule two 'acr.bicep' = {\n  name: 'two'\n  params: {\n    access: 'Enabled'\n  }\n}\n";
  const dir = workspace({ 'infra/main.bicep': main, 'infra/acr.bicep': module });
  const scan = () => {
    const { code, stdout } = run(dir, 'scan', 'infra', '--format', 'gitlab');
    assert.equal(code, 1);
    return JSON.parse(stdout) as { check_name: string; severity: string; fingerprint: string; description: string; location: { path: string; positions: { begin: { line: number; column: number } } } }[];
  };
  const issues = scan();
  const written = run(dir, 'scan', 'infra', '--format', 'gitlab').stdout;
  assert.equal(written, `${JSON.stringify(JSON.parse(written), null, 2)}\n`, 'laid out as JSON.stringify(..., null, 2) writes it');
  assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.positions.begin.line, i.location.positions.begin.column]), [
    // The module alone: its parameter has no value, so the registry cannot be verified (information).
    ['Azure.ACR.ExportPolicy', 'info', 'infra/acr.bicep', 6, 26],
    ['Azure.ACR.ExportPolicy', 'major', 'infra/main.bicep', 4, 13],
    ['Azure.ACR.ExportPolicy', 'major', 'infra/main.bicep', 10, 13],
  ]);
  assert.match(issues[1]!.description, /^Container registry 'shared' can export artifacts: /);
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3, 'one fingerprint per finding, even for the same registry twice');
  writeFileSync(join(dir, 'infra/main.bicep'), `// a comment above\n\n${main}`);
  const moved = scan();
  assert.deepEqual(moved.map((i) => i.location.positions.begin.line), [6, 6, 12]);
  assert.deepEqual(moved.map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
  // No findings: an empty array.
  assert.deepEqual(JSON.parse(run(workspace({ 'ok.json': passing }), 'scan', '.', '--format', 'gitlab').stdout), []);
});

test('Bicep load functions that read bytes or list a folder get them from the disk, inside the workspace only', () => {
  const registry = (access: string) => `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr\${length(loadDirectoryFileInfo('settings', '*.txt'))}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;
  const dir = workspace({
    'infra/main.bicep': registry("trim(loadTextContent('settings/access.txt', 'iso-8859-1'))"),
    'infra/settings/access.txt': 'Enabled\n',
    'infra/settings/other.txt': '',
    'infra/outside.bicep': registry("loadTextContent('../secret.txt', 'us-ascii')"),
    'secret.txt': 'Disabled',
  });
  const { stdout } = run(dir, 'scan', 'infra', '--root', 'infra', '--format', 'json');
  const findings = JSON.parse(stdout).findings.map((f: { file: string; message: string }) => [f.file, f.message]);
  assert.deepEqual(findings, [
    ['infra/main.bicep', "Container registry 'acr2' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled')."],
    ['infra/outside.bicep', "Container registry 'acr2' cannot be verified: properties.publicNetworkAccess cannot be verified ('../secret.txt' cannot be read (missing, or outside the workspace))."],
  ]);
});

test('json format follows the version 1 contract', () => {
  const dir = workspace({ 'registry.json': failing('contoso') });
  const { code, stdout } = run(dir, 'scan', 'registry.json', '--format', 'json');
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.version, 1);
  assert.equal(report.findings.length, 1);
  const finding = report.findings[0];
  assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'file', 'range', 'message', 'resource', 'fixes']);
  assert.equal(finding.ruleId, 'Azure.ACR.ExportPolicy');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.file, 'registry.json');
  assert.deepEqual(finding.range, { start: { line: 10, character: 31 }, end: { line: 10, character: 40 } });
  assert.deepEqual(finding.resource, { type: 'Microsoft.ContainerRegistry/registries', name: 'contoso' });
  assert.equal(finding.fixes[0].title, 'Disable export and public network access');
  assert.equal(finding.fixes[0].isPreferred, true);
  assert.deepEqual(finding.fixes[0].edits[0], { file: 'registry.json', range: finding.range, newText: '"Disabled"' });
});

test('sarif format is SARIF 2.1.0 with rule help, 1-based regions and fixes', () => {
  const dir = workspace({ 'a/registry.json': failing('contoso') });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'sarif');
  assert.equal(code, 1);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'acr-guard');
  assert.equal(run0.tool.driver.rules[0].id, 'Azure.ACR.ExportPolicy');
  assert.equal(run0.tool.driver.rules[0].helpUri, 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/');
  const result = run0.results[0];
  assert.equal(result.level, 'warning');
  assert.deepEqual(result.locations[0].physicalLocation, { artifactLocation: { uri: 'a/registry.json' }, region: { startLine: 11, startColumn: 32, endLine: 11, endColumn: 41 } });
  assert.equal(result.fixes[0].description.text, 'Disable export and public network access');
  assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '"Disabled"');

  // Columns are UTF-16 code units (and say so): a character beyond the BMP before the finding counts twice.
  assert.equal(run0.columnKind, 'utf16CodeUnits');
  const before = '"t": "\ud835\udfd8", ';
  const astral = workspace({ 'r.json': failing('contoso').replace('"publicNetworkAccess"', `${before}"publicNetworkAccess"`) });
  const astralResult = JSON.parse(run(astral, 'scan', '.', '--format', 'sarif').stdout).runs[0].results[0];
  assert.equal(before.length, 11, 'eleven UTF-16 code units, ten code points');
  assert.deepEqual(astralResult.locations[0].physicalLocation.region, { startLine: 11, startColumn: 32 + 11, endLine: 11, endColumn: 41 + 11 });

  // Artifact locations are URI references: a space, '#', '%' or a non-ASCII letter in a path is percent-encoded.
  const odd = workspace({ 'my infra #1/r\u00e9gistre 100%.json': failing('contoso') });
  const oddSarif = JSON.parse(run(odd, 'scan', '.', '--format', 'sarif').stdout);
  const uri = oddSarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
  assert.equal(uri, 'my%20infra%20%231/r%C3%A9gistre%20100%25.json');
  assert.equal(decodeURIComponent(new URL(uri, 'file:///repo/').pathname), '/repo/my infra #1/r\u00e9gistre 100%.json');
  assert.equal(oddSarif.runs[0].results[0].fixes[0].artifactChanges[0].artifactLocation.uri, uri);
});

test('sarif lists suppressed results last, each with its suppression: in the source or kept outside it', () => {
  const inline = failing('commented').replace('    {\n      "type"', '    // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n    {\n      "type"');
  const dir = workspace({
    'a.json': failing('open'),
    'b.json': inline,
    'c.bicep': "#disable-next-line Azure.ACR.ExportPolicy\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'pragma'\n}\n",
    'd.json': failing('configured'),
    'ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy: [ configured ]\n',
  });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'sarif');
  assert.equal(code, 1);
  const results = JSON.parse(stdout).runs[0].results as { message: { text: string }; suppressions?: { kind: string; status: string; justification: string }[] }[];
  const named = (result: (typeof results)[number]) => /'([a-z]+)'/.exec(result.message.text)![1];
  assert.deepEqual(results.map((r) => [named(r), r.suppressions?.map((x) => x.kind)]), [
    ['open', undefined],
    ['commented', ['inSource']],
    ['pragma', ['inSource']],
    ['configured', ['external']],
  ]);
  assert.deepEqual(results[1]!.suppressions![0], { kind: 'inSource', status: 'accepted', justification: 'suppressed by an inline comment on line 5' });
  assert.match(results[3]!.suppressions![0]!.justification, /^suppressed for 'configured' by .*ps-rule\.yaml$/);
  // The text report still shows only what is open.
  assert.match(run(dir, 'scan', '.').stdout, /^1 finding in 1 file \(4 scanned\)$/m);
});

test('exit code 0 when clean, 2 for usage errors and missing paths', () => {
  const dir = workspace({ 'ok.json': passing, 'package.json': '{"name":"x"}' });
  assert.equal(run(dir, 'scan').code, 0);
  const missing = run(dir, 'scan', 'nope');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read 'nope'/);
  assert.equal(run(dir, 'scan', '--format', 'xml').code, 2);
  assert.equal(run(dir, 'frobnicate').code, 2);
  assert.equal(run(dir, '--help').code, 0);
});

test('globs select files', () => {
  const dir = workspace({ 'infra/one.json': failing('one'), 'infra/deep/two.json': failing('two'), 'other/three.json': failing('three') });
  const { code, stdout } = run(dir, 'scan', 'infra/**/*.json', '--format', 'json');
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout).findings.map((f: { file: string }) => f.file).sort(), ['infra/deep/two.json', 'infra/one.json']);
});

test('--output writes the report to a file', () => {
  const dir = workspace({ 'registry.json': failing('contoso') });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'json', '--output', 'report.json');
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length, 1);
  // A report that cannot be written is an error (exit code 2): a folder that does not exist...
  const missing = run(dir, 'scan', '.', '--output', 'no/such/folder/report.txt');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot write 'no\/such\/folder\/report\.txt': ENOENT/);
  // ...or a device that refuses the bytes once worker threads are reporting.
  if (process.platform === 'linux') {
    const many = workspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`t${i}.json`, failing(`r${i}`)])));
    const full = spawnSync(process.execPath, [CLI, 'scan', '.', '--output', '/dev/full'], { cwd: many, encoding: 'utf8', env: { ...process.env, ACR_GUARD_THREADS: '2' } });
    assert.equal(full.status, 2);
    assert.match(full.stderr, /cannot write '\/dev\/full': ENOSPC/);
  }
});

test('--fix applies the preferred fixes in place, keeps CRLF and permissions, and reports the change', () => {
  const dir = workspace({ 'registry.json': failing('contoso').replace(/\n/g, '\r\n') });
  chmodSync(join(dir, 'registry.json'), 0o640);
  const { code, stdout } = run(dir, 'scan', '.', '--fix');
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^fixed: registry\.json \(3 edits\)$/m);
  const fixed = readFileSync(join(dir, 'registry.json'), 'utf8');
  assert.ok(!/[^\r]\n/.test(fixed), 'every line still ends with CRLF');
  assert.match(fixed, /"publicNetworkAccess": "Disabled",\r\n {8}"policies": \{\r\n {10}"exportPolicy": \{\r\n {12}"status": "disabled"/);
  assert.equal(statSync(join(dir, 'registry.json')).mode & 0o777, 0o640);
  assert.equal(run(dir, 'scan', '.').code, 0);
});

test('suppressed findings are listed by the JSON format only, and do not fail the run', () => {
  const dir = workspace({ 'registry.json': failing('contoso').replace('    {\n      "type"', '    // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n    {\n      "type"') });
  const json = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(json.code, 0);
  const [finding] = JSON.parse(json.stdout).findings;
  assert.equal(finding.suppressed, true);
  assert.equal(finding.reason, 'suppressed by an inline comment on line 5');
  const text = run(dir, 'scan', '.');
  assert.equal(text.stdout, '0 findings in 0 files (1 scanned)\n');
});

test('--exclude skips matching files; --severity-threshold decides the exit code', () => {
  const dir = workspace({ 'infra/registry.json': failing('contoso'), 'generated/registry.json': failing('generated') });
  const json = run(dir, 'scan', '.', '--exclude', 'generated/**', '--format', 'json');
  assert.deepEqual(JSON.parse(json.stdout).findings.map((f: { file: string }) => f.file), ['infra/registry.json']);
  assert.equal(run(dir, 'scan', '.', '--severity-threshold', 'error').code, 0, 'warnings do not fail an error threshold');
  assert.equal(run(dir, 'scan', '.', '--severity-threshold', 'warning').code, 1);
  assert.equal(run(dir, 'scan', '.', '--severity-threshold', 'fatal').code, 2);
});

test('the contributed $acr-guard problem matcher reads the text format', () => {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8'));
  const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'acr-guard');
  const dir = workspace({ 'infra/registry.json': failing('contoso') });
  const line = run(dir, 'scan', '.').stdout.split('\n')[0]!;
  const match = new RegExp(matcher.pattern.regexp).exec(line);
  assert.ok(match, line);
  const group = (name: string) => match[matcher.pattern[name]];
  assert.deepEqual([group('file'), group('line'), group('column'), group('severity'), group('code')], ['infra/registry.json', '11', '32', 'warning', 'Azure.ACR.ExportPolicy']);
  assert.match(group('message')!, /^Container registry 'contoso' can export artifacts/);
});

test('ps-rule.yaml: rule.exclude turns the rule off; --config picks another options file', () => {
  const dir = workspace({ 'ps-rule.yaml': 'rule:\n  exclude: [ Azure.ACR.ExportPolicy ]\n', 'infra/registry.json': failing('contoso'), 'strict.yaml': 'rule:\n  include: [ Azure.ACR.ExportPolicy ]\n' });
  assert.equal(run(dir, 'scan', '.').code, 0);
  assert.equal(run(dir, 'scan', '.', '--config', 'strict.yaml').code, 1);
  assert.equal(run(dir, 'scan', '.', '--config', 'missing.yaml').code, 2);
});

test('ps-rule.yaml suppression and input.pathIgnore; suppressed findings listed with their reason', () => {
  const dir = workspace({
    'ps-rule.yaml': "suppression:\n  Azure.ACR.ExportPolicy: [ contoso ]\ninput:\n  pathIgnore: [ 'generated/**' ]\n",
    'infra/registry.json': failing('contoso'),
    'infra/other.json': failing('other'),
    'generated/registry.json': failing('generated'),
  });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(code, 1);
  const findings = JSON.parse(stdout).findings as { file: string; suppressed?: boolean; reason?: string }[];
  assert.deepEqual(findings.map((f) => [f.file, f.suppressed ?? false]).sort(), [['infra/other.json', false], ['infra/registry.json', true]]);
  assert.match(findings.find((f) => f.suppressed)!.reason!, /^suppressed for 'contoso' by .*ps-rule\.yaml$/);
});

test("ps-rule.yaml's AZURE_PARAMETER_DEFAULTS gives required parameters their values, on worker threads too", () => {
  const required = failing('[parameters(\'name\')]').replace('"resources"', '"parameters": { "name": { "type": "string" }, "access": { "type": "string" } },\n  "resources"').replace('"Enabled"', '"[parameters(\'access\')]"');
  const files: Record<string, string> = { 'ps-rule.yaml': 'configuration:\n  AZURE_PARAMETER_DEFAULTS:\n    name: acrdev\n    access: Enabled\n' };
  for (let i = 0; i < 12; i++) files[`t${String(i).padStart(2, '0')}.json`] = required;
  const dir = workspace(files);
  for (const threads of ['1', '2']) {
    const { status, stdout } = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ACR_GUARD_THREADS: threads } });
    assert.equal(status, 1);
    const messages = new Set((JSON.parse(stdout).findings as { message: string }[]).map((f) => f.message));
    assert.deepEqual([...messages], [
      "Container registry 'acrdev' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' from parameter 'access', set by AZURE_PARAMETER_DEFAULTS in ps-rule.yaml (must be 'Disabled').",
    ], `${threads} threads`);
  }
});

test('execution.ruleSuppressed: Error fails the run on each suppression PSRule applies, as PSRule fails its own', () => {
  const dir = workspace({ 'ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy: [ contoso, good ]\nexecution:\n  ruleSuppressed: Error\n', 'failing.json': failing('contoso'), 'passing.json': passing });
  const { code, stdout, stderr } = run(dir, 'scan', '.');
  assert.equal(code, 1);
  assert.equal(stdout, '0 findings in 0 files (2 scanned)\n');
  assert.deepEqual(stderr.trim().split('\n').sort(), [
    `acr-guard: error: failing.json:11:32: PSRule fails its run on this suppression (execution.ruleSuppressed is Error in ${join(dir, 'ps-rule.yaml')}): Azure.ACR.ExportPolicy is suppressed for 'contoso' by ${join(dir, 'ps-rule.yaml')}.`,
    `acr-guard: error: passing.json:8:15: PSRule fails its run on this suppression (execution.ruleSuppressed is Error in ${join(dir, 'ps-rule.yaml')}): Azure.ACR.ExportPolicy is suppressed for 'good' by ${join(dir, 'ps-rule.yaml')}, though 'good' passes it.`,
  ]);
  // In GitHub Actions, an error annotation on the file.
  const github = run(dir, 'scan', '.', '--format', 'github');
  assert.equal(github.code, 1);
  assert.match(github.stderr, /^::error file=failing\.json,line=11,col=32,endLine=11,endColumn=41,title=Azure\.ACR\.ExportPolicy::PSRule fails its run on this suppression /m);
  writeFileSync(join(dir, 'ps-rule.yaml'), 'suppression:\n  Azure.ACR.ExportPolicy: [ contoso, good ]\nexecution:\n  ruleSuppressed: Warn\n');
  assert.deepEqual([run(dir, 'scan', '.').code, run(dir, 'scan', '.').stderr], [0, '']);
});

/** The files a JSON report names, sorted. */
const reportedFiles = (stdout: string) => (JSON.parse(stdout).findings as { file: string }[]).map((f) => f.file).sort();

test('the .gitignore of the folder the scan runs in leaves files out, as PSRule reads it for a repository', () => {
  const dir = workspace({ '.gitignore': 'out/\n', 'out/main.json': failing('built'), 'infra/main.json': failing('source') });
  assert.deepEqual(reportedFiles(run(dir, 'scan', '.', '--format', 'json').stdout), ['infra/main.json']);
  // Said, not silent: a file left out is not read at all.
  assert.match(run(dir, 'scan', '.').stdout, /^1 finding in 1 file \(1 scanned, 1 left out by input\.pathIgnore or \.gitignore\)$/m);
  // Run from elsewhere, PSRule would not read it either.
  assert.deepEqual(reportedFiles(run(join(dir, 'infra'), 'scan', '..', '--format', 'json').stdout), ['../infra/main.json', '../out/main.json']);
  // Worker threads read the same .gitignore (enough files for them to start).
  const many = workspace({ '.gitignore': 'out/\n', ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i % 2 ? 'out' : 'infra'}/t${i}.json`, failing(`r${i}`)])) });
  for (const threads of ['1', '2']) {
    const scanned = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: many, encoding: 'utf8', env: { ...process.env, ACR_GUARD_THREADS: threads } });
    assert.match(scanned.stdout, /\n10 findings in 10 files \(10 scanned, 10 left out by input\.pathIgnore or \.gitignore\)\n$/, threads);
  }
});

test('--config: input.pathIgnore is relative to where the scan runs, as PSRule reads it with -Option (AVM keeps its options file in a subfolder)', () => {
  const dir = workspace({
    'utilities/psrule/ps-rule.yaml': "input:\n  pathIgnore:\n    - '*'\n    - '!infra/keep/*.json'\n",
    'infra/keep/registry.json': failing('kept'),
    'infra/other/registry.json': failing('ignored'),
    'utilities/psrule/registry.json': failing('beside'),
  });
  assert.deepEqual(reportedFiles(run(dir, 'scan', '.', '--config', 'utilities/psrule/ps-rule.yaml', '--format', 'json').stdout), ['infra/keep/registry.json']);
  // Found by itself (not named), an options file applies from its own folder, where PSRule would have found it.
  const nested = workspace({ 'infra/ps-rule.yaml': "input:\n  pathIgnore: [ 'other/**' ]\n", 'infra/keep/registry.json': failing('kept'), 'infra/other/registry.json': failing('ignored') });
  assert.deepEqual(reportedFiles(run(nested, 'scan', '.', '--format', 'json').stdout), ['infra/keep/registry.json']);
});

test('--source: suppression groups from another folder, as PSRule reads them from -Path (also on worker threads)', () => {
  const group = "apiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: dev\nspec:\n  rule: [ Azure.ACR.ExportPolicy ]\n  if:\n    name: '.'\n    startsWith: dev\n";
  // Enough files for more than one thread (see PARALLEL_THRESHOLD): each thread reads the groups on its own.
  const files: Record<string, string> = { 'utilities/psrule/.ps-rule/dev.Rule.yaml': group };
  for (let i = 0; i < 40; i++) files[`infra/r${i}.json`] = failing(`devregistry${i}`);
  const dir = workspace(files);
  assert.equal(run(dir, 'scan', '.').code, 1, 'without --source the groups are not found');
  const json = JSON.parse(run(dir, 'scan', '.', '--source', 'utilities/psrule/.ps-rule', '--format', 'json').stdout);
  assert.equal(json.findings.length, 40);
  assert.ok(json.findings.every((f: { suppressed?: boolean; reason?: string }) => f.suppressed && /suppression group 'dev'/.test(f.reason!)));
  assert.equal(run(dir, 'scan', '.', '--source', 'utilities/psrule/.ps-rule').code, 0);
  assert.equal(run(dir, 'scan', '.', '--source', 'missing').code, 2);
});

test('a suppression group with a past expiresOn no longer suppresses; a future one does', () => {
  const group = (expiresOn: string) => `apiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: dev\nspec:\n  rule: [ Azure.ACR.ExportPolicy ]\n  if:\n    name: '.'\n    startsWith: dev\n  expiresOn: '${expiresOn}'\n`;
  const expired = workspace({ '.ps-rule/dev.Rule.yaml': group('2020-01-01T00:00:00Z'), 'registry.json': failing('devregistry') });
  assert.equal(run(expired, 'scan', '.').code, 1);
  const current = workspace({ '.ps-rule/dev.Rule.yaml': group('2999-01-01T00:00:00Z'), 'registry.json': failing('devregistry') });
  const json = JSON.parse(run(current, 'scan', '.', '--format', 'json').stdout);
  assert.equal(json.findings[0].suppressed, true);
  assert.match(json.findings[0].reason, /suppression group 'dev'/);
});

test('a malformed ps-rule.yaml is reported once with its place, and defaults apply', () => {
  const dir = workspace({ 'ps-rule.yaml': 'rule:\n  exclude: [Azure.ACR.ExportPolicy\n', 'a.json': failing('a'), 'b.json': failing('b') });
  const { code, stderr } = run(dir, 'scan', '.');
  assert.equal(code, 1, 'the rule still runs');
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /ps-rule\.yaml:\d+:\d+: warning Malformed YAML, so PSRule options are ignored and defaults apply/);
});

test('--fix refuses to write through a symbolic link that leaves the scanned folder', () => {
  const outside = workspace({ 'real.json': failing('outside') });
  const dir = workspace({});
  symlinkSync(join(outside, 'real.json'), join(dir, 'link.json'));
  const { code, stderr } = run(dir, 'scan', 'link.json', '--fix');
  assert.equal(code, 1, 'the finding remains');
  assert.match(stderr, /resolves outside the workspace/);
  assert.equal(readFileSync(join(outside, 'real.json'), 'utf8'), failing('outside'), 'the target is untouched');
});

test('--fix leaves alone a file with a finding it cannot fix safely', () => {
  // Written in the module: nothing the caller passes decides it.
  const module = "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'm'\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: 'enabled' } }\n  }\n}\n";
  const caller = "module reg './registry.bicep' = {\n  name: 'reg'\n}\n";
  const dir = workspace({ 'registry.bicep': module, 'main.bicep': caller });
  const { code, stderr } = run(dir, 'scan', 'main.bicep', '--fix');
  assert.equal(code, 1, 'the finding remains');
  assert.match(stderr, /not fixed: 'main\.bicep' has 1 finding\(s\) without a safe fix/);
  assert.equal(readFileSync(join(dir, 'main.bicep'), 'utf8'), caller);
});

test('--fix passes what a module needs to the parameters whose defaults make its registry fail', () => {
  const module = "param status string = 'enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'm'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: status } }\n  }\n}\n";
  const dir = workspace({ 'registry.bicep': module, 'main.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n}\n" });
  const { code } = run(dir, 'scan', 'main.bicep', '--fix');
  assert.equal(code, 0, 'nothing is left');
  assert.equal(readFileSync(join(dir, 'main.bicep'), 'utf8'), "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    status: 'disabled'\n  }\n}\n");
  assert.equal(readFileSync(join(dir, 'registry.bicep'), 'utf8'), module, 'the module is not edited from its caller');
});

test("--fix fixes every file before it reports: a module fixed after its caller was analysed clears the caller's finding", () => {
  const module = "param access string = 'Enabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'm'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n";
  // app.bicep comes first; its finding has no safe fix of its own (the fixes in registry.bicep are choices there).
  const dir = workspace({ 'app.bicep': "module reg './registry.bicep' = {\n  name: 'reg'\n}\n", 'registry.bicep': module });
  const { code, stdout, stderr } = run(dir, 'scan', '.', '--fix');
  assert.match(stdout, /^fixed: registry\.bicep \(2 edits\)$/m);
  assert.match(stdout, /^0 findings in 0 files \(2 scanned\)$/m, stdout);
  assert.doesNotMatch(stderr, /not fixed/);
  assert.equal(code, 0, stdout + stderr);
  assert.equal(run(dir, 'scan', '.').code, 0);
});

test('--fix leaves a registry that is not Premium to the user: its plain fix would not deploy, the other changes the SKU', () => {
  const basic = failing('cheap').replace('"Premium"', '"Basic"');
  const dir = workspace({ 'basic.json': basic });
  const { code, stderr } = run(dir, 'scan', '.', '--fix');
  assert.equal(code, 1, 'the finding remains');
  assert.match(stderr, /not fixed: 'basic\.json' has 1 finding\(s\) without a safe fix/);
  assert.equal(readFileSync(join(dir, 'basic.json'), 'utf8'), basic);
});

test('--fix reports what is left after its edits, also when a fix edits another file (an extended .bicepparam)', () => {
  const template = "param access string = 'Disabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'ext'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const base = "using none\n\nparam access = 'Enabled'\n";
  const dir = workspace({ 'main.bicep': template, 'base.bicepparam': base, 'prod.bicepparam': "using 'main.bicep'\nextends 'base.bicepparam'\n" });
  const before = run(dir, 'scan', '.');
  assert.equal(before.code, 1);
  assert.match(before.stdout, /^prod\.bicepparam:2:1: warning Azure\.ACR\.ExportPolicy: .*in base\.bicepparam/m);
  // The finding is in prod.bicepparam, its value and its fix in base.bicepparam.
  const fixed = run(dir, 'scan', '.', '--fix');
  assert.equal(readFileSync(join(dir, 'base.bicepparam'), 'utf8'), "using none\n\nparam access = 'Disabled'\n");
  assert.match(fixed.stdout, /^fixed: .*base\.bicepparam \(1 edit\)$/m);
  assert.match(fixed.stdout, /^0 findings in 0 files \(3 scanned\)$/m, fixed.stdout);
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
});

test('invalid UTF-8 and NUL bytes on disk neither crash nor hang the scan', () => {
  const dir = workspace({});
  writeFileSync(join(dir, 'broken.json'), Buffer.concat([Buffer.from(`{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.ContainerRegistry/registries","name":"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00]), Buffer.from('"}]}')]));
  writeFileSync(join(dir, 'broken.bicep'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x27, 0xe2, 0x82]));
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(code, 1);
  assert.equal(JSON.parse(stdout).findings.length, 1, 'the registry in the file with invalid bytes is still found');
});

test('UTF-16 files with a byte order mark (Windows PowerShell writes them) are read, reported and fixed in their encoding', () => {
  const text = failing('contoso');
  const utf16le = Buffer.from(`\ufeff${text}`, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const dir = workspace({ 'utf8.json': text });
  writeFileSync(join(dir, 'le.json'), utf16le);
  writeFileSync(join(dir, 'be.json'), utf16be);
  const scanned = run(dir, 'scan', '.');
  assert.equal(scanned.code, 1);
  const lines = scanned.stdout.trim().split('\n');
  // be.json, le.json and utf8.json: the same finding at the same place.
  const afterName = (line: string) => line.slice(line.indexOf(':'));
  assert.deepEqual(lines.slice(0, 3).map(afterName), Array(3).fill(afterName(lines[2]!)));
  assert.match(lines[0]!, /^be\.json:11:32: warning Azure\.ACR\.ExportPolicy: Container registry 'contoso'/);
  assert.match(lines[2]!, /^utf8\.json:/);
  assert.equal(lines[3], '3 findings in 3 files (3 scanned)');

  const fixed = run(dir, 'scan', '.', '--fix');
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  const fixedText = readFileSync(join(dir, 'utf8.json'), 'utf8');
  assert.deepEqual(readFileSync(join(dir, 'le.json')), Buffer.from(`\ufeff${fixedText}`, 'utf16le'), 'UTF-16LE with its byte order mark, fixed as the UTF-8 file was');
  assert.deepEqual(readFileSync(join(dir, 'be.json')), Buffer.from(`\ufeff${fixedText}`, 'utf16le').swap16(), 'UTF-16BE with its byte order mark');
  assert.equal(run(dir, 'scan', '.').code, 0);
});

test('a file with a UTF-8 byte order mark on one line: columns as editors count them, without the mark', () => {
  const oneLine = JSON.stringify(JSON.parse(failing('contoso')));
  const dir = workspace({ 'plain.json': oneLine, 'marked.json': `\ufeff${oneLine}` });
  const text = run(dir, 'scan', '.').stdout.trim().split('\n');
  // marked.json and plain.json: the same line and column.
  assert.equal(text[0]!.replace(/^marked\.json/, ''), text[1]!.replace(/^plain\.json/, ''));
  assert.match(text[1]!, /^plain\.json:1:\d+: warning/);
  const json = JSON.parse(run(dir, 'scan', '.', '--format', 'json').stdout).findings as { file: string; range: unknown; fixes: { edits: { range: unknown }[] }[] }[];
  assert.deepEqual(json[0]!.range, json[1]!.range);
  assert.deepEqual(json[0]!.fixes[0]!.edits.map((e) => e.range), json[1]!.fixes[0]!.edits.map((e) => e.range));
  // --fix still edits the text as read, and keeps the mark.
  assert.equal(run(dir, 'scan', '.', '--fix').code, 0);
  assert.equal(readFileSync(join(dir, 'marked.json'), 'utf8'), `\ufeff${readFileSync(join(dir, 'plain.json'), 'utf8')}`);
});

test('the CLI scans .bicep and .bicepparam files', () => {
  const bicep = "param access string = 'Disabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'b'\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const dir = workspace({ 'main.bicep': bicep, 'dev.bicepparam': "using './main.bicep'\nparam access = 'Enabled'\n" });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout).findings.map((f: { file: string; range: { start: { line: number } } }) => [f.file, f.range.start.line]), [['dev.bicepparam', 1]]);
});

test('a registry module restored in the Bicep cache of the home directory is read, outside the scanned folder, and never fixed there', () => {
  const module = failing('fromcache').replace('"resources"', '"parameters": { "name": { "type": "string" } },\n  "resources"').replace('"fromcache"', `"[parameters('name')]"`);
  const home = workspace({ '.bicep/br/contoso.azurecr.io/modules$acr/v1$/main.json': module });
  const caller = "module acr 'br:contoso.azurecr.io/modules/acr:v1' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\n";
  const dir = workspace({ 'main.bicep': caller });
  const scan = (...args: string[]) => spawnSync(process.execPath, [CLI, 'scan', '.', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home } });
  const { status, stdout } = scan('--format', 'json');
  assert.equal(status, 1);
  const [finding, ...rest] = JSON.parse(stdout).findings;
  assert.deepEqual(rest, []);
  assert.equal(finding.file, 'main.bicep');
  assert.equal(finding.resource.name, 'teamacr');
  assert.match(finding.message, /The registry is declared in br:contoso\.azurecr\.io\/modules\/acr:v1\.$/);
  assert.equal(scan('--fix').status, 1);
  assert.equal(readFileSync(join(home, '.bicep/br/contoso.azurecr.io/modules$acr/v1$/main.json'), 'utf8'), module);
  assert.equal(readFileSync(join(dir, 'main.bicep'), 'utf8'), caller);
});

test('a value imported from a registry module is read from the Bicep cache; an import not restored is named in the warning', () => {
  const exports = JSON.stringify({ $schema: SCHEMA, languageVersion: '2.0', contentVersion: '1.0.0.0', metadata: { '__bicep_exported_variables!': [{ name: 'access' }] }, variables: { access: 'Enabled' }, resources: {} });
  const home = workspace({ '.bicep/br/contoso.azurecr.io/shared$config/v1$/main.json': exports });
  const registry = (access: string) => `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'teamacr'\n  location: 'westeurope'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access}\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;
  const dir = workspace({
    'main.bicep': `import { access } from 'br:contoso.azurecr.io/shared/config:v1'\n${registry('access')}`,
    'later.bicep': `import { access } from 'br:contoso.azurecr.io/shared/config:v2'\n${registry('access')}`,
  });
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home } });
  assert.equal(status, 1);
  const findings = JSON.parse(stdout).findings.map((f: { file: string; message: string }) => [f.file, f.message]);
  assert.deepEqual(findings, [
    ['later.bicep', "Container registry 'teamacr' cannot be verified: properties.publicNetworkAccess cannot be verified ('access' is imported from 'br:contoso.azurecr.io/shared/config:v2', which Bicep has not restored)."],
    ['main.bicep', "Container registry 'teamacr' can export artifacts: properties.publicNetworkAccess is 'Enabled' from variable 'access' in br:contoso.azurecr.io/shared/config:v1 (must be 'Disabled')."],
  ]);
  assert.equal(stderr, "acr-guard: a registry module is not restored, so what it deploys or exports was not checked (run 'bicep restore' first): br:contoso.azurecr.io/shared/config:v2\n");
});

test('a template spec restored in the Bicep cache is read as its main template; one not restored is named in the warning', () => {
  const subscription = '0d3b4a51-7c5e-4e8a-9f1b-2a6c8d0e4f17';
  const template = JSON.parse(failing('fromspec').replace('"resources"', '"parameters": { "name": { "type": "string" } },\n  "resources"').replace('"fromspec"', `"[parameters('name')]"`));
  const spec = JSON.stringify({ id: `/subscriptions/${subscription}/resourceGroups/templates/providers/Microsoft.Resources/templateSpecs/acr/versions/1.0`, properties: { mainTemplate: template } }, null, 2);
  const home = workspace({ [`.bicep/ts/${subscription}/templates/acr/1.0/main.json`]: spec });
  const caller = `module acr 'ts:${subscription}/Templates/ACR:1.0' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n  }\n}\nmodule later 'ts:${subscription}/templates/acr:2.0' = {\n  name: 'later'\n}\n`;
  const dir = workspace({ 'main.bicep': caller });
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home } });
  assert.equal(status, 1);
  const [finding, ...rest] = JSON.parse(stdout).findings;
  assert.deepEqual(rest, []);
  assert.equal(finding.resource.name, 'teamacr');
  assert.match(finding.message, new RegExp(`The registry is declared in ts:${subscription}/templates/acr:1\\.0\\.$`));
  assert.equal(stderr, `acr-guard: a template spec is not restored, so what it deploys or exports was not checked (run 'bicep restore' first): ts:${subscription}/templates/acr:2.0\n`);
});

test("the workspace is the scanned path's git repository: a subfolder follows a module beside it and reads the repository's ps-rule.yaml", () => {
  const caller = "module acr '../modules/acr.bicep' = {\n  name: 'acr'\n  params: {\n    name: 'shared'\n    access: 'Enabled'\n  }\n}\n";
  const module = "param name string\nparam access string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: name\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const files = { 'infra/main.bicep': caller, 'modules/acr.bicep': module, 'ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy: [ skipped ]\n', 'infra/skipped.json': failing('skipped') };
  const repository = workspace({ ...files, '.git/HEAD': 'ref: refs/heads/main\n' });
  const followed = run(repository, 'scan', 'infra', '--format', 'json');
  assert.equal(followed.code, 1, followed.stderr);
  assert.equal(followed.stderr, '');
  // The value passed to the module is reported where it is passed; the repository's ps-rule.yaml applies to the subfolder.
  const findings: { file: string; range: { start: { line: number } }; resource: { name: string }; suppressed?: boolean }[] = JSON.parse(followed.stdout).findings;
  assert.deepEqual(findings.map((f) => [f.file, f.range.start.line, f.resource.name, f.suppressed ?? false]), [['infra/main.bicep', 4, 'shared', false], ['infra/skipped.json', 10, 'skipped', true]]);
  // The repository, not the current folder: the same from anywhere else.
  const fromElsewhere = spawnSync(process.execPath, [CLI, 'scan', join(repository, 'infra')], { cwd: workspace({}), encoding: 'utf8' });
  assert.equal(fromElsewhere.stderr, '');
  assert.equal(fromElsewhere.stdout.trim().split('\n').length, 2, fromElsewhere.stdout);
  assert.equal(run(repository, 'scan', 'infra', '--fix').code, 0);
  assert.equal(readFileSync(join(repository, 'infra/main.bicep'), 'utf8'), caller.replace("'Enabled'", "'Disabled'"));

  // Outside any repository, the folder scanned is the workspace (and a template cannot read what is above it).
  const loose = workspace(files);
  const outsideMessage = "acr-guard: infra/main.bicep:1:12: Module '../modules/acr.bicep' is outside the workspace; acr-guard does not read it.\n";
  assert.equal(run(loose, 'scan', 'infra').stderr, outsideMessage);
  // --root sets it: narrower in a repository, or wider outside one.
  const narrow = workspace({ ...files, '.git/HEAD': 'ref: refs/heads/main\n' });
  const { code, stdout, stderr } = run(narrow, 'scan', 'infra', '--root', 'infra');
  assert.equal(code, 1);
  assert.equal(stderr, outsideMessage);
  assert.match(stdout, /^infra\/skipped\.json:/);
  assert.equal(run(loose, 'scan', 'infra', '--root', '.').stderr, '');
  // A path outside --root, and a --root that is no folder, are errors.
  const outside = run(narrow, 'scan', 'modules', '--root', 'infra');
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /'modules\/acr\.bicep' is outside --root 'infra'/);
  assert.equal(run(narrow, 'scan', '.', '--root', 'nowhere').code, 2);
});

test('what the editor shows as notices are warnings on stderr, and the registry modules Bicep has not restored one line; neither fails the run', () => {
  const caller = "module outside '../elsewhere/registry.bicep' = {\n  name: 'outside'\n}\nmodule later 'br:contoso.azurecr.io/modules/acr:v2' = {\n  name: 'later'\n}\n";
  // An AVM resource module of another type cannot deploy a registry: it is not named; a pattern module can, and is.
  const other = "module a 'br:contoso.azurecr.io/modules/acr:v2' = {\n  name: 'a'\n}\nmodule b 'br/public:avm/res/network/private-dns-zone:0.8.0' = {\n  name: 'b'\n}\nmodule c 'br/public:avm/ptn/azd/aks:0.2.0' = {\n  name: 'c'\n}\n";
  const home = workspace({});
  const dir = workspace({ 'main.bicep': caller, 'other.bicep': other });
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home } });
  assert.equal(status, 0);
  assert.equal(stdout, '0 findings in 0 files (2 scanned)\n');
  assert.deepEqual(stderr.trim().split('\n'), [
    "acr-guard: main.bicep:1:16: Module '../elsewhere/registry.bicep' is outside the workspace; acr-guard does not read it.",
    "acr-guard: 2 registry modules are not restored, so what they deploy or export was not checked (run 'bicep restore' first): br:contoso.azurecr.io/modules/acr:v2, br:mcr.microsoft.com/bicep/avm/ptn/azd/aks:0.2.0",
  ]);
});

test('many files are scanned on several threads with exactly the report of a sequential scan, in every format', () => {
  const files: Record<string, string> = { 'ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy: [ r3 ]\n' };
  // 42 files: workers get them four at a time, so the last batch is a partial one.
  for (let i = 0; i < 42; i++) files[`t${String(i).padStart(2, '0')}.json`] = i % 4 === 0 ? passing : failing(`r${i}`);
  const dir = workspace(files);
  const scan = (format: string, threads: string) => spawnSync(process.execPath, [CLI, 'scan', '.', '--format', format], { cwd: dir, encoding: 'utf8', env: { ...process.env, ACR_GUARD_THREADS: threads } });
  for (const format of ['json', 'sarif', 'text']) {
    const sequential = scan(format, '1');
    // The main thread with one worker, and with two.
    for (const threads of ['2', '3']) {
      const parallel = scan(format, threads);
      assert.equal(parallel.status, 1, `${format} on ${threads} threads`);
      assert.equal(parallel.stdout, sequential.stdout, `${format} on ${threads} threads`);
    }
  }
  const report = JSON.parse(scan('json', '2').stdout);
  assert.equal(report.findings.length, 31);
  assert.equal(report.findings.filter((f: { suppressed?: boolean }) => f.suppressed).length, 1);
  // SARIF lists the suppressed one too, with its suppression.
  const results = JSON.parse(scan('sarif', '2').stdout).runs[0].results as { suppressions?: unknown[] }[];
  assert.deepEqual([results.length, results.filter((r) => r.suppressions).length], [31, 1]);
  assert.match(scan('text', '2').stdout, /\n30 findings in 30 files \(42 scanned\)\n$/);
});

test('the JSON report is written in pieces that join to exactly JSON.stringify(report, null, 2), to stdout and to a file', () => {
  const pretty = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  // 900 registries: a report of more than a megabyte, so it is written in several chunks.
  const many = JSON.parse(failing('r'));
  many.resources = Array.from({ length: 900 }, (_, i) => ({ ...many.resources[0], name: `r${i}` }));
  const dir = workspace({ 'many.json': JSON.stringify(many, null, 2), 'clean.json': passing, 'ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy: [ r7 ]\n' });
  const out = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(out.code, 1);
  assert.ok(out.stdout.length > 1 << 20, `${out.stdout.length} characters`);
  assert.equal(out.stdout, pretty(out.stdout));
  assert.equal(JSON.parse(out.stdout).findings.length, 900);
  assert.equal(run(dir, 'scan', '.', '--format', 'json', '--output', 'report.json').code, 1);
  assert.equal(readFileSync(join(dir, 'report.json'), 'utf8'), out.stdout);

  const clean = run(dir, 'scan', 'clean.json', '--format', 'json');
  assert.equal(clean.stdout, '{\n  "version": 1,\n  "findings": []\n}\n');
  // SARIF is rendered the same way: results one by one, inside a document stringified around them.
  for (const target of ['.', 'clean.json']) {
    const sarif = run(dir, 'scan', target, '--format', 'sarif').stdout;
    assert.equal(sarif, pretty(sarif), target);
    const results = JSON.parse(sarif).runs[0].results as { suppressions?: unknown[] }[];
    // 899 open, and r7's, suppressed by ps-rule.yaml, last.
    assert.deepEqual([results.length, results.findIndex((r) => r.suppressions)], target === '.' ? [900, 899] : [0, -1]);
  }
  const fixed = run(workspace({ 'registry.json': failing('contoso') }), 'scan', '.', '--format', 'json', '--fix');
  assert.equal(fixed.code, 0);
  assert.deepEqual(JSON.parse(fixed.stdout).changes, [{ file: 'registry.json', edits: 3 }]);
  assert.equal(fixed.stdout, pretty(fixed.stdout));
});

test('names with quotes, backslashes, control and non-ASCII characters reach the JSON report as JSON.stringify writes them', () => {
  const name = 'a"b\\c\té \u0001\ud800 \u{1F433}';
  // Written into the template with JSON escapes (for the quote, backslash, tab, control character and lone surrogate).
  const dir = workspace({ 'wé "q" 1.json': failing(JSON.stringify(name).slice(1, -1)) });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'json');
  assert.equal(code, 1);
  assert.equal(stdout, `${JSON.stringify(JSON.parse(stdout), null, 2)}\n`);
  const [finding] = JSON.parse(stdout).findings;
  assert.equal(finding.resource.name, name);
  assert.equal(finding.file, 'wé "q" 1.json');
  assert.ok(finding.message.includes(finding.resource.name));
  assert.ok(finding.fixes.length > 0 && finding.fixes.every((fix: { edits: { file: string }[] }) => fix.edits.every((edit) => edit.file === finding.file)));
});

test('a reader that closes the pipe early (| head) ends the scan quietly with exit code 2, whichever way it is started', async () => {
  const many = JSON.parse(failing('r'));
  many.resources = Array.from({ length: 900 }, (_, i) => ({ ...many.resources[0], name: `r${i}` }));
  const dir = workspace({ 'many.json': JSON.stringify(many, null, 2) });
  for (const command of [CLI, BIN]) {
    const child = spawn(process.execPath, [command, 'scan', '.', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 2, command);
    assert.equal(stderr, '', command);
  }
});

test('a scan that cannot finish (a worker thread fails) exits with code 2, not the code for findings, and does not hang', () => {
  // A broken install: the bundle without the worker script beside it.
  const install = workspace({});
  writeFileSync(join(install, 'cli.js'), readFileSync(CLI));
  const dir = workspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`t${i}.json`, failing(`r${i}`)])));
  const result = spawnSync(process.execPath, [join(install, 'cli.js'), 'scan', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ACR_GUARD_THREADS: '2' } });
  assert.equal(result.signal, null, 'the scan hung and was killed');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^acr-guard: internal error: Error: Cannot find module '.*cli-worker\.js'/);
});
