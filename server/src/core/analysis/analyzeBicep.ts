/** Bicep files: parse, evaluate, check, and honour `#disable-next-line` / `#disable-diagnostics` pragmas. */
import { parseBicep, type BicepFile } from '../bicep/parser';
import { BicepTemplate } from '../bicep/template';
import { buildBicepResources } from '../bicep/resources';
import { SELECTED_TYPES } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import { LineIndex, detectEol, indentationAt, isFirstOnLine, startOfLine } from '../text/lineIndex';
import type { FixAction, SourceDocument } from '../types';
import { checkResources, empty, registryDeclarations, type DocumentAnalysis } from './analyzeDocument';
import { createRuleContext, type TextSource } from './ruleContext';
import type { DeclarationLocation } from '../arm/describeLocation';

export function analyzeBicep(document: SourceDocument, textOf: TextSource): DocumentAnalysis {
  const file = parseBicep(document.text);
  const template = new BicepTemplate(document.uri, file);
  const resources = buildBicepResources(template, SELECTED_TYPES);
  const context = createRuleContext(
    textOf,
    registryDeclarations(resources, [document.uri]),
    (uri, offset) => (uri === document.uri ? locateInBicep(file, offset) : undefined),
    (uri, _kind, name) => (uri === document.uri ? identifierUsages(file, name) : undefined),
  );
  const found = checkResources(resources, context).filter((f) => f.uri === document.uri);
  const judged = applyPragmas(file, found);
  const findings = judged.filter((f) => !f.suppression).map((finding) => {
    const fix = pragmaFix(document.text, finding);
    return fix ? { ...finding, fixes: [...finding.fixes, fix] } : finding;
  });
  return { ...empty(document.uri, 'bicep'), resources, findings, suppressed: judged.filter((f) => f.suppression) };
}

function locateInBicep(file: BicepFile, offset: number): DeclarationLocation | undefined {
  for (const statement of file.statements) {
    if (offset < statement.span.start || offset >= statement.span.end) continue;
    if (statement.kind === 'param') return { kind: 'parameterDefault', name: statement.name.name, description: `the default value of parameter '${statement.name.name}'` };
    if (statement.kind === 'var') return { kind: 'variable', name: statement.name.name, description: `variable '${statement.name.name}'` };
  }
  return undefined;
}

/** Offsets of identifier tokens named `name`, except in its own declaration. */
function identifierUsages(file: BicepFile, name: string): number[] {
  const declaration = file.statements.find((s) => (s.kind === 'param' || s.kind === 'var') && s.name.name === name);
  return file.tokens
    .filter((t) => t.kind === 'identifier' && file.text.slice(t.start, t.end) === name && t.start !== (declaration && 'name' in declaration ? declaration.name?.span.start : -1))
    .map((t) => t.start);
}

function applyPragmas(file: BicepFile, findings: RuleFinding[]): RuleFinding[] {
  if (file.pragmas.length === 0) return findings;
  const lines = new LineIndex(file.text);
  const matches = (codes: string[], ruleId: string) => codes.length === 0 || codes.some((c) => c.toLowerCase() === ruleId.toLowerCase());
  return findings.map((finding) => {
    for (const offset of [finding.resource.declarationSpan.start, finding.span.start]) {
      const line = lines.positionAt(offset).line;
      const pragma = file.pragmas.find((p) => p.kind === 'disable-next-line' && lines.positionAt(p.start).line === line - 1 && matches(p.codes, finding.ruleId));
      if (pragma) return { ...finding, suppression: { reason: `suppressed by #disable-next-line on line ${line}` } };
      // #disable-diagnostics ... until a matching #restore-diagnostics.
      let disabled: number | undefined;
      for (const p of file.pragmas) {
        if (p.start > offset) break;
        if (p.kind === 'disable-diagnostics' && matches(p.codes, finding.ruleId)) disabled = lines.positionAt(p.start).line + 1;
        if (p.kind === 'restore-diagnostics' && matches(p.codes, finding.ruleId)) disabled = undefined;
      }
      if (disabled !== undefined) return { ...finding, suppression: { reason: `suppressed by #disable-diagnostics on line ${disabled}` } };
    }
    return finding;
  });
}

function pragmaFix(text: string, finding: RuleFinding): FixAction | undefined {
  const start = finding.resource.declarationSpan.start;
  if (!isFirstOnLine(text, start)) return undefined;
  const at = startOfLine(text, start);
  return {
    title: `Suppress ${finding.ruleId} for this resource`,
    isPreferred: false,
    edits: [{ uri: finding.uri, span: { start: at, end: at }, newText: `${indentationAt(text, start)}#disable-next-line ${finding.ruleId}${detectEol(text)}` }],
  };
}
