/**
 * The string parameters of a module or linked template, and the values each accepts: what a fix in the caller may
 * pass them. Only what is written plainly counts (`string`, `string?`, a union of string literals, `@allowed` or
 * `allowedValues` of literals); a parameter typed or restricted any other way is left out.
 */
import type { BicepFile } from '../bicep/parser';
import type { Expression } from '../bicep/syntax';
import type { ArmDocument } from '../arm/armDocument';
import { findValue, keyOf, stringOf } from '../syntax/json';
import { literalUnion } from '../bicep/typeText';

export interface StringParameters {
  /** the parameters' names, as declared */
  names: readonly string[];
  /** whether `value` may be passed to `name`: Bicep and ARM compare allowed values case-sensitively */
  accepts(name: string, value: string): boolean;
}

/** Each parameter's allowed values, or null when it takes any string. */
function catalogue(parameters: Map<string, readonly string[] | null>): StringParameters {
  const byKey = new Map([...parameters].map(([name, allowed]) => [name.toLowerCase(), allowed] as const));
  return {
    names: [...parameters.keys()],
    accepts(name, value) {
      const allowed = byKey.get(name.toLowerCase());
      return allowed === null || (allowed !== undefined && allowed.includes(value));
    },
  };
}

/** A string literal without interpolation, as its text. */
function literalText(expression: Expression | undefined): string | undefined {
  return expression?.kind === 'string' && expression.pieces.length === 1 ? expression.pieces[0] : undefined;
}

export function bicepStringParameters(file: BicepFile): StringParameters {
  const parameters = new Map<string, readonly string[] | null>();
  for (const statement of file.statements) {
    if (statement.kind !== 'param') continue;
    const union = literalUnion(statement.type);
    const isString = statement.type === 'string' || statement.type === 'string?';
    if (!union && !isString) continue;
    const decorator = statement.decorators.find((d) => d.expression.kind === 'call' && d.expression.name === 'allowed');
    if (!decorator) {
      parameters.set(statement.name.name, union ?? null);
      continue;
    }
    const list = decorator.expression.kind === 'call' ? decorator.expression.args[0] : undefined;
    const items = list?.kind === 'array' ? list.items.map((item) => (item.kind === 'spread' ? undefined : literalText(item))) : [undefined];
    // A list that is not all literals is not read: nothing is passed to that parameter.
    if (items.every((item) => item !== undefined)) parameters.set(statement.name.name, items as string[]);
  }
  return catalogue(parameters);
}

export function armStringParameters(template: ArmDocument): StringParameters {
  const parameters = new Map<string, readonly string[] | null>();
  for (const property of findValue(template.root, 'parameters')?.children ?? []) {
    const name = keyOf(property);
    const declaration = property.children?.[1];
    if (name === undefined || stringOf(findValue(declaration, 'type'))?.toLowerCase() !== 'string') continue;
    const allowed = findValue(declaration, 'allowedValues');
    if (!allowed) {
      parameters.set(name, null);
      continue;
    }
    const items = allowed.type === 'array' ? (allowed.children ?? []).map((item) => stringOf(item)) : [undefined];
    // An expression among them ("[...]") is not read either.
    if (items.every((item) => item !== undefined && !item.startsWith('['))) parameters.set(name, items as string[]);
  }
  return catalogue(parameters);
}
