/** Applies PSRule configuration to an analysis: ignored paths, excluded rules, suppressions with their reasons. */
import { toJson } from '../evaluate/value';
import { ALL_RULES, findRule } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import { decideSuppression, isPathIgnored, isRuleEnabled, type ProjectConfiguration } from '../psrule/projectConfiguration';
import type { SuppressionTarget } from '../psrule/suppressionGroups';
import type { ResourceModel } from '../model/resource';
import type { Span } from '../types';
import type { DocumentAnalysis, Notice } from './analyzeDocument';

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
  const inSource = analysis.suppressed.filter(enabled);
  const suppressed = [...inSource];
  const notices = [...analysis.notices];
  const failsRun = project.options?.ruleSuppressed === 'error';
  for (const finding of analysis.findings.filter(enabled)) {
    const decision = decideSuppression(suppressionTarget(finding.ruleId, finding.resource), project, now);
    if (!decision.suppressed) {
      findings.push(finding);
      continue;
    }
    const reason = decision.reason ?? 'suppressed';
    suppressed.push({ ...finding, suppression: { reason, kind: 'external' } });
    if (failsRun) notices.push(suppressionError(finding.ruleId, finding.resource, reason, finding.span, project));
  }
  if (failsRun) {
    // PSRule does not read acr-guard's comments and pragmas: it applies its own suppression there too.
    for (const finding of inSource) {
      const decision = decideSuppression(suppressionTarget(finding.ruleId, finding.resource), project, now);
      if (decision.suppressed) notices.push(suppressionError(finding.ruleId, finding.resource, decision.reason ?? 'suppressed', finding.span, project));
    }
    // PSRule decides a suppression before it runs the rule: a registry that passes, suppressed, fails its run too.
    const judged = new Set([...analysis.findings, ...analysis.suppressed].map((finding) => `${finding.ruleId}\0${finding.resource.uri}\0${finding.resource.typeSpan.start}`));
    for (const resource of analysis.resources) {
      if (resource.uri !== analysis.uri) continue;
      for (const rule of ALL_RULES) {
        const ruleId = rule.metadata.id;
        if (rule.metadata.resourceType !== resource.type.toLowerCase() || !isRuleApplied(ruleId, configuration) || judged.has(`${ruleId}\0${resource.uri}\0${resource.typeSpan.start}`)) continue;
        const decision = decideSuppression(suppressionTarget(ruleId, resource), project, now);
        if (decision.suppressed) notices.push(suppressionError(ruleId, resource, decision.reason ?? 'suppressed', resource.nameSpan ?? resource.typeSpan, project, true));
      }
    }
  }
  return { ...analysis, findings, suppressed, notices };
}

/** What PSRule matches a suppression against: the rule, and the resource's name, type and tags. */
function suppressionTarget(ruleId: string, resource: ResourceModel): SuppressionTarget {
  const tagsValue = resource.instances[0]?.resolve(['tags']).value;
  const tags = tagsValue ? (toJson(tagsValue) as Record<string, unknown> | undefined) : undefined;
  return {
    ruleId,
    ruleRef: findRule(ruleId)?.metadata.ref,
    name: resource.knownName ?? resource.displayName,
    // A condition on a name or tags acr-guard cannot evaluate decides nothing: PSRule would see the real ones.
    nameUnknown: resource.knownName === undefined,
    type: resource.type,
    tags,
    tagsUnknown: tagsValue !== undefined && tags === undefined,
  };
}

/** `execution.ruleSuppressed: Error`: PSRule writes an error for every suppressed rule, and its run fails. */
function suppressionError(ruleId: string, resource: ResourceModel, reason: string, span: Span, project: ProjectConfiguration, passes = false): Notice {
  const passing = passes ? `, though '${resource.knownName ?? resource.displayName}' passes it` : '';
  return {
    span,
    severity: 'error',
    failsRun: true,
    ruleId,
    message: `PSRule fails its run on this suppression (execution.ruleSuppressed is Error in ${project.options?.path}): ${ruleId} is ${reason}${passing}.`,
  };
}

/** Whether a rule runs under this configuration: PSRule's rule include and exclude, unless the user set its severity. */
export function isRuleApplied(ruleId: string, configuration: AppliedConfiguration): boolean {
  const ref = findRule(ruleId)?.metadata.ref;
  return configuration.userSetRules?.has(ruleId.toLowerCase()) || isRuleEnabled(ruleId, ref, configuration.project.options);
}
