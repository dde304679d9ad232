// Times the engine on the 3.3 MB AVM landing-zone template against JSON.parse and jsonc-parser's parseTree of the
// same text, in the same process and run, and prints ratios (absolute times only for context).
// Usage: node bench/analysis-vs-parsers.mjs [--iterations N] [--file PATH]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { steadyMedian } from './lib.mjs';

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
// Each contender is warmed up, then timed on a collected heap. The analysis reaches its steady speed only after
// about twenty runs (until then V8 is still optimising its hot loops: 130 ms, then 60, 45, ... 15-21 ms), as it does
// in the server after the first keystrokes; every contender gets the same warm-up.
const warmUps = args.includes('--small') ? 1 : 25;
const timed = (run) => steadyMedian(run, warmUps, iterations);
const findings = analyzeDocument({ uri, text }).findings.length;
const analysis = await timed(() => analyzeDocument({ uri, text }));
const jsonParse = await timed(() => JSON.parse(text));
const jsoncParse = await timed(() => parseTree(text, [], { allowTrailingComma: true }));
// VS Code's JSON language service without a schema: parse plus validation, which runs beside us on every keystroke.
const service = getLanguageService({});
const document = TextDocument.create(uri, 'json', 1, text);
const jsonService = await timed(async () => {
  const parsed = service.parseJSONDocument(document);
  await service.doValidation(document, parsed, { comments: 'ignore', trailingCommas: 'ignore' });
});

const mb = (text.length / 1e6).toFixed(2);
console.log(`analysis-vs-parsers: ${mb} MB, ${findings} finding(s), median of ${iterations}`);
console.log(`  analysis / JSON.parse        = ${(analysis / jsonParse).toFixed(2)}x  (analysis ${analysis.toFixed(1)} ms, JSON.parse ${jsonParse.toFixed(1)} ms)`);
console.log(`  analysis / jsonc parseTree   = ${(analysis / jsoncParse).toFixed(2)}x  (parseTree ${jsoncParse.toFixed(1)} ms)`);
console.log(`  target 1: analysis / JSON.parse <= 4x: ${analysis / jsonParse <= 4 ? 'met' : 'not met'}; analysis / JSON language service (parse + validation, ${jsonService.toFixed(1)} ms) = ${(analysis / jsonService).toFixed(2)}x, <= 0.5x: ${analysis / jsonService <= 0.5 ? 'met' : 'not met'}`);
