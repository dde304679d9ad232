import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexBicep } from '../../../server/src/core/bicep/lexer';
import { parseBicep, type BicepFile } from '../../../server/src/core/bicep/parser';
import type { Expression, OtherStatement, Statement } from '../../../server/src/core/bicep/syntax';
import { CORPUS, corpusAvailable, readCorpus, SKIP_REASON } from '../../corpus/corpusPath';
import { locateInBicep } from '../../../server/src/core/analysis/declarationLocators';
import { findProperty } from '../../../server/src/core/bicep/objectEditor';
import { evaluateBicep } from '../../../server/src/core/bicep/evaluator';
import { BicepTemplate } from '../../../server/src/core/bicep/template';
import { describeValue } from '../../../server/src/core/evaluate/value';

const roundTrip = (file: BicepFile) => file.tokens.toArray().map((t) => file.text.slice(t.fullStart, t.end)).join('');

/** A compact rendering of an expression tree, to check precedence by shape. */
function shape(e: Expression): string {
  switch (e.kind) {
    case 'binary': return `(${shape(e.left)} ${e.operator} ${shape(e.right)})`;
    case 'ternary': return `(${shape(e.condition)} ? ${shape(e.whenTrue)} : ${shape(e.whenFalse)})`;
    case 'unary': return `(${e.operator}${shape(e.operand)})`;
    case 'identifier': return e.name;
    case 'integer': return String(e.value);
    case 'propertyAccess': return `${shape(e.base)}${e.safe ? '.?' : '.'}${e.name}`;
    case 'arrayAccess': return `${shape(e.base)}[${e.safe ? '?' : ''}${shape(e.index)}]`;
    case 'nonNull': return `${shape(e.base)}!`;
    case 'call': return `${e.base ? `${shape(e.base)}.` : ''}${e.name}(${e.args.map(shape).join(', ')})`;
    case 'paren': return shape(e.expression);
    case 'string': return `'${e.pieces.join('${}')}'`;
    default: return e.kind;
  }
}

const valueOf = (source: string) => {
  const file = parseBicep(`var x = ${source}\n`);
  assert.deepEqual(file.diagnostics, [], source);
  return shape((file.statements[0] as Extract<Statement, { kind: 'var' }>).value);
};

test('lexer: strings, interpolation, multi-line strings, pragmas, BOM, offsets', () => {
  const text = "\uFEFF#disable-next-line rule1 rule2\nvar s = 'a${b}c${ {x: 1}.x }d'\nvar m = '''\nline\n'''\n";
  const { tokens: list, pragmas, diagnostics } = lexBicep(text);
  const tokens = list.toArray();
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(pragmas.map((p) => [p.kind, p.codes]), [['disable-next-line', ['rule1', 'rule2']]]);
  const kinds = tokens.filter((t) => t.kind !== 'newline').map((t) => t.kind);
  assert.deepEqual(kinds.slice(0, 12), ['identifier', 'identifier', '=', 'stringLeft', 'identifier', 'stringMiddle', '{', 'identifier', ':', 'integer', '}', '.']);
  assert.ok(kinds.includes('stringRight') && kinds.includes('multilineString'));
  assert.equal(tokens.map((t) => text.slice(t.fullStart, t.end)).join(''), text);
  // Every kind survives its numeric storage; past the last token (eof) there is only eof.
  assert.equal(list.kind(list.length - 1), 'eof');
  assert.equal(list.kind(list.length + 5), 'eof');
  const punctuation = lexBicep('a.?b ?? c::d => e... =~ !~ | ^ %').tokens.toArray().map((t) => t.kind);
  assert.deepEqual(punctuation, ['identifier', '.?', 'identifier', '??', 'identifier', '::', 'identifier', '=>', 'identifier', '...', '=~', '!~', '|', '^', '%', 'eof']);
  // Every punctuation token, alone between spaces, is lexed as the kind its text names.
  const every = ['{', '}', '[', ']', '(', ')', ',', '.', '.?', ':', '::', '?', '??', '=', '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '!', '&&', '||', '=>', '@', '...', '|', '^'];
  assert.deepEqual(lexBicep(every.join(' ')).tokens.toArray().map((t) => t.kind), [...every, 'eof']);
});

test("lexer: escapes, and '' is not an escape in Bicep", () => {
  const file = parseBicep("var a = 'it\\'s \\${x} \\u{41}'\nvar b = 'x'''\n");
  const a = file.statements[0] as Extract<Statement, { kind: 'var' }>;
  assert.equal(a.value.kind === 'string' && a.value.pieces[0], "it's ${x} A");
  assert.ok(file.diagnostics.length > 0, "'x''' leaves an unterminated string");
});

test('precedence and associativity follow the Bicep grammar', () => {
  assert.equal(valueOf('a || b && c'), '(a || (b && c))');
  assert.equal(valueOf('a ?? b || c'), '(a ?? (b || c))');
  assert.equal(valueOf('a == b < c + d * e'), '(a == (b < (c + (d * e))))');
  assert.equal(valueOf('a - b - c'), '((a - b) - c)');
  assert.equal(valueOf('a ? b : c ? d : e'), '(a ? b : (c ? d : e))');
  assert.equal(valueOf('!a.b[0].?c!'), '(!a.b[0].?c!)');
  assert.equal(valueOf('-x * 2'), '((-x) * 2)');
  assert.equal(valueOf("sys.concat('a', b)"), "sys.concat('a', b)");
  assert.equal(valueOf('a =~ b'), '(a =~ b)');
  assert.equal(valueOf('a\n  ? b\n  : c'), '(a ? b : c)');
});

test('every declaration kind parses', () => {
  const source = [
    "targetScope = 'subscription'",
    "metadata owner = 'me'",
    "import { a as b } from 'types.bicep'",
    "import * as ns from 'mod.bicep'",
    "extension microsoftGraph",
    "type pair = { a: string, b: int? }",
    "func double(x int) int => x * 2",
    "@description('the name')\n@sys.minLength(3)\nparam name string",
    "param tags object?",
    "var items = [for (item, i) in range(0, 3): { index: i }]",
    "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = if (deploy) {\n  name: name\n  resource rep 'replications' = {\n    name: 'x'\n  }\n  properties: {\n    resource: 'a property named resource'\n  }\n}",
    "module m './m.bicep' = {\n  name: 'm'\n  params: { a: 1, b: [1, 2], ...rest }\n}",
    "output id string = acr.id",
    'output r resource \'Microsoft.ContainerRegistry/registries@2025-11-01\' = acr',
  ].join('\n') + '\n';
  const file = parseBicep(source);
  assert.deepEqual(file.diagnostics, []);
  assert.deepEqual(file.statements.map((s) => s.kind), ['targetScope', 'metadata', 'import', 'import', 'extension', 'type', 'func', 'param', 'param', 'var', 'resource', 'module', 'output', 'output']);
  const resource = file.statements[10] as Extract<Statement, { kind: 'resource' }>;
  assert.equal(resource.value.kind, 'if');
  const body = resource.value.kind === 'if' && resource.value.body.kind === 'object' ? resource.value.body : undefined;
  assert.deepEqual(body?.members.map((m) => m.kind), ['property', 'resource', 'property']);
  const nullable = file.statements[8] as Extract<Statement, { kind: 'param' }>;
  assert.equal(nullable.nullable, true);
  assert.equal(roundTrip(file), source);
});

test('compile-time imports: what each binds; provider imports and half-typed ones are skipped as before', () => {
  const imports = (source: string) => {
    const file = parseBicep(source);
    const statement = file.statements[0] as OtherStatement;
    return { kind: statement.kind, diagnostics: file.diagnostics.length, from: statement.imports?.from.pieces.join(''), names: statement.imports && [...statement.imports.names] };
  };
  assert.deepEqual(imports("import { a, b as c } from './shared.bicep'\n"), { kind: 'import', diagnostics: 0, from: './shared.bicep', names: [['a', 'a'], ['c', 'b']] });
  assert.deepEqual(imports("import {\n  a\n  b as c,\n} from 'x.bicep'\n"), { kind: 'import', diagnostics: 0, from: 'x.bicep', names: [['a', 'a'], ['c', 'b']] });
  assert.deepEqual(imports("import * as ns from 'x.bicep'\n"), { kind: 'import', diagnostics: 0, from: 'x.bicep', names: [['ns', undefined]] });
  for (const skipped of ["import 'az@1.0.0'\n", "import { a, \n", "import { a } from\n", "import * from 'x.bicep'\n", "import { a } from 'x.bicep' extra\n", "import {} from 'x.bicep'\n"]) {
    const file = parseBicep(skipped);
    assert.equal((file.statements[0] as OtherStatement).imports, undefined, skipped);
    assert.equal(roundTrip(file), skipped, skipped);
  }
});

test('user-defined functions: parameters and body are read, types skipped; anything else is skipped as before', () => {
  const definition = (source: string) => {
    const file = parseBicep(source);
    const statement = file.statements[0] as OtherStatement;
    return { name: statement.name?.name, diagnostics: file.diagnostics.length, parameters: statement.function?.parameters, body: statement.function && source.slice(statement.function.body.start, statement.function.body.end) };
  };
  assert.deepEqual(definition("func access(env string, rules { allowed: string[] }?) string => env == 'prod' ? 'Disabled' : 'Enabled'\n"), {
    name: 'access',
    diagnostics: 0,
    parameters: ['env', 'rules'],
    body: "env == 'prod' ? 'Disabled' : 'Enabled'",
  });
  assert.deepEqual(definition("@export()\nfunc none() 'a' | 'b' =>\n  'a'\n"), { name: 'none', diagnostics: 0, parameters: [], body: "'a'" });
  for (const skipped of ['func half(\n', 'func noArrow(a string) string\n', 'func (a string) string => a\n', "func bad(a string\n", 'func bad(a string, {) string => 1\n']) {
    const file = parseBicep(skipped);
    assert.equal((file.statements.find((s) => s.kind === 'func') as OtherStatement | undefined)?.function, undefined, skipped);
    assert.equal(roundTrip(file), skipped, skipped);
  }
});

test('.bicepparam: using and parameter assignments', () => {
  const file = parseBicep("using './main.bicep'\n\nparam access = 'Disabled'\nparam count = 3\n", { kind: 'bicepparam' });
  assert.deepEqual(file.diagnostics, []);
  assert.deepEqual(file.statements.map((s) => s.kind), ['using', 'paramAssignment', 'paramAssignment']);
});

test('recovery: a broken line between two resources keeps both', () => {
  const source = "resource a 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'a'\n}\nvar broken = (1 +\nresource b 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'b'\n}\n";
  const file = parseBicep(source);
  assert.ok(file.diagnostics.length > 0);
  assert.deepEqual(file.statements.filter((s) => s.kind === 'resource').map((s) => (s as Extract<Statement, { kind: 'resource' }>).name.name), ['a', 'b']);
  assert.equal(roundTrip(file), source);
});

test('references are identifier expressions only; what the parser passes over unread is listed as token ranges', () => {
  const text = [
    "param access string = 'x'",
    "var shown = { access: access, other: st.access, text: '${access}' }",
    'var broken = {',
    '  good: access',
    '  bad: ) access',
    '}',
    "assert check = access == 'x'",
    'var worse = ] access',
    '',
  ].join('\n');
  const file = parseBicep(text);
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  // Read references: the value, the interpolation and the good member; not the keys, `.access` or the declaration.
  assert.deepEqual(file.references.filter((r) => r.name === 'access').map((r) => line(r.start)), [2, 2, 4]);
  const unread = [];
  for (let range = 0; range < file.unparsed.length; range += 2) {
    const [from, to] = [file.unparsed[range]!, file.unparsed[range + 1]!];
    unread.push(text.slice(file.tokens.start(from), file.tokens.end(to - 1)));
  }
  // The broken member, the assert statement after its name, the broken declaration: each to the end of its line.
  assert.deepEqual(unread, ['bad: ) access', "= access == 'x'", 'var worse = ] access']);
});

test('truncation, unbalanced brackets and unterminated strings at every position: no throw, lossless', () => {
  const source = readCorpusOr("resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: '${prefix}-acr'\n  properties: { publicNetworkAccess: cond ? 'Disabled' : 'Enabled', tags: [1, 2] }\n}\n");
  for (let i = 0; i <= source.length; i++) {
    for (const variant of [source.slice(0, i), source.slice(0, i) + "'" + source.slice(i), source.slice(0, i) + '${' + source.slice(i), source.slice(0, i) + '{[(' + source.slice(i)]) {
      const file = parseBicep(variant);
      assert.equal(roundTrip(file), variant);
    }
  }
});

test('a backslash at every position, also the last character of the file, ends: escapes never pass the end', () => {
  const source = "var a = 'it\\'s ${b}\\\\ \\u{41}'\nparam c string = '\\'\\''\n";
  for (let i = 0; i <= source.length; i++) {
    for (const variant of [source.slice(0, i), source.slice(0, i) + '\\', source.slice(0, i) + '\\' + source.slice(i)]) {
      // Lexed first: a string ending in a backslash at the end of the file ran one character past it and lost the end
      // token, and the parser, which stops at that token, looped forever.
      const { tokens } = lexBicep(variant);
      assert.equal(tokens.kind(tokens.length - 1), 'eof', JSON.stringify(variant));
      for (let t = 0; t < tokens.length; t++) assert.ok(tokens.end(t) <= variant.length, JSON.stringify(variant));
      assert.equal(roundTrip(parseBicep(variant)), variant);
    }
  }
  const unterminated = parseBicep("var a = 'x\\");
  assert.ok(unterminated.diagnostics.some((d) => /not terminated/.test(d.message)));
});

test('100,000 nested brackets end as a diagnostic, not a stack overflow', () => {
  for (const open of ['[', '{', '(']) {
    const file = parseBicep(`var x = ${open.repeat(100000)}\nvar y = 1\n`);
    // `{{` fails at once (a property name is expected); `[[` and `((` nest until the depth limit.
    assert.ok(file.diagnostics.some((d) => (open === '{' ? /property name/ : /nested more than/).test(d.message)), open);
    assert.ok(file.statements.some((s) => s.kind === 'var' && s.name.name === 'y'), `the next line still parses after ${open}`);
  }
});

test('names and plain strings are the text they are written as, in files with tens of thousands of different ones', () => {
  // Names and strings are kept once per file in a table that grows as it fills (see textInterner.ts): each must still
  // be its own text, however many came before it.
  const names = Array.from({ length: 20_000 }, (_, i) => `n${i.toString(36)}`);
  const text = [
    ...names.map((name, i) => `var ${name} = '${name}-${i % 3 ? 'x' : "it\\'s"}'`),
    `var all = [\n${names.map((name) => `  ${name}\n`).join('')}]`,
    `var keyed = {\n${names.slice(0, 5000).map((name) => `  ${name}: ${name}.${name}\n`).join('')}}`,
  ].join('\n');
  const file = parseBicep(text);
  assert.deepEqual(file.diagnostics, []);
  let identifiers = 0;
  let strings = 0;
  (function visit(node: unknown) {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { kind?: string; start: number; end: number; name?: unknown; key?: string; keyStart?: number; keyEnd?: number; pieces?: string[]; expressions?: unknown[]; multiline?: boolean };
    if (n.kind === 'identifier') {
      identifiers++;
      assert.equal(n.name, text.slice(n.start, n.end));
    }
    if (n.kind === 'property' && n.key !== undefined) assert.equal(n.key, text.slice(n.keyStart, n.keyEnd));
    if (n.kind === 'propertyAccess') assert.equal(n.name, text.slice(n.end - (n.name as string).length, n.end));
    if (n.kind === 'string' && n.expressions?.length === 0 && !n.multiline) {
      strings++;
      assert.deepEqual(n.pieces, [text.slice(n.start + 1, n.end - 1).replace("\\'", "'")]);
    }
    Object.values(node).forEach(visit);
  })(file.statements);
  assert.ok(identifiers > 45_000 && strings === 20_000, `${identifiers} identifiers, ${strings} strings`);
});

test('every Bicep file of the corpus parses without a diagnostic and round-trips', { skip: SKIP_REASON }, () => {
  const files = ['bicep', 'psrule'].flatMap((dir) => readdirSync(join(CORPUS, dir)).filter((f) => /\.bicep(param)?$/.test(f)).map((f) => `${dir}/${f}`));
  assert.ok(files.length >= 6);
  for (const file of files) {
    const text = readCorpus(file);
    const parsed = parseBicep(text, { kind: file.endsWith('param') ? 'bicepparam' : 'bicep' });
    assert.deepEqual(parsed.diagnostics, [], file);
    assert.equal(roundTrip(parsed), text, file);
  }
});

test('every Bicep fixture round-trips', () => {
  const dir = join(__dirname, '../../../../test/fixtures');
  const found: string[] = [];
  (function walk(folder: string) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (/\.bicep(param)?$/.test(entry.name)) found.push(join(folder, entry.name));
    }
  })(dir);
  assert.ok(found.length > 0);
  for (const path of found) {
    const text = readFileSync(path, 'utf8');
    assert.equal(roundTrip(parseBicep(text)), text, path);
  }
});

function readCorpusOr(fallback: string): string {
  if (!corpusAvailable) return fallback;
  // The docs example is small enough to mutate at every position.
  return readCorpus('psrule/docs-example-acr.bicep');
}

test('the declaration around an offset is found as a scan in order would, in whole and in broken files', { skip: SKIP_REASON }, () => {
  const linear = (file: BicepFile, offset: number) => {
    for (const statement of file.statements) {
      if (offset < statement.start || offset >= statement.end) continue;
      if (statement.kind === 'param' || statement.kind === 'var') return statement.name.name;
    }
    return undefined;
  };
  const text = readCorpus('bicep/avm-container-registry.main.bicep');
  // Deterministic damage: error recovery can then leave statements that overlap.
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = "{}[]()'\n :=?.,@/#resource param var module for if in x 1";
  let overlapping = 0;
  for (let trial = 0; trial < 300; trial++) {
    let damaged = text;
    for (let edit = 0; edit < (trial === 0 ? 0 : 3); edit++) {
      const at = Math.floor(random() * damaged.length);
      damaged = damaged.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + damaged.slice(at + Math.floor(random() * 3));
    }
    const file = parseBicep(damaged);
    if (file.statements.some((s, i) => i > 0 && s.start < file.statements[i - 1]!.end)) overlapping++;
    for (let offset = 0; offset < damaged.length; offset += 97) assert.equal(locateInBicep(file, offset)?.name, linear(file, offset), `trial ${trial} offset ${offset}`);
  }
  assert.ok(overlapping > 0, 'some damaged files have overlapping statements');
});


test('object keys are offsets, not nodes; an interpolated key keeps its string and evaluates to its text', () => {
  const text = "param p string = 'x'\nvar o = {\n  plain: 1\n  'quoted-key': 2\n  '${p}-made': 3\n}\n";
  const file = parseBicep(text);
  const declaration = file.statements.find((s) => s.kind === 'var') as Extract<Statement, { kind: 'var' }>;
  assert.equal(declaration.value.kind, 'object');
  const members = declaration.value.kind === 'object' ? declaration.value.members : [];
  const keys = members.map((m) => (m.kind === 'property' ? [m.key, text.slice(m.keyStart, m.keyEnd), m.interpolatedKey?.kind] : []));
  assert.deepEqual(keys, [['plain', 'plain', undefined], ['quoted-key', "'quoted-key'", undefined], [undefined, "'${p}-made'", 'string']]);
  const value = evaluateBicep(declaration.value, new BicepTemplate('file:///w/main.bicep', file, new Map()));
  assert.equal(value.kind, 'object');
  const evaluated = value.kind === 'object' ? [...value.members.entries()].map(([name, member]) => [name, text.slice(member.keySpan!.start, member.keySpan!.end)]) : [];
  assert.deepEqual(evaluated, [['plain', 'plain'], ['quoted-key', "'quoted-key'"], ['x-made', "'${p}-made'"]]);
});

test('object properties are found case-insensitively, also a key whose lower case is longer than itself (U+0130)', () => {
  const file = parseBicep("var o = {\n  '\u0130d': 1\n  publicNetworkAccess: 2\n  'kelvin\u212a': 3\n}\n");
  const object = (file.statements[0] as Extract<Statement, { kind: 'var' }>).value;
  assert.equal(object.kind, 'object');
  if (object.kind !== 'object') return;
  const valueOf = (name: string) => {
    const found = findProperty(object, name)?.value;
    return found?.kind === 'integer' ? found.value : undefined;
  };
  // 'İd'.toLowerCase() is 'i̇d', three characters for two.
  assert.deepEqual(['i\u0307d', '\u0130D', 'PUBLICNETWORKACCESS', 'publicnetworkaccess', 'KELVINk', 'public'].map(valueOf), [1, 1, 2, 2, 3, undefined]);
});

test('spreading an array of any size within the evaluation budget works (no argument-list overflow)', () => {
  const file = parseBicep("var items = [...range(0, 300000), 'last', ...[1]]\nvar count = length(items)\nvar merged = {\n  ...{ a: 1 }\n  b: 2\n}\n");
  const template = new BicepTemplate('file:///w/main.bicep', file);
  assert.equal(describeValue(template.lookup('count')), '300002');
  const merged = template.lookup('merged');
  assert.deepEqual(merged?.kind === 'object' ? [...merged.members.keys()] : merged, ['a', 'b']);
});

test("multi-line interpolated strings: $''' opens holes with one $, $$''' with two, and so on; lossless, no escapes", () => {
  const evaluated = (source: string) => {
    const file = parseBicep(`var name = 'Anthony'\nvar v = ${source}\n`);
    assert.deepEqual(file.diagnostics, [], source);
    assert.equal(roundTrip(file), file.text);
    const value = new BicepTemplate('file:///w/main.bicep', file).lookup('v')!;
    return value.kind === 'string' ? value.value : `${value.kind}`;
  };
  // Bicep's own sample (MultilineStrings): the first line break is dropped, as in ''' strings.
  assert.equal(evaluated("$'''\nHello,\nmy\nname is\n${name}\n'''"), 'Hello,\nmy\nname is\nAnthony\n');
  assert.equal(evaluated("$$$'''\n${name}\n$${name}\n$$${name}\n$$$${name}\n'''"), '${name}\n$${name}\nAnthony\n$Anthony\n');
  assert.equal(evaluated("$''''''"), '');
  assert.equal(evaluated("$'''abc${123}${456}jk$l${789}p$'''"), 'abc123456jk$l789p$');
  assert.equal(evaluated("$'''abc${'def${123}'}_${'${456}${789}'}'''"), 'abcdef123_456789');
  // Compiled to format('{{{0}{{0}}{1}}}', 123, true()), which writes a boolean as .NET does.
  assert.equal(evaluated("$'''{${123}{0}${true}}'''"), '{123{0}True}');
  assert.equal(evaluated("$$'''abc$${123}'''"), 'abc123');
  assert.equal(evaluated("$'''\r\nno \\n escapes ${name}''''"), "no \\n escapes Anthony'");
  // A hole's braces nest; the string goes on after it.
  assert.equal(evaluated("$'''a${{ k: 'x' }.k}b'''"), 'axb');
  // A registry property written with one is evaluated like any other string.
  const registry = "var access = 'Dis'\nresource r 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r'\n  properties: {\n    publicNetworkAccess: $'''${access}abled'''\n  }\n}\n";
  const file = parseBicep(registry);
  assert.deepEqual(file.diagnostics, []);
  // An unterminated one is a diagnostic, and still lossless.
  const open = parseBicep("var v = $'''abc${1}def\n");
  assert.equal(roundTrip(open), open.text);
  assert.ok(open.diagnostics.some((d) => /not terminated/.test(d.message)));
  // A $ that starts no multi-line string is still an unexpected character.
  assert.ok(parseBicep("var v = $'x'\n").diagnostics.some((d) => d.message === "Unexpected character '$'."));
});

test('lambda parameters one per line, and types over several lines (`resourceInput<...>` broken across lines, unions going on with |)', () => {
  const source = [
    "var joined = reduce(['abc', 'def'], '', (\n  cur,\n  // a comment between parameters\n  next\n) => concat(cur, next))",
    "type test2 = resourceInput<\n\n     'Microsoft.ContainerRegistry/registries@2025-11-01'\n\n>.name",
    "type tupleUnion = ['foo', 'bar']\n|['fizz', 'buzz']\n|['snap', 'pop']",
    "param props resourceInput<\n  'Microsoft.ContainerRegistry/registries@2025-11-01'\n>.properties = {\n  publicNetworkAccess: 'Enabled'\n}",
    "param access 'Enabled'\n  | 'Disabled' = 'Disabled'",
    "var after = props.publicNetworkAccess",
  ].join('\n') + '\n';
  const file = parseBicep(source);
  assert.deepEqual(file.diagnostics, []);
  assert.equal(roundTrip(file), source);
  assert.deepEqual(file.statements.map((s) => `${s.kind} ${'name' in s && s.name ? s.name.name : ''}`), ['var joined', 'type test2', 'type tupleUnion', 'param props', 'param access', 'var after']);
  const template = new BicepTemplate('file:///w/main.bicep', file);
  assert.deepEqual(describeValue(template.lookup('joined')!), "'abcdef'");
  assert.deepEqual(describeValue(template.lookup('after')!), "'Enabled'");
  assert.deepEqual(describeValue(template.lookup('access')!), "'Disabled'");
});
