/** Applies PSRule configuration to an analysis: ignored paths, excluded rules, suppressions with their reasons. */
import { toJson } from '../evaluate/value';
import { findRule } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import { decideSuppression, isPathIgnored, isRuleEnabled, type ProjectConfiguration } from '../psrule/projectConfiguration';
import type { DocumentAnalysis } from './analyzeDocument';

export interface AppliedConfiguration {
  project: ProjectConfiguration;
  /** the analysed file's path, for input.pathIgnore */
  filePath: string;
  /** rule ids (lower case) whose severity the user set in the editor: those win over ps-rule.yaml */
  userSetRules?: ReadonlySet<string>;
  now?: Date;
}

export function applyConfiguration(analysis: DocumentAnalysis, configuration: AppliedConfiguration): DocumentAnalysis {
  const { project } = configuration;
  if (isPathIgnored(configuration.filePath, project.inputFilter)) return { ...analysis, findings: [], suppressed: [] };
  const now = configuration.now ?? new Date();
  const enabled = (finding: RuleFinding) => isRuleApplied(finding.ruleId, configuration);
  const findings: RuleFinding[] = [];
  const suppressed = analysis.suppressed.filter(enabled);
  for (const finding of analysis.findings.filter(enabled)) {
    const tagsValue = finding.resource.instances[0]?.resolve(['tags']).value;
    const tags = tagsValue ? (toJson(tagsValue) as Record<string, unknown> | undefined) : undefined;
    const decision = decideSuppression(
      {
        ruleId: finding.ruleId,
        ruleRef: findRule(finding.ruleId)?.metadata.ref,
        name: finding.resource.knownName ?? finding.resource.displayName,
        // A condition on a name or tags acr-guard cannot evaluate decides nothing: PSRule would see the real ones.
        nameUnknown: finding.resource.knownName === undefined,
        type: finding.resource.type,
        tags,
        tagsUnknown: tagsValue !== undefined && tags === undefined,
      },
      project,
      now,
    );
    if (decision.suppressed) suppressed.push({ ...finding, suppression: { reason: decision.reason ?? 'suppressed', kind: 'external' } });
    else findings.push(finding);
  }
  return { ...analysis, findings, suppressed };
}

/** Whether a rule runs under this configuration: PSRule's rule include and exclude, unless the user set its severity. */
export function isRuleApplied(ruleId: string, configuration: AppliedConfiguration): boolean {
  const ref = findRule(ruleId)?.metadata.ref;
  return configuration.userSetRules?.has(ruleId.toLowerCase()) || isRuleEnabled(ruleId, ref, configuration.project.options);
}
