// Times the engine on the 3.3 MB AVM landing-zone template against JSON.parse and jsonc-parser's parseTree of the
// same text, in the same process and run, and prints ratios (absolute times only for context).
// Usage: node bench/analysis-vs-parsers.mjs [--iterations N] [--file PATH]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { median } from './lib.mjs';

const require = createRequire(import.meta.url);
const { analyzeDocument } = require('../out/server/src/core/analysis/analyzeDocument.js');
const { parseTree } = require('jsonc-parser');
const { getLanguageService } = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const corpus = resolve(process.env.ACR_GUARD_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);
const file = option('--file', join(corpus, 'arm/avm-aca-lza-hosting-environment.main.json'));
const iterations = args.includes('--small') ? 1 : Number(option('--iterations', '15'));

let text;
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.log(`analysis-vs-parsers: skipped, ${file} not found (set ACR_GUARD_CORPUS)`);
  process.exit(0);
}


const uri = `file://${file}`;
let findings = 0;
// Interleave warm-up so no contender profits from running last.
for (let i = 0; i < 3; i++) {
  JSON.parse(text);
  parseTree(text);
  findings = analyzeDocument({ uri, text }).findings.length;
}
const jsonParse = median(() => JSON.parse(text), iterations);
const jsoncParse = median(() => parseTree(text, [], { allowTrailingComma: true }), iterations);
const analysis = median(() => analyzeDocument({ uri, text }), iterations);
// VS Code's JSON language service without a schema: parse plus validation, which runs beside us on every keystroke.
const service = getLanguageService({});
const document = TextDocument.create(uri, 'json', 1, text);
let jsonService = 0;
{
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    const parsed = service.parseJSONDocument(document);
    await service.doValidation(document, parsed, { comments: 'ignore', trailingCommas: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  jsonService = times[Math.floor(times.length / 2)];
}

const mb = (text.length / 1e6).toFixed(2);
console.log(`analysis-vs-parsers: ${mb} MB, ${findings} finding(s), median of ${iterations}`);
console.log(`  analysis / JSON.parse        = ${(analysis / jsonParse).toFixed(2)}x  (analysis ${analysis.toFixed(1)} ms, JSON.parse ${jsonParse.toFixed(1)} ms)`);
console.log(`  analysis / jsonc parseTree   = ${(analysis / jsoncParse).toFixed(2)}x  (parseTree ${jsoncParse.toFixed(1)} ms)`);
console.log(`  target 1: analysis / JSON.parse <= 4x: ${analysis / jsonParse <= 4 ? 'met' : 'not met'}; analysis / JSON language service (parse + validation, ${jsonService.toFixed(1)} ms) = ${(analysis / jsonService).toFixed(2)}x, <= 0.5x: ${analysis / jsonService <= 0.5 ? 'met' : 'not met'}`);
