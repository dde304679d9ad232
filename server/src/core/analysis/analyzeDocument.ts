/**
 * The engine's front door: text in, findings out. Transport-free; never throws (an internal error becomes an
 * `internalError` on the result so callers can log it once and carry on).
 */
import { parseArmDocument } from '../arm/armDocument';
import { TemplateScope } from '../arm/templateScope';
import { walkTemplate } from '../arm/resourceWalker';
import { buildArmResources } from '../arm/armResources';
import { EvaluationBudget } from '../evaluate/arm/evaluator';
import type { ResourceModel } from '../model/resource';
import { ALL_RULES, SELECTED_TYPES } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import type { SourceDocument } from '../types';
import { createRuleContext, type TextSource } from './ruleContext';

export type DocumentKind = 'armTemplate' | 'armParameters' | 'bicep' | 'bicepParams' | 'other';

export interface DocumentAnalysis {
  uri: string;
  kind: DocumentKind;
  resources: ResourceModel[];
  findings: RuleFinding[];
  internalError?: Error;
}

export interface AnalysisHost {
  /** Text of another document (open or on disk) the analysis may read; undefined when unreadable or not allowed. */
  readText?: TextSource;
}

export function documentKindOf(uri: string): 'bicep' | 'bicepParams' | 'json' {
  const path = uri.replace(/[?#].*$/, '').toLowerCase();
  if (path.endsWith('.bicep')) return 'bicep';
  if (path.endsWith('.bicepparam')) return 'bicepParams';
  return 'json';
}

export function analyzeDocument(document: SourceDocument, host: AnalysisHost = {}): DocumentAnalysis {
  try {
    return analyzeUnsafe(document, host);
  } catch (error) {
    return { uri: document.uri, kind: 'other', resources: [], findings: [], internalError: error instanceof Error ? error : new Error(String(error)) };
  }
}

function analyzeUnsafe(document: SourceDocument, host: AnalysisHost): DocumentAnalysis {
  const textOf: TextSource = (uri) => (uri === document.uri ? document.text : host.readText?.(uri));
  const language = documentKindOf(document.uri);
  if (language !== 'json') return { uri: document.uri, kind: language, resources: [], findings: [] };

  const arm = parseArmDocument(document.uri, document.text);
  if (arm.kind !== 'template' || !arm.root) {
    return { uri: document.uri, kind: arm.kind === 'parameters' ? 'armParameters' : 'other', resources: [], findings: [] };
  }
  const scope = new TemplateScope(document.uri, arm.root, new Map(), new EvaluationBudget());
  const resources = buildArmResources(document.uri, document.text, walkTemplate(scope, { types: SELECTED_TYPES }));
  return { uri: document.uri, kind: 'armTemplate', resources, findings: runRules(resources, textOf, document.uri) };
}

function runRules(resources: readonly ResourceModel[], textOf: TextSource, reportIn: string): RuleFinding[] {
  const context = createRuleContext(textOf);
  const findings: RuleFinding[] = [];
  for (const resource of resources) {
    for (const rule of ALL_RULES) {
      if (resource.type.toLowerCase() !== rule.metadata.resourceType) continue;
      const finding = rule.check(resource, context);
      if (finding && resource.uri === reportIn) findings.push(finding);
    }
  }
  return findings;
}
