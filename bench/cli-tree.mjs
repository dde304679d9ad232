// Target 6: the CLI over a generated tree of templates (2,000 files, about 200 MB; 20 with --small), against a bare
// script that reads and JSON.parses every file on one core. The tree is generated deterministically under
// bench/.generated/ (ignored by git). Usage: node bench/cli-tree.mjs [--small]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const small = process.argv.includes('--small');
const count = small ? 20 : 2000;
const root = new URL(`./.generated/tree-${count}/`, import.meta.url).pathname;
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
if (!existsSync(join(root, 'done'))) {
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < count; i++) {
    // About 100 KB each: registries among storage accounts, with parameters and expressions.
    const resources = Array.from({ length: 160 }, (_, j) => (j % 8 === 0
      ? { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `[format('acr{0}{1}', parameters('prefix'), ${j})]`, sku: { name: j % 16 ? 'Premium' : 'Basic' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: j % 3 ? 'disabled' : 'enabled' } } } }
      : { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `st${i}x${j}`, location: '[resourceGroup().location]', tags: { index: `${j}`, description: 'x'.repeat(400) }, properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' } }));
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { prefix: { type: 'string', defaultValue: `p${i}` }, access: { type: 'string', defaultValue: i % 2 ? 'Enabled' : 'Disabled' } }, resources };
    mkdirSync(join(root, `d${i % 20}`), { recursive: true });
    writeFileSync(join(root, `d${i % 20}`, `t${i}.json`), JSON.stringify(template, null, 2));
  }
  writeFileSync(join(root, 'done'), '');
}
const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.json')).map((f) => join(root, String(f)));
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

// The bare script reads and JSON.parses every file on one core, run as a process of its own like the CLI, so both pay
// for starting Node.js. Each round (after the tree is in the file cache) times the bare script, the same loop inside
// this process (context: no start), and the CLI, one after another, so this machine's drift weighs on all alike; the
// ratios are medians of the rounds' own ratios.
const bareScript = join(root, '..', 'bare-read-parse.cjs');
writeFileSync(bareScript, `const { readFileSync } = require('node:fs');
for (const file of JSON.parse(readFileSync(process.argv[2], 'utf8'))) JSON.parse(readFileSync(file, 'utf8'));
`);
const listFile = join(root, '..', `files-${count}.json`);
writeFileSync(listFile, JSON.stringify(files));
// Run in the generated tree: from the repository, its .gitignore (which lists bench/.generated/) would leave every
// file out, as PSRule would.
const timeProcess = (args) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, run };
};
const cliArgs = [new URL('../dist/cli.js', import.meta.url).pathname, 'scan', root, '--format', 'json', '--output', '/dev/null'];
// The target is measured with the JSON report, every finding with all its fixes (the heaviest format); the default
// text format, which makes no fixes, is timed in the same rounds for context.
const textArgs = cliArgs.filter((arg, i) => arg !== '--format' && cliArgs[i - 1] !== '--format');
const rounds = { bare: [], inProcess: [], cli: [], text: [] };
for (let round = 0; round < (small ? 1 : 5); round++) {
  const bare = timeProcess([bareScript, listFile]);
  if (bare.run.status !== 0) throw new Error(`the bare script failed: ${bare.run.stderr}`);
  rounds.bare.push(bare.ms);
  const start = process.hrtime.bigint();
  for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  rounds.inProcess.push(Number(process.hrtime.bigint() - start) / 1e6);
  const cli = timeProcess(cliArgs);
  // A scan that found nothing measured nothing: no ratio is printed for it.
  if (cli.run.status !== 1) throw new Error(`cli-tree: unexpected exit code ${cli.run.status}: ${cli.run.stderr.slice(0, 500)}`);
  rounds.cli.push(cli.ms);
  const text = timeProcess(textArgs);
  if (text.run.status !== 1) throw new Error(`cli-tree: unexpected exit code ${text.run.status} (text): ${text.run.stderr.slice(0, 500)}`);
  rounds.text.push(text.ms);
}
const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const [bare, bareInProcess, cli] = [middle(rounds.bare), middle(rounds.inProcess), middle(rounds.cli)];
const ratio = middle(rounds.cli.map((t, i) => t / rounds.bare[i]));
const ratioInProcess = middle(rounds.cli.map((t, i) => t / rounds.inProcess[i]));
const textRatio = middle(rounds.text.map((t, i) => t / rounds.bare[i]));

// For context, not for the target: the same bare work split over two threads shows what a second core gives this
// machine for memory-heavy work (on a shared vCPU pair it is far from 2x).
const half = Math.ceil(files.length / 2);
const bareWorker = `const { workerData, parentPort } = require('node:worker_threads'); const { readFileSync } = require('node:fs');
for (const file of workerData) JSON.parse(readFileSync(file, 'utf8')); parentPort.postMessage('done');`;
const twoStart = process.hrtime.bigint();
await Promise.all([files.slice(0, half), files.slice(half)].map((part) => new Promise((resolve, reject) => {
  const worker = new Worker(bareWorker, { eval: true, workerData: part });
  worker.once('message', () => void worker.terminate().then(resolve));
  worker.once('error', reject);
})));
const bareOnTwo = Number(process.hrtime.bigint() - twoStart) / 1e6;

console.log(`cli-tree: ${files.length} templates, ${(bytes / 1e6).toFixed(0)} MB, median of ${rounds.cli.length} round(s)`);
console.log(`  CLI scan / bare read+JSON.parse script = ${ratio.toFixed(2)}x  (target <= 2.5x: ${ratio <= 2.5 ? 'met' : 'not met'}; CLI ${(cli / 1000).toFixed(2)} s on ${availableParallelism()} cores, bare script ${(bare / 1000).toFixed(2)} s on one; rounds ${rounds.cli.map((t, i) => (t / rounds.bare[i]).toFixed(1)).join(', ')})`);
console.log(`  context: the same scan with the default text report (no fixes made) takes ${textRatio.toFixed(2)}x the bare script (rounds ${rounds.text.map((t, i) => (t / rounds.bare[i]).toFixed(1)).join(', ')})`);
console.log(`  context: against the bare loop inside a running process (no Node.js start, ${(bareInProcess / 1000).toFixed(2)} s) the CLI takes ${ratioInProcess.toFixed(2)}x; two threads do that loop ${(bareInProcess / bareOnTwo).toFixed(2)}x as fast as one (${(bareOnTwo / 1000).toFixed(2)} s)`);
