/**
 * The resource model the rules read: language-neutral, evaluated, and with provenance.
 * ARM and Bicep each build it from their own syntax; rules never see syntax.
 */
import type { Span, TextEdit } from '../types';
import type { Value } from '../evaluate/value';
import type { PathAssignment } from '../fixes/desiredTree';

export type SourceLanguage = 'arm' | 'bicep';

/** What one property path of one resource evaluates to, and where in the declaration that is decided. */
export interface PropertyResolution {
  /** undefined when the path is not set at all */
  value: Value | undefined;
  /**
   * The node written inside the declaration that carries this path: the value itself, or the expression or
   * reference that supplies it. Undefined when nothing along the path is written in the declaration.
   */
  site?: Span;
}

/** One way the declaration deploys: an iteration of a copy loop, or one allowed value of an unset parameter. */
export interface ResourceInstance {
  /** e.g. "copyIndex() = 2" or "parameter 'acrSku' = 'Basic'"; undefined when the declaration deploys one way */
  label?: string;
  /** the instance's own name when it is known (instances of a loop have their own) */
  name?: () => string | undefined;
  resolve(path: readonly string[]): PropertyResolution;
}

/** Edits that make a declaration hold the given values, in the declaration's own syntax. */
export interface DeclarationEditor {
  /** undefined when the declaration is too broken to edit safely */
  setProperties(assignments: readonly PathAssignment[]): TextEdit[] | undefined;
}

export interface ResourceModel {
  language: SourceLanguage;
  uri: string;
  /** full type, e.g. Microsoft.ContainerRegistry/registries (child types joined to their parent's) */
  type: string;
  /** the whole declaration */
  declarationSpan: Span;
  /** the type as written: ARM's "type" value, Bicep's type string */
  typeSpan: Span;
  /** the name as written, when there is one */
  nameSpan?: Span;
  /** the evaluated name, else its source text */
  displayName: string;
  /** the name when it evaluates to a known string */
  knownName?: string;
  apiVersion?: string;
  apiVersionSpan?: Span;
  instances: ResourceInstance[];
  /**
   * Instances for every combination of the allowed values of these unset parameters (those without allowed values
   * are left unknown). Empty when none of them has allowed values.
   */
  expandParameters(names: readonly string[]): ResourceInstance[];
  editor: DeclarationEditor;
  /** the chain of deployments or modules this declaration sits in, outermost first (for messages) */
  deploymentPath: string[];
  /** in an ARM template linked with `templateLink.relativePath`: where the analysed template links to it */
  linkedAt?: { uri: string; span: { start: number; end: number } };
}

/** Whether a value was decided somewhere else than the resource's declaration: a parameter, a variable, another file. */
export function isOutsideDeclaration(origin: { uri: string; span: Span }, resource: ResourceModel): boolean {
  return origin.uri !== resource.uri || origin.span.start < resource.declarationSpan.start || origin.span.end > resource.declarationSpan.end;
}

/** Whether two models are of the same declaration (one checked again, with other values). */
export function isSameDeclaration(a: ResourceModel, b: ResourceModel): boolean {
  return a.uri === b.uri && a.declarationSpan.start === b.declarationSpan.start;
}
