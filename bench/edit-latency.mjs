// Target 2: edit latency over the real server (dist/server.js --stdio, validation delay 0): from an incremental
// one-character didChange in the 3.3 MB template to its publishDiagnostics, over 50+ edits at different places,
// against JSON.parse of the document. The first edits after opening run while the server's code is still being
// compiled; they are reported on their own (cold) and not counted, as JSON.parse is timed warm.
// Usage: node bench/edit-latency.mjs [--small]; BENCH_SERVER_ARGS passes node options to the server (e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_VERBOSE=1 prints every latency in order.
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { median } from './lib.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const small = process.argv.includes('--small');
const corpus = resolve(process.env.ACR_GUARD_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);
let text;
try {
  text = readFileSync(join(corpus, small ? 'arm/quickstart-acr-policies-diagnostics.azuredeploy.json' : 'arm/avm-aca-lza-hosting-environment.main.json'), 'utf8');
} catch {
  console.log('edit-latency: skipped, corpus not found (set ACR_GUARD_CORPUS)');
  process.exit(0);
}

const { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } = require('../out/client/src/serverProcess.js');
const server = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []), new URL('../dist/server.js', import.meta.url).pathname, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...SERVER_ENVIRONMENT } });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => waiting.get(p.version)?.(p));
connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validationDelay: 0 })));
connection.onNotification('window/logMessage', () => undefined);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await connection.sendNotification('initialized', {});

const uri = 'file:///bench/template.json';
const published = (version) => new Promise((r) => waiting.set(version, r));
let first = published(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
await first;

// Edits inside string values spread over the document: each inserts one character, then the next removes it.
const places = [];
const pattern = /"description": "/g;
let match;
const WARM_UP_PLACES = small ? 2 : 10;
while ((match = pattern.exec(text)) && places.length < WARM_UP_PLACES + (small ? 10 : 60)) places.push(match.index + match[0].length);
const positionOf = (offset) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
};
const warmUp = [];
const latencies = [];
let version = 1;
for (const [index, offset] of places.entries()) {
  for (const change of [{ range: { start: positionOf(offset), end: positionOf(offset) }, text: 'x' }, { range: { start: positionOf(offset), end: { ...positionOf(offset), character: positionOf(offset).character + 1 } }, text: '' }]) {
    version++;
    const done = published(version);
    const start = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    (index < WARM_UP_PLACES ? warmUp : latencies).push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
const jsonParse = median(() => JSON.parse(text), small ? 3 : 15);
if (process.env.BENCH_VERBOSE) console.log(latencies.map((l) => l.toFixed(0)).join(" "));
latencies.sort((a, b) => a - b);
const p50 = latencies[Math.floor(latencies.length / 2)];
const p95 = latencies[Math.floor(latencies.length * 0.95)];
console.log(`edit-latency: ${latencies.length} edits in a ${(text.length / 1e6).toFixed(2)} MB template, JSON.parse ${jsonParse.toFixed(1)} ms; not counted: ${warmUp.length} warm-up edits, the first ${warmUp[0].toFixed(1)} ms, the slowest ${Math.max(...warmUp).toFixed(1)} ms`);
console.log(`  median / JSON.parse = ${(p50 / jsonParse).toFixed(2)}x  (target <= 5x: ${p50 / jsonParse <= 5 ? 'met' : 'not met'}; ${p50.toFixed(1)} ms)`);
console.log(`  p95 / JSON.parse    = ${(p95 / jsonParse).toFixed(2)}x  (target <= 8x: ${p95 / jsonParse <= 8 ? 'met' : 'not met'}; ${p95.toFixed(1)} ms)`);
process.exit(0);
