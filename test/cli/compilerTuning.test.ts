/** The command inlines less in V8 (see compilerTuning.ts), unless the user chose the budget. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilerFlagFor } from '../../server/src/cli/compilerTuning';

test('the command sets a smaller inlining budget when the user chose none', () => {
  assert.equal(compilerFlagFor([]), '--max-inlined-bytecode-size-cumulative=300');
  assert.equal(compilerFlagFor(['--enable-source-maps', '--max-old-space-size=4096']), '--max-inlined-bytecode-size-cumulative=300');
  // Another inlining limit is not this one.
  assert.equal(compilerFlagFor(['--max-inlined-bytecode-size=100']), '--max-inlined-bytecode-size-cumulative=300');
});

test("the user's own budget on node's command line wins, written with dashes or underscores", () => {
  assert.equal(compilerFlagFor(['--max-inlined-bytecode-size-cumulative=2000']), undefined);
  assert.equal(compilerFlagFor(['--max_inlined_bytecode_size_cumulative=2000']), undefined);
});
