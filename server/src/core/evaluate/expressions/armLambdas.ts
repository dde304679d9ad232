/** ARM's `lambda('x', 'i', body)` arguments and `lambdaVariables('x')`, as compiled Bicep writes them. */
import { unknown, type Value } from '../value';
import type { Call, Expression } from './ast';
import { evaluateExpression, scopeWith, type EvaluationScope } from './evaluator';
import { callWithLambdas, type Lambda } from './lambdas';

const isLambdaCall = (expression: Expression): expression is Call => expression.kind === 'call' && expression.namespace === undefined && expression.name.toLowerCase() === 'lambda';

/** map(), filter(), ... with their `lambda(...)` arguments made into lambdas and the others evaluated. */
export function callArmWithLambdas(call: Call, name: string, scope: EvaluationScope, evaluate: (e: Expression) => Value): Value {
  const args: (Value | Lambda)[] = [];
  for (const argument of call.args) {
    if (!isLambdaCall(argument)) {
      args.push(evaluate(argument));
      continue;
    }
    const names = argument.args.slice(0, -1).map((parameter) => (parameter.kind === 'string' ? parameter.value.toLowerCase() : undefined));
    const body = argument.args[argument.args.length - 1];
    if (!body || names.includes(undefined)) return unknown("lambda() expects parameter names as strings, then an expression");
    args.push({ lambda: true, apply: (values) => evaluateExpression(body, withLambdaVariables(scope, new Map(names.map((n, i) => [n!, values[i] ?? unknown(`lambda variable '${n}' is given no value`)])))) });
  }
  return callWithLambdas(name, call.name, args, { uri: scope.uri, span: call.span, kind: 'expression' });
}

/** lambdaVariables('x') inside a lambda's body. */
export function lambdaVariable(call: Call, scope: EvaluationScope, evaluate: (e: Expression) => Value): Value {
  const name = call.args.length === 1 ? evaluate(call.args[0]!) : undefined;
  if (name?.kind !== 'string') return name?.kind === 'unknown' ? name : unknown('lambdaVariables() expects the name of a lambda parameter');
  return scope.lambdaVariable?.(name.value) ?? unknown(`lambdaVariables('${name.value}') is not inside a lambda with that parameter`);
}

function withLambdaVariables(scope: EvaluationScope, names: ReadonlyMap<string, Value>): EvaluationScope {
  return scopeWith(scope, { lambdaVariable: (name) => names.get(name.toLowerCase()) ?? scope.lambdaVariable?.(name) });
}
