/**
 * Fix-all keeps the preferred fix of each finding unless one of its new edits overlaps an edit already chosen. It
 * finds overlaps by binary search; this checks it against the direct comparison with every chosen edit, on
 * thousands of generated fixes with inserts, touching spans, repeated edits and several files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/core/analysis/queries';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import type { RuleFinding } from '../../server/src/core/rules/rule';
import type { FixAction, Span, TextEdit } from '../../server/src/core/types';

/** The earlier implementation, kept as the specification: each new edit against every chosen one. */
function fixAllByComparingEveryPair(findings: readonly RuleFinding[]): TextEdit[] {
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const key = (e: TextEdit) => `${e.uri}#${e.span.start}:${e.span.end}:${e.newText}`;
  const chosen: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const fixes = finding.fixes().filter((f) => !f.suppresses);
    const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => chosen.some((c) => c.uri === e.uri && overlaps(c.span, e.span)))) continue;
    for (const edit of fresh) {
      seen.add(key(edit));
      chosen.push(edit);
    }
  }
  return chosen;
}

/** A small deterministic generator (mulberry32), so a failure can be reproduced from its seed. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

function generatedFindings(seed: number, count: number): RuleFinding[] {
  const next = random(seed);
  const edit = (): TextEdit => {
    const start = next(400);
    // A third are inserts; few texts differ, so the same edit often comes from two findings.
    const length = next(3) === 0 ? 0 : 1 + next(12);
    return { uri: `file:///w/${next(2)}.json`, span: { start, end: start + length }, newText: `t${next(3)}` };
  };
  // A fix's own edits never overlap one another (the rule makes them so, and applying them needs it).
  const fix = (): FixAction => {
    const edits: TextEdit[] = [];
    for (let i = 1 + next(3); i > 0; i--) {
      const candidate = edit();
      if (!edits.some((e) => e.uri === candidate.uri && e.span.start < candidate.span.end && candidate.span.start < e.span.end)) edits.push(candidate);
    }
    return { title: 'fix', isPreferred: next(2) === 0, suppresses: next(6) === 0, edits };
  };
  return Array.from({ length: count }, () => {
    const fixes = Array.from({ length: next(4) }, fix);
    return { fixes: () => fixes } as unknown as RuleFinding;
  });
}

test('fix-all chooses exactly what comparing every pair of edits chooses', () => {
  let chosenInAll = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const findings = generatedFindings(seed, 20 + seed * 10);
    const chosen = fixAll(findings);
    assert.deepEqual(chosen, fixAllByComparingEveryPair(findings), `seed ${seed}`);
    chosenInAll += chosen.length;
  }
  // The cases must exercise both outcomes: many fixes kept and many refused for an overlap.
  assert.ok(chosenInAll > 1000, `only ${chosenInAll} edits chosen`);
});

test("fix-all over many registries that share a variable's object adds the missing members to it once, reading the file once", () => {
  const count = 80;
  const registries = Array.from({ length: count }, (_, i) => `resource acr${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr${i}'\n  sku: { name: 'Premium' }\n  properties: props\n}\n`).join('');
  const text = `var props = {\n  publicNetworkAccess: 'Disabled'\n}\n${registries}`;
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text });
  assert.equal(analysis.findings.length, count);
  const parser = require('../../server/src/core/bicep/parser') as { parseBicep: (text: string, options?: object) => unknown };
  const parse = parser.parseBicep;
  let parses = 0;
  parser.parseBicep = (source, options) => ((parses += source === text ? 1 : 0), parse(source, options));
  let edits: TextEdit[];
  try {
    edits = fixAll(analysis.findings);
  } finally {
    parser.parseBicep = parse;
  }
  assert.equal(parses, 1);
  assert.deepEqual(edits.map((e) => [e.span.start, e.newText]), [[text.indexOf('}\n'), "  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n"]]);
});
