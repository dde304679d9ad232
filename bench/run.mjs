// Runs every benchmark script in bench/ one after another. Benchmarks print ratios; they never fail CI.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const dir = new URL('.', import.meta.url).pathname;
const extra = process.argv.slice(2);
for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs') && n !== 'run.mjs' && n !== 'lib.mjs').sort()) {
  const result = spawnSync(process.execPath, ['--expose-gc', `${dir}${name}`, ...extra], { stdio: 'inherit' });
  if (result.status !== 0) console.log(`${name}: exited with ${result.status}`);
}
