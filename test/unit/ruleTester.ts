/**
 * Table-driven rule tests in the manner of typescript-eslint's RuleTester: valid cases must report nothing;
 * invalid cases state every diagnostic and the exact text after the fix, and the fixed text must parse without new
 * syntax errors and re-analyse clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits, fixAll } from '../../server/src/core/analysis/queries';
import { parseJson } from '../../server/src/core/syntax/json';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { TextEdit } from '../../server/src/core/types';
import type { RuleFinding } from '../../server/src/core/rules/rule';

export interface ExpectedDiagnostic {
  ruleId?: string;
  /** 1-based, like an editor shows it */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** exact message, or a pattern it must match */
  message?: string | RegExp;
  unresolved?: boolean;
}

export interface ValidCase {
  name: string;
  code: string;
  /** file name, default template.json */
  file?: string;
  /** other files the analysis may read, by file name */
  files?: Record<string, string>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedDiagnostic[];
  /** text after fix-all (the preferred fix of every finding) or after `fix`; null when fix-all makes no edit */
  output: string | null;
  /** apply this fix (by title) of the only finding instead of the preferred ones */
  fix?: string;
  /** expected texts of other files after the fix, by file name */
  otherOutputs?: Record<string, string>;
}

const uriOf = (file: string) => `file:///workspace/${file}`;
const NOT_PREMIUM = /Export policies need the Premium SKU/;

function analyze(code: string, file: string, files: Record<string, string> = {}): DocumentAnalysis {
  return analyzeDocument(
    { uri: uriOf(file), text: code },
    { readText: (uri) => Object.entries(files).find(([name]) => uriOf(name) === uri)?.[1] },
  );
}

function syntaxErrorCount(text: string, file: string): number {
  if (file.endsWith('.bicep') || file.endsWith('.bicepparam')) return parseBicep(text, { kind: file.endsWith('.bicepparam') ? 'bicepparam' : 'bicep' }).diagnostics.length;
  return parseJson(text).errors.length;
}

export function runRuleTests(suite: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    assert.ok(!names.has(c.name), `duplicate test name '${c.name}'`);
    names.add(c.name);
    const key = `${c.file ?? ''}\n${c.code}\n${JSON.stringify(c.files ?? {})}`;
    assert.ok(!codes.has(key), `duplicate test case code in '${c.name}'`);
    codes.add(key);
  }

  for (const c of cases.valid) {
    test(`${suite} valid: ${c.name}`, () => {
      const analysis = analyze(c.code, c.file ?? 'template.json', c.files);
      assert.equal(analysis.internalError, undefined, analysis.internalError?.stack);
      assert.deepEqual(analysis.findings.map((f) => f.message), [], 'a valid case must report nothing');
    });
  }

  for (const c of cases.invalid) {
    test(`${suite} invalid: ${c.name}`, () => {
      assert.ok(c.errors.length > 0, 'an invalid case must expect at least one diagnostic');
      const file = c.file ?? 'template.json';
      const analysis = analyze(c.code, file, c.files);
      assert.equal(analysis.internalError, undefined, analysis.internalError?.stack);
      const lines = new LineIndex(c.code);
      const actual = analysis.findings.map((f) => {
        const start = lines.positionAt(f.span.start);
        const end = lines.positionAt(f.span.end);
        return { ruleId: f.ruleId, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message: f.message, unresolved: f.unresolved };
      });
      assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} diagnostics, got:\n${JSON.stringify(actual, null, 2)}`);
      c.errors.forEach((expected, i) => {
        const got = actual[i]!;
        assert.equal(got.ruleId, expected.ruleId ?? 'Azure.ACR.ExportPolicy');
        assert.deepEqual([got.line, got.column], [expected.line, expected.column], `diagnostic ${i} position: ${got.message}`);
        if (expected.endLine !== undefined) assert.deepEqual([got.endLine, got.endColumn], [expected.endLine, expected.endColumn], `diagnostic ${i} end`);
        if (typeof expected.message === 'string') assert.equal(got.message, expected.message);
        else if (expected.message) assert.match(got.message, expected.message);
        if (expected.unresolved !== undefined) assert.equal(got.unresolved, expected.unresolved);
      });

      assertEveryFixFixes(analysis, c.code, file, c.files ?? {});
      // A registry that is not Premium is the user's to decide (the plain fix would not deploy, the SKU change costs).
      for (const finding of analysis.findings.filter((f) => NOT_PREMIUM.test(f.message))) assert.deepEqual(fixAll([finding]), [], `fix-all would fix a registry that is not Premium: ${finding.message}`);
      const edits = selectEdits(analysis, c.fix);
      if (edits.length === 0) {
        assert.equal(c.output, null, 'fix-all makes no edit (no fix, or none it may apply), so output must be null');
        return;
      }
      assert.notEqual(c.output, null, 'the rule offers a fix: state the expected output');
      assertNoOverlap(edits);
      const { [file]: fixed, ...fixedFiles } = applyToFiles(edits, { ...(c.files ?? {}), [file]: c.code });
      assert.equal(fixed, c.output, 'Output is incorrect.');
      for (const [name, expected] of Object.entries(c.otherOutputs ?? {})) assert.equal(fixedFiles[name], expected, `${name} after the fix`);
      assert.ok(syntaxErrorCount(fixed!, file) <= syntaxErrorCount(c.code, file), 'the fix introduced a syntax error');
      const again = analyze(fixed!, file, fixedFiles);
      assert.deepEqual(again.findings.map((f) => f.message), [], 'the fixed text must re-analyse clean');
    });
  }
}

/**
 * Every fix offered, not only the one the case applies, must leave its files parsing as well as before and take its
 * finding away: an action that changes the text but not the verdict is no fix. (Suppressions are judged elsewhere.)
 */
function assertEveryFixFixes(analysis: DocumentAnalysis, code: string, file: string, files: Record<string, string>): void {
  const texts: Record<string, string> = { ...files, [file]: code };
  for (const finding of analysis.findings) {
    const sameRegistry = (f: RuleFinding) => f.ruleId === finding.ruleId && f.resource.displayName === finding.resource.displayName;
    const before = analysis.findings.filter(sameRegistry).length;
    for (const fix of finding.fixes()) {
      if (fix.suppresses) continue;
      const fixed = applyToFiles(fix.edits, texts);
      for (const [name, text] of Object.entries(texts)) {
        if (fixed[name] !== text) assert.ok(syntaxErrorCount(fixed[name]!, name) <= syntaxErrorCount(text, name), `'${fix.title}' introduced a syntax error in ${name}`);
      }
      const { [file]: own, ...others } = fixed;
      const after = analyze(own!, file, others).findings.filter(sameRegistry).length;
      assert.ok(after < before, `'${fix.title}' leaves the finding: ${finding.message}`);
    }
  }
}

/** The case's files (by name) after `edits`, each file's own applied to it. */
function applyToFiles(edits: readonly TextEdit[], texts: Record<string, string>): Record<string, string> {
  const fixed = { ...texts };
  for (const [name, text] of Object.entries(texts)) {
    const own = edits.filter((e) => e.uri === uriOf(name));
    if (own.length > 0) fixed[name] = applyEdits(text, own);
  }
  return fixed;
}

function selectEdits(analysis: DocumentAnalysis, title: string | undefined): TextEdit[] {
  if (title === undefined) return fixAll(analysis.findings);
  assert.equal(analysis.findings.length, 1, 'selecting a fix by title needs exactly one finding');
  const fix = analysis.findings[0]!.fixes().find((f) => f.title === title);
  assert.ok(fix, `no fix titled '${title}': ${analysis.findings[0]!.fixes().map((f) => f.title).join(', ')}`);
  return fix.edits;
}

function assertNoOverlap(edits: readonly TextEdit[]): void {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i]!;
      const b = edits[j]!;
      if (a.uri !== b.uri) continue;
      const overlap = a.span.start < b.span.end && b.span.start < a.span.end;
      assert.ok(!overlap, `edits overlap: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }
  }
}
