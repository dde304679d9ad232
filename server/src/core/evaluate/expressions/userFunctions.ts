/** User-defined functions (`namespace.name(...)`): their output sees only their own parameters. */
import { unknown, type Value } from '../value';
import type { Call } from './ast';
import { evaluateNode, type EvaluationScope } from './evaluator';
import type { Arg } from './functions';

export function callUserFunction(call: Call, scope: EvaluationScope, args: Arg[]): Value {
  const definition = scope.userFunction(call.namespace!, call.name);
  if (!definition) return unknown(`user function '${call.namespace}.${call.name}' is not defined`);
  if (args.length !== definition.parameterNames.length) {
    return unknown(`user function '${call.namespace}.${call.name}' takes ${definition.parameterNames.length} arguments, got ${args.length}`);
  }
  const bound = new Map(definition.parameterNames.map((name, i) => [name.toLowerCase(), args[i]!] as const));
  const functionScope: EvaluationScope = {
    uri: definition.uri,
    text: scope.text,
    budget: scope.budget,
    parameter: (name) => bound.get(name.toLowerCase())?.(),
    variable: () => undefined,
    copyIndex: () => undefined,
    userFunction: (namespace, name) => scope.userFunction(namespace, name),
  };
  return evaluateNode(definition.output, functionScope);
}
