/** Compile-time imports between Bicep files: evaluated in the file that exports them, read once per analysis. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { BicepTemplate, CompileTimeFiles } from '../../server/src/core/bicep/template';

const files: Record<string, string> = {
  'file:///w/shared.bicep': "param suffix string = 'abled'\n@export()\nvar access = 'Dis${suffix}'\n@export()\nvar status = 'disabled'\n",
};

function templateOf(text: string): { template: BicepTemplate; reads: string[] } {
  const reads: string[] = [];
  const read = (uri: string) => {
    reads.push(uri);
    return files[uri];
  };
  return { template: new BicepTemplate('file:///w/main.bicep', parseBicep(text), new Map(), new CompileTimeFiles(read)), reads };
}

test('an imported variable is evaluated in its own file, with its own parameter defaults, and the file is a dependency', () => {
  const { template, reads } = templateOf("import { access } from 'shared.bicep'\nimport * as shared from 'shared.bicep'\n");
  assert.deepEqual(template.lookup('access'), { kind: 'string', value: 'Disabled', origin: { uri: 'file:///w/shared.bicep', span: { start: 53, end: 67 }, kind: 'expression' } });
  const all = template.lookup('shared');
  assert.equal(all?.kind, 'object');
  assert.deepEqual(all?.kind === 'object' ? [...all.members.keys()] : [], ['access', 'status']);
  assert.deepEqual(reads, ['file:///w/shared.bicep'], 'parsed once for both imports');
  assert.deepEqual([...template.loadedFiles], ['file:///w/shared.bicep']);
});

test('imports from a registry, from a missing file or of a name that is not exported stay unknown, each saying why', () => {
  const { template } = templateOf("import { config } from 'br/public:avm/utl/types/avm-common-types:0.5.1'\nimport { x } from 'missing.bicep'\nimport { suffix } from 'shared.bicep'\n");
  const reason = (name: string) => {
    const value = template.lookup(name);
    return value?.kind === 'unknown' ? value.reason : value?.kind;
  };
  assert.match(reason('config')!, /imported from 'br\/public:avm\/utl\/types\/avm-common-types:0\.5\.1', which Bicep has not restored/);
  assert.match(reason('x')!, /'missing\.bicep', which cannot be read/);
  assert.match(reason('suffix')!, /'suffix' is not an exported variable of 'shared\.bicep'/);
  assert.equal(template.lookup('undeclared'), undefined);
});
