/**
 * Fixes a caller can make for a module's registry that fails by the module's own parameter defaults: pass the values
 * the registry needs to those parameters, in the caller's `params`.
 */
import { BicepObjectEditor, findProperty } from '../bicep/objectEditor';
import type { ObjectExpression } from '../bicep/syntax';
import { str, type Value } from '../evaluate/value';
import { buildDesiredTree } from '../fixes/desiredTree';
import type { RuleFinding } from '../rules/rule';
import type { FixAction } from '../types';
import type { CheckWithValues } from './parameterFindings';
import { isSameDeclaration } from '../model/resource';

/**
 * `publicNetworkAccess: 'Disabled'` added to the module's `params` (in `body`, its declaration's object), when every
 * failing property of the finding is a default of a module parameter and the module, checked with the values passed
 * so, no longer fails. Preferred as the module's own fix is (not on a registry that is not Premium).
 */
export function passingValuesFix(
  finding: RuleFinding,
  module: { uri: string; passed: ReadonlyMap<string, () => Value>; checkWith: CheckWithValues },
  caller: { uri: string; text: string; body: ObjectExpression },
): FixAction | undefined {
  const failing = finding.checks().filter((check) => check.fails);
  const names = failing.map((check) => (check.decidedAt?.kind === 'parameterDefault' && check.decidedAt.uri === module.uri ? check.decidedAt.name : undefined));
  if (failing.length === 0 || names.some((name) => name === undefined)) return undefined;
  const passing = new Map(failing.map((check, index) => [names[index]!, check.expected] as const));
  const values = new Map(module.passed);
  for (const [name, value] of passing) values.set(name, () => str(value));
  const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
  if (module.checkWith(values).some(sameRegistry)) return undefined;
  // Bicep takes only an object literal for `params`: what is not one is left alone, not wrapped in a union().
  const params = findProperty(caller.body, 'params');
  if (params && params.value.kind !== 'object') return undefined;
  const editor = new BicepObjectEditor(caller.uri, caller.text);
  if (!editor.apply(caller.body, buildDesiredTree([...passing].map(([name, value]) => ({ path: ['params', name], value }))))) return undefined;
  const listed = [...passing].map(([name, value]) => `${name}: '${value}'`);
  return { title: `Pass ${listed.join(' and ')} to the module`, isPreferred: finding.fixes().some((fix) => fix.isPreferred), edits: editor.edits };
}
