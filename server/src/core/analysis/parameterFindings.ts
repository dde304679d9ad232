/** A template's finding, seen from a parameter file: reported on the value in that file that decides it. */
import type { RuleFinding } from '../rules/rule';
import { isSameDeclaration } from '../model/resource';
import type { RelatedLocation, Span, TextEdit } from '../types';
import { once } from '../once';
import { baseName, fileNameFrom } from './ruleContext';
import { isRestoredModuleUri } from '../bicep/registryModules';
import { isInside } from '../arm/parameterFile';
import { unknown, type Value } from '../evaluate/value';
import { FlagFlips } from './flagFlips';
import { objectLiteralEditor } from './objectLiteralEdits';
import { addToPassedObjectFix } from './passedObjectFixes';
import { NeededValues, neededValueFixes, type Assignment } from './neededValues';
import type { StringParameters } from './stringParameters';

/**
 * The finding's related locations, led by where its registry is declared, as it is re-homed into another file. Only
 * the first re-homing adds it (a finding passed up through modules keeps the one at the registry): by then the
 * finding's own span is in another file.
 */
export function withDeclaration(finding: RuleFinding, related: readonly RelatedLocation[] = finding.related): RelatedLocation[] {
  if (finding.uri !== finding.resource.uri) return [...related];
  return [{ location: { uri: finding.resource.uri, span: finding.span }, message: `container registry '${finding.resource.displayName}' is declared here` }, ...related];
}

/** The finding's message as reported elsewhere, and its hover, which quotes the message, with it. */
export function withMessage(finding: RuleFinding, message: string): Pick<RuleFinding, 'message' | 'hover'> {
  return { message, hover: () => finding.hover().replace(finding.message, () => message) };
}

/**
 * A suppression of the finding where it was reported so far (on the registry, "for this resource"), as seen from
 * another file: it still applies, and its reason names the file it is written in (once).
 */
export function movedSuppression(finding: RuleFinding): RuleFinding['suppression'] {
  const suppression = finding.suppression;
  if (!suppression || suppression.file !== undefined) return suppression;
  return { ...suppression, reason: `${suppression.reason} in ${baseName(finding.uri)}`, file: finding.uri };
}

/** The finding re-homed into the parameter file, or nothing when no value of that file decides it. */
export function reportInParameterFile(finding: RuleFinding, parameterUri: string): RuleFinding[] {
  const decider = finding.decidingOrigins.find((origin) => origin.uri === parameterUri);
  if (!decider) return [];
  return [
    {
      ...finding,
      uri: parameterUri,
      span: decider.span,
      related: withDeclaration(finding, finding.related.filter((r) => !(r.location.uri === parameterUri && r.location.span.start === decider.span.start))),
      suppression: movedSuppression(finding),
      // Fixes that only touch the template belong to the template's own diagnostic.
      fixes: once(() => finding.fixes().filter((fix) => fix.edits.some((edit) => edit.uri === parameterUri))),
    },
  ];
}

/** Where a parameter file sets a parameter the template declares (ARM names in any case), and its name there. */
export type SuppliedAt = (name: string) => PassedValue | undefined;

/**
 * A parameter file's values as unknowns: checked with them, a verdict that depends on them waits for them, and names
 * them (its missing parameters), whatever the template's defaults would give.
 */
export function unknownValuesOf(supplied: ReadonlyMap<string, () => Value>): Map<string, () => Value> {
  return new Map([...supplied.keys()].map((name) => [name, () => unknown(`parameter '${name}' is set by the parameter file`, undefined, [name])] as const));
}

/** A template's findings with other values for its parameters (the file's made unknown, a flag set otherwise). */
export type CheckWithValues = (values: ReadonlyMap<string, () => Value>) => readonly RuleFinding[];

/**
 * A parameter file's findings: each on the value of the file that decides it; else, when it fails with the file's
 * values and its verdict depends on a parameter the file sets (`isPrivate ? 'Disabled' : 'Enabled'` with
 * `isPrivate = false`: no value of the file is the failing one), on that parameter's value. PSRule, which expands the
 * template with the file, fails it, so it must show here. `checkWith` checks the template with other values: with the
 * file's unknown (`unknownValuesOf`), verdicts name the parameters they wait for.
 */
export function reportForParameterFile(
  findings: readonly RuleFinding[],
  parameterUri: string,
  suppliedAt: SuppliedAt,
  values: ReadonlyMap<string, () => Value>,
  checkWith: CheckWithValues,
  options: {
    /** the finding as reported where a value of the file decides it (a .bicepparam file adds the files it extends) */
    decided?: (finding: RuleFinding) => RuleFinding[];
    /** the file's text, for fixes in the objects it passes */
    text?: string;
    /** the template's string parameters, and how the file sets them: for the values a search finds (see NeededValues) */
    strings?: { parameters: () => StringParameters; key: (name: string) => string; write: (values: Assignment) => TextEdit[] | undefined };
  } = {},
): RuleFinding[] {
  const decided = options.decided ?? ((finding: RuleFinding) => reportInParameterFile(finding, parameterUri));
  const alone = once(() => checkWith(unknownValuesOf(values)));
  const following = (finding: RuleFinding) => (finding.unresolved ? undefined : failureFollowingFrom(finding, alone(), suppliedAt));
  const isReported = (finding: RuleFinding) => decided(finding).length > 0 || following(finding) !== undefined;
  const flips = new FlagFlips(parameterUri, values, checkWith, isReported);
  const editObject = options.text === undefined ? undefined : objectLiteralEditor(parameterUri, options.text);
  const objectFix = (finding: RuleFinding, from: FollowingFrom) => (editObject ? addToPassedObjectFix(finding, from, { values, checkWith, isReported, editObject }) : undefined);
  const strings = options.strings;
  const needed = once(() => strings && new NeededValues(values, checkWith, strings.parameters(), strings.key, findings.length));
  const stringFixes = (finding: RuleFinding) => (strings ? neededValueFixes(finding, needed(), settingTitle, strings.write) : []);
  const reported: RuleFinding[] = [];
  for (const finding of findings) {
    const here = decided(finding);
    if (here.length > 0 || finding.unresolved) {
      reported.push(...here);
      continue;
    }
    const from = following(finding);
    if (!from) continue;
    reported.push({
      ...finding,
      uri: parameterUri,
      span: from.sources[0]!.passed.span,
      ...withMessage(finding, followingFrom(finding.message, from, ['as this file sets it', 'as this file sets them'])),
      related: [...withDeclaration(finding), ...otherSources(from, parameterUri, 'set')],
      // The template decides the failing value: its own fixes are offered there; here, what the file can change.
      fixes: once(() => {
        const inObject = objectFix(finding, from);
        return [...(inObject ? [inObject] : []), ...flips.fixes(finding, from), ...stringFixes(finding)];
      }),
      suppression: movedSuppression(finding),
    });
  }
  return reported;
}

/** *Set parameters 'acrSku' to 'Premium' and 'publicNetworkAccess' to 'Disabled'*, as a parameter file sets them. */
function settingTitle(values: Assignment): string {
  const settings = [...values].map(([name, value]) => `'${name}' to '${value}'`);
  return settings.length === 1 ? `Set parameter ${settings[0]}` : `Set parameters ${settings.slice(0, -1).join(', ')} and ${settings[settings.length - 1]}`;
}

/** Where a value is passed to a template (a parameter file's value, a module's `params` entry), and its name there. */
export interface PassedValue {
  name: string;
  span: Span;
  /** the value is written at `span`, in this file (not in a file it extends) */
  written?: boolean;
}

/** The values passed to a template that a failing finding follows from, each with the failing properties it decides. */
export interface FollowingFrom {
  sources: { passed: PassedValue; paths: readonly string[] }[];
  /** how many properties fail */
  failing: number;
  /** every value passed that a failing property waits for (`sources` names only the first for each property) */
  involved: readonly PassedValue[];
}

/**
 * The values passed to a finding's template (`passedAs`: where a parameter is passed, if it is) that its failing
 * properties follow from, the first one for each. A property follows from the parameters it waits for in `alone`,
 * the findings of the same template checked with the values passed to it unknown (`unknownValuesOf`); one that fails
 * there too is the template's own failure.
 */
export function failureFollowingFrom(finding: RuleFinding, alone: readonly RuleFinding[], passedAs: (parameter: string) => PassedValue | undefined): FollowingFrom | undefined {
  const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
  const withoutValues = alone.find(sameRegistry);
  if (!withoutValues) return undefined;
  const waiting = new Map(withoutValues.checks().map((check) => [check.path, check.waitsFor] as const));
  const failing = finding.checks().filter((check) => check.fails);
  const passed = new Map<string, PassedValue | undefined>();
  const passedOnce = (parameter: string) => (passed.has(parameter) ? passed.get(parameter) : passed.set(parameter, passedAs(parameter)).get(parameter));
  const sources = new Map<string, { passed: PassedValue; paths: string[] }>();
  for (const { path } of failing) {
    for (const parameter of waiting.get(path) ?? []) {
      const value = passedOnce(parameter);
      if (!value) continue;
      const source = sources.get(parameter) ?? { passed: value, paths: [] };
      source.paths.push(path);
      sources.set(parameter, source);
      break;
    }
  }
  if (sources.size === 0) return undefined;
  const involved = [...new Set(failing.flatMap(({ path }) => waiting.get(path) ?? []))].flatMap((parameter) => passedOnce(parameter) ?? []);
  return { sources: [...sources.values()], failing: failing.length, involved };
}

const FOLLOWS = ' follows from parameter ';

/**
 * The message ending with the values passed that the failure follows from, as seen where it is reported (`how`: as
 * said of one value, and of several): it replaces the sentence a file further down wrote (a module's caller, then the
 * parameter file of that caller).
 */
export function followingFrom(message: string, following: Pick<FollowingFrom, 'sources' | 'failing'>, how: readonly [one: string, many: string]): string {
  const earlier = message.indexOf(FOLLOWS);
  const kept = earlier < 0 ? message : message.slice(0, message.lastIndexOf('. ', earlier) + 1);
  const [first, ...others] = following.sources;
  if (others.length === 0 && first!.paths.length === following.failing) return `${kept} It${FOLLOWS}'${first!.passed.name}' ${how[0]}.`;
  const clause = (source: FollowingFrom['sources'][number], verb: string) => `${source.paths.join(' and ')}${verb} from parameter '${source.passed.name}'`;
  const verb = first!.paths.length === 1 ? ' follows' : ' follow';
  const rest = others.map((source, index) => `${index === others.length - 1 ? ' and' : ','} its ${clause(source, '')}`).join('');
  return `${kept} Its ${clause(first!, verb)}${rest}${others.length > 0 ? ',' : ''} ${others.length > 0 ? how[1] : how[0]}.`;
}

/** The places of the values a failure follows from after the first (where it is reported), as related locations. */
export function otherSources(following: FollowingFrom, uri: string, how: 'set' | 'passed'): RelatedLocation[] {
  return following.sources.slice(1).map(({ passed }) => ({ location: { uri, span: passed.span }, message: `parameter '${passed.name}' is ${how} here` }));
}

/**
 * A finding that follows from values a caller passes (a module's `params`, a deployment's `parameters`), reported on
 * the first of them, with the flags among them set otherwise as fixes.
 */
export function reportAtPassedValue(finding: RuleFinding, uri: string, following: FollowingFrom, flips: FlagFlips): RuleFinding {
  const reported = reportAtDeployment(finding, uri, following.sources[0]!.passed.span);
  return {
    ...reported,
    ...withMessage(reported, followingFrom(reported.message, following, ['as passed here', 'as passed here'])),
    related: [...reported.related, ...otherSources(following, uri, 'passed')],
    fixes: once(() => [...reported.fixes(), ...flips.fixes(finding, following)]),
  };
}

/**
 * The finding without the fixes that edit a module Bicep restored into its cache (outside the workspace): the cache is
 * Bicep's to write, however the finding came to need an edit there.
 */
export function withoutEditsInCache(finding: RuleFinding, workspaceRoots: readonly string[]): RuleFinding {
  const inCache = (uri: string) => isRestoredModuleUri(uri) && !isInside(uri, workspaceRoots);
  return { ...finding, fixes: once(() => finding.fixes().filter((fix) => !fix.edits.some((edit) => inCache(edit.uri)))) };
}

/**
 * A finding about a registry of another file (a module, a linked template) that this file deploys, decided outside
 * this file: reported at `span` here, naming the file. Fixes that edit that file belong to its own analysis; one that
 * edits only other places (a .bicepparam value that reaches the module) stays.
 */
const DECLARED_IN = ' The registry is declared in ';

export function reportAtDeployment(finding: RuleFinding, uri: string, span: Span): RuleFinding {
  const elsewhere = once(() => finding.fixes().filter((fix) => fix.edits.every((edit) => edit.uri !== finding.resource.uri)));
  // Passed up through modules, the finding names the registry's file once, as seen from where it is reported now.
  const earlier = finding.message.lastIndexOf(DECLARED_IN);
  const message = `${earlier < 0 ? finding.message : finding.message.slice(0, earlier)}${DECLARED_IN}${fileNameFrom(finding.resource.uri, uri)}.`;
  return { ...finding, uri, span, ...withMessage(finding, message), related: withDeclaration(finding), fixes: elsewhere, suppression: movedSuppression(finding) };
}
