/** Quick fixes that set a template's boolean parameter defaults the other way (see FlagFlips). */
import { bool, type Value } from '../evaluate/value';
import { once } from '../once';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, Span } from '../types';
import { FlagFlips } from './flagFlips';
import { failureFollowingFrom, unknownValuesOf, type CheckWithValues, type PassedValue } from './parameterFindings';
import type { ArmDocument } from '../arm/armDocument';
import { nodeSpan } from '../arm/armResources';
import type { BicepFile } from '../bicep/parser';
import { spanOf } from '../bicep/syntax';
import { findValue, keyOf, stringOf } from '../syntax/json';

/** A boolean parameter of a template whose default is written as `true` or `false`. */
export interface FlagDefault {
  /** as declared */
  name: string;
  /** as the template's supplied values name it (ARM: lower case) */
  key: string;
  value: boolean;
  /** where the default is written */
  span: Span;
}

/** Flags of a template, and its findings with them unknown: the failures that wait for them name them. */
export interface FlagsUnknown {
  flags: readonly FlagDefault[];
  /** the template's findings with the flags unknown, the other values as passed */
  alone: () => readonly RuleFinding[];
  /** a flag by a parameter name a finding waits for, where its default is written */
  flag: (name: string) => FlagDefault | undefined;
  passedAs: (name: string) => PassedValue | undefined;
}

/** `flags` (those of them `passed` does not set), ready to find the failures that follow from them. */
export function flagsUnknown(flags: readonly FlagDefault[], passed: ReadonlyMap<string, () => Value>, checkWith: CheckWithValues): FlagsUnknown {
  const set = new Set([...passed.keys()].map((name) => name.toLowerCase()));
  const left = flags.filter((flag) => !set.has(flag.key.toLowerCase()));
  const byName = new Map(left.map((flag) => [flag.key.toLowerCase(), flag] as const));
  const flag = (name: string) => byName.get(name.toLowerCase());
  return {
    flags: left,
    alone: once(() => checkWith(new Map([...passed, ...unknownValuesOf(new Map(left.map((f) => [f.key, () => bool(f.value)] as const)))]))),
    flag,
    passedAs: (name) => {
      const found = flag(name);
      return found && { name: found.name, span: found.span, written: true };
    },
  };
}

/**
 * The quick fixes that set the defaults of flags the other way, for the findings of a template checked by
 * `findingsWith` (with some parameters' values supplied): for a failure that follows from them (found by checking the
 * template with them unknown), when the registry then passes. The flags are read when fixes are first asked for, never
 * while typing: reading an ARM template's parameters builds nodes the analysis does not need.
 */
export function flagDefaultFixes(uri: string, flagsOf: () => readonly FlagDefault[], findingsWith: CheckWithValues): (finding: RuleFinding) => FixAction[] {
  const prepared = once(() => {
    const flags = flagsUnknown(flagsOf(), new Map(), findingsWith);
    if (flags.flags.length === 0) return undefined;
    const values = new Map(flags.flags.map((flag) => [flag.key, () => bool(flag.value)] as const));
    // Any finding of the registry left is reported: the flags set otherwise must leave none.
    return { flags, flips: new FlagFlips(uri, values, findingsWith, () => true, 'default') };
  });
  return (finding) => {
    const ready = prepared();
    if (!ready || finding.unresolved) return [];
    const following = failureFollowingFrom(finding, ready.flags.alone(), ready.flags.passedAs);
    return following ? ready.flips.fixes(finding, following) : [];
  };
}

/** The file's boolean parameters whose defaults are written as `true` or `false`. */
export function bicepFlagDefaults(file: BicepFile): FlagDefault[] {
  return file.statements.flatMap((statement) =>
    statement.kind === 'param' && statement.value?.kind === 'boolean' ? [{ name: statement.name.name, key: statement.name.name, value: statement.value.value, span: spanOf(statement.value) }] : [],
  );
}

/** The template's `bool` parameters whose `defaultValue` is written as `true` or `false` (keyed in lower case, as supplied values are). */
export function armFlagDefaults(arm: ArmDocument): FlagDefault[] {
  return (findValue(arm.root, 'parameters')?.children ?? []).flatMap((property) => {
    const name = keyOf(property);
    const declaration = property.children?.[1];
    const value = findValue(declaration, 'defaultValue');
    if (name === undefined || value?.type !== 'boolean' || stringOf(findValue(declaration, 'type'))?.toLowerCase() !== 'bool') return [];
    return [{ name, key: name.toLowerCase(), value: value.value as boolean, span: nodeSpan(value) }];
  });
}
