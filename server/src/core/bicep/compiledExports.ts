/**
 * What a compiled template exports to a Bicep `import`: a JSON template, or a registry module or template spec in
 * Bicep's cache. Bicep lists the exported variables in the template's metadata (`__bicep_exported_variables!`) and
 * marks exported types and functions with `__bicep_export!`; the values are the template's own variables and
 * functions, evaluated as ARM evaluates them.
 */
import { findValue, keyOf, stringOf, type JsonNode } from '../syntax/json';
import { declaredType, isNullable, TemplateScope } from '../arm/templateScope';
import { evaluateNode, type EvaluationBudget, type EvaluationScope } from '../evaluate/expressions/evaluator';
import { unknown, type Value } from '../evaluate/value';

const EXPORTED_VARIABLES = '__bicep_exported_variables!';
const EXPORTED = '__bicep_export!';
/** the namespace Bicep compiles its user-defined functions into */
const BICEP_NAMESPACE = '__bicep';

/** A function of a compiled template, called from Bicep with its arguments' values. */
export interface CompiledFunction {
  parameterCount: number;
  apply(args: readonly Value[]): Value;
}

export class CompiledExports {
  private readonly scope: TemplateScope;
  /** the exported variables' names, as Bicep wrote them (imports name them case-sensitively) */
  readonly variableNames: readonly string[];

  constructor(
    readonly uri: string,
    private readonly root: JsonNode,
    text: string,
    budget: EvaluationBudget,
  ) {
    this.scope = new TemplateScope(uri, root, new Map(), budget, text);
    const listed = findValue(findValue(root, 'metadata'), EXPORTED_VARIABLES);
    this.variableNames = (listed?.children ?? []).map((item) => stringOf(findValue(item, 'name'))).filter((name): name is string => name !== undefined);
  }

  /** An exported variable's value; undefined when the template does not export that name. */
  variable(name: string): Value | undefined {
    if (!this.variableNames.includes(name)) return undefined;
    return this.scope.variable(name) ?? unknown(`'${name}' is listed as exported by '${this.uri}' but not declared there`);
  }

  /** Whether an exported type (`definitions`) is nullable, also through the `$ref`s it is written with. */
  isNullableType(name: string): boolean {
    const definitions = findValue(this.root, 'definitions');
    const definition = findValue(definitions, name);
    return definition !== undefined && isExported(definition) && isNullable(definition, definitions);
  }

  /** An exported type's ARM `type` (`string`, `object`, ...), also through the `$ref`s it is written with. */
  typeOf(name: string): string | undefined {
    const definitions = findValue(this.root, 'definitions');
    const definition = findValue(definitions, name);
    return definition !== undefined && isExported(definition) ? declaredType(definition, definitions) : undefined;
  }

  /** An exported user-defined function; undefined when the template does not export that name. */
  function(name: string): CompiledFunction | undefined {
    const namespace = (findValue(this.root, 'functions')?.children ?? []).find((item) => stringOf(findValue(item, 'namespace')) === BICEP_NAMESPACE);
    const member = findValue(namespace, 'members')?.children?.find((property) => keyOf(property) === name);
    const definition = member?.children?.[1];
    if (!definition || !isExported(definition)) return undefined;
    const output = findValue(findValue(definition, 'output'), 'value');
    const parameterNames = (findValue(definition, 'parameters')?.children ?? []).map((p) => stringOf(findValue(p, 'name')) ?? '');
    return {
      parameterCount: parameterNames.length,
      apply: (args) => (output ? evaluateNode(output, this.functionScope(parameterNames, args)) : unknown(`function '${name}' of '${this.uri}' has no output value`)),
    };
  }

  /** A function's body sees its own parameters and the template's functions, nothing else (as ARM evaluates it). */
  private functionScope(parameterNames: readonly string[], args: readonly Value[]): EvaluationScope {
    const bound = new Map(parameterNames.map((name, i) => [name.toLowerCase(), args[i]!] as const));
    return {
      uri: this.uri,
      text: this.scope.text,
      budget: this.scope.budget,
      parameter: (name) => bound.get(name.toLowerCase()),
      variable: () => undefined,
      copyIndex: () => undefined,
      userFunction: (namespace, name) => this.scope.userFunction(namespace, name),
    };
  }
}

function isExported(definition: JsonNode): boolean {
  return findValue(findValue(definition, 'metadata'), EXPORTED)?.value === true;
}
