/**
 * ARM templates linked with `templateLink.relativePath`: read within the workspace and parsed once per analysis; the
 * findings about their registries are reported in the template that links to them.
 */
import { parseArmDocument, type ArmDocument } from '../arm/armDocument';
import { nodeSpan } from '../arm/armResources';
import { resolveInWorkspace } from '../arm/parameterFile';
import type { LinkedTemplate } from '../arm/resourceWalker';
import type { JsonNode } from '../syntax/json';
import type { RuleFinding } from '../rules/rule';
import type { DocumentAnalysis } from './analyzeDocument';
import { reportAtDeployment, reportInParameterFile } from './parameterFindings';
import type { TextSource } from './ruleContext';

export class LinkedTemplates {
  /** every template read, for the rule's descriptions of where values come from */
  readonly documents = new Map<string, ArmDocument>();

  constructor(
    private readonly rootUri: string,
    private readonly textOf: TextSource,
    private readonly workspaceRoots: readonly string[],
    private readonly result: DocumentAnalysis,
  ) {}

  /** The template at `relativePath` from `fromUri`; a link in the analysed template that cannot be followed says why. */
  readonly read = (fromUri: string, relativePath: string, linkNode: JsonNode): LinkedTemplate | undefined => {
    const notice = (message: string) => {
      if (fromUri === this.rootUri) this.result.notices.push({ span: nodeSpan(linkNode), message, severity: 'warning' });
    };
    const resolved = resolveInWorkspace(relativePath, fromUri, this.workspaceRoots);
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
