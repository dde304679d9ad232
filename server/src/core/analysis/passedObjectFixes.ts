/**
 * A fix for a registry that lacks properties because of an object a parameter file passes, which the template merges
 * into the registry (`properties: union(props, { ... })`): the missing members are added to that object where the
 * file writes it. Where the object lands is found by trying: the members are added at each place it could, deepest
 * first, and the template is checked with the object so.
 */
import { getMember, objectValue, str, type ObjectValue, type Value } from '../evaluate/value';
import type { PathAssignment } from '../fixes/desiredTree';
import { FIX_TITLE } from '../rules/azure-acr-export-policy';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, Span, TextEdit } from '../types';
import type { CheckWithValues, FollowingFrom } from './parameterFindings';
import { isSameDeclaration } from '../model/resource';

export function addToPassedObjectFix(
  finding: RuleFinding,
  following: FollowingFrom,
  file: {
    values: ReadonlyMap<string, () => Value>;
    checkWith: CheckWithValues;
    /** whether a finding of the template would still be reported in the file */
    isReported: (finding: RuleFinding) => boolean;
    editObject: (span: Span, assignments: readonly PathAssignment[]) => TextEdit[] | undefined;
  },
): FixAction | undefined {
  const [source, ...others] = following.sources;
  const failing = finding.checks().filter((check) => check.fails);
  if (!source || others.length > 0 || !source.passed.written || source.paths.length !== failing.length || !failing.every((check) => check.missing)) return undefined;
  const key = [...file.values.keys()].find((name) => name.toLowerCase() === source.passed.name.toLowerCase());
  const passed = key === undefined ? undefined : file.values.get(key)!();
  if (key === undefined || passed?.kind !== 'object') return undefined;
  const paths = failing.map((check) => check.path.split('.'));
  const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
  for (let depth = Math.min(...paths.map((path) => path.length)) - 1; depth >= 0; depth--) {
    const prefix = paths[0]!.slice(0, depth).join('.');
    if (!paths.every((path) => path.slice(0, depth).join('.') === prefix)) continue;
    const assignments = failing.map((check, index) => ({ path: paths[index]!.slice(depth), value: check.expected }));
    let object = passed;
    for (const { path, value } of assignments) object = withMemberAt(object, path, value);
    const values = new Map(file.values).set(key, () => object);
    if (file.checkWith(values).some((other) => sameRegistry(other) && file.isReported(other))) continue;
    const edits = file.editObject(source.passed.span, assignments);
    if (!edits) return undefined;
    return { title: `${FIX_TITLE} (in parameter '${source.passed.name}')`, isPreferred: finding.fixes().some((fix) => fix.isPreferred), edits };
  }
  return undefined;
}

/** The object with `value` set at `path`, the objects along it created where they are missing. */
function withMemberAt(object: ObjectValue, path: readonly string[], value: string): ObjectValue {
  const [name, ...rest] = path;
  const current = getMember(object, name!);
  const member = rest.length === 0 ? str(value) : withMemberAt(current?.kind === 'object' ? current : objectValue([]), rest, value);
  const kept = [...object.members.values()].filter((m) => m.name.toLowerCase() !== name!.toLowerCase());
  return objectValue([...kept, { name: name!, value: member }], object.origin);
}
