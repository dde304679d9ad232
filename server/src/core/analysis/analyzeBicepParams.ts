/**
 * `.bicepparam` files (`using './main.bicep'`): the template is evaluated with their values, and findings are
 * reported in the .bicepparam file on the `param` value that decides them. JSON parameter files that belong to a
 * .bicep template come through here too.
 */
import { parseBicep } from '../bicep/parser';
import { BicepTemplate, CompileTimeFiles } from '../bicep/template';
import { evaluateBicep } from '../bicep/evaluator';
import { spanOf } from '../bicep/syntax';
import { withOrigin, type Value } from '../evaluate/value';
import { isInside } from '../arm/parameterFile';
import type { RuleFinding } from '../rules/rule';
import type { SourceDocument } from '../types';
import { empty, type DocumentAnalysis } from './analyzeDocument';
import { checkBicepTemplate } from './analyzeBicep';
import { reportInParameterFile } from './parameterFindings';
import type { TextSource } from './ruleContext';

export function analyzeBicepParams(document: SourceDocument, textOf: TextSource, workspaceRoots: readonly string[]): DocumentAnalysis {
  const result = empty(document.uri, 'bicepParams');
  const file = parseBicep(document.text, { kind: 'bicepparam' });
  const using = file.statements.find((s) => s.kind === 'using');
  const path = using?.kind === 'using' ? using.path?.pieces.join('') : undefined;
  if (!using || !path || /^(br|ts)[:/]/i.test(path)) return result;
  let target: string;
  try {
    target = new URL(path, document.uri).href;
  } catch {
    return result;
  }
  if (workspaceRoots.length > 0 && !isInside(target, workspaceRoots)) {
    result.notices.push({ span: spanOf(using), message: `'${path}' is outside the workspace; acr-guard does not read it.`, severity: 'warning' });
    return result;
  }
  const text = textOf(target);
  if (text === undefined) {
    result.notices.push({ span: spanOf(using), message: `'${path}' cannot be read.`, severity: 'warning' });
    return result;
  }
  result.dependencies.push(target);
  // The .bicepparam file's own variables may feed its parameter values.
  const own = new BicepTemplate(document.uri, file, new Map(), new CompileTimeFiles(textOf));
  const supplied = new Map<string, () => Value>();
  for (const statement of file.statements) {
    if (statement.kind !== 'paramAssignment') continue;
    const { value } = statement;
    const name = statement.name.name;
    supplied.set(name, () => {
      const evaluated = evaluateBicep(value, own);
      const origin = evaluated.origin;
      return origin && origin.kind === 'literal' && origin.span.start >= value.start && origin.span.end <= value.end ? withOrigin(evaluated, { ...origin, kind: 'parameterValue', name }) : evaluated;
    });
  }
  result.findings = bicepTemplateFindingsForParameterFile(target, text, supplied, textOf, document.uri);
  result.dependencies.push(...own.loadedFiles);
  return result;
}

/** Findings of a .bicep template evaluated with a parameter file's values, re-homed into that parameter file. */
export function bicepTemplateFindingsForParameterFile(templateUri: string, templateText: string, supplied: ReadonlyMap<string, () => Value>, textOf: TextSource, parameterUri: string): RuleFinding[] {
  const { findings } = checkBicepTemplate(templateUri, parseBicep(templateText), textOf, supplied);
  return findings.flatMap((finding) => reportInParameterFile(finding, parameterUri));
}
