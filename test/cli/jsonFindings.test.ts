/** The JSON report's findings are written as text directly: it must be exactly what JSON.stringify writes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { FindingFormatter, jsonString, ReportWriter, type FindingToFormat, type Positions } from '../../server/src/cli/formats';
import type { ReportableFinding } from '../../server/src/cli/scan';
import type { FixAction, Span } from '../../server/src/core/types';

let seed = 5;
const next = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
/** Characters of every class JSON.stringify treats apart: plain, quote, backslash, controls, non-ASCII, surrogates. */
const CHARACTERS = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u0001', '\u001f', '\u007f', '\u00e9', '\u2028', '\u{1F433}', '\ud800', '\udfff', '\ufeff'];
const randomString = () => Array.from({ length: next(12) }, () => CHARACTERS[next(CHARACTERS.length)]).join('');

test('strings are written exactly as JSON.stringify writes them, escapes and lone surrogates included', () => {
  for (let i = 0; i < 5000; i++) {
    const value = randomString();
    assert.equal(jsonString(value), JSON.stringify(value), JSON.stringify(value));
  }
});

test('JSON findings are exactly JSON.stringify of the version 1 contract: every member, fix and edit, in any file', () => {
  const cwd = '/work/repo';
  const own = { path: '/work/repo/infra/main.json', display: 'infra/main.json', root: cwd };
  const other = '/work/repo/infra/main.parameters.json';
  const unread = '/work/repo/infra/gone.json';
  // Offsets become positions by a rule the test can repeat: line = offset / 100, character = offset % 100.
  const positions: Positions = { positionAt: (offset) => ({ line: Math.floor(offset / 100), character: offset % 100 }) };
  const linesOf = (path: string) => (path === other ? positions : undefined);
  const span = (): Span => {
    const start = next(100000);
    return { start, end: start + next(300) };
  };
  const range = (s: Span) => ({ start: positions.positionAt(s.start), end: positions.positionAt(s.end) });

  const findings: FindingToFormat[] = [];
  const expected: unknown[] = [];
  for (let i = 0; i < 300; i++) {
    const fixes: FixAction[] = Array.from({ length: next(4) }, () => ({
      title: randomString(),
      isPreferred: next(2) === 0,
      edits: Array.from({ length: next(3) }, () => ({ uri: pathToFileURL([own.path, other, unread][next(3)]!).href, span: span(), newText: randomString() })),
    }));
    const suppression = next(3) === 0 ? { reason: randomString(), kind: 'external' as const } : undefined;
    const finding: ReportableFinding = {
      ruleId: 'Azure.ACR.ExportPolicy',
      uri: pathToFileURL(own.path).href,
      span: span(),
      message: randomString(),
      unresolved: next(4) === 0,
      related: [],
      fixes: () => fixes,
      suppression,
      resource: { type: 'Microsoft.ContainerRegistry/registries', displayName: randomString() },
    };
    const severity = finding.unresolved ? 'information' : 'warning';
    findings.push({ finding, severity, file: own, lines: positions });
    expected.push({
      ruleId: finding.ruleId,
      severity,
      file: own.display,
      range: range(finding.span),
      message: finding.message,
      resource: { type: finding.resource.type, name: finding.resource.displayName },
      fixes: fixes.map((fix) => ({
        title: fix.title,
        isPreferred: fix.isPreferred,
        edits: fix.edits.map((edit) => {
          const path = new URL(edit.uri).pathname;
          return { file: path === own.path ? own.display : path.slice(cwd.length + 1), range: path === unread ? null : range(edit.span), newText: edit.newText };
        }),
      })),
      ...(suppression ? { suppressed: true, reason: suppression.reason } : {}),
    });
  }
  let report = '';
  const writer = new ReportWriter('json', (piece) => (report += piece));
  const formatter = new FindingFormatter('json', cwd, linesOf);
  for (let start = 0; start < findings.length; start += 7) writer.add(formatter.render(findings.slice(start, start + 7)));
  writer.finish({ suppressed: [], changes: [], scanned: 1 });
  assert.equal(report, `${JSON.stringify({ version: 1, findings: expected }, null, 2)}\n`);
  assert.ok(report.includes('"range": null') && report.includes('"edits": []') && report.includes('"fixes": []') && report.includes('"suppressed": true'));
});
