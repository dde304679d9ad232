/** Quick fixes that set a template's boolean parameter defaults the other way (see FlagFlips). */
import { bool } from '../evaluate/value';
import { once } from '../once';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, Span } from '../types';
import { FlagFlips } from './flagFlips';
import { failureFollowingFrom, unknownValuesOf, type CheckWithValues } from './parameterFindings';
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

/**
 * The quick fixes that set the defaults of flags the other way, for the findings of a template checked by
 * `findingsWith` (with some parameters' values supplied): for a failure that follows from them (found by checking the
 * template with them unknown), when the registry then passes. The flags are read when fixes are first asked for, never
 * while typing: reading an ARM template's parameters builds nodes the analysis does not need.
 */
export function flagDefaultFixes(uri: string, flagsOf: () => readonly FlagDefault[], findingsWith: CheckWithValues): (finding: RuleFinding) => FixAction[] {
  const prepared = once(() => {
    const flags = flagsOf();
    if (flags.length === 0) return undefined;
    const values = new Map(flags.map((flag) => [flag.key, () => bool(flag.value)] as const));
    const byName = new Map(flags.map((flag) => [flag.key.toLowerCase(), flag] as const));
    // Any finding of the registry left is reported: the flags set otherwise must leave none.
    return { byName, alone: once(() => findingsWith(unknownValuesOf(values))), flips: new FlagFlips(uri, values, findingsWith, () => true, 'default') };
  });
  return (finding) => {
    const flags = prepared();
    if (!flags || finding.unresolved) return [];
    const following = failureFollowingFrom(finding, flags.alone(), (name) => {
      const flag = flags.byName.get(name.toLowerCase());
      return flag && { name: flag.name, span: flag.span, written: true };
    });
    return following ? flags.flips.fixes(finding, following) : [];
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
