/**
 * The engine's front door: text in, findings out. Transport-free; never throws (an internal error becomes an
 * `internalError` on the result so callers can log it once and carry on).
 */
import { MAX_JSON_DEPTH, parseArmDocument, type ArmDocument } from '../arm/armDocument';
import { TemplateScope } from '../arm/templateScope';
import { walkTemplate } from '../arm/resourceWalker';
import { buildArmResources, nodeSpan } from '../arm/armResources';
import { linkTemplate, literalScope, parameterFileValues } from '../arm/parameterFile';
import { EvaluationBudget } from '../evaluate/expressions/evaluator';
import type { Value } from '../evaluate/value';
import type { ResourceModel } from '../model/resource';
import { ALL_RULES, SELECTED_TYPES } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import type { Severity, SourceDocument, Span } from '../types';
import { documentKindOf } from './documentKind';
import { createRuleContext, type RegistryDeclarations, type TextSource } from './ruleContext';
import type { RuleContext } from '../rules/rule';
import { analyzeBicep } from './analyzeBicep';
import { analyzeBicepParams, bicepTemplateFindingsForParameterFile } from './analyzeBicepParams';
import { locateDeclaration } from '../arm/describeLocation';
import { findProperty, findValue, keyOf, stringOf } from '../syntax/json';
import { reportForParameterFile, withMessage, withoutEditsInCache, type SuppliedAt } from './parameterFindings';
import { isRestoredModuleUri } from '../bicep/registryModules';
import { LinkedTemplates } from './linkedTemplates';
import { applyInlineSuppressions, suppressionFix, withExtraFix } from './inlineSuppression';
import { armFlagDefaults, flagDefaultFixes } from './flagDefaults';
import { applyConfiguration, type AppliedConfiguration } from './applyConfiguration';
import { withFixesWhereDeclared } from './fixesWhereDeclared';
import { withFixesAsChoices } from './queries';
import { mapped } from '../collections';
import { armStringParameters } from './stringParameters';
import { jsonParameterFileWriter } from './parameterFileWriters';
import { ParameterDefaults } from '../psrule/parameterDefaults';

export type DocumentKind = 'armTemplate' | 'armParameters' | 'bicep' | 'bicepParams' | 'other';

/** A message about the document that is not a rule finding (a refused link, a template that cannot be read). */
export interface Notice {
  span: Span;
  message: string;
  severity: Severity;
  /** PSRule fails its run on this (a suppression, with `execution.ruleSuppressed: Error`): so does the CLI */
  failsRun?: boolean;
  /** the rule it is about, when it is about one: a rule the editor's settings turn off shows none */
  ruleId?: string;
}

export interface DocumentAnalysis {
  uri: string;
  kind: DocumentKind;
  resources: ResourceModel[];
  /** active findings */
  findings: RuleFinding[];
  /** findings a suppression applies to, each with its reason, for reports that list them */
  suppressed: RuleFinding[];
  notices: Notice[];
  /** other documents this analysis read: a change to any of them makes it stale */
  dependencies: string[];
  internalError?: Error;
}

export interface AnalysisHost {
  /** Text of another document (open or on disk); undefined when unreadable or outside the workspace roots. */
  readText?: TextSource;
  /** workspace root URIs (for the CLI: the scanned roots); references may not leave them */
  workspaceRoots?: readonly string[];
  /** PSRule configuration (ps-rule.yaml, suppression groups) that applies to this document */
  configuration?: AppliedConfiguration;
  /** the user's home directory, a file URI: Bicep restores registry modules into ~/.bicep */
  homeDirectory?: string;
  /** A file's bytes on disk (`loadFileAsBase64`, `loadTextContent` in another encoding); undefined as for readText. */
  readBytes?: (uri: string) => Uint8Array | undefined;
  /** The names of the files (not folders) in a folder (`loadDirectoryFileInfo`); undefined as for readText. */
  listFiles?: (uri: string) => string[] | undefined;
}

/** Where an analysis reads other files: inside the workspace, and Bicep's module cache (see registryModules.ts). */
export interface ReadScope {
  workspaceRoots: readonly string[];
  homeDirectory?: string;
  readBytes?: (uri: string) => Uint8Array | undefined;
  listFiles?: (uri: string) => string[] | undefined;
  /** PSRule's AZURE_PARAMETER_DEFAULTS from the options file that applies: values for parameters nothing else sets */
  parameterDefaults?: ParameterDefaults;
}

export function analyzeDocument(document: SourceDocument, host: AnalysisHost = {}): DocumentAnalysis {
  try {
    const textOf = snapshotOf(document, host);
    const analysis = analyzeUnsafe(document, textOf, host);
    // Each file once, however many declarations, modules and deployments read it.
    analysis.dependencies = [...new Set(analysis.dependencies)];
    analysis.findings = withFixesWhereDeclared(analysis.findings.map(withFixesAsChoices), {
      document,
      workspaceRoots: host.workspaceRoots ?? [],
      textOf,
      findingsOf: (other, textOf) => {
        try {
          const again = analyzeUnsafe(other, snapshotOf(other, { readText: textOf }), host);
          return [...again.findings, ...again.suppressed];
        } catch {
          return undefined;
        }
      },
    });
    if (analysis.dependencies.some(isRestoredModuleUri)) {
      const roots = host.workspaceRoots ?? [];
      analysis.findings = analysis.findings.map((finding) => withoutEditsInCache(finding, roots));
      analysis.suppressed = analysis.suppressed.map((finding) => withoutEditsInCache(finding, roots));
    }
    return host.configuration ? applyConfiguration(analysis, host.configuration) : analysis;
  } catch (error) {
    return { ...empty(document.uri, 'other'), internalError: error instanceof Error ? error : new Error(String(error)) };
  }
}

export function empty(uri: string, kind: DocumentKind): DocumentAnalysis {
  return { uri, kind, resources: [], findings: [], suppressed: [], notices: [], dependencies: [] };
}

/**
 * The texts one analysis reads, each read once: its fixes, made later, see the files as it saw them, and a file read
 * for every finding (a module's text, for each edit of a parameter default there) is not read from disk each time.
 */
function snapshotOf(document: SourceDocument, host: Pick<AnalysisHost, 'readText'>): TextSource {
  const texts = new Map<string, string | undefined>();
  return (uri) => {
    if (uri === document.uri) return document.text;
    if (!texts.has(uri)) texts.set(uri, host.readText?.(uri));
    return texts.get(uri);
  };
}

function analyzeUnsafe(document: SourceDocument, textOf: TextSource, host: AnalysisHost): DocumentAnalysis {
  const language = documentKindOf(document.uri, document.languageId);
  const options = host.configuration?.project.options;
  const parameterDefaults = ParameterDefaults.fromOptions(options?.path, options?.parameterDefaults);
  const readScope: ReadScope = { workspaceRoots: host.workspaceRoots ?? [], homeDirectory: host.homeDirectory, readBytes: host.readBytes, listFiles: host.listFiles, parameterDefaults };
  if (language === 'bicep') return analyzeBicep(document, textOf, readScope);
  if (language === 'bicepParams') return analyzeBicepParams(document, textOf, readScope);
  if (language !== 'json') return empty(document.uri, language);

  const arm = parseArmDocument(document.uri, document.text);
  if (arm.tooDeepAt !== undefined && arm.kind !== 'other') {
    const result = empty(document.uri, arm.kind === 'template' ? 'armTemplate' : 'armParameters');
    result.notices.push({ span: { start: arm.tooDeepAt, end: arm.tooDeepAt + 1 }, message: `Brackets nest more than ${MAX_JSON_DEPTH} levels deep here; acr-guard does not analyse this file.`, severity: 'warning' });
    return result;
  }
  if (arm.kind === 'template' && arm.root) return analyzeTemplate(arm, textOf, readScope);
  if (arm.kind === 'parameters' && arm.root) return analyzeParameterFile(arm, textOf, readScope);
  return empty(document.uri, 'other');
}

function analyzeTemplate(arm: ArmDocument, textOf: TextSource, readScope: ReadScope): DocumentAnalysis {
  const result = empty(arm.uri, 'armTemplate');
  const linked = new LinkedTemplates(arm.uri, textOf, readScope, result, arm);
  const { resources, findings: all } = checkArmTemplate(arm, new Map(), textOf, readScope, [], linked);
  const text = arm.json.text;
  // Registries of linked templates (`templateLink.relativePath`) are reported here, where they are deployed from.
  const found = all.flatMap((f) => linked.rehome(f, (document, values) => checkArmTemplate(document, values, textOf, readScope).findings, all));
  const judged = applyInlineSuppressions(arm.json, found);
  result.resources = resources;
  const flagFixes = flagDefaultFixes(arm.uri, () => armFlagDefaults(arm), (values) => checkArmTemplate(arm, values, textOf, readScope).findings);
  result.findings = mapped(judged.filter((f) => !f.suppression), (found) => {
    const finding = withExtraFix(found, () => flagFixes(found)[0]);
    return withExtraFix(finding, () => suppressionFix(text, finding));
  });
  result.suppressed = judged.filter((f) => f.suppression);
  return pointAtBicepSource(arm, result, textOf);
}

/**
 * A template compiled from Bicep (`metadata._generator.name` is bicep) with its .bicep source beside it: its findings
 * stay, and a hint says the source of truth is the .bicep file, with related information on the registry there.
 */
function pointAtBicepSource(arm: ArmDocument, result: DocumentAnalysis, textOf: TextSource): DocumentAnalysis {
  if (result.findings.length === 0) return result;
  const generator = stringOf(findValue(findValue(findValue(arm.root, 'metadata'), '_generator'), 'name'));
  if (generator?.toLowerCase() !== 'bicep') return result;
  const sourceUri = arm.uri.replace(/\.json$/i, '.bicep');
  const sourceText = sourceUri === arm.uri ? undefined : textOf(sourceUri);
  if (sourceText === undefined) return result;
  result.dependencies.push(sourceUri);
  const source = analyzeBicep({ uri: sourceUri, text: sourceText }, textOf);
  const sourceName = sourceUri.slice(sourceUri.lastIndexOf('/') + 1);
  result.findings = result.findings.map((finding) => {
    const twin = source.resources.find((r) => r.type.toLowerCase() === finding.resource.type.toLowerCase() && (r.knownName === undefined || r.knownName === finding.resource.knownName));
    const related = twin ? [{ location: { uri: sourceUri, span: twin.declarationSpan }, message: `the registry's Bicep source: fix it there` }] : [];
    return { ...finding, ...withMessage(finding, `${finding.message} This file is compiled from ${sourceName}: fix the source there and rebuild.`), related: [...related, ...finding.related] };
  });
  return result;
}

function analyzeParameterFile(arm: ArmDocument, textOf: TextSource, readScope: ReadScope): DocumentAnalysis {
  const { workspaceRoots } = readScope;
  const result = empty(arm.uri, 'armParameters');
  const link = linkTemplate(arm.uri, arm.root!, { readText: (uri) => textOf(uri), workspaceRoots });
  if (link.kind === 'refused') {
    result.notices.push({ span: link.span ?? { start: 0, end: 0 }, message: link.message, severity: 'warning' });
    return result;
  }
  if (link.kind === 'none') return result;
  result.dependencies.push(link.uri);
  const supplied = parameterFileValues(arm.root!, literalScope(arm.uri, arm.json.text));
  const suppliedAt: SuppliedAt = (name) => {
    const property = findProperty(findValue(arm.root, 'parameters'), name);
    const entry = property?.children?.[1];
    const value = findValue(entry, 'value') ?? findValue(entry, 'reference');
    const written = property && keyOf(property);
    return value && written !== undefined ? { name: written, span: nodeSpan(value), written: true } : undefined;
  };
  if (documentKindOf(link.uri) === 'bicep') {
    const judged = applyInlineSuppressions(arm.json, bicepTemplateFindingsForParameterFile(link.uri, link.text, supplied, textOf, readScope, result, suppliedAt, { text: arm.json.text, root: arm.root }));
    result.findings = mapped(judged.filter((f) => !f.suppression), (finding) => withExtraFix(finding, () => suppressionFix(arm.json.text, finding)));
    result.suppressed = judged.filter((f) => f.suppression);
    return result;
  }
  const template = parseArmDocument(link.uri, link.text);
  if (template.kind !== 'template' || !template.root) return result;
  const { resources, findings, dependencies } = armTemplateFindingsForParameterFile(template, supplied, textOf, readScope, arm, suppliedAt);
  result.dependencies.push(...dependencies);
  result.resources = resources;
  const judged = applyInlineSuppressions(arm.json, findings);
  result.findings = mapped(judged.filter((f) => !f.suppression), (finding) => withExtraFix(finding, () => suppressionFix(arm.json.text, finding)));
  result.suppressed = judged.filter((f) => f.suppression);
  return result;
}

/** An ARM template evaluated with a JSON parameter file's values (keyed by lower-case name), its findings re-homed there. */
function armTemplateFindingsForParameterFile(template: ArmDocument, supplied: ReadonlyMap<string, () => Value>, textOf: TextSource, readScope: ReadScope, parameters: ArmDocument, suppliedAt: SuppliedAt) {
  const { resources, findings, dependencies } = checkArmTemplate(template, supplied, textOf, readScope, [parameters]);
  const checkWith = (values: ReadonlyMap<string, () => Value>) => checkArmTemplate(template, values, textOf, readScope).findings;
  const strings = { parameters: () => armStringParameters(template), key: (name: string) => name.toLowerCase(), write: jsonParameterFileWriter(parameters.uri, parameters.json.text, parameters.root) };
  return { resources, dependencies, findings: reportForParameterFile(findings, parameters.uri, suppliedAt, supplied, checkWith, { text: parameters.json.text, strings }) };
}

/**
 * An ARM template's registries and findings with supplied parameter values (keyed by lower-case name), its links
 * followed (`relativePath`, restored template specs); `dependencies` are the files the links read or looked for. An
 * inline comment on a registry, in its own file, suppresses its finding wherever it is reported (in the linking
 * template, a parameter file).
 */
export function checkArmTemplate(
  template: ArmDocument,
  supplied: ReadonlyMap<string, () => Value>,
  textOf: TextSource,
  readScope: ReadScope,
  others: readonly ArmDocument[] = [],
  // Notices about links belong to the template's own analysis, not to whoever supplies its values.
  linked = new LinkedTemplates(template.uri, textOf, readScope, empty(template.uri, 'armTemplate'), template),
) {
  const scope = new TemplateScope(template.uri, template.root!, supplied, new EvaluationBudget(), template.json.text, readScope.parameterDefaults);
  const resources = buildArmResources(template.uri, template.json.text, walkTemplate(scope, { types: SELECTED_TYPES, linkedTemplate: linked.read, linkedParameters: linked.parameters, linkedPassing: linked.passing }));
  const templates = [template, ...linked.documents.values()];
  const findings = suppressedInOwnFiles(runRules(resources, textOf, [...templates, ...others]), templates);
  return { resources, findings, dependencies: [...linked.documents.keys(), ...linked.looked] };
}

/** Each finding judged by the inline comments of the template it is reported in (its registry's own file). */
function suppressedInOwnFiles(findings: RuleFinding[], templates: readonly ArmDocument[]): RuleFinding[] {
  const judged = new Map<RuleFinding, RuleFinding>();
  for (const template of templates) {
    const own = findings.filter((finding) => finding.uri === template.uri);
    applyInlineSuppressions(template.json, own).forEach((finding, index) => judged.set(own[index]!, finding));
  }
  return findings.map((finding) => judged.get(finding) ?? finding);
}

function runRules(resources: readonly ResourceModel[], textOf: TextSource, templates: readonly ArmDocument[]): RuleFinding[] {
  const context = createRuleContext(textOf, registryDeclarations(resources, templates.map((t) => t.uri)), (uri, offset) => {
    const root = templates.find((t) => t.uri === uri)?.root;
    return root ? locateDeclaration(root, offset) : undefined;
  });
  return checkResources(resources, context);
}

export function registryDeclarations(resources: readonly ResourceModel[], templateUris: readonly string[]): RegistryDeclarations {
  return {
    templateUris,
    declarations: resources.filter((r) => r.type.toLowerCase() === 'microsoft.containerregistry/registries').map((r) => ({ uri: r.uri, span: r.declarationSpan })),
  };
}

export function checkResources(resources: readonly ResourceModel[], context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const resource of resources) {
    // Once per resource, not per rule: lower-casing a type allocates.
    const type = resource.type.toLowerCase();
    for (const rule of ALL_RULES) {
      if (type !== rule.metadata.resourceType) continue;
      const finding = rule.check(resource, context);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
