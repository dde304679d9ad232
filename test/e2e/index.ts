// The extension-test entry point (the @vscode/test-electron contract): runs every *.test.js beside it with mocha
// inside the extension host and prints a closing "N passed, N failed, N skipped" line.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** tools/e2e/run-ext-tests.mjs prints the extension host's console from this line on. */
export const SUITE_START = 'acr-guard e2e: mocha starts';

export function run(): Promise<void> {
  // mocha 12 is ESM-only; its CommonJS entry still loads with require in the extension host's Node.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha');
  const Mocha = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.resolve(__dirname, file));
  console.log(SUITE_START);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
      if (failed > 0 || passed === 0) reject(new Error(failed > 0 ? `${failed} extension tests failed` : 'no extension test ran'));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
  });
}
