/**
 * Evaluates Bicep expressions to values with provenance, with the ARM function library under the same names
 * (Bicep compiles its functions to them). Operators follow Bicep: `=~` compares case-insensitively, `??` takes the
 * right side only when the left is null, `.?` and `[?]` give null instead of failing, `&&`/`||`/`?:` are lazy.
 */
import { arrayValue, bool, causeOf, getMember, memberOfUnknown, nullValue, num, objectValue, str, unknown, type ObjectMember, type Origin, type UnknownValue, type Value } from '../evaluate/value';
import { EvaluationBudget, access, budgetNote, type EvaluationScope } from '../evaluate/expressions/evaluator';
import { callFunction, tryGetStep } from '../evaluate/expressions/functions';
import type { Call, Expression as ArmExpression } from '../evaluate/expressions/ast';
import { agreedValue, equalsOrUnknown, stringify } from '../evaluate/expressions/valueOps';
import { spanOf, type Expression, type LambdaExpression, type ObjectExpression, type ObjectProperty, type SpreadElement } from './syntax';
import { callWithLambdas, LAMBDA_FUNCTIONS, type Lambda } from '../evaluate/expressions/lambdas';
import { sameKeyIgnoringCase } from '../text/keys';
import { appendAll } from '../collections';
import { isLoadFunction, loadContent } from './loadContent';
import type { CompiledFunction } from './compiledExports';

export interface BicepScope {
  readonly uri: string;
  readonly budget: EvaluationBudget;
  /** a parameter, variable, loop variable or symbol; undefined when the name is not declared */
  lookup(name: string): Value | undefined;
  /** the text of a file the template loads when it compiles (loadJsonContent, loadYamlContent, loadTextContent) */
  loadFile(uri: string): string | undefined;
  /** a file's bytes (loadFileAsBase64, loadTextContent in another encoding) */
  loadBytes?(uri: string): Uint8Array | undefined;
  /** the names of the files in a folder (loadDirectoryFileInfo) */
  listFiles?(uri: string): string[] | undefined;
  /**
   * A user-defined function (`func name(...) ... => body`) of the file, or imported into it (`import { fn } from`,
   * or `ns.fn` after `import * as ns from`).
   */
  userFunction?(name: string, namespace?: string): UserFunction | CompiledFunction | { missing: string } | undefined;
  /** `symbol.name`, `.type`, `.apiVersion` of a resource or module, which Bicep knows when it compiles */
  symbolProperty?(symbol: string, property: string): Value | undefined;
}

/** A user-defined function: its parameters and body, and the file it is declared in (its body sees that file's functions). */
export interface UserFunction {
  definition: LambdaExpression;
  home: BicepScope;
}

/** A scope with some names bound on top of another (loop variables, lambda parameters). */
export function bindNames(scope: BicepScope, names: ReadonlyMap<string, Value>): BicepScope {
  return {
    uri: scope.uri,
    budget: scope.budget,
    lookup: (name) => names.get(name) ?? scope.lookup(name),
    loadFile: (uri) => scope.loadFile(uri),
    loadBytes: (uri) => scope.loadBytes?.(uri),
    listFiles: (uri) => scope.listFiles?.(uri),
    userFunction: (name, namespace) => scope.userFunction?.(name, namespace),
    symbolProperty: (symbol, property) => (names.has(symbol) ? undefined : scope.symbolProperty?.(symbol, property)),
  };
}

const NAMESPACES = new Set(['sys', 'az']);

export function evaluateBicep(expression: Expression, scope: BicepScope): Value {
  const budget = scope.budget;
  if (!budget.step() || !budget.enter()) return budgetNote(armScope(scope));
  try {
    return evaluate(expression, scope);
  } finally {
    budget.leave();
  }
}

function literal(scope: BicepScope, expression: Expression): Origin {
  return { uri: scope.uri, span: spanOf(expression), kind: 'literal' };
}

function computed(scope: BicepScope, expression: Expression): Origin {
  return { uri: scope.uri, span: spanOf(expression), kind: 'expression' };
}

function evaluate(expression: Expression, scope: BicepScope): Value {
  switch (expression.kind) {
    case 'string': {
      if (expression.expressions.length === 0) return str(expression.pieces[0] ?? '', literal(scope, expression));
      let result = expression.pieces[0] ?? '';
      for (let i = 0; i < expression.expressions.length; i++) {
        const value = evaluateBicep(expression.expressions[i]!, scope);
        if (value.kind === 'unknown') return causeOf(value);
        const text = stringify(value);
        if (text === undefined) return unknown('an interpolated value is not a string');
        result += text + (expression.pieces[i + 1] ?? '');
      }
      return str(result, computed(scope, expression));
    }
    case 'integer':
      return num(expression.value, literal(scope, expression));
    case 'boolean':
      return bool(expression.value, literal(scope, expression));
    case 'null':
      return nullValue(literal(scope, expression));
    case 'identifier':
      return scope.lookup(expression.name) ?? unknown(`'${expression.name}' is not declared`);
    case 'paren':
      return evaluateBicep(expression.expression, scope);
    case 'object': {
      const members: ObjectMember[] = [];
      // After a spread that is not known, what follows it is still known of the object (see UnknownValue.known).
      let cause: UnknownValue | undefined;
      for (const member of expression.members) {
        if (member.kind === 'property') {
          const key = member.key ?? (member.interpolatedKey && stringify(evaluateBicep(member.interpolatedKey, scope)));
          if (key === undefined) return unknown('an interpolated property name is not known');
          members.push({ name: key, value: evaluateBicep(member.value, scope), keySpan: { start: member.keyStart, end: member.keyEnd } });
        } else if (member.kind === 'spread') {
          const spread = evaluateBicep(member.expression, scope);
          if (spread.kind === 'unknown') {
            cause = spread;
            members.length = 0;
            if (spread.known) appendAll(members, spread.known.members.values());
          } else if (spread.kind === 'object') {
            appendAll(members, spread.members.values());
          }
        }
      }
      const object = objectValue(members, literal(scope, expression));
      return cause ? { ...causeOf(cause), known: object } : object;
    }
    case 'array': {
      const items: Value[] = [];
      for (const item of expression.items) {
        if (item.kind === 'spread') {
          const spread = evaluateBicep(item.expression, scope);
          if (spread.kind === 'unknown') return causeOf(spread);
          if (spread.kind === 'array') appendAll(items, spread.items);
        } else {
          items.push(evaluateBicep(item, scope));
        }
      }
      return arrayValue(items, literal(scope, expression));
    }
    case 'propertyAccess': {
      const known = expression.base.kind === 'identifier' ? scope.symbolProperty?.(expression.base.name, expression.name) : undefined;
      if (known) return known;
      const base = evaluateBicep(expression.base, scope);
      if (isSafe(expression) && (base.kind === 'null' || (base.kind === 'object' && !base.members.has(expression.name.toLowerCase())))) return nullValue(computed(scope, expression));
      return access(base, str(expression.name), expression.name);
    }
    case 'arrayAccess': {
      const base = evaluateBicep(expression.base, scope);
      const index = evaluateBicep(expression.index, scope);
      // Null where nothing is there; a member or item whose value is unknown stays unknown.
      if (isSafe(expression) && base.kind !== 'unknown' && index.kind !== 'unknown') return tryGetStep(base, index, computed(scope, expression));
      return access(base, index, undefined);
    }
    case 'nonNull':
      return evaluateBicep(expression.base, scope);
    case 'resourceAccess':
      return unknown(`resource '${expression.name}' is known only at deployment time`);
    case 'call':
      return call(expression, scope);
    case 'unary': {
      const operand = evaluateBicep(expression.operand, scope);
      if (operand.kind === 'unknown') return causeOf(operand);
      if (expression.operator === '!' && operand.kind === 'boolean') return bool(!operand.value, computed(scope, expression));
      if (expression.operator === '-' && operand.kind === 'number') return num(-operand.value, computed(scope, expression));
      if (expression.operator === '+' && operand.kind === 'number') return operand;
      return unknown(`'${expression.operator}' does not apply to a ${operand.kind}`);
    }
    case 'binary':
      return binary(expression.operator, expression.left, expression.right, scope, computed(scope, expression));
    case 'ternary': {
      const condition = evaluateBicep(expression.condition, scope);
      if (condition.kind === 'boolean') return evaluateBicep(condition.value ? expression.whenTrue : expression.whenFalse, scope);
      if (condition.kind !== 'unknown') return unknown('the condition of ?: is not a boolean');
      const whenTrue = evaluateBicep(expression.whenTrue, scope);
      const whenFalse = evaluateBicep(expression.whenFalse, scope);
      return agreedValue(whenTrue, whenFalse, computed(scope, expression)) ?? condition;
    }
    case 'for': {
      const source = evaluateBicep(expression.source, scope);
      if (source.kind === 'unknown') return causeOf(source);
      const items = source.kind === 'array' ? source.items : [];
      return arrayValue(items.map((item, index) => evaluateBicep(expression.body, bindLoop(scope, expression.itemName, expression.indexName, item, index))), computed(scope, expression));
    }
    case 'lambda':
      return unknown('a lambda is a value only as the argument of a function such as map() or filter()');
    case 'if':
      return evaluateBicep(expression.body, scope);
    case 'error':
      return unknown(`malformed expression: ${expression.message}`);
  }
}

/**
 * Whether an access gives null instead of failing: `.?` and `[?]`, and every access after one in the same chain
 * (`a.?b.c` compiles to `tryGet(a, 'b', 'c')`). Parentheses end a chain.
 */
function isSafe(expression: Extract<Expression, { kind: 'propertyAccess' | 'arrayAccess' }>): boolean {
  for (let link: Expression = expression; link.kind === 'propertyAccess' || link.kind === 'arrayAccess' || link.kind === 'nonNull'; link = link.base) {
    if (link.kind !== 'nonNull' && link.safe) return true;
  }
  return false;
}

/** What decides member `name` of an object literal: the last property or spread (evaluated) that has it. */
export function decidingMember(object: ObjectExpression, name: string, scope: BicepScope): { kind: 'property'; property: ObjectProperty } | { kind: 'spread'; spread: SpreadElement; value: Value } | undefined {
  const wanted = name.toLowerCase();
  for (let index = object.members.length - 1; index >= 0; index--) {
    const member = object.members[index]!;
    if (member.kind === 'property') {
      if (member.key !== undefined && sameKeyIgnoringCase(member.key, name, wanted)) return { kind: 'property', property: member };
    } else if (member.kind === 'spread') {
      // An object that cannot be evaluated may hold the member: the member is not known either.
      const spread = evaluateBicep(member.expression, scope);
      const value = spread.kind === 'unknown' ? memberOfUnknown(spread, name) : getMember(spread, name);
      if (value !== undefined) return { kind: 'spread', spread: member, value };
    }
  }
  return undefined;
}

export function bindLoop(scope: BicepScope, itemName: string | undefined, indexName: string | undefined, item: Value, index: number | Value): BicepScope {
  const names = new Map<string, Value>();
  if (itemName) names.set(itemName, item);
  if (indexName) names.set(indexName, typeof index === 'number' ? num(index) : index);
  return bindNames(scope, names);
}

function binary(operator: string, leftNode: Expression, rightNode: Expression, scope: BicepScope, origin: Origin): Value {
  if (operator === '&&' || operator === '||') {
    const left = evaluateBicep(leftNode, scope);
    const shortCircuit = operator === '||';
    if (left.kind === 'boolean' && left.value === shortCircuit) return bool(shortCircuit, origin);
    const right = evaluateBicep(rightNode, scope);
    if (right.kind === 'boolean' && right.value === shortCircuit) return bool(shortCircuit, origin);
    if (left.kind === 'unknown') return causeOf(left);
    if (right.kind === 'unknown') return causeOf(right);
    return left.kind === 'boolean' && right.kind === 'boolean' ? bool(!shortCircuit, origin) : unknown(`'${operator}' needs booleans`);
  }
  if (operator === '??') {
    const left = evaluateBicep(leftNode, scope);
    return left.kind === 'null' ? evaluateBicep(rightNode, scope) : left;
  }
  const left = evaluateBicep(leftNode, scope);
  const right = evaluateBicep(rightNode, scope);
  if (left.kind === 'unknown') return causeOf(left);
  if (right.kind === 'unknown') return causeOf(right);
  switch (operator) {
    case '==':
    case '!=': {
      const same = equalsOrUnknown(left, right);
      if (typeof same !== 'boolean') return same;
      return bool(operator === '==' ? same : !same, origin);
    }
    case '=~':
    case '!~': {
      if (left.kind !== 'string' || right.kind !== 'string') return unknown(`'${operator}' needs strings`);
      const same = left.value.toLowerCase() === right.value.toLowerCase();
      return bool(operator === '=~' ? same : !same, origin);
    }
  }
  if (left.kind === 'number' && right.kind === 'number') {
    const [a, b] = [left.value, right.value];
    switch (operator) {
      case '<': return bool(a < b, origin);
      case '<=': return bool(a <= b, origin);
      case '>': return bool(a > b, origin);
      case '>=': return bool(a >= b, origin);
      case '+': return num(a + b, origin);
      case '-': return num(a - b, origin);
      case '*': return num(a * b, origin);
      case '/': return b === 0 ? unknown('division by zero') : num(Math.trunc(a / b), origin);
      case '%': return b === 0 ? unknown('division by zero') : num(a % b, origin);
    }
  }
  if (left.kind === 'string' && right.kind === 'string') {
    switch (operator) {
      case '<': return bool(left.value < right.value, origin);
      case '<=': return bool(left.value <= right.value, origin);
      case '>': return bool(left.value > right.value, origin);
      case '>=': return bool(left.value >= right.value, origin);
    }
  }
  return unknown(`'${operator}' does not apply to a ${left.kind} and a ${right.kind}`);
}

function armScope(scope: BicepScope): EvaluationScope {
  return { uri: scope.uri, budget: scope.budget, parameter: () => undefined, variable: () => undefined, copyIndex: () => undefined, userFunction: () => undefined };
}

function call(expression: Extract<Expression, { kind: 'call' }>, scope: BicepScope): Value {
  const namespace = expression.base?.kind === 'identifier' ? expression.base.name : undefined;
  const userFunction = !expression.base ? scope.userFunction?.(expression.name) : namespace && !NAMESPACES.has(namespace) ? scope.userFunction?.(expression.name, namespace) : undefined;
  if (userFunction) {
    if ('missing' in userFunction) return unknown(userFunction.missing);
    return 'apply' in userFunction ? callCompiledFunction(expression, userFunction, scope) : callUserFunction(expression, userFunction, scope);
  }
  if (expression.base && (!namespace || !NAMESPACES.has(namespace))) return unknown(`${expression.name}() on a resource or module is evaluated at deployment time`);
  if (isLoadFunction(expression.name) && (!expression.base || (expression.base.kind === 'identifier' && expression.base.name === 'sys'))) {
    const files = { text: (uri: string) => scope.loadFile(uri), bytes: (uri: string) => scope.loadBytes?.(uri), list: (uri: string) => scope.listFiles?.(uri) };
    return loadContent(expression.name, expression.args.map((argument) => evaluateBicep(argument, scope)), scope.uri, files);
  }
  const lower = expression.name.toLowerCase();
  const bicepOwn = !expression.base || namespace === 'sys';
  // any() changes only the type Bicep checks: the value, with its origin, passes through.
  if (lower === 'any' && bicepOwn && expression.args.length === 1) return evaluateBicep(expression.args[0]!, scope);
  if (lower === 'readenvironmentvariable' && bicepOwn) return environmentVariable(expression.args.map((argument) => evaluateBicep(argument, scope)));
  if (lower === 'nameof' && bicepOwn) return nameOf(expression, scope);
  // .bicepparam values given only when the parameter file is deployed.
  if (lower === 'getsecret' && (!expression.base || namespace === 'az')) return unknown('getSecret() reads a Key Vault secret when the deployment runs');
  if (lower === 'externalinput' && bicepOwn) return externalInput(expression.args.map((argument) => evaluateBicep(argument, scope)));
  if (LAMBDA_FUNCTIONS.has(lower)) {
    const args = expression.args.map((argument) => {
      const lambda = withoutParentheses(argument);
      return lambda.kind === 'lambda' ? bicepLambda(lambda, scope) : evaluateBicep(argument, scope);
    });
    return callWithLambdas(lower, expression.name, args, computed(scope, expression));
  }
  // The ARM library evaluates its arguments through this callback, lazily.
  const armCall: Call = { kind: 'call', name: expression.name, nameSpan: expression.nameSpan, args: expression.args as unknown as ArmExpression[], span: spanOf(expression) };
  return callFunction(armCall, armScope(scope), (argument) => evaluateBicep(argument as unknown as Expression, scope));
}

/** `(x => ...)` is the lambda inside. */
function withoutParentheses(expression: Expression): Expression {
  return expression.kind === 'paren' ? withoutParentheses(expression.expression) : expression;
}

/** `nameof(symbol)`, `nameof(a.b.c)`: the name as written, which Bicep knows when it compiles. */
function nameOf(expression: Extract<Expression, { kind: 'call' }>, scope: BicepScope): Value {
  const [argument] = expression.args;
  const origin = computed(scope, expression);
  if (expression.args.length === 1 && argument!.kind === 'identifier') return str(argument!.name, origin);
  if (expression.args.length === 1 && (argument!.kind === 'propertyAccess' || argument!.kind === 'resourceAccess')) return str(argument!.name, origin);
  if (expression.args.length === 1 && argument!.kind === 'arrayAccess' && argument!.index.kind === 'string' && argument!.index.expressions.length === 0) return str(argument!.index.pieces[0]!, origin);
  return unknown('nameof() takes a symbol or a property access');
}

/** `readEnvironmentVariable(name, default?)`, which a .bicepparam file reads on the machine that builds it, then. */
function environmentVariable([name, fallback]: Value[]): Value {
  const variable = name?.kind === 'string' ? `environment variable '${name.value}'` : 'an environment variable';
  const otherwise = fallback?.kind === 'string' ? `; '${fallback.value}' when it is not set` : '';
  return unknown(`${variable} is read when the parameter file is built${otherwise}`);
}

/** `externalInput(name, config?)`: a value the tool that deploys the parameter file supplies then. */
function externalInput([name]: Value[]): Value {
  const input = name?.kind === 'string' ? `external input '${name.value}'` : 'an external input';
  return unknown(`${input} is given by the tool that deploys the parameter file`);
}

/**
 * A user-defined function: its body sees its own parameters and the functions of the file it is declared in, not
 * that file's parameters or variables (Bicep allows no more).
 */
function callUserFunction(expression: Extract<Expression, { kind: 'call' }>, { definition, home }: UserFunction, scope: BicepScope): Value {
  const wrong = wrongArity(expression, definition.parameters.length);
  if (wrong) return wrong;
  const names = new Map(definition.parameters.map((name, i) => [name, evaluateBicep(expression.args[i]!, scope)] as const));
  const own: BicepScope = {
    uri: home.uri,
    budget: scope.budget,
    lookup: (name) => names.get(name),
    loadFile: (uri) => home.loadFile(uri),
    loadBytes: (uri) => home.loadBytes?.(uri),
    listFiles: (uri) => home.listFiles?.(uri),
    userFunction: (name, namespace) => home.userFunction?.(name, namespace),
  };
  return evaluateBicep(definition.body, own);
}

function wrongArity(expression: Extract<Expression, { kind: 'call' }>, expected: number): Value | undefined {
  const given = expression.args.length;
  return given === expected ? undefined : unknown(`function '${expression.name}' takes ${expected} argument${expected === 1 ? '' : 's'}, got ${given}`);
}

/** A function imported from a compiled template: its arguments evaluated here, its body as ARM evaluates it. */
function callCompiledFunction(expression: Extract<Expression, { kind: 'call' }>, compiled: CompiledFunction, scope: BicepScope): Value {
  const wrong = wrongArity(expression, compiled.parameterCount);
  if (wrong) return wrong;
  return compiled.apply(expression.args.map((argument) => evaluateBicep(argument, scope)));
}

/** `x => body` or `(acc, x, i) => body`: the body evaluated with its parameters bound on top of the scope. */
function bicepLambda(lambda: LambdaExpression, scope: BicepScope): Lambda {
  return {
    lambda: true,
    apply: (args) => {
      const names = new Map<string, Value>();
      lambda.parameters.forEach((name, i) => names.set(name, args[i] ?? unknown(`lambda parameter '${name}' is given no value`)));
      return evaluateBicep(lambda.body, bindNames(scope, names));
    },
  };
}

export { EvaluationBudget };
