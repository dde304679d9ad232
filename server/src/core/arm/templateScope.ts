/**
 * The evaluation scope of one ARM template: parameters (supplied values, then defaults, which may reference other
 * parameters), variables (which may reference variables, and `copy` variables), and user-defined functions.
 * Every lookup is memoised; a cycle ends as an unknown value, never as a hang.
 */
import { findValue, keyOf, stringOf, type JsonNode } from '../syntax/json';
import { arrayValue, nullValue, relabelLiteral, unknown, type Value } from '../evaluate/value';
import { armConfigurableType, type ParameterDefaults } from '../psrule/parameterDefaults';
import { describeInvalidCount, evaluateNode, withCopyIndex, EvaluationBudget, type EvaluationScope, type UserFunctionDefinition } from '../evaluate/expressions/evaluator';

const IN_PROGRESS = Symbol('in progress');

export interface ParameterDeclaration {
  name: string;
  node: JsonNode;
  defaultValue?: JsonNode;
  allowedValues?: JsonNode;
  nullable: boolean;
  /** `type` as written, or that of the definition a `$ref` names */
  type?: string;
}

/**
 * A template's parameters, variables and functions by lower-case name: read once per template and shared by the
 * scopes derived from it (a file with many registries asks for an allowed-value scenario per registry).
 */
class TemplateDeclarations {
  readonly parameters: ReadonlyMap<string, ParameterDeclaration>;
  readonly variables: ReadonlyMap<string, JsonNode>;
  readonly copyVariables: ReadonlyMap<string, JsonNode>;
  private functionsByName: Map<string, UserFunctionDefinition> | undefined;

  constructor(
    private readonly uri: string,
    private readonly template: JsonNode,
  ) {
    this.parameters = collectParameters(findValue(template, 'parameters'), findValue(template, 'definitions'));
    const variables = collectMembers(findValue(template, 'variables'));
    const copyVariables = new Map<string, JsonNode>();
    const copy = variables.get('copy');
    if (copy?.type === 'array') {
      variables.delete('copy');
      for (const item of copy.children ?? []) {
        const name = stringOf(findValue(item, 'name'));
        if (name) copyVariables.set(name.toLowerCase(), item);
      }
    }
    this.variables = variables;
    this.copyVariables = copyVariables;
  }

  get functions(): ReadonlyMap<string, UserFunctionDefinition> {
    this.functionsByName ??= collectFunctions(this.uri, findValue(this.template, 'functions'));
    return this.functionsByName;
  }
}

export class TemplateScope implements EvaluationScope {
  private readonly parameterCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly variableCache = new Map<string, Value | typeof IN_PROGRESS>();
  /** the same template deployed from a location (see deployedAt) */
  private deployed: TemplateScope | undefined;

  constructor(
    readonly uri: string,
    readonly template: JsonNode,
    /** values supplied by a parameter file or a parent deployment, keyed by lower-case name, computed on first use */
    private readonly supplied: ReadonlyMap<string, () => Value>,
    readonly budget: EvaluationBudget,
    /** the document's text, so spans inside expressions map through JSON escapes */
    readonly text?: string,
    /** PSRule's AZURE_PARAMETER_DEFAULTS, for a parameter without a supplied value or a default */
    readonly configured?: ParameterDefaults,
    private readonly declarations = new TemplateDeclarations(uri, template),
    readonly deployedFrom?: string,
  ) {}

  /**
   * The same template deployed from `location` (`deployment().properties.templateLink.uri`), to resolve the links of its
   * deployments as ARM does; its own caches, as parameter defaults may read that URI.
   */
  deployedAt(location: string): TemplateScope {
    // One per location, kept: every linked deployment of a template shares its evaluated parameters and variables.
    if (this.deployed?.deployedFrom !== location) this.deployed = new TemplateScope(this.uri, this.template, this.supplied, this.budget, this.text, this.configured, this.declarations, location);
    return this.deployed;
  }

  get parameterDeclarations(): ReadonlyMap<string, ParameterDeclaration> {
    return this.declarations.parameters;
  }

  /** A scope over the same template with some parameters fixed (used for allowed-value scenarios). */
  withSupplied(overrides: ReadonlyMap<string, Value>): TemplateScope {
    const merged = new Map(this.supplied);
    for (const [name, value] of overrides) merged.set(name, () => value);
    return new TemplateScope(this.uri, this.template, merged, this.budget, this.text, this.configured, this.declarations);
  }

  isSupplied(name: string): boolean {
    return this.supplied.has(name.toLowerCase());
  }

  parameter(name: string): Value | undefined {
    const key = name.toLowerCase();
    const cached = this.parameterCache.get(key);
    if (cached === IN_PROGRESS) return unknown(`parameter '${name}' refers to itself`);
    if (cached) return cached;
    const declaration = this.declarations.parameters.get(key);
    if (!declaration) return undefined;
    this.parameterCache.set(key, IN_PROGRESS);
    const value = this.computeParameter(declaration);
    this.parameterCache.set(key, value);
    return value;
  }

  private computeParameter(declaration: ParameterDeclaration): Value {
    const supplied = this.supplied.get(declaration.name.toLowerCase());
    if (supplied) return supplied();
    if (declaration.defaultValue) {
      const value = evaluateNode(declaration.defaultValue, this);
      return markOrigin(value, declaration.defaultValue, 'parameterDefault', declaration.name);
    }
    const configured = this.configured?.valueFor(declaration.name, armConfigurableType(declaration.type));
    if (configured) return configured;
    if (declaration.nullable) return nullValue();
    return unknown(`parameter '${declaration.name}' has no value`, undefined, [declaration.name]);
  }

  variable(name: string): Value | undefined {
    const key = name.toLowerCase();
    const cached = this.variableCache.get(key);
    if (cached === IN_PROGRESS) return unknown(`variable '${name}' refers to itself`);
    if (cached) return cached;
    const node = this.declarations.variables.get(key);
    const copyNode = node ? undefined : this.declarations.copyVariables.get(key);
    if (!node && !copyNode) return undefined;
    this.variableCache.set(key, IN_PROGRESS);
    const value = node ? markOrigin(evaluateNode(node, this), node, 'variable', name) : this.evaluateCopyVariable(copyNode!, name);
    this.variableCache.set(key, value);
    return value;
  }

  private evaluateCopyVariable(copy: JsonNode, name: string): Value {
    const countNode = findValue(copy, 'count');
    const input = findValue(copy, 'input');
    const count = countNode ? evaluateNode(countNode, this) : undefined;
    if (!count || !input) return unknown(`the copy count of variable '${name}' is not known`);
    const invalid = describeInvalidCount(count, `variable '${name}'`);
    if (invalid) return invalid;
    const items: Value[] = [];
    for (let index = 0; index < (count as { value: number }).value; index++) items.push(evaluateNode(input, withCopyIndex(this, name, index)));
    return arrayValue(items);
  }

  copyIndex(): number | undefined {
    return undefined;
  }

  userFunction(namespace: string, name: string): UserFunctionDefinition | undefined {
    return this.declarations.functions.get(`${namespace}.${name}`.toLowerCase());
  }
}

/** Values taken from a literal in the template are re-labelled as coming from that parameter or variable. */
function markOrigin(value: Value, node: JsonNode, kind: 'parameterDefault' | 'variable', name: string): Value {
  return relabelLiteral(value, { start: node.offset, end: node.offset + node.length }, kind, name);
}

function collectMembers(object: JsonNode | undefined): Map<string, JsonNode> {
  const members = new Map<string, JsonNode>();
  if (object?.type !== 'object') return members;
  for (const property of object.children ?? []) {
    const name = keyOf(property);
    const value = property.children?.[1];
    if (name !== undefined && value) members.set(name.toLowerCase(), value);
  }
  return members;
}

/** How many `$ref`s from one definition to the next are followed (a cycle, which ARM rejects, ends there). */
const MAX_REF_CHAIN = 8;

/**
 * The first of a parameter or type and the definitions it refers to (`"$ref": "#/definitions/x"`, what Bicep makes of
 * `param p x` after `type x = ...`) for which `found` answers.
 */
function alongRefs<T>(node: JsonNode, definitions: JsonNode | undefined, found: (current: JsonNode) => T | undefined): T | undefined {
  let current: JsonNode | undefined = node;
  for (let step = 0; current && step <= MAX_REF_CHAIN; step++) {
    const answer = found(current);
    if (answer !== undefined) return answer;
    const ref = stringOf(findValue(current, '$ref'));
    const name = ref?.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
    // JSON pointer escapes: ~1 is '/', ~0 is '~'; a deeper pointer is not a definition of its own.
    if (name === undefined || name.includes('/')) return undefined;
    current = findValue(definitions, name.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return undefined;
}

/** Whether a parameter or type is nullable: marked `nullable` itself, or a reference to a definition that is. */
export function isNullable(node: JsonNode, definitions: JsonNode | undefined): boolean {
  return alongRefs(node, definitions, (current) => (findValue(current, 'nullable')?.value === true ? true : undefined)) ?? false;
}

/** A parameter's or type's `type`, its own or that of the definition it refers to. */
export function declaredType(node: JsonNode, definitions: JsonNode | undefined): string | undefined {
  return alongRefs(node, definitions, (current) => stringOf(findValue(current, 'type')));
}

function collectParameters(object: JsonNode | undefined, definitions: JsonNode | undefined): Map<string, ParameterDeclaration> {
  const declarations = new Map<string, ParameterDeclaration>();
  if (object?.type !== 'object') return declarations;
  for (const property of object.children ?? []) {
    const name = keyOf(property);
    const node = property.children?.[1];
    if (name === undefined || !node) continue;
    declarations.set(name.toLowerCase(), {
      name,
      node,
      defaultValue: findValue(node, 'defaultValue'),
      allowedValues: findValue(node, 'allowedValues'),
      nullable: isNullable(node, definitions),
      type: declaredType(node, definitions),
    });
  }
  return declarations;
}

function collectFunctions(uri: string, functions: JsonNode | undefined): Map<string, UserFunctionDefinition> {
  const result = new Map<string, UserFunctionDefinition>();
  if (functions?.type !== 'array') return result;
  for (const namespaceNode of functions.children ?? []) {
    const namespace = stringOf(findValue(namespaceNode, 'namespace'));
    const members = findValue(namespaceNode, 'members');
    if (!namespace || members?.type !== 'object') continue;
    for (const property of members.children ?? []) {
      const name = keyOf(property);
      const definition = property.children?.[1];
      const output = findValue(findValue(definition, 'output'), 'value');
      if (!name || !output) continue;
      const parameterNames = (findValue(definition, 'parameters')?.children ?? [])
        .map((p) => stringOf(findValue(p, 'name')))
        .filter((n): n is string => n !== undefined);
      result.set(`${namespace}.${name}`.toLowerCase(), { uri, parameterNames, output });
    }
  }
  return result;
}
