/**
 * A quick fix for a failure that follows from boolean values a parameter file sets (`param isPrivate = false`, and
 * the template chooses `isPrivate ? 'Disabled' : 'Enabled'`): set them the other way. Offered only when the template,
 * checked with them so, no longer fails because of the file; never applied without asking, as a flag may decide more
 * than the registry.
 */
import { bool, type Value } from '../evaluate/value';
import type { RuleFinding } from '../rules/rule';
import type { FixAction } from '../types';
import type { CheckWithValues, FollowingFrom, PassedValue } from './parameterFindings';

interface Flip {
  /** the parameter's key among the file's values */
  key: string;
  passed: PassedValue;
  to: boolean;
}

export class FlagFlips {
  /** the template's findings with the flags of each set of flips, by those flips */
  private readonly checked = new Map<string, readonly RuleFinding[]>();

  constructor(
    private readonly parameterUri: string,
    private readonly values: ReadonlyMap<string, () => Value>,
    private readonly checkWith: CheckWithValues,
    /** whether a finding of the template would be reported in the parameter file */
    private readonly isReported: (finding: RuleFinding) => boolean,
  ) {}

  fixes(finding: RuleFinding, following: FollowingFrom): FixAction[] {
    const flips = following.sources.flatMap(({ passed }) => this.flipOf(passed));
    if (flips.length === 0) return [];
    const key = flips.map((flip) => flip.key).join('\0');
    let after = this.checked.get(key);
    if (!after) {
      const values = new Map(this.values);
      for (const flip of flips) values.set(flip.key, () => bool(flip.to));
      after = this.checkWith(values);
      this.checked.set(key, after);
    }
    const sameRegistry = (other: RuleFinding) => other.resource.uri === finding.resource.uri && other.resource.declarationSpan.start === finding.resource.declarationSpan.start;
    if (after.some((other) => sameRegistry(other) && this.isReported(other))) return [];
    const settings = flips.map((flip) => `'${flip.passed.name}' to ${flip.to}`);
    const title = flips.length === 1 ? `Set parameter ${settings[0]}` : `Set parameters ${settings.slice(0, -1).join(', ')} and ${settings[settings.length - 1]}`;
    return [{ title, isPreferred: false, needsChoice: true, edits: flips.map((flip) => ({ uri: this.parameterUri, span: flip.passed.span, newText: String(flip.to) })) }];
  }

  /** A boolean the file writes itself, to be set the other way. */
  private flipOf(passed: PassedValue): Flip[] {
    if (!passed.written) return [];
    const key = [...this.values.keys()].find((name) => name.toLowerCase() === passed.name.toLowerCase());
    const value = key === undefined ? undefined : this.values.get(key)!();
    return key !== undefined && value?.kind === 'boolean' ? [{ key, passed, to: !value.value }] : [];
  }
}
