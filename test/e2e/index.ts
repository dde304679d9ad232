// The extension-test entry point (the @vscode/test-electron contract): runs the mocha suite inside the extension host
// and prints a closing "N passed, N failed, N skipped" line.
import * as path from 'node:path';

export function run(): Promise<void> {
  // mocha 12 is ESM; the extension host's Node can require it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha');
  const Mocha = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const file of ['extension.test.js']) mocha.addFile(path.resolve(__dirname, file));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
      if (failed > 0) reject(new Error(`${failed} extension tests failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
  });
}
