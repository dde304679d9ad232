/** Bicep files: parse, evaluate, check, and honour `#disable-next-line` / `#disable-diagnostics` pragmas. */
import type { ParameterDefaults } from '../psrule/parameterDefaults';
import { parseBicep, type BicepFile } from '../bicep/parser';
import type { Pragma } from '../bicep/lexer';
import { firstIndexPast, groupBy, mapped } from '../collections';
import { avmRegistryModel, isAvmRegistryModule, isOtherAvmResourceModule } from '../bicep/avmRegistryModule';
import { findProperty } from '../bicep/objectEditor';
import { evaluateBicep } from '../bicep/evaluator';
import { spanOf, type ModuleDeclaration } from '../bicep/syntax';
import { passedValue, type Value } from '../evaluate/value';
import { resolveInWorkspace } from '../arm/parameterFile';
import { isRestoredModulePath, registryModuleConfig, restoredModuleTarget, type RegistryModuleConfig } from '../bicep/registryModules';
import { once } from '../once';
import { ModuleFiles, parseArmModule, type ModuleFile, type ModuleResolver } from './moduleFiles';
import { failureFollowingFrom, reportAtDeployment, reportAtPassedValue, reportInParameterFile, unknownValuesOf } from './parameterFindings';
import { BICEP_PRAGMA, suppressionFix, withExtraFix, withExtraFixes } from './inlineSuppression';
import { FlagFlips } from './flagFlips';
import { armFlagDefaults, bicepFlagDefaults, flagDefaultFixes, flagsUnknown } from './flagDefaults';
import { passingFlagsFix, passingNeededValuesFixes, passingValuesFixes, type ModuleCaller } from './moduleFixes';
import { NeededValues } from './neededValues';
import { armStringParameters, bicepStringParameters } from './stringParameters';
import { BicepTemplate, CompileTimeFiles } from '../bicep/template';
import { buildBicepResources, expandDeclaration, type DeclarationBody } from '../bicep/resources';
import { SELECTED_TYPES } from '../rules/index';
import type { RuleFinding } from '../rules/rule';
import { LineIndex } from '../text/lineIndex';
import type { SourceDocument } from '../types';
import { checkArmTemplate, checkResources, empty, registryDeclarations, type DocumentAnalysis, type ReadScope } from './analyzeDocument';
import { findValue, keyOf } from '../syntax/json';
import { createRuleContext, type TextSource } from './ruleContext';
import { DeclarationLocators, locateInBicep } from './declarationLocators';

/**
 * Checks the registries a Bicep template deploys, in its own file, with these parameter values supplied; a pragma
 * there suppresses a finding wherever it is reported (in a caller, a parameter file).
 */
export function checkBicepTemplate(
  uri: string,
  file: BicepFile,
  textOf: TextSource,
  supplied: ReadonlyMap<string, () => Value> = new Map(),
  files = new CompileTimeFiles(textOf),
  /** where a value decided in another file read (a caller, a parameter file) is declared */
  declarations = new DeclarationLocators(textOf),
  /** PSRule's AZURE_PARAMETER_DEFAULTS */
  configured?: ParameterDefaults,
) {
  const template = new BicepTemplate(uri, file, supplied, files, undefined, configured);
  const resources = buildBicepResources(template, SELECTED_TYPES);
  const context = createRuleContext(
    textOf,
    registryDeclarations(resources, [uri]),
    (at, offset) => (at === uri ? locateInBicep(file, offset) : declarations.locate(at, offset)),
    (at, _kind, name) => (at === uri ? identifierUsages(file).get(name) ?? [] : undefined),
  );
  return { template, resources, findings: applyPragmas(file, checkResources(resources, context)), context };
}

export function analyzeBicep(document: SourceDocument, textOf: TextSource, readScope: ReadScope = { workspaceRoots: [] }): DocumentAnalysis {
  const file = parseBicep(document.text);
  const result = empty(document.uri, 'bicep');
  const judged = checkBicepDeployment(document.uri, file, textOf, readScope, result).filter((f) => f.uri === document.uri);
  const flagFixes = flagDefaultFixes(document.uri, () => bicepFlagDefaults(file), (values) => checkBicepDeployment(document.uri, file, textOf, readScope, empty(document.uri, 'bicep'), values));
  result.findings = mapped(judged.filter((f) => !f.suppression), (found) => {
    const finding = withExtraFix(found, () => flagFixes(found)[0]);
    return withExtraFix(finding, () => suppressionFix(document.text, finding, BICEP_PRAGMA));
  });
  result.suppressed = judged.filter((f) => f.suppression);
  return result;
}

/** Module files deployed one inside another that are followed; Bicep allows more, but rejects a cycle. */
const MAX_MODULE_DEPTH = 8;
/**
 * Module deployments (a declaration, or an item of its loop) followed below the first level, in all: fan-out at every
 * level multiplies, and this keeps a pathological tree from taking the editor down.
 */
const MAX_NESTED_DEPLOYMENTS = 1000;

/** Where a module deployment sits: the files it is a module of, outermost first, and what is left to follow. */
interface ModuleNesting {
  within: readonly string[];
  left: { deployments: number };
  /** the module files of the whole analysis, each read and parsed once */
  files: ModuleFiles;
}

/** What the modules of one deployment share while they are walked. */
interface DeploymentWalk {
  textOf: TextSource;
  readScope: ReadScope;
  /** the bicepconfig.json settings for registry modules the deploying file references, read when one is */
  registryModuleConfig: () => RegistryModuleConfig;
  /** takes the files read, the resources and the notices */
  result: DocumentAnalysis;
  nesting: ModuleNesting;
  /** local module paths resolved in this file: a file declares the same module many times */
  resolvedPaths: Map<string, ReturnType<typeof resolveInWorkspace>>;
  /** a module's findings with the parameters passed unknown, by module and names passed: the same for every call */
  withPassedUnknown: Map<string, readonly RuleFinding[]>;
}

/**
 * The findings of a Bicep template deployed with these parameter values, reported in the template: its own
 * registries, the AVM registry modules it declares and the registries of its local modules, and of theirs. Its
 * resources, the files it reads and its notices go into `result`.
 */
export function checkBicepDeployment(uri: string, file: BicepFile, textOf: TextSource, readScope: ReadScope, result: DocumentAnalysis, supplied: ReadonlyMap<string, () => Value> = new Map(), nesting: ModuleNesting = { within: [], left: { deployments: MAX_NESTED_DEPLOYMENTS }, files: new ModuleFiles(textOf, readScope.workspaceRoots) }): RuleFinding[] {
  const walk: DeploymentWalk = { textOf, readScope, result, nesting, resolvedPaths: new Map(), withPassedUnknown: new Map(), registryModuleConfig: once(() => registryModuleConfig(uri, dependingOn(textOf, result), readScope.homeDirectory)) };
  nesting.files.declarations.remember(uri, file);
  const { template, resources, findings: own, context } = checkBicepTemplate(uri, file, textOf, supplied, compileTimeFiles(textOf, readScope, result), nesting.files.declarations, readScope.parameterDefaults);
  result.resources.push(...resources);
  const moduleFile = (target: string): ModuleFile | undefined => {
    // Also when it is not there yet: a module written or restored later is checked when it appears.
    result.dependencies.push(target);
    return nesting.files.file(target);
  };
  const deeperModule: ModuleResolver = (path, fromUri) => deployedFile(path, fromUri, dependingOn(textOf, result), readScope);
  // What the modules deploy, reported here: a pragma on the module's line suppresses it too.
  const deployed: RuleFinding[] = [];
  for (const declaration of file.statements) {
    if (declaration.kind !== 'module') continue;
    const path = declaration.path.pieces.join('');
    if (isAvmRegistryModule(path)) {
      const model = avmRegistryModel(uri, file.text, declaration, template);
      if (model) {
        result.resources.push(model);
        deployed.push(...checkResources([model], context));
      }
    } else {
      const target = moduleTarget(path, uri, declaration, walk);
      // A module that cannot deploy a checked resource, at any depth, is not evaluated (its file is still depended on).
      if (target === undefined) continue;
      result.dependencies.push(target);
      if (nesting.files.canDeployChecked(target, deeperModule, (read) => result.dependencies.push(read))) deployed.push(...moduleFindings(uri, declaration, template, target, moduleFile, walk));
    }
  }
  result.dependencies.push(...template.loadedFiles);
  return [...own, ...applyPragmas(file, deployed)];
}

/**
 * The files Bicep reads when it compiles a template of this analysis: what it loads (text, bytes, folder listings)
 * and imports, imports from a registry where Bicep restores them (with the bicepconfig.json nearest to the importing
 * file).
 */
export function compileTimeFiles(textOf: TextSource, readScope: ReadScope, result: DocumentAnalysis): CompileTimeFiles {
  const { homeDirectory, workspaceRoots, readBytes, listFiles } = readScope;
  return new CompileTimeFiles(textOf, {
    restored: (path, fromUri) => restoredTarget(path, () => registryModuleConfig(fromUri, dependingOn(textOf, result), homeDirectory), homeDirectory),
    parseTemplate: (uri, text) => parseArmModule(uri, text, workspaceRoots),
    readBytes,
    listFiles,
  });
}

/** `textOf` that records every file it is asked for as a dependency, read or not (a file that appears later counts). */
export function dependingOn(textOf: TextSource, result: DocumentAnalysis): TextSource {
  return (uri) => {
    result.dependencies.push(uri);
    return textOf(uri);
  };
}

/**
 * Where Bicep restores the registry module or template spec a path names (`config` gives the bicepconfig.json
 * settings); undefined for an AVM resource module of another type, which cannot deploy a registry.
 */
export function restoredTarget(path: string, config: () => RegistryModuleConfig, homeDirectory: string | undefined): string | undefined {
  return isOtherAvmResourceModule(path) ? undefined : restoredModuleTarget(path, config(), homeDirectory);
}

/** The file a module path deploys (no notices: for looking ahead into modules' modules). */
function deployedFile(path: string, fromUri: string, textOf: TextSource, readScope: ReadScope): string | undefined {
  if (isRestoredModulePath(path)) return restoredTarget(path, () => registryModuleConfig(fromUri, textOf, readScope.homeDirectory), readScope.homeDirectory);
  const resolved = resolveInWorkspace(path, fromUri, readScope.workspaceRoots);
  return resolved && 'uri' in resolved ? resolved.uri : undefined;
}

/**
 * The file a module declaration deploys: a local file inside the workspace, or a registry module or template spec
 * where Bicep has restored it.
 */
function moduleTarget(path: string, callerUri: string, declaration: ModuleDeclaration, walk: DeploymentWalk): string | undefined {
  if (isRestoredModulePath(path)) return restoredTarget(path, walk.registryModuleConfig, walk.readScope.homeDirectory);
  let resolved = walk.resolvedPaths.get(path);
  if (resolved === undefined && !walk.resolvedPaths.has(path)) {
    resolved = resolveInWorkspace(path, callerUri, walk.readScope.workspaceRoots);
    walk.resolvedPaths.set(path, resolved);
  }
  if (resolved && 'refused' in resolved) walk.result.notices.push({ span: spanOf(declaration.path), message: `Module ${resolved.refused}`, severity: 'warning' });
  return resolved && 'uri' in resolved ? resolved.uri : undefined;
}

/** A module's registries, evaluated with the values the caller passes, reported in the caller. */
function moduleFindings(callerUri: string, declaration: ModuleDeclaration, caller: BicepTemplate, target: string, moduleFile: (uri: string) => ModuleFile | undefined, walk: DeploymentWalk): RuleFinding[] {
  const module = moduleFile(target);
  if (module === undefined) return [];
  // A module in a loop deploys once per item: each is checked with what it passes (the same finding once).
  const found = new Map<string, RuleFinding>();
  for (const body of expandDeclaration(declaration.value, caller)) {
    for (const finding of moduleBodyFindings(callerUri, caller.file, declaration, body, module, target, walk)) {
      const key = `${finding.uri}#${finding.span.start}:${finding.span.end}#${finding.message}`;
      if (!found.has(key)) found.set(key, finding);
    }
  }
  return [...found.values()];
}

/** The findings of a module's registries for one body of its declaration (one iteration of a loop). */
function moduleBodyFindings(callerUri: string, callerFile: BicepFile, declaration: ModuleDeclaration, body: DeclarationBody, module: ModuleFile, target: string, walk: DeploymentWalk): RuleFinding[] {
  const { textOf, readScope, result } = walk;
  const supplied = new Map<string, () => Value>();
  // An object given whole (`params: shared`, `...common`) passes its members; one that cannot be evaluated may pass
  // any parameter of the module.
  const passAll = (object: Value) => {
    if (object.kind === 'object') for (const member of object.members.values()) supplied.set(member.name, () => member.value);
    else if (object.kind === 'unknown') for (const name of moduleParameterNames(module)) supplied.set(name, () => object);
  };
  const params = findProperty(body.body, 'params')?.value;
  if (params && params.kind !== 'object') passAll(evaluateBicep(params, body.scope));
  else if (params?.kind === 'object') {
    // In order: a later property or spread passes a parameter again, and wins.
    for (const member of params.members) {
      if (member.kind === 'property' && member.key !== undefined) {
        const value = member.value;
        const name = member.key;
        supplied.set(name, () => passedValue(evaluateBicep(value, body.scope), callerUri, spanOf(value), 'deploymentParameter', name));
      } else if (member.kind === 'spread') passAll(evaluateBicep(member.expression, body.scope));
    }
  }
  let findings: RuleFinding[];
  /** how the module's own modules are followed, when they are */
  let nestedWalk: ModuleNesting | undefined;
  if (module.kind === 'arm') {
    const checked = checkArmTemplate(module.template, new Map([...supplied].map(([name, value]) => [name.toLowerCase(), value] as const)), textOf, readScope);
    result.dependencies.push(...checked.dependencies);
    findings = checked.findings;
  } else {
    // The module's own modules are deployed too, unless the file is already one this deployment is inside (Bicep
    // rejects a cycle) or the chain is too deep: then only its own registries.
    const within = [...walk.nesting.within, callerUri];
    const left = walk.nesting.left;
    if (!module.declaresModules || within.includes(target) || within.length > MAX_MODULE_DEPTH || (within.length > 1 && left.deployments-- <= 0)) {
      const checked = checkBicepTemplate(target, module.file, textOf, supplied, undefined, walk.nesting.files.declarations, readScope.parameterDefaults);
      result.dependencies.push(...checked.template.loadedFiles);
      findings = checked.findings;
    } else {
      // Its notices and resources belong to its own analysis; the files it reads are this one's dependencies.
      const nested = empty(target, 'bicep');
      nestedWalk = { within, left, files: walk.nesting.files };
      findings = checkBicepDeployment(target, module.file, textOf, readScope, nested, supplied, nestedWalk);
      result.dependencies.push(...nested.dependencies);
    }
  }
  // The module checked again with other values: through its own modules too, as it was checked, on a budget of its
  // own (this is the same deployment).
  const checkWith = (values: ReadonlyMap<string, () => Value>): readonly RuleFinding[] =>
    module.kind === 'arm'
      ? checkArmTemplate(module.template, new Map([...values].map(([name, value]) => [name.toLowerCase(), value] as const)), textOf, readScope).findings
      : nestedWalk
        ? checkBicepDeployment(target, module.file, textOf, readScope, empty(target, 'bicep'), values, { ...nestedWalk, left: { deployments: nestedWalk.left.deployments } })
        : checkBicepTemplate(target, module.file, textOf, values, undefined, walk.nesting.files.declarations, readScope.parameterDefaults).findings;
  // The module's own findings with what the caller passes unknown: a verdict that waits names the parameters it
  // depends on (a flag the module chooses a failing value by), so the finding sits on the value passed for it.
  const alone = () => {
    const key = `${target}\0${[...supplied.keys()].sort().join('\0')}`;
    let found = walk.withPassedUnknown.get(key);
    if (!found) {
      found = checkWith(unknownValuesOf(supplied));
      walk.withPassedUnknown.set(key, found);
    }
    return found;
  };
  // Any finding of the registry left is reported here: a flag set otherwise must leave none.
  const flips = new FlagFlips(callerUri, supplied, checkWith, () => true);
  // The module's own flags the caller leaves to their defaults, and its findings with them unknown.
  // Read when fixes are first asked for: reading an ARM module's parameters builds nodes its analysis does not need.
  const moduleFlags = once(() => flagsUnknown(module.kind === 'bicep' ? bicepFlagDefaults(module.file) : armFlagDefaults(module.template), supplied, checkWith));
  // Its string parameters, and the values a search finds for them, read when fixes are first asked for too.
  const needed = once(() => new NeededValues(supplied, checkWith, module.kind === 'bicep' ? bicepStringParameters(module.file) : armStringParameters(module.template), (name) => name, findings.length));
  const callerOf = (): ModuleCaller | undefined => {
    const callerText = textOf(callerUri);
    const usesOf = (name: string) => identifierUsages(callerFile).get(name)?.length ?? 0;
    return callerText === undefined ? undefined : { uri: callerUri, text: callerText, body: body.body, file: callerFile, usesOf };
  };
  const passedValueOf = (finding: RuleFinding) => {
    // Only for a value the module itself writes: one decided further up (a parameter file) is reported there.
    if (finding.unresolved || params?.kind !== 'object' || finding.decidingOrigins.some((origin) => origin.uri !== finding.resource.uri)) return undefined;
    return failureFollowingFrom(finding, alone(), (name) => {
      const property = findProperty(params, name);
      return property && { name: property.key ?? name, span: spanOf(property.value), written: property.value.kind === 'boolean' };
    });
  };
  return findings.flatMap((finding) => {
    const decided = reportInParameterFile(finding, callerUri);
    if (decided.length > 0) return decided;
    const following = passedValueOf(finding);
    if (following) {
      const reported = reportAtPassedValue(finding, callerUri, following, flips);
      return [withExtraFixes(reported, () => {
        const caller = callerOf();
        return caller ? passingNeededValuesFixes(finding, needed(), caller) : [];
      })];
    }
    // Decided inside the module (a default the caller does not override): report on the module's path, with a fix
    // that passes what the registry needs to those defaults' parameters.
    // Decided where it is declared when that is the module, or when the module reported it so (one further down).
    const declaredDecides = finding.resource.uri === target || finding.decidedWhereDeclared === target;
    const atPath = { ...reportAtDeployment(finding, callerUri, spanOf(declaration.path)), decidedWhereDeclared: declaredDecides ? callerUri : undefined };
    const caller = callerOf();
    if (!caller) return [atPath];
    const passingValues = withExtraFixes(atPath, () => passingValuesFixes(finding, { uri: target, passed: supplied, checkWith, needed: needed() }, caller));
    return [withExtraFix(passingValues, () => passingFlagsFix(finding, { passed: supplied, checkWith, flags: moduleFlags() }, caller))];
  });
}


function moduleParameterNames(module: ModuleFile): string[] {
  if (module.kind === 'bicep') return module.file.statements.flatMap((statement) => (statement.kind === 'param' ? [statement.name.name] : []));
  return (findValue(module.template.root, 'parameters')?.children ?? []).flatMap((property) => {
    const name = keyOf(property);
    return name === undefined ? [] : [name];
  });
}


/** Kept per parsed file: a module file is checked once for each declaration that calls it. */
const usagesByFile = new WeakMap<BicepFile, Map<string, number[]>>();

/**
 * Offsets of every reference to each name: the identifier expressions the parser read (not keys, property names or
 * declared names) and, to be safe where it could not read the code (a broken line, a declaration it skips), every
 * identifier token there.
 */
function identifierUsages(file: BicepFile): Map<string, number[]> {
  let usages = usagesByFile.get(file);
  if (!usages) {
    usages = collectIdentifierUsages(file);
    usagesByFile.set(file, usages);
  }
  return usages;
}

function collectIdentifierUsages(file: BicepFile): Map<string, number[]> {
  const usages = new Map<string, number[]>();
  const add = (name: string, offset: number) => {
    const list = usages.get(name);
    if (list) list.push(offset);
    else usages.set(name, [offset]);
  };
  for (const reference of file.references) add(reference.name, reference.start);
  const { tokens, unparsed } = file;
  for (let range = 0; range < unparsed.length; range += 2) {
    for (let index = unparsed[range]!; index < unparsed[range + 1]!; index++) {
      if (tokens.kind(index) === 'identifier') add(file.text.slice(tokens.start(index), tokens.end(index)), tokens.start(index));
    }
  }
  return usages;
}

/** Marks the findings a `#disable-next-line` or `#disable-diagnostics` pragma of the file suppresses. */
export function applyPragmas(file: BicepFile, findings: RuleFinding[]): RuleFinding[] {
  if (file.pragmas.length === 0) return findings;
  const pragmas = new PragmaIndex(file.pragmas, LineIndex.of(file.text));
  return findings.map((finding) => {
    // A registry of a module is declared in another file: only the finding's own place here counts.
    const declaredHere = finding.uri === finding.resource.uri;
    for (const offset of declaredHere ? [finding.resource.declarationSpan.start, finding.span.start] : [finding.span.start]) {
      const line = pragmas.lines.positionAt(offset).line;
      if (pragmas.disablesNextLine(line - 1, finding.ruleId)) return { ...finding, suppression: { reason: `suppressed by #disable-next-line on line ${line}`, kind: 'inSource' } };
      // #disable-diagnostics ... until a matching #restore-diagnostics.
      const disabled = pragmas.disabledSince(offset, finding.ruleId);
      if (disabled !== undefined) return { ...finding, suppression: { reason: `suppressed by #disable-diagnostics on line ${disabled}`, kind: 'inSource' } };
    }
    return finding;
  });
}

const pragmaMatches = (pragma: Pragma, ruleId: string) => pragma.codes.length === 0 || pragma.codes.some((c) => c.toLowerCase() === ruleId.toLowerCase());

/**
 * A file's pragmas indexed once, so judging each finding does not go through all of them: a file with a pragma
 * before each of thousands of registries was quadratic.
 */
class PragmaIndex {
  /** `#disable-next-line` pragmas by the line they are on */
  private readonly nextLine: ReadonlyMap<number, Pragma[]>;
  /** per rule (lower case): the `#disable-diagnostics` and `#restore-diagnostics` that name it, in source order */
  private readonly toggles = new Map<string, Pragma[]>();

  constructor(
    private readonly pragmas: readonly Pragma[],
    readonly lines: LineIndex,
  ) {
    this.nextLine = groupBy(pragmas.filter((p) => p.kind === 'disable-next-line'), (p) => lines.positionAt(p.start).line);
  }

  disablesNextLine(pragmaLine: number, ruleId: string): boolean {
    return this.nextLine.get(pragmaLine)?.some((p) => pragmaMatches(p, ruleId)) ?? false;
  }

  /** The line (1-based) of the `#disable-diagnostics` in force at `offset` for the rule, if one is. */
  disabledSince(offset: number, ruleId: string): number | undefined {
    const toggles = this.togglesOf(ruleId);
    // The last one at or before the offset decides (pragmas come in source order).
    const last = toggles[firstIndexPast(toggles.length, (i) => toggles[i]!.start > offset) - 1];
    return last?.kind === 'disable-diagnostics' ? this.lines.positionAt(last.start).line + 1 : undefined;
  }

  private togglesOf(ruleId: string): Pragma[] {
    const key = ruleId.toLowerCase();
    let toggles = this.toggles.get(key);
    if (!toggles) {
      toggles = this.pragmas.filter((p) => p.kind !== 'disable-next-line' && pragmaMatches(p, ruleId));
      this.toggles.set(key, toggles);
    }
    return toggles;
  }
}
