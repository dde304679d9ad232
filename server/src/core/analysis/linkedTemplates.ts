/**
 * ARM templates linked with `templateLink.relativePath`, or a `templateLink.uri` that resolves to a file (both read
 * within the workspace), or with a template spec's `templateLink.id` (read where Bicep restores it), each parsed once
 * per analysis; the findings about their registries are reported in the template that links to them.
 */
import { parseArmDocument, parseTemplateSpecVersion, type ArmDocument } from '../arm/armDocument';
import { nodeSpan } from '../arm/armResources';
import { isInside, literalScope, parameterFileValues, resolveInWorkspace } from '../arm/parameterFile';
import type { Value } from '../evaluate/value';
import type { LinkedPassing, LinkedTemplate, TemplateLink } from '../arm/resourceWalker';
import { cacheRootOf, isRestoredTemplateSpecUri, registryModuleConfig, restoredTemplateSpecUri, templateSpecReferenceFromId } from '../bicep/registryModules';
import { findProperty, findValue, keyOf, stringOf, type JsonNode } from '../syntax/json';
import { decodeUriText } from '../text/filePaths';
import type { RuleFinding } from '../rules/rule';
import type { DocumentAnalysis, ReadScope } from './analyzeDocument';
import { failureFollowingFrom, reportAtDeployment, reportAtPassedValue, reportInParameterFile, unknownValuesOf, type CheckWithValues } from './parameterFindings';
import { FlagFlips } from './flagFlips';
import { passingFlagsToLinkedFix, passingNeededToLinkedFixes, passingToLinkedFixes } from './moduleFixes';
import { NeededValues } from './neededValues';
import { armStringParameters } from './stringParameters';
import { armFlagDefaults, flagsUnknown, type FlagsUnknown } from './flagDefaults';
import { withExtraFix, withExtraFixes } from './inlineSuppression';
import type { TextSource } from './ruleContext';
import { once } from '../once';

export class LinkedTemplates {
  /** every template read, for the rule's descriptions of where values come from */
  readonly documents = new Map<string, ArmDocument>();
  /** files looked for that decide what is read: template specs not restored yet, bicepconfig.json probed */
  readonly looked = new Set<string>();

  constructor(
    private readonly rootUri: string,
    private readonly textOf: TextSource,
    private readonly readScope: ReadScope,
    private readonly result: DocumentAnalysis,
    /** the analysed template itself, whose own links are read from it when it is a template spec */
    private readonly rootDocument?: ArmDocument,
  ) {}

  /**
   * What the analysed template's deployments pass to the templates they link, by the link's offset; null for a link
   * deployed more than once (a copy loop), whose values differ by iteration.
   */
  private readonly passings = new Map<number, { passing: LinkedPassing; document: ArmDocument; alone?: readonly RuleFinding[]; flips?: FlagFlips; flags?: () => FlagsUnknown; needed?: NeededValues } | null>();

  readonly passing = (linkNode: JsonNode, linked: LinkedTemplate, passing: LinkedPassing): void => {
    const document = this.documents.get(linked.uri);
    // A template spec's linked templates are parts of its document: only whole files are checked again.
    if (!document || document.root !== linked.root) return;
    this.passings.set(linkNode.offset, this.passings.has(linkNode.offset) ? null : { passing, document });
  };

  /** Bicep's cache, from the bicepconfig.json nearest to the analysed template (where it was looked for is a dependency). */
  private readonly cacheRoot = once(() => {
    const recording: TextSource = (uri) => (this.depend(uri), this.textOf(uri));
    return cacheRootOf(registryModuleConfig(this.rootUri, recording, this.readScope.homeDirectory), this.readScope.homeDirectory);
  });

  /** The template a link names, from `fromUri`; a link in the analysed template that cannot be followed says why. */
  readonly read = (fromUri: string, link: TemplateLink, linkNode: JsonNode): LinkedTemplate | undefined => {
    const notice = this.noticeAt(fromUri, linkNode);
    if ('templateSpecId' in link) return this.templateSpec(link.templateSpecId, notice);
    const inSpec = isRestoredTemplateSpecUri(fromUri) && !isInside(fromUri, this.readScope.workspaceRoots);
    if ('uri' in link) {
      // Followed only to a file: a remote template is never fetched, and a template spec has no URI to resolve against.
      const file = fileOf(link.uri);
      return file === undefined || inSpec ? undefined : this.localTemplate(fromUri, pathFrom(fromUri, file), notice);
    }
    if (inSpec) return this.withinTemplateSpec(fromUri, link.relativePath, linkNode, notice);
    return this.localTemplate(fromUri, link.relativePath, notice);
  };

  /**
   * The values of the parameter file a deployment links to by `parametersLink.uri`, when that resolves to a file in
   * the workspace (as `templateLink.uri` does); undefined when it cannot be read, which a link here says why.
   */
  readonly parameters = (fromUri: string, uri: string, linkNode: JsonNode): ReadonlyMap<string, () => Value> | undefined => {
    const file = fileOf(uri);
    if (file === undefined || (isRestoredTemplateSpecUri(fromUri) && !isInside(fromUri, this.readScope.workspaceRoots))) return undefined;
    const notice = this.noticeAt(fromUri, linkNode);
    const path = pathFrom(fromUri, file);
    const resolved = this.inWorkspace(fromUri, path, notice);
    if (resolved === undefined) return undefined;
    const text = this.textOf(resolved);
    if (text === undefined) return notice(`'${path}' cannot be read.`);
    const document = parseArmDocument(resolved, text);
    if (document.kind !== 'parameters' || !document.root) return notice(`'${path}' is not a parameter file.`);
    this.result.dependencies.push(resolved);
    return parameterFileValues(document.root, literalScope(resolved, text));
  };

  /** Notices about a link: only the analysed template's own links are shown (a linked one has its own analysis). */
  private noticeAt(fromUri: string, linkNode: JsonNode): (message: string) => undefined {
    return (message) => {
      if (fromUri === this.rootUri) this.result.notices.push({ span: nodeSpan(linkNode), message, severity: 'warning' });
      return undefined;
    };
  }

  /** `path` from `fromUri`, when it is inside the workspace; a notice says why not. */
  private inWorkspace(fromUri: string, path: string, notice: (message: string) => void): string | undefined {
    const resolved = resolveInWorkspace(path, fromUri, this.readScope.workspaceRoots);
    if (resolved && 'refused' in resolved) notice(resolved.refused);
    return resolved && 'uri' in resolved ? resolved.uri : undefined;
  }

  /** A template in the workspace, `path` from `fromUri` (as notices name it). */
  private localTemplate(fromUri: string, path: string, notice: (message: string) => void): LinkedTemplate | undefined {
    const uri = this.inWorkspace(fromUri, path, notice);
    if (uri === undefined) return undefined;
    if (uri === this.rootUri) {
      notice(`'${path}' links to this template itself; it is not followed again.`);
      return undefined;
    }
    let document = this.documents.get(uri);
    if (!document) {
      const text = this.textOf(uri);
      if (text === undefined) {
        notice(`'${path}' cannot be read.`);
        return undefined;
      }
      document = parseArmDocument(uri, text);
      if (document.kind !== 'template' || !document.root) {
        notice(`'${path}' is not an ARM template.`);
        return undefined;
      }
      this.documents.set(uri, document);
      this.result.dependencies.push(uri);
    }
    return { uri, root: document.root!, text: document.json.text };
  }

  /**
   * A link inside a template spec: ARM reads it from the spec's `linkedTemplates`, by its path relative to the linking
   * template's own (the main template's is the spec's root).
   */
  private withinTemplateSpec(specUri: string, relativePath: string, linkNode: JsonNode, notice: (message: string) => void): LinkedTemplate | undefined {
    const spec = this.documents.get(specUri) ?? (specUri === this.rootUri ? this.rootDocument : undefined);
    const entries = findValue(findValue(spec?.json.root, 'properties'), 'linkedTemplates')?.children ?? [];
    const pathOf = (entry: JsonNode) => stringOf(findValue(entry, 'path'));
    // The linking template: the linked one whose text holds the link, or else the main template.
    const linking = entries.find((entry) => {
      const template = findValue(entry, 'template');
      return template !== undefined && linkNode.offset >= template.offset && linkNode.offset < template.offset + template.length;
    });
    // Both sides through one URL: `./`, `../` and backslashes come out the same way.
    const inSpec = (path: string, from = 'main.json') => new URL(path.replace(/\\/g, '/'), `file:///${from}`).pathname;
    const target = inSpec(relativePath, linking && pathOf(linking));
    const entry = entries.find((candidate) => pathOf(candidate) !== undefined && inSpec(pathOf(candidate)!) === target);
    const template = findValue(entry, 'template');
    if (!spec || template?.type !== 'object') {
      notice(`'${relativePath}' is not one of the template spec's linked templates.`);
      return undefined;
    }
    return { uri: specUri, root: template, text: spec.json.text };
  }

  private depend(uri: string): void {
    this.looked.add(uri);
    this.result.dependencies.push(uri);
  }

  /**
   * A template spec version by its resource ID, where Bicep restores it; one that is not restored is not followed
   * (and is a dependency: it is checked when it is), as for Bicep modules.
   */
  private templateSpec(id: string, notice: (message: string) => void): LinkedTemplate | undefined {
    const reference = templateSpecReferenceFromId(id);
    const cacheRoot = reference && this.cacheRoot();
    if (!reference || !cacheRoot) return undefined;
    const uri = restoredTemplateSpecUri(reference, cacheRoot);
    let document = this.documents.get(uri);
    if (!document) {
      this.depend(uri);
      const text = this.textOf(uri);
      if (text === undefined) return undefined;
      document = parseTemplateSpecVersion(uri, text);
      if (document.kind !== 'template' || !document.root) {
        notice(`The restored template spec '${id}' holds no template.`);
        return undefined;
      }
      this.documents.set(uri, document);
    }
    return { uri, root: document.root!, text: document.json.text };
  }

  /**
   * A finding about a registry of a linked template, as the analysed template reports it: on the value it passes
   * that decides it, or else on the link (the linked template's own analysis fixes its defaults).
   */
  rehome(finding: RuleFinding, checkLinked?: (document: ArmDocument, values: ReadonlyMap<string, () => Value>) => readonly RuleFinding[], all: readonly RuleFinding[] = [finding]): RuleFinding[] {
    if (finding.uri === this.rootUri) return [finding];
    const linkedAt = finding.resource.linkedAt;
    if (!linkedAt || linkedAt.uri !== this.rootUri) return [];
    const decided = reportInParameterFile(finding, this.rootUri);
    if (decided.length > 0) return decided;
    const passed = checkLinked && !finding.unresolved ? this.passedValueOf(finding, linkedAt.span.start, checkLinked, all) : undefined;
    if (passed) return [passed];
    // Decided by the linked template's own defaults: a fix passes what the registry needs.
    const entry = this.passings.get(linkedAt.span.start);
    // Decided where it is declared only when the template linked here declares it: one it links further may take values from it.
    const atLink = { ...reportAtDeployment(finding, this.rootUri, linkedAt.span), decidedWhereDeclared: entry?.document.uri === finding.resource.uri ? this.rootUri : undefined };
    const root = this.rootDocument;
    if (!checkLinked || !entry || !root) return [atLink];
    const linked = { uri: entry.document.uri, passed: entry.passing.values, checkWith: (values: ReadonlyMap<string, () => Value>) => checkLinked(entry.document, values) };
    const deployment = { uri: this.rootUri, text: root.json.text, properties: entry.passing.properties, root: root.root };
    const passingValues = withExtraFixes(atLink, () => passingToLinkedFixes(finding, { ...linked, needed: this.neededFor(entry, linked.checkWith, all, linkedAt.span.start) }, deployment));
    // Its flag defaults the deployment leaves out, read when fixes are first asked for.
    const flags = (entry.flags ??= once(() => flagsUnknown(armFlagDefaults(entry.document), entry.passing.values, linked.checkWith)));
    return [withExtraFix(passingValues, () => passingFlagsToLinkedFix(finding, { ...linked, flags: flags() }, deployment))];
  }

  /**
   * A failure of a linked template that follows from a value the deployment passes (a flag the template chooses a
   * failing value by), reported on that value, with the flag set otherwise as a fix; as for a Bicep module.
   */
  private passedValueOf(finding: RuleFinding, linkOffset: number, checkLinked: (document: ArmDocument, values: ReadonlyMap<string, () => Value>) => readonly RuleFinding[], all: readonly RuleFinding[]): RuleFinding | undefined {
    const entry = this.passings.get(linkOffset);
    if (!entry) return undefined;
    const checkWith: CheckWithValues = (values) => checkLinked(entry.document, values);
    entry.alone ??= checkWith(unknownValuesOf(entry.passing.values));
    const following = failureFollowingFrom(finding, entry.alone, (name) => {
      const property = findProperty(findValue(entry.passing.properties, 'parameters'), name);
      const value = findValue(property?.children?.[1], 'value');
      const written = property && keyOf(property);
      return value && written !== undefined ? { name: written, span: nodeSpan(value), written: value.type === 'boolean' } : undefined;
    });
    if (!following) return undefined;
    // Any finding of the registry left is reported here: a flag set otherwise must leave none.
    const flips = (entry.flips ??= new FlagFlips(this.rootUri, entry.passing.values, checkWith, () => true));
    const reported = reportAtPassedValue(finding, this.rootUri, following, flips);
    const root = this.rootDocument;
    if (!root) return reported;
    const deployment = { uri: this.rootUri, text: root.json.text, properties: entry.passing.properties, root: root.root };
    return withExtraFixes(reported, () => passingNeededToLinkedFixes(finding, this.neededFor(entry, checkWith, all, linkOffset), deployment));
  }

  /** The search for values to pass a linked template's string parameters (see NeededValues), one per link. */
  private neededFor(entry: { passing: LinkedPassing; document: ArmDocument; needed?: NeededValues }, checkWith: CheckWithValues, all: readonly RuleFinding[], linkOffset: number): NeededValues {
    if (!entry.needed) {
      // The findings of the template linked here: past a few, there is no search.
      const findings = all.filter((other) => other.resource.linkedAt?.uri === this.rootUri && other.resource.linkedAt.span.start === linkOffset).length;
      // ARM names parameters in any case: the linked template's values are keyed in lower case.
      entry.needed = new NeededValues(entry.passing.values, checkWith, armStringParameters(entry.document), (name) => name.toLowerCase(), findings);
    }
    return entry.needed;
  }
}

/**
 * A `file:` URI without its query (a SAS token) or fragment, and with empty path segments dropped as a file system
 * reads them (`concat(uri(..., '.'), '/nested.json')` makes 'folder//nested.json'); undefined for any other scheme.
 */
function fileOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  const url = new URL(uri);
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/{2,}/g, '/');
  return url.href;
}

/**
 * A file linked by URI as a path from the linking template (what notices name): relative when it is in its folder or
 * below, else absolute. Either resolves to the same file.
 */
function pathFrom(fromUri: string, target: string): string {
  const folder = new URL('.', fromUri).href;
  return decodeUriText(target.startsWith(folder) ? target.slice(folder.length) : new URL(target).pathname);
}
