/**
 * The rule checks that a document's own registries pass: what a report that lists passes as well as failures (the
 * CLI's NUnit format, as PSRule writes it) shows besides the findings. Registries of modules, linked templates or a
 * parameter file's template are listed by their own files; this document lists only how it fails them.
 */
import { ALL_RULES } from '../rules/index';
import type { ResourceModel } from '../model/resource';
import { isPathIgnored } from '../psrule/projectConfiguration';
import type { DocumentAnalysis } from './analyzeDocument';
import { isRuleApplied, type AppliedConfiguration } from './applyConfiguration';

export interface PassedCheck {
  ruleId: string;
  resource: ResourceModel;
}

export function passedChecks(analysis: DocumentAnalysis, configuration?: AppliedConfiguration): PassedCheck[] {
  if (analysis.internalError || (configuration && isPathIgnored(configuration.filePath, configuration.project.inputFilter))) return [];
  const key = (ruleId: string, resource: ResourceModel) => `${ruleId}\0${resource.uri}\0${resource.declarationSpan.start}`;
  // Judged already: failing, not verifiable, or suppressed.
  const judged = new Set([...analysis.findings, ...analysis.suppressed].map((finding) => key(finding.ruleId, finding.resource)));
  const passed: PassedCheck[] = [];
  for (const resource of analysis.resources) {
    if (resource.uri !== analysis.uri) continue;
    for (const rule of ALL_RULES) {
      const id = rule.metadata.id;
      if (resource.type.toLowerCase() !== rule.metadata.resourceType || judged.has(key(id, resource))) continue;
      if (configuration && !isRuleApplied(id, configuration)) continue;
      // A declaration is modelled once per way it is deployed (a linked template from two links): listed once.
      judged.add(key(id, resource));
      passed.push({ ruleId: id, resource });
    }
  }
  return passed;
}
