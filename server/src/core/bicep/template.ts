/**
 * One Bicep file as an evaluation scope: parameters (supplied values, then defaults, then null for nullable ones),
 * variables, and symbols (resources, modules, functions, imports) whose values exist only at deployment.
 */
import { nullValue, unknown, withOrigin, type Origin, type Value } from '../evaluate/value';
import { EvaluationBudget } from '../evaluate/expressions/evaluator';
import type { BicepFile } from './parser';
import type { ParameterDeclaration, VariableDeclaration } from './syntax';
import { evaluateBicep, type BicepScope } from './evaluator';

const IN_PROGRESS = Symbol('in progress');

/** A file's parameters, variables and other symbols by name: built once per file, shared by its derived scopes. */
interface Declarations {
  parameters: ReadonlyMap<string, ParameterDeclaration>;
  variables: ReadonlyMap<string, VariableDeclaration>;
  symbols: ReadonlySet<string>;
}

function declarationsOf(file: BicepFile): Declarations {
  const parameters = new Map<string, ParameterDeclaration>();
  const variables = new Map<string, VariableDeclaration>();
  const symbols = new Set<string>();
  for (const statement of file.statements) {
    if (statement.kind === 'param') parameters.set(statement.name.name, statement);
    else if (statement.kind === 'var') variables.set(statement.name.name, statement);
    else if ((statement.kind === 'resource' || statement.kind === 'module' || statement.kind === 'func' || statement.kind === 'type') && statement.name) symbols.add(statement.name.name);
  }
  return { parameters, variables, symbols };
}

export class BicepTemplate implements BicepScope {
  private readonly cache = new Map<string, Value | typeof IN_PROGRESS>();

  constructor(
    readonly uri: string,
    readonly file: BicepFile,
    /** values from a .bicepparam file, a parameter file or a calling module, computed on first use */
    private readonly supplied: ReadonlyMap<string, () => Value> = new Map(),
    /** reads the files the template loads when it compiles (loadJsonContent, ...): the analysis's own reader */
    private readonly readFile: (uri: string) => string | undefined = () => undefined,
    readonly budget: EvaluationBudget = new EvaluationBudget(),
    private readonly declarations: Declarations = declarationsOf(file),
    /** the files loaded so far, shared with the scenarios derived from this template */
    private readonly loaded: Set<string> = new Set(),
  ) {}

  /** Files the evaluation has loaded: a change to one of them changes the analysis. */
  get loadedFiles(): ReadonlySet<string> {
    return this.loaded;
  }

  loadFile(uri: string): string | undefined {
    const text = this.readFile(uri);
    if (text !== undefined) this.loaded.add(uri);
    return text;
  }

  get parameters(): ReadonlyMap<string, ParameterDeclaration> {
    return this.declarations.parameters;
  }

  /**
   * The same file with some parameters fixed (an allowed-value scenario). It shares the declarations: a file with
   * many registries asks for a scenario per registry, and indexing every statement again each time was quadratic.
   */
  withSupplied(overrides: ReadonlyMap<string, Value>): BicepTemplate {
    const merged = new Map(this.supplied);
    for (const [name, value] of overrides) merged.set(name, () => value);
    return new BicepTemplate(this.uri, this.file, merged, this.readFile, this.budget, this.declarations, this.loaded);
  }

  isSupplied(name: string): boolean {
    return this.supplied.has(name);
  }

  lookup(name: string): Value | undefined {
    const cached = this.cache.get(name);
    if (cached === IN_PROGRESS) return unknown(`'${name}' refers to itself`);
    if (cached) return cached;
    const parameter = this.parameters.get(name);
    const variable = parameter ? undefined : this.declarations.variables.get(name);
    if (!parameter && !variable) {
      return this.declarations.symbols.has(name) ? unknown(`'${name}' is known only at deployment time`) : undefined;
    }
    this.cache.set(name, IN_PROGRESS);
    const value = parameter ? this.parameterValue(parameter) : relabel(evaluateBicep(variable!.value, this), variable!.value, 'variable', name);
    this.cache.set(name, value);
    return value;
  }

  private parameterValue(parameter: ParameterDeclaration): Value {
    const supplied = this.supplied.get(parameter.name.name);
    if (supplied) return supplied();
    if (parameter.value) return relabel(evaluateBicep(parameter.value, this), parameter.value, 'parameterDefault', parameter.name.name);
    if (parameter.nullable) return nullValue();
    return unknown(`parameter '${parameter.name.name}' has no value`, undefined, [parameter.name.name]);
  }

  /** The values of `@allowed([...])`, when the decorator lists them. */
  allowedValues(name: string): Value[] | undefined {
    const parameter = this.parameters.get(name);
    const decorator = parameter?.decorators.find((d) => d.expression.kind === 'call' && d.expression.name === 'allowed');
    const list = decorator?.expression.kind === 'call' ? decorator.expression.args[0] : undefined;
    if (!list) return undefined;
    const value = evaluateBicep(list, this);
    return value.kind === 'array' ? value.items : undefined;
  }
}

/** A literal written inside a declaration is re-labelled as coming from that parameter or variable. */
function relabel(value: Value, span: { start: number; end: number }, kind: Origin['kind'], name: string): Value {
  const origin = value.origin;
  if (origin && origin.kind === 'literal' && origin.span.start >= span.start && origin.span.end <= span.end) return withOrigin(value, { ...origin, kind, name });
  return value;
}
