/**
 * A quick fix for a failure that follows from boolean values a parameter file, a caller or a template's parameter
 * defaults set (`param isPrivate = false`, and the template chooses `isPrivate ? 'Disabled' : 'Enabled'`): set them
 * the other way. Offered only when the template, checked with them so, no longer fails because of them; never applied
 * without asking, as a flag may decide more than the registry.
 */
import { bool, type Value } from '../evaluate/value';
import type { RuleFinding } from '../rules/rule';
import type { FixAction } from '../types';
import type { CheckWithValues, FollowingFrom, PassedValue } from './parameterFindings';
import { isSameDeclaration } from '../model/resource';

interface Flip {
  /** the parameter's key among the values */
  key: string;
  passed: PassedValue;
  to: boolean;
}

const MAX_FLAGS_TRIED_ALONE = 8;

/**
 * The sets of flags to try setting the other way, fewest first: each alone, then all of them (a failure can need two:
 * one flag chooses the SKU, another the access). Each try is a whole analysis: past a few flags, only all together.
 */
export function fewestFirst<T>(candidates: readonly T[]): T[][] {
  if (candidates.length === 0) return [];
  const alone = candidates.length > 1 && candidates.length <= MAX_FLAGS_TRIED_ALONE ? candidates.map((flag) => [flag]) : [];
  return [...alone, [...candidates]];
}

export class FlagFlips {
  /** the template's findings with the flags of each set of flips, by those flips */
  private readonly checked = new Map<string, readonly RuleFinding[]>();

  constructor(
    /** the file the flags are written in (a parameter file, a caller, the template itself) */
    private readonly uri: string,
    /** the values the template is checked with, the flags' among them */
    private readonly values: ReadonlyMap<string, () => Value>,
    private readonly checkWith: CheckWithValues,
    /** whether a finding of the template would still be reported there */
    private readonly isReported: (finding: RuleFinding) => boolean,
    /** what is set: the values themselves, or parameters' defaults */
    private readonly setting: 'value' | 'default' = 'value',
  ) {}

  /** The fewest flips that take the finding away (see fewestFirst). */
  fixes(finding: RuleFinding, following: FollowingFrom): FixAction[] {
    const candidates = following.involved.flatMap((passed) => this.flipOf(passed));
    const flips = fewestFirst(candidates).find((set) => this.takesAway(finding, set));
    if (!flips) return [];
    const settings = flips.map((flip) => `'${flip.passed.name}' to ${flip.to}`);
    const what = this.setting === 'value' ? ['Set parameter', 'Set parameters'] : ['Set the default of parameter', 'Set the defaults of parameters'];
    const title = flips.length === 1 ? `${what[0]} ${settings[0]}` : `${what[1]} ${settings.slice(0, -1).join(', ')} and ${settings[settings.length - 1]}`;
    return [{ title, isPreferred: false, needsChoice: true, edits: flips.map((flip) => ({ uri: this.uri, span: flip.passed.span, newText: String(flip.to) })) }];
  }

  /** Whether the template, with these flips, leaves no finding of the registry reported. */
  private takesAway(finding: RuleFinding, flips: readonly Flip[]): boolean {
    const key = flips.map((flip) => flip.key).join('\0');
    let after = this.checked.get(key);
    if (!after) {
      const values = new Map(this.values);
      for (const flip of flips) values.set(flip.key, () => bool(flip.to));
      after = this.checkWith(values);
      this.checked.set(key, after);
    }
    const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
    return !after.some((other) => sameRegistry(other) && this.isReported(other));
  }

  /** A boolean the file writes itself, to be set the other way. */
  private flipOf(passed: PassedValue): Flip[] {
    if (!passed.written) return [];
    const key = [...this.values.keys()].find((name) => name.toLowerCase() === passed.name.toLowerCase());
    const value = key === undefined ? undefined : this.values.get(key)!();
    return key !== undefined && value?.kind === 'boolean' ? [{ key, passed, to: !value.value }] : [];
  }
}

