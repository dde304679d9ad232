/** The ARM expression injection grammar, checked with vscode-tmgrammar-test against annotated cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const casesDir = 'test/grammar/cases';

/** Runs the tool; a non-zero exit means a scope assertion failed. Each case file must be reported as passing. */
function runGrammarTests(extension: string, extraArgs: string[]): void {
  const tool = require.resolve('vscode-tmgrammar-test/dist/unit.js', { paths: [root] });
  const args = [tool, ...extraArgs, '--config', 'test/grammar/grammars.json', `${casesDir}/*${extension}`];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const cases = readdirSync(resolve(root, casesDir)).filter((name) => name.endsWith(extension));
  assert.ok(cases.length > 0, `no ${extension} cases`);
  for (const name of cases) assert.ok(result.stdout.includes(`${name} run successfuly`), `${name} did not run:\n${result.stdout}`);
}

/** VS Code derives its JSONC grammar from the JSON one by renaming every `.json` scope to `.json.comments`; so do we. */
function deriveJsoncHost(jsonHost: unknown): unknown {
  if (Array.isArray(jsonHost)) return jsonHost.map(deriveJsoncHost);
  if (jsonHost === null || typeof jsonHost !== 'object') return jsonHost;
  return Object.fromEntries(Object.entries(jsonHost).map(([key, value]) =>
    ['name', 'contentName', 'scopeName'].includes(key) && typeof value === 'string'
      ? [key, value.replace(/\.json\b/g, '.json.comments')]
      : [key, deriveJsoncHost(value)]));
}

test('JSON cases pass vscode-tmgrammar-test', () => {
  runGrammarTests('.json', []);
});

test('JSONC cases pass vscode-tmgrammar-test with a .json.comments host', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-guard-grammar-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const jsonHost = JSON.parse(readFileSync(resolve(root, 'test/grammar/json-host.tmLanguage.json'), 'utf8'));
  const jsoncHostPath = join(dir, 'jsonc-host.tmLanguage.json');
  writeFileSync(jsoncHostPath, JSON.stringify(deriveJsoncHost(jsonHost)));
  runGrammarTests('.jsonc', ['--grammar', jsoncHostPath]);
});

test('the manifest injects the grammar into JSON only and contributes no Bicep grammar', () => {
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const grammars = manifest.contributes.grammars as { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
  assert.deepEqual(grammars, [{ scopeName: 'source.arm-expression.injection', path: './syntaxes/arm-expression.tmLanguage.json', injectTo: ['source.json', 'source.json.comments'] }]);
  const grammar = JSON.parse(readFileSync(resolve(root, grammars[0]!.path), 'utf8'));
  assert.equal(grammar.scopeName, grammars[0]!.scopeName);
});
