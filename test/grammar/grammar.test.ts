/** The ARM expression injection grammar, checked with vscode-tmgrammar-test against annotated cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

test('grammar cases pass vscode-tmgrammar-test', () => {
  const tool = require.resolve('vscode-tmgrammar-test/dist/unit.js', { paths: [root] });
  const result = spawnSync(process.execPath, [tool, '--config', 'test/grammar/grammars.json', 'test/grammar/cases/*.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /expressions\.json run successfuly/);
  assert.match(result.stdout, /malformed\.json run successfuly/);
});

test('the manifest injects the grammar into JSON only and contributes no Bicep grammar', () => {
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const grammars = manifest.contributes.grammars as { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
  assert.deepEqual(grammars, [{ scopeName: 'source.arm-expression.injection', path: './syntaxes/arm-expression.tmLanguage.json', injectTo: ['source.json', 'source.json.comments'] }]);
  const grammar = JSON.parse(readFileSync(resolve(root, grammars[0]!.path), 'utf8'));
  assert.equal(grammar.scopeName, grammars[0]!.scopeName);
});
