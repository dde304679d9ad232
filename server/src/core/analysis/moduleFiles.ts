/**
 * The files Bicep modules deploy, each read and parsed once per analysis however many declarations (at any depth)
 * call it, and whether deploying one can deploy a resource the rules check at all: a module that cannot is not
 * evaluated (its loop, its params), which in a landing zone is most of them.
 */
import { parseBicep, type BicepFile } from '../bicep/parser';
import { parseArmDocument, parseTemplateSpecVersion, type ArmDocument } from '../arm/armDocument';
import { isRestoredTemplateSpecUri } from '../bicep/registryModules';
import { isInside } from '../arm/parameterFile';
import { isAvmRegistryModule } from '../bicep/avmRegistryModule';
import { SELECTED_TYPES } from '../rules/index';
import { documentKindOf } from './documentKind';
import type { TextSource } from './ruleContext';
import { DeclarationLocators } from './declarationLocators';

/** A module's file: a Bicep file, or an ARM template (whose parameter names are case-insensitive). */
export type ModuleFile = { kind: 'bicep'; file: BicepFile; declaresModules: boolean } | { kind: 'arm'; template: ArmDocument };

/** The file a module path in a file deploys, if it can be read (local, or restored from a registry). */
export type ModuleResolver = (path: string, fromUri: string) => string | undefined;

export class ModuleFiles {
  /** where values in the files of the analysis are declared, each file parsed once */
  readonly declarations: DeclarationLocators;
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, ModuleFile | undefined>();
  /** per file: whether deploying it can deploy a checked resource, and every file that answer read */
  private readonly relevance = new Map<string, Relevance>();

  constructor(
    private readonly textOf: TextSource,
    /** files inside are the user's own, whatever their path looks like */
    private readonly workspaceRoots: readonly string[] = [],
  ) {
    this.declarations = new DeclarationLocators(textOf);
  }

  private text(uri: string): string | undefined {
    if (!this.texts.has(uri)) this.texts.set(uri, this.textOf(uri));
    return this.texts.get(uri);
  }

  file(uri: string): ModuleFile | undefined {
    if (!this.parsed.has(uri)) this.parsed.set(uri, parseModule(uri, this.text(uri), this.workspaceRoots));
    return this.parsed.get(uri);
  }

  /**
   * Whether deploying the file can deploy a resource the rules check: its text names a checked type (or hides it in
   * an escape), it deploys the AVM registry module, links templates, or deploys a module that can. `read` gets every
   * file the answer depends on.
   */
  canDeployChecked(uri: string, resolve: ModuleResolver, read: (uri: string) => void): boolean {
    const answer = this.relevance.get(uri) ?? this.decide(uri, resolve, new Set());
    for (const file of answer.read) read(file);
    return answer.relevant;
  }

  private decide(uri: string, resolve: ModuleResolver, inProgress: Set<string>): Relevance {
    const known = this.relevance.get(uri);
    if (known) return known;
    const read = new Set([uri]);
    // A cycle (Bicep rejects one) answers from what is known on the way, and such an answer is not kept.
    if (inProgress.has(uri)) return { relevant: false, read, partial: true };
    inProgress.add(uri);
    const text = this.text(uri);
    let relevant = text !== undefined && namesCheckedType(text);
    let partial = false;
    // An ARM template is not parsed for this: its nested deployments are in its text, and linked ones have a
    // templateLink (by relativePath, uri or a template spec's id).
    if (!relevant && text !== undefined && documentKindOf(uri) !== 'bicep') relevant = /templateLink/i.test(text);
    const module = relevant || text === undefined || documentKindOf(uri) !== 'bicep' ? undefined : this.file(uri);
    if (module?.kind === 'bicep') {
      for (const statement of module.file.statements) {
        if (relevant || statement.kind !== 'module') continue;
        const path = statement.path.pieces.join('');
        if (isAvmRegistryModule(path)) relevant = true;
        const target = relevant ? undefined : resolve(path, uri);
        if (target === undefined) continue;
        const deeper = this.decide(target, resolve, inProgress);
        deeper.read.forEach((file) => read.add(file));
        relevant = deeper.relevant;
        partial ||= deeper.partial;
      }
    }
    inProgress.delete(uri);
    const answer = { relevant, read, partial };
    if (!partial || relevant) this.relevance.set(uri, answer);
    return answer;
  }
}

interface Relevance {
  relevant: boolean;
  /** every file the answer read */
  read: ReadonlySet<string>;
  /** reached a file already on the way (a cycle): what is known so far */
  partial: boolean;
}

/** A type the rules check, or an escape that could spell one: searched without a lower-case copy of megabytes. */
const CHECKED_TYPE = new RegExp([...SELECTED_TYPES].map((type) => type.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).concat('\\\\u').join('|'), 'i');

function namesCheckedType(text: string): boolean {
  return CHECKED_TYPE.test(text);
}

function parseModule(uri: string, text: string | undefined, workspaceRoots: readonly string[]): ModuleFile | undefined {
  if (text === undefined) return undefined;
  if (documentKindOf(uri) === 'bicep') {
    const file = parseBicep(text);
    return { kind: 'bicep', file, declaresModules: file.statements.some((statement) => statement.kind === 'module') };
  }
  // A module may be an ARM JSON template (`module m './nested.json' = ...`).
  const template = parseArmModule(uri, text, workspaceRoots);
  return template.kind === 'template' && template.root ? { kind: 'arm', template } : undefined;
}

/**
 * An ARM template a module or a `using` names: a JSON file, or the main template of a template spec in Bicep's cache
 * (a file of that path outside the workspace).
 */
export function parseArmModule(uri: string, text: string, workspaceRoots: readonly string[]): ArmDocument {
  return isRestoredTemplateSpecUri(uri) && !isInside(uri, workspaceRoots) ? parseTemplateSpecVersion(uri, text) : parseArmDocument(uri, text);
}
