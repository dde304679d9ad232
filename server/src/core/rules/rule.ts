/** What every rule declares and returns. Rules read the resource model only; they never see syntax. */
import type { ResourceModel } from '../model/resource';
import type { Origin } from '../evaluate/value';
import type { PathAssignment } from '../fixes/desiredTree';
import type { FixAction, RelatedLocation, Severity, Span, TextEdit } from '../types';

export interface RuleMetadata {
  /** PSRule name, e.g. Azure.ACR.ExportPolicy: the diagnostic code */
  id: string;
  /** PSRule reference, e.g. AZR-000495 */
  ref: string;
  title: string;
  /** one sentence: why it matters */
  synopsis: string;
  defaultSeverity: Severity;
  docsUrl: string;
  /** lower-case full resource type the rule selects */
  resourceType: string;
}

/** What a rule may ask of the engine beyond the resource itself. */
export interface RuleContext {
  /** An edit that replaces the literal at `origin` (in any document the analysis read) by `value`, in that place's own syntax. */
  replaceLiteral(origin: Origin, value: string): TextEdit | undefined;
  /**
   * Edits that make the object literal written at `origin` hold `assignments`, relative to it, in that place's own
   * syntax, when it is a variable's or a parameter file's value (in any document the analysis read); undefined for
   * anything else, or when it cannot be edited safely. A parameter's default is left alone: what a deployment passes
   * replaces it.
   */
  setInObjectValue(origin: Origin, assignments: readonly PathAssignment[]): TextEdit[] | undefined;
  /** Describes where a value was decided, e.g. "from parameter 'sku' (default value)". Empty for literals in place. */
  describeOrigin(origin: Origin | undefined, resource: ResourceModel): string;
  /** True when editing the value at `origin` changes only registries: the parameter or variable feeds nothing else. */
  isDedicatedToRegistries(origin: Origin): boolean;
}

export interface RuleFinding {
  ruleId: string;
  resource: ResourceModel;
  /** the document the finding is reported in (the resource's, or a parameter file that decides it) */
  uri: string;
  span: Span;
  /** where the failing values were decided, for reporting in parameter files */
  decidingOrigins: Origin[];
  message: string;
  /** the verdict depends on values that cannot be known before deployment */
  unresolved: boolean;
  /** for an unresolved finding: the parameters without a value that its verdict waits for */
  missingParameters?: readonly string[];
  /**
   * Each requirement that does not pass in every instance: whether it fails in the instance the message describes,
   * and the parameters without a value it waits for where it is unknown. Tells which failures follow from a value a parameter file or caller
   * passes (checked again with those values unknown). Made when first asked for.
   */
  checks: () => readonly CheckState[];
  related: RelatedLocation[];
  /**
   * The quick fixes, preferred one marked: computed when first asked for (a code action, fix-all, --fix, a report
   * that lists them), never while typing, and kept once computed.
   */
  fixes: () => FixAction[];
  /** markdown explaining this finding, for hovers: written only when someone hovers (a scan never does) */
  hover: () => string;
  /**
   * set when a suppression applies: the finding is kept for reports that list suppressed results. `kind`: written in
   * the template (a comment, a Bicep pragma) or kept outside it (ps-rule.yaml, a suppression group), as SARIF names
   * them. `file`: where the suppression is written, once the finding is reported in another file (its reason names
   * that file then).
   */
  suppression?: { reason: string; kind: 'inSource' | 'external'; file?: string };
  /**
   * Set on a finding about a registry of another file (a module, a linked template) that is reported on its deployment
   * because that file's own values decide it: the document it is reported in then. A finding re-homed again (into a
   * caller further up, a parameter file) keeps the old value, which then names another document.
   */
  decidedWhereDeclared?: string;
  /**
   * Every fix is the user's choice (a registry that is not Premium: the plain fix would not deploy, the SKU change
   * costs money), whatever offers it: none is preferred, and fix-all and --fix apply none (see withFixesAsChoices).
   */
  fixesAreChoices?: boolean;
}

export interface CheckState {
  /** the property path, dotted: `properties.publicNetworkAccess` */
  path: string;
  /** the value it must have */
  expected: string;
  fails: boolean;
  /** where its failing value is decided, when it fails */
  decidedAt?: Origin;
  /** it fails because it is not set at all */
  missing?: boolean;
  waitsFor: readonly string[];
}

export interface Rule {
  metadata: RuleMetadata;
  check(resource: ResourceModel, context: RuleContext): RuleFinding | undefined;
}
