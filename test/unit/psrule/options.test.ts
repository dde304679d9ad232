import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePsRuleOptions } from '../../../server/src/core/psrule/options';
import { decideSuppression, findConfigFile, isPathIgnored, isRuleEnabled, loadProjectConfiguration, type ConfigFileSource } from '../../../server/src/core/psrule/projectConfiguration';

const parse = (text: string) => parsePsRuleOptions(text, '/repo/ps-rule.yaml', '/repo');

test('rule.include and rule.exclude, by name or by ref; exclude wins', () => {
  const { options, diagnostics } = parse('rule:\n  include: [Azure.ACR.ExportPolicy, Azure.ACR.AdminUser]\n  exclude:\n    - AZR-000495\n');
  assert.deepEqual(diagnostics, []);
  assert.equal(isRuleEnabled('Azure.ACR.ExportPolicy', 'AZR-000495', options), false);
  assert.equal(isRuleEnabled('Azure.ACR.AdminUser', 'AZR-000005', options), true);
  assert.equal(isRuleEnabled('Azure.ACR.MinSku', 'AZR-000006', options), false, 'not in the include list');
  assert.equal(isRuleEnabled('Azure.ACR.ExportPolicy', 'AZR-000495', parse('rule:\n  exclude: [ PSRule.Rules.Azure\\Azure.ACR.ExportPolicy ]\n').options), false, 'module-qualified name');
  assert.equal(isRuleEnabled('Azure.ACR.ExportPolicy', 'AZR-000495', undefined), true);
});

test('suppression: short and long forms, by rule name or ref, case-insensitive', () => {
  const { options } = parse('suppression:\n  Azure.ACR.ExportPolicy: [ myregistry001 ]\n  AZR-000005:\n    targetName:\n      - other\n');
  const configuration = { options, groups: [], diagnostics: [], files: [] };
  const target = (ruleId: string, ruleRef: string, name: string) => decideSuppression({ ruleId, ruleRef, name, type: 'Microsoft.ContainerRegistry/registries' }, configuration, new Date());
  assert.deepEqual(target('Azure.ACR.ExportPolicy', 'AZR-000495', 'MyRegistry001'), { suppressed: true, reason: "suppressed for 'myregistry001' by /repo/ps-rule.yaml" });
  assert.equal(target('Azure.ACR.ExportPolicy', 'AZR-000495', 'another').suppressed, false);
  assert.equal(target('Azure.ACR.AdminUser', 'AZR-000005', 'other').suppressed, true);
});

test('input.pathIgnore globs relative to the options file, with ! negation', () => {
  const { options: parsed } = parse("input:\n  pathIgnore:\n    - 'modules/**/*.json'\n    - '!modules/keep/*.json'\n    - '*.parameters.json'\n");
  const options = { baseDir: parsed.baseDir, expressions: parsed.pathIgnore };
  assert.equal(isPathIgnored('/repo/modules/a/x.json', options), true);
  assert.equal(isPathIgnored('/repo/modules/keep/x.json', options), false);
  assert.equal(isPathIgnored('/repo/infra/dev.parameters.json', options), true);
  assert.equal(isPathIgnored('/repo/infra/main.json', options), false);
  // A folder whose name only starts like the base folder's is outside it.
  assert.equal(isPathIgnored('/repo2/modules/a/x.json', options), false);
  assert.equal(isPathIgnored('/repository/infra/dev.parameters.json', options), false);
});

test('execution.ruleSuppressed is read; wrong values and shapes give a diagnostic with its place', () => {
  assert.equal(parse('execution:\n  ruleSuppressed: Warn\n').options.ruleSuppressed, 'warn');
  assert.equal(parse('execution:\n  ruleSuppressed: ignore\n').options.ruleSuppressed, 'ignore');
  assert.equal(parse('execution:\n  ruleSuppressed: 3\n').options.ruleSuppressed, 'error', 'by number, as .NET reads an enum');
  const text = 'rule:\n  exclude: 5\nexecution:\n  ruleSuppressed: Loud\n';
  const { options, diagnostics } = parse(text);
  assert.deepEqual(options.exclude, []);
  assert.deepEqual(diagnostics.map((d) => [d.message, text.slice(d.span.start, d.span.end)]), [
    ['rule.exclude must be a list of strings; it is ignored.', '5'],
    ['execution.ruleSuppressed must be None, Ignore, Warn, Error or Debug; it is ignored.', 'Loud'],
  ]);
});

test('malformed YAML: one diagnostic with a span, defaults for everything', () => {
  const { options, diagnostics } = parse('rule:\n  exclude: [Azure.ACR.ExportPolicy\n');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /^Malformed YAML, so PSRule options are ignored and defaults apply/);
  assert.deepEqual(options.exclude, []);
  assert.equal(parse('- just\n- a list\n').diagnostics[0]!.message, 'PSRule options must be a mapping; defaults apply.');
  assert.deepEqual(parse('').diagnostics, []);
});

test("PSRule's four names, in its order: ps-rule.yaml, ps-rule.yml, psrule.yaml, psrule.yml", () => {
  const names = ['ps-rule.yaml', 'ps-rule.yml', 'psrule.yaml', 'psrule.yml'];
  // Each name is found alone, and wins over every name after it in the same folder.
  names.forEach((name, index) => {
    const present = new Set(names.slice(index).map((n) => `/repo/${n}`));
    const source: ConfigFileSource = { readFile: (path) => (present.has(path) ? 'rule: {}\n' : undefined), listDir: () => [] };
    assert.equal(findConfigFile('/repo/infra', '/repo', source), `/repo/${name}`);
  });
});

test('the nearest options file wins, searched up to the root; suppression groups come from .ps-rule', () => {
  const files: Record<string, string> = {
    '/repo/ps-rule.yaml': 'rule:\n  exclude: [Azure.ACR.ExportPolicy]\n',
    '/repo/team/psrule.yaml': 'rule:\n  include: [Azure.ACR.ExportPolicy]\n',
    '/repo/.ps-rule/dev.Rule.yaml': 'apiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: dev\nspec:\n  rule: [Azure.ACR.ExportPolicy]\n',
  };
  const source: ConfigFileSource = {
    readFile: (path) => files[path],
    listDir: (path) => Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1)),
  };
  assert.equal(findConfigFile('/repo/team/infra', '/repo', source), '/repo/team/psrule.yaml');
  assert.equal(findConfigFile('/repo/other', '/repo', source), '/repo/ps-rule.yaml');
  assert.equal(findConfigFile('/elsewhere', '/repo', source), undefined);
  const loaded = loadProjectConfiguration('/repo/other/main.json', '/repo', source);
  assert.deepEqual(loaded.files, ['/repo/ps-rule.yaml', '/repo/.ps-rule/dev.Rule.yaml']);
  assert.equal(loaded.groups[0]!.name, 'dev');
});

test('for a repository, the .gitignore where PSRule runs is read after input.pathIgnore, as one list', () => {
  const files: Record<string, string> = {
    '/repo/ps-rule.yaml': "input:\n  pathIgnore: [ 'generated/' ]\n",
    '/repo/.gitignore': 'out/\r\n# build output\n\n!generated/keep.json\n',
  };
  const source: ConfigFileSource = { readFile: (path) => files[path], listDir: () => [] };
  const withGitIgnore = loadProjectConfiguration('/repo/infra/main.json', '/repo', source, { workingDir: '/repo', useGitIgnore: true });
  const ignored = (path: string) => isPathIgnored(path, withGitIgnore.inputFilter);
  assert.equal(ignored('/repo/out/main.json'), true);
  assert.equal(ignored('/repo/generated/main.json'), true);
  // A `!` line of .gitignore takes back what pathIgnore left out: it comes later in the list.
  assert.equal(ignored('/repo/generated/keep.json'), false);
  assert.equal(ignored('/repo/infra/main.json'), false);
  assert.ok(withGitIgnore.files.includes('/repo/.gitignore'), 'a change to it re-reads the configuration');
  // Without an options file, where PSRule runs decides; without useGitIgnore (the editor), only pathIgnore counts.
  delete files['/repo/ps-rule.yaml'];
  assert.equal(isPathIgnored('/repo/out/main.json', loadProjectConfiguration('/repo/infra/main.json', '/repo', source, { workingDir: '/repo', useGitIgnore: true }).inputFilter), true);
  assert.equal(loadProjectConfiguration('/repo/infra/main.json', '/repo', source, { workingDir: '/repo' }).inputFilter, undefined);
  assert.equal(loadProjectConfiguration('/repo/infra/main.json', '/repo', source).inputFilter, undefined);
});
