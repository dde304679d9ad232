/**
 * ARM templates linked with `templateLink.relativePath` (read within the workspace) or with a template spec's
 * `templateLink.id` (read where Bicep restores it), each parsed once per analysis; the findings about their
 * registries are reported in the template that links to them.
 */
import { parseArmDocument, parseTemplateSpecVersion, type ArmDocument } from '../arm/armDocument';
import { nodeSpan } from '../arm/armResources';
import { resolveInWorkspace } from '../arm/parameterFile';
import type { LinkedTemplate, TemplateLink } from '../arm/resourceWalker';
import { cacheRootOf, registryModuleConfig, restoredTemplateSpecUri, templateSpecReferenceFromId } from '../bicep/registryModules';
import type { JsonNode } from '../syntax/json';
import type { RuleFinding } from '../rules/rule';
import type { DocumentAnalysis, ReadScope } from './analyzeDocument';
import { reportAtDeployment, reportInParameterFile } from './parameterFindings';
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
  ) {}

  /** Bicep's cache, from the bicepconfig.json nearest to the analysed template (where it was looked for is a dependency). */
  private readonly cacheRoot = once(() => {
    const recording: TextSource = (uri) => (this.depend(uri), this.textOf(uri));
    return cacheRootOf(registryModuleConfig(this.rootUri, recording, this.readScope.homeDirectory), this.readScope.homeDirectory);
  });

  /** The template a link names, from `fromUri`; a link in the analysed template that cannot be followed says why. */
  readonly read = (fromUri: string, link: TemplateLink, linkNode: JsonNode): LinkedTemplate | undefined => {
    const notice = (message: string) => {
      if (fromUri === this.rootUri) this.result.notices.push({ span: nodeSpan(linkNode), message, severity: 'warning' });
    };
    if ('templateSpecId' in link) return this.templateSpec(link.templateSpecId, notice);
    const relativePath = link.relativePath;
    const resolved = resolveInWorkspace(relativePath, fromUri, this.readScope.workspaceRoots);
    if (!resolved) return undefined;
    if ('refused' in resolved) {
      notice(resolved.refused);
      return undefined;
    }
    const uri = resolved.uri;
    if (uri === this.rootUri) {
      notice(`'${relativePath}' links to this template itself; it is not followed again.`);
      return undefined;
    }
    let document = this.documents.get(uri);
    if (!document) {
      const text = this.textOf(uri);
      if (text === undefined) {
        notice(`'${relativePath}' cannot be read.`);
        return undefined;
      }
      document = parseArmDocument(uri, text);
      if (document.kind !== 'template' || !document.root) {
        notice(`'${relativePath}' is not an ARM template.`);
        return undefined;
      }
      this.documents.set(uri, document);
      this.result.dependencies.push(uri);
    }
    return { uri, root: document.root!, text: document.json.text };
  };

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
  rehome(finding: RuleFinding): RuleFinding[] {
    if (finding.uri === this.rootUri) return [finding];
    const linkedAt = finding.resource.linkedAt;
    if (!linkedAt || linkedAt.uri !== this.rootUri) return [];
    const decided = reportInParameterFile(finding, this.rootUri);
    if (decided.length > 0) return decided;
    return [reportAtDeployment(finding, this.rootUri, linkedAt.span)];
  }
}
