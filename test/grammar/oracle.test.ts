/**
 * The grammar against an oracle: it must highlight exactly the value strings ARM evaluates as expressions
 * (`^\[(?!\[).*\]$` on the decoded value, keys excluded), and must leave every other character scoped exactly
 * as the JSON host grammar alone scopes it. Checked on generated documents and on the shared corpus, with the
 * test host and, where code-server is installed, with VS Code's own JSON and JSONC grammars.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import type { IGrammar } from 'vscode-textmate';
import { CORPUS, SKIP_REASON } from '../corpus/corpusPath';
import { installedVsCodeHosts, loadJsonGrammar, TEST_JSON_HOST, tokenizeLines } from './textmateHost';

const ARM_EXPRESSION = /^\[(?!\[)[\s\S]*\]$/;

interface Span { line: number; start: number; end: number }

/** Value strings (not property keys) whose decoded value ARM treats as an expression, as line spans quote to quote. */
function expectedExpressionSpans(text: string): Span[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const spans: Span[] = [];
  const visit = (node: Node): void => {
    const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
    if (node.type === 'string' && !isKey && node.parent !== undefined && ARM_EXPRESSION.test(String(node.value))) {
      let line = 0;
      for (let high = lineStarts.length - 1; line < high;) {
        const middle = Math.ceil((line + high) / 2);
        if (lineStarts[middle]! <= node.offset) line = middle; else high = middle - 1;
      }
      spans.push({ line, start: node.offset - lineStarts[line]!, end: node.offset + node.length - lineStarts[line]! });
    }
    node.children?.forEach(visit);
  };
  const root = parseTree(text);
  assert.ok(root, 'the document parses');
  visit(root);
  return spans;
}

/** `label` names the document in failures: the text itself when short, else its file name. */
function assertGrammarAgreesWithArm(text: string, label: string, withInjection: IGrammar, hostOnly: IGrammar): void {
  const expected = expectedExpressionSpans(text);
  const spansByLine = new Map<number, Span[]>();
  for (const span of expected) spansByLine.set(span.line, [...(spansByLine.get(span.line) ?? []), span]);
  const highlightedStarts: string[] = [];
  const hostLines = tokenizeLines(hostOnly, text);
  let line = 0;
  for (const tokens of tokenizeLines(withInjection, text)) {
    const hostTokens = hostLines.next().value ?? [];
    const spans = spansByLine.get(line) ?? [];
    // Walk both token lists together; every column outside an expression string must carry the same scopes.
    let hostIndex = 0;
    for (const token of tokens) {
      if (token.scopes.includes('punctuation.definition.expression.begin.arm')) highlightedStarts.push(`${line}:${token.startIndex - 1}`);
      const scopes = token.scopes.join(' ');
      for (let column = token.startIndex; column < token.endIndex; column++) {
        if (spans.some((span) => column >= span.start && column < span.end)) continue;
        while (hostTokens[hostIndex] !== undefined && hostTokens[hostIndex]!.endIndex <= column) hostIndex++;
        const hostScopes = hostTokens[hostIndex]?.scopes.join(' ');
        if (scopes !== hostScopes) assert.fail(`line ${line + 1} column ${column + 1}: ${scopes} instead of ${hostScopes} in\n${label}`);
      }
    }
    line++;
  }
  assert.deepEqual(highlightedStarts, expected.map((span) => `${span.line}:${span.start}`), label);
}

const trickyCharacter = fc.constantFrom('[', ']', "'", "''", '"', '\\', '(', ')', '.', ',', ':', ' ', 'fn', 'a.b(', '-1', '\n', '[[', ']"');
const trickyString = fc.oneof(
  fc.string({ unit: trickyCharacter, maxLength: 12 }),
  fc.string({ unit: trickyCharacter, maxLength: 10 }).map((inner) => `[${inner}]`),
);
const { document } = fc.letrec<{ document: Record<string, unknown>; value: unknown }>((tie) => ({
  document: fc.dictionary(trickyString, tie('value'), { maxKeys: 5 }),
  value: fc.oneof({ depthSize: 'small' }, trickyString, fc.integer(), fc.constant(null), tie('document'), fc.array(tie('value'), { maxLength: 4 })),
}));

const vscodeHosts = installedVsCodeHosts();
const hosts = [TEST_JSON_HOST, ...vscodeHosts];
const corpusHost = vscodeHosts.find((host) => host.scopeName === 'source.json') ?? TEST_JSON_HOST;

for (const host of hosts) {
  test(`generated documents, ${host.label}: expressions highlighted exactly where ARM sees them, the rest untouched`, async () => {
    const [withInjection, hostOnly] = await Promise.all([loadJsonGrammar(host, true), loadJsonGrammar(host, false)]);
    fc.assert(fc.property(document, fc.constantFrom(0, 2), (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      assertGrammarAgreesWithArm(text, text, withInjection, hostOnly);
    }), { numRuns: 300 });
  });

  test(`a hand-written document with comments, keys, escapes and malformed expressions, ${host.label}`, async () => {
    const [withInjection, hostOnly] = await Promise.all([loadJsonGrammar(host, true), loadJsonGrammar(host, false)]);
    const text = [
      '{"a": {"[k()]": ["[x(\'\\"[y]\\"\')]", "[[z]", "[broken(]"]}, "b": "[f()] tail",',
      '  // "[comment()]"',
      '  "c": /* "[comment()]" */ "[g()]", "d": "[concat(\'unterminated]"',
      '}',
    ].join('\n');
    assert.equal(expectedExpressionSpans(text).length, 4);
    assertGrammarAgreesWithArm(text, text, withInjection, hostOnly);
  });
}

test("VS Code's own JSON and JSONC grammars as hosts", { skip: vscodeHosts.length === 2 ? false : 'code-server is not installed (tools/e2e/setup-code-server.sh); checked against the test host only' }, () => {
  assert.deepEqual(vscodeHosts.map((host) => host.scopeName), ['source.json', 'source.json.comments']);
});

test(`corpus templates, ${corpusHost.label}: expressions highlighted exactly where ARM sees them, the rest untouched`, { skip: SKIP_REASON }, async () => {
  const [withInjection, hostOnly] = await Promise.all([loadJsonGrammar(corpusHost, true), loadJsonGrammar(corpusHost, false)]);
  const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.json'));
  assert.ok(files.length > 0, 'the corpus has JSON files');
  let expressions = 0;
  for (const file of files) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    expressions += expectedExpressionSpans(text).length;
    assertGrammarAgreesWithArm(text, file, withInjection, hostOnly);
  }
  assert.ok(expressions > 100, `only ${expressions} expressions in the corpus`);
});
