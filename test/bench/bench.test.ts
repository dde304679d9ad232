/** Each benchmark script runs once on small inputs, so the benchmarks cannot rot. Their numbers are not checked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const bench = resolve(__dirname, '../../../bench');

for (const script of readdirSync(bench).filter((n) => n.endsWith('.mjs') && n !== 'run.mjs' && n !== 'lib.mjs')) {
  test(`bench/${script} runs on small inputs`, () => {
    const result = spawnSync(process.execPath, [resolve(bench, script), '--small'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\d+(\.\d+)?x|skipped/);
  });
}
