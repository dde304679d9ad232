/**
 * `.bicepparam` files (`using './main.bicep'`): the template is evaluated with their values, and findings are
 * reported in the .bicepparam file on the `param` value that decides them. JSON parameter files that belong to a
 * .bicep template come through here too.
 */
import { parseBicep, type BicepFile } from '../bicep/parser';
import { BicepTemplate, type CompileTimeFiles } from '../bicep/template';
import { evaluateBicep, type BicepScope } from '../bicep/evaluator';
import { spanOf } from '../bicep/syntax';
import { objectValue, passedValue, withOrigin, type Value } from '../evaluate/value';
import { once } from '../once';
import { resolveInWorkspace } from '../arm/parameterFile';
import type { RuleFinding } from '../rules/rule';
import type { SourceDocument } from '../types';
import { checkArmTemplate, empty, type DocumentAnalysis, type ReadScope } from './analyzeDocument';
import { documentKindOf } from './documentKind';
import { parseArmModule } from './moduleFiles';
import { applyPragmas, checkBicepDeployment, compileTimeFiles, dependingOn, restoredTarget } from './analyzeBicep';
import { BICEP_PRAGMA, suppressionFix, withExtraFix } from './inlineSuppression';
import { movedSuppression, reportForParameterFile, reportInParameterFile, withDeclaration, type CheckWithValues, type SuppliedAt } from './parameterFindings';
import { isRestoredModulePath, registryModuleConfig } from '../bicep/registryModules';
import type { TextSource } from './ruleContext';
import { armStringParameters, bicepStringParameters, type StringParameters } from './stringParameters';
import { bicepParamWriter, jsonParameterFileWriter } from './parameterFileWriters';
import type { JsonNode } from '../syntax/json';

export function analyzeBicepParams(document: SourceDocument, textOf: TextSource, readScope: ReadScope): DocumentAnalysis {
  const { workspaceRoots } = readScope;
  const result = empty(document.uri, 'bicepParams');
  const file = parseBicep(document.text, { kind: 'bicepparam' });
  const using = file.statements.find((s) => s.kind === 'using');
  const path = using?.kind === 'using' ? using.path?.pieces.join('') : undefined;
  if (!using || !path) return result;
  const resolved = usingTarget(path, document.uri, dependingOn(textOf, result), readScope);
  if (!resolved) {
    // An untitled document has no folder for a relative path to start from.
    if (!document.uri.startsWith('file:') && !isRestoredModulePath(path)) result.notices.push({ span: spanOf(using), message: `'${path}' is relative to this document, which is not saved yet: save it to check the template it uses.`, severity: 'information' });
    return result;
  }
  if ('refused' in resolved) {
    result.notices.push({ span: spanOf(using), message: resolved.refused, severity: 'warning' });
    return result;
  }
  const { uri: target, restored } = resolved;
  const text = textOf(target);
  // Also when it cannot be read yet: a template written or a module restored later is checked when it appears.
  result.dependencies.push(target);
  if (text === undefined) {
    // A registry module Bicep has not restored yet has nothing to check until it is.
    if (!restored) result.notices.push({ span: spanOf(using), message: `'${path}' cannot be read.`, severity: 'warning' });
    return result;
  }
  const files = compileTimeFiles(textOf, readScope, result);
  const layers = extendedFiles(document.uri, file, textOf, workspaceRoots, result);
  result.dependencies.push(...layers.slice(1).map((layer) => layer.uri));
  const values = parameterValues(layers, files);
  let findings: RuleFinding[];
  let supplied: ReadonlyMap<string, () => Value> = values;
  let checkWith: CheckWithValues;
  /** the template's string parameters, and how its values are keyed, for the values a search finds */
  let strings: { parameters: () => StringParameters; key: (name: string) => string };
  if (documentKindOf(target) === 'json') {
    // `using './azuredeploy.json'`: an ARM template, whose parameter names are case-insensitive.
    const template = parseArmModule(target, text, readScope.workspaceRoots);
    if (template.kind !== 'template' || !template.root) {
      result.notices.push({ span: spanOf(using), message: `'${path}' is not an ARM template.`, severity: 'warning' });
      return result;
    }
    supplied = new Map([...values].map(([name, value]) => [name.toLowerCase(), value] as const));
    const checked = checkArmTemplate(template, supplied, textOf, readScope);
    result.dependencies.push(...checked.dependencies);
    findings = checked.findings;
    checkWith = (other) => checkArmTemplate(template, other, textOf, readScope).findings;
    strings = { parameters: () => armStringParameters(template), key: (name) => name.toLowerCase() };
  } else {
    const template = parseBicep(text);
    findings = bicepDeploymentFindings(target, template, values, textOf, readScope, result);
    checkWith = (other) => bicepDeploymentFindings(target, template, other, textOf, readScope, empty(document.uri, 'bicepParams'));
    strings = { parameters: () => bicepStringParameters(template), key: (name) => name };
  }
  const extendsStatement = file.statements.find((s) => s.kind === 'extends');
  const baseUris = layers.slice(1).map((layer) => layer.uri);
  const decided = (finding: RuleFinding): RuleFinding[] => {
    const here = reportInParameterFile(finding, document.uri);
    if (here.length > 0 || !extendsStatement) return here;
    // Decided in a file this one extends: reported on the extends statement, fixed in that file.
    const decider = finding.decidingOrigins.find((origin) => baseUris.includes(origin.uri));
    if (!decider) return [];
    return [
      {
        ...finding,
        uri: document.uri,
        span: spanOf(extendsStatement),
        related: [{ location: { uri: decider.uri, span: decider.span }, message: 'the value that decides it, in the extended parameter file' }, ...withDeclaration(finding)],
        fixes: once(() => finding.fixes().filter((fix) => fix.edits.every((edit) => baseUris.includes(edit.uri)))),
        suppression: movedSuppression(finding),
      },
    ];
  };
  // A parameter set in this file, or else in one it extends (reported on the extends statement then).
  const suppliedAt: SuppliedAt = (name) => {
    for (const layer of layers) {
      const set = layer.file.statements.find((s) => s.kind === 'paramAssignment' && s.name.name.toLowerCase() === name.toLowerCase());
      if (set?.kind !== 'paramAssignment') continue;
      if (layer === layers[0]) return { name: set.name.name, span: spanOf(set.value), written: true };
      return extendsStatement && { name: set.name.name, span: spanOf(extendsStatement) };
    }
    return undefined;
  };
  // A suppression on the registry ("for this resource") holds here too, and so does a pragma on the line above the finding.
  const reported = applyPragmas(file, reportForParameterFile(findings, document.uri, suppliedAt, supplied, checkWith, { decided, text: document.text, strings: { ...strings, write: bicepParamWriter(document.uri, document.text, file) } }));
  result.findings = reported.filter((finding) => !finding.suppression).map((finding) => withExtraFix(finding, () => suppressionFix(document.text, finding, BICEP_PRAGMA)));
  result.suppressed = reported.filter((finding) => finding.suppression);
  result.dependencies.push(...files.loaded);
  return result;
}

/**
 * The template a `using` statement names: a file inside the workspace, or a registry module or template spec
 * (`using 'br:...'`, `using 'ts:...'`) where Bicep restores it (`readConfig` reads bicepconfig.json).
 */
function usingTarget(path: string, fromUri: string, readConfig: TextSource, readScope: ReadScope): { uri: string; restored: boolean } | { refused: string } | undefined {
  if (isRestoredModulePath(path)) {
    const uri = restoredTarget(path, () => registryModuleConfig(fromUri, readConfig, readScope.homeDirectory), readScope.homeDirectory);
    return uri === undefined ? undefined : { uri, restored: true };
  }
  const resolved = resolveInWorkspace(path, fromUri, readScope.workspaceRoots);
  return resolved && 'uri' in resolved ? { uri: resolved.uri, restored: false } : resolved;
}

/** Files a parameter file may extend, one through another (Bicep allows chains; a cycle or a longer chain stops). */
const MAX_EXTENDED_FILES = 8;

interface ParameterLayer {
  uri: string;
  file: BicepFile;
}

/** This parameter file, then the one it extends (`extends 'base.bicepparam'`), and so on; problems are notices. */
function extendedFiles(uri: string, file: BicepFile, textOf: TextSource, workspaceRoots: readonly string[], result: DocumentAnalysis): ParameterLayer[] {
  const layers: ParameterLayer[] = [{ uri, file }];
  const notice = (message: string) => {
    const statement = file.statements.find((s) => s.kind === 'extends')!;
    result.notices.push({ span: spanOf(statement), message, severity: 'warning' });
  };
  for (;;) {
    const last = layers[layers.length - 1]!;
    const statement = last.file.statements.find((s) => s.kind === 'extends');
    if (!statement) return layers;
    const path = statement.kind === 'extends' && statement.value?.kind === 'string' && statement.value.expressions.length === 0 ? statement.value.pieces.join('') : undefined;
    const resolved = path === undefined ? undefined : resolveInWorkspace(path, last.uri, workspaceRoots);
    if (!resolved) return layers;
    if ('refused' in resolved) {
      notice(resolved.refused);
      return layers;
    }
    const base = resolved.uri;
    if (layers.some((layer) => layer.uri === base)) {
      notice(`'${path}' is already in this chain of extended parameter files (a cycle); it is read once.`);
      return layers;
    }
    if (layers.length > MAX_EXTENDED_FILES) {
      notice(`more than ${MAX_EXTENDED_FILES} parameter files extend one another; acr-guard reads the first ${MAX_EXTENDED_FILES + 1}.`);
      return layers;
    }
    const text = textOf(base);
    if (text === undefined) {
      notice(`'${path}' cannot be read.`);
      return layers;
    }
    layers.push({ uri: base, file: parseBicep(text, { kind: 'bicepparam' }) });
  }
}

/**
 * The parameter values the layers give, the farthest extended file first: each file's assignments override what it
 * extends, and `base` in a file is the object of the values it extends. Values keep their place in their own file.
 */
function parameterValues(layers: readonly ParameterLayer[], files: CompileTimeFiles): Map<string, () => Value> {
  let supplied = new Map<string, () => Value>();
  const layerUris = new Set(layers.map((layer) => layer.uri));
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index]!;
    const inherited = supplied;
    // The file's own variables may feed its parameter values.
    const own = new BicepTemplate(layer.uri, layer.file, new Map(), files);
    const base = once(() => objectValue([...inherited].map(([name, value]) => ({ name, value: value() }))));
    const extending = index < layers.length - 1;
    const scope: BicepScope = extending ? { uri: own.uri, budget: own.budget, lookup: (name) => own.lookup(name) ?? (name === 'base' ? base() : undefined), loadFile: (uri) => own.loadFile(uri), loadBytes: (uri) => own.loadBytes(uri), listFiles: (uri) => own.listFiles(uri), userFunction: (name, namespace) => own.userFunction(name, namespace) } : own;
    supplied = new Map(inherited);
    for (const statement of layer.file.statements) {
      if (statement.kind !== 'paramAssignment') continue;
      const { value } = statement;
      const name = statement.name.name;
      supplied.set(
        name,
        once(() => {
          const passed = passedValue(evaluateBicep(value, scope), layer.uri, spanOf(value), 'parameterValue', name);
          // A value decided in a file it imports (a shared variable) is reported, and fixed, where this file passes it.
          return passed.origin && !layerUris.has(passed.origin.uri) ? withOrigin(passed, { uri: layer.uri, span: spanOf(value), kind: 'parameterValue', name }) : passed;
        }),
      );
    }
  }
  return supplied;
}

/** Findings of a .bicep template evaluated with a parameter file's values, re-homed into that parameter file. */
export function bicepTemplateFindingsForParameterFile(templateUri: string, templateText: string, suppliedByLowerCaseName: ReadonlyMap<string, () => Value>, textOf: TextSource, readScope: ReadScope, parameters: DocumentAnalysis, suppliedAt: SuppliedAt, parameterFile: { text: string; root: JsonNode | undefined }): RuleFinding[] {
  // ARM matches a JSON parameter file's names to the template's in any case: under the names the Bicep file declares.
  const template = parseBicep(templateText);
  const supplied = new Map<string, () => Value>();
  for (const statement of template.statements) {
    const value = statement.kind === 'param' ? suppliedByLowerCaseName.get(statement.name.name.toLowerCase()) : undefined;
    if (value && statement.kind === 'param') supplied.set(statement.name.name, value);
  }
  const findings = bicepDeploymentFindings(templateUri, template, supplied, textOf, readScope, parameters);
  const strings = { parameters: () => bicepStringParameters(template), key: (name: string) => name, write: jsonParameterFileWriter(parameters.uri, parameterFile.text, parameterFile.root) };
  return reportForParameterFile(findings, parameters.uri, suppliedAt, supplied, (values) => bicepDeploymentFindings(templateUri, template, values, textOf, readScope, empty(parameters.uri, 'armParameters')), { text: parameterFile.text, strings });
}

/**
 * The findings of a .bicep template deployed with a parameter file's values, its modules' included. What the template
 * and its modules read (modules, loaded and imported files) are the parameter file's dependencies too; notices about
 * the template belong to its own analysis.
 */
function bicepDeploymentFindings(templateUri: string, templateFile: BicepFile, supplied: ReadonlyMap<string, () => Value>, textOf: TextSource, readScope: ReadScope, parameters: DocumentAnalysis): RuleFinding[] {
  const template = empty(templateUri, 'bicep');
  const findings = checkBicepDeployment(templateUri, templateFile, textOf, readScope, template, supplied);
  parameters.dependencies.push(...template.dependencies);
  return findings;
}
