/**
 * One Bicep file as an evaluation scope: parameters (supplied values, then defaults, then null for nullable ones),
 * variables, variables imported from other Bicep files, and symbols (resources, modules, functions) whose values
 * exist only at deployment.
 */
import { armConfigurableType, bicepConfigurableType, type ConfigurableType, type ParameterDefaults } from '../psrule/parameterDefaults';
import { nullValue, objectValue, relabelLiteral, str, unknown, type Value } from '../evaluate/value';
import { EvaluationBudget } from '../evaluate/expressions/evaluator';
import { parseBicep, type BicepFile } from './parser';
import type { Decorator, LambdaExpression, ModuleDeclaration, OtherStatement, ParameterDeclaration, ResourceDeclaration, VariableDeclaration } from './syntax';
import { findProperty } from './objectEditor';
import { isRegistryModulePath, isTemplateSpecPath } from './registryModules';
import { evaluateBicep, type BicepScope, type UserFunction } from './evaluator';
import { CompiledExports, type CompiledFunction } from './compiledExports';
import { parseArmDocument, type ArmDocument } from '../arm/armDocument';
import { resolveFilePath } from '../text/filePaths';

const IN_PROGRESS = Symbol('in progress');
/** How many type declarations naming one another are followed (Bicep rejects a cycle). */
const MAX_TYPE_ALIASES = 8;

/** A file's parameters, variables and other symbols by name: built once per file, shared by its derived scopes. */
interface Declarations {
  parameters: ReadonlyMap<string, ParameterDeclaration>;
  variables: ReadonlyMap<string, VariableDeclaration>;
  symbols: ReadonlySet<string>;
  /** resources and modules by symbol: their name, type and API version are known when the file compiles */
  deployed: ReadonlyMap<string, ResourceDeclaration | ModuleDeclaration>;
  /** user-defined functions (`func`) whose definition was read, and whether they are `@export()`ed */
  functions: ReadonlyMap<string, { definition: LambdaExpression; exported: boolean }>;
  /** names bound by compile-time imports: the path as written, and the exported name (none for `* as x`) */
  imports: ReadonlyMap<string, { path: string; exported: string | undefined }>;
  /** user-defined types (`type t = ...`) */
  types: ReadonlyMap<string, OtherStatement>;
}

function declarationsOf(file: BicepFile): Declarations {
  const parameters = new Map<string, ParameterDeclaration>();
  const variables = new Map<string, VariableDeclaration>();
  const symbols = new Set<string>();
  const deployed = new Map<string, ResourceDeclaration | ModuleDeclaration>();
  const functions = new Map<string, { definition: LambdaExpression; exported: boolean }>();
  const imports = new Map<string, { path: string; exported: string | undefined }>();
  const types = new Map<string, OtherStatement>();
  for (const statement of file.statements) {
    if (statement.kind === 'type' && statement.name) types.set(statement.name.name, statement);
    if (statement.kind === 'import' && statement.imports) {
      const path = statement.imports.from.pieces.join('');
      for (const [local, exported] of statement.imports.names) imports.set(local, { path, exported });
    }
    if (statement.kind === 'param') parameters.set(statement.name.name, statement);
    else if (statement.kind === 'var') variables.set(statement.name.name, statement);
    else if ((statement.kind === 'resource' || statement.kind === 'module' || statement.kind === 'func' || statement.kind === 'type') && statement.name) symbols.add(statement.name.name);
    if (statement.kind === 'resource' || statement.kind === 'module') deployed.set(statement.name.name, statement);
    if (statement.kind === 'func' && statement.name && statement.function) functions.set(statement.name.name, { definition: statement.function, exported: hasExport(statement.decorators) });
  }
  return { parameters, variables, symbols, deployed, functions, imports, types };
}

const hasExport = (decorators: readonly Decorator[]) => decorators.some((d) => d.expression.kind === 'call' && d.expression.name === 'export');
const isExported = (variable: VariableDeclaration) => hasExport(variable.decorators);

/** What an analysis gives Bicep's compile-time functions beyond text: registry imports, bytes, folder listings. */
export interface CompileTimeHost {
  /** where Bicep restores the registry module or template spec `fromUri` imports from; undefined when nowhere */
  restored(path: string, fromUri: string): string | undefined;
  /** a compiled template (a template spec version in the cache gives its main template) */
  parseTemplate(uri: string, text: string): ArmDocument;
  /** a file's bytes; undefined when it cannot be read (or the host gives none) */
  readBytes?(uri: string): Uint8Array | undefined;
  /** the names of the files in a folder; undefined when it cannot be read (or the host gives none) */
  listFiles?(uri: string): string[] | undefined;
}

const NO_REGISTRY: CompileTimeHost = { restored: () => undefined, parseTemplate: parseArmDocument };

/** What an import reads: a Bicep file, a compiled template, or why neither can be read. */
export type ImportSource = BicepTemplate | CompiledExports | { missing: string };

/**
 * The other files an analysis reads because its Bicep files load or import them when they compile, shared by every
 * template of the analysis: each imported file is parsed once, and an import cycle meets a name in progress.
 */
export class CompileTimeFiles {
  /** every file read, and every restored file an import needs (a change to one of them changes the analysis) */
  readonly loaded = new Set<string>();
  private readonly imported = new Map<string, ImportSource>();
  /** each file is read once per analysis, however many expressions load it */
  private readonly texts = new Map<string, string | undefined>();
  private readonly bytes = new Map<string, Uint8Array | undefined>();
  private readonly listings = new Map<string, string[] | undefined>();
  /** where each registry import of each file is restored (bicepconfig.json read once for all of a file's names) */
  private readonly restoredTargets = new Map<string, string | undefined>();

  constructor(
    private readonly read: (uri: string) => string | undefined = () => undefined,
    private readonly host: CompileTimeHost = NO_REGISTRY,
  ) {}

  load(uri: string): string | undefined {
    return this.remembered(this.texts, uri, () => this.read(uri));
  }

  /** A file's bytes, for the functions that read them (each file read once per analysis). */
  loadBytes(uri: string): Uint8Array | undefined {
    return this.remembered(this.bytes, uri, () => this.host.readBytes?.(uri));
  }

  /** The names of the files in a folder (each folder listed once per analysis). */
  listFiles(uri: string): string[] | undefined {
    return this.remembered(this.listings, uri, () => this.host.listFiles?.(uri));
  }

  /** What `read` gives for `uri`, read once; what could be read is a file the analysis depends on. */
  private remembered<T>(cache: Map<string, T | undefined>, uri: string, read: () => T | undefined): T | undefined {
    if (!cache.has(uri)) cache.set(uri, read());
    const value = cache.get(uri);
    if (value !== undefined) this.loaded.add(uri);
    return value;
  }

  /**
   * What `path` imported by `fromUri` names: a Bicep file beside it, a compiled JSON template, or a registry module
   * or template spec where Bicep restores it (with its own parameter defaults; each file parsed once).
   */
  source(path: string, fromUri: string, budget: EvaluationBudget): ImportSource {
    let uri: string;
    const restored = isRegistryModulePath(path) || isTemplateSpecPath(path);
    if (restored) {
      const key = `${fromUri}\n${path}`;
      if (!this.restoredTargets.has(key)) this.restoredTargets.set(key, this.host.restored(path, fromUri));
      const target = this.restoredTargets.get(key);
      if (target === undefined) return { missing: 'Bicep has not restored' };
      // Also before it is restored: the analysis changes when it is.
      this.loaded.add(target);
      uri = target;
    } else {
      try {
        uri = resolveFilePath(path, fromUri);
      } catch {
        return { missing: 'is not a file path' };
      }
    }
    let source = this.imported.get(uri);
    if (!source) this.imported.set(uri, (source = this.parse(uri, restored, budget)));
    return source;
  }

  private parse(uri: string, restored: boolean, budget: EvaluationBudget): ImportSource {
    const text = this.load(uri);
    if (text === undefined) return { missing: restored ? 'Bicep has not restored' : 'cannot be read (missing, or outside the workspace)' };
    if (!restored && /\.bicep$/i.test(new URL(uri).pathname)) return new BicepTemplate(uri, parseBicep(text), new Map(), this, budget);
    const template = this.host.parseTemplate(uri, text);
    return template.kind === 'template' && template.root ? new CompiledExports(uri, template.root, text, budget) : { missing: 'is neither a Bicep file nor an ARM template' };
  }
}

export class BicepTemplate implements BicepScope {
  private readonly cache = new Map<string, Value | typeof IN_PROGRESS>();

  constructor(
    readonly uri: string,
    readonly file: BicepFile,
    /** values from a .bicepparam file, a parameter file or a calling module, computed on first use */
    private readonly supplied: ReadonlyMap<string, () => Value> = new Map(),
    /** the files it loads or imports when it compiles (loadJsonContent, import ... from), read by the analysis */
    private readonly files: CompileTimeFiles = new CompileTimeFiles(),
    readonly budget: EvaluationBudget = new EvaluationBudget(),
    /** PSRule's AZURE_PARAMETER_DEFAULTS, for a parameter without a supplied value or a default */
    private readonly configured?: ParameterDefaults,
    private readonly declarations: Declarations = declarationsOf(file),
  ) {}

  /** Files the evaluation has loaded or imported: a change to one of them changes the analysis. */
  get loadedFiles(): ReadonlySet<string> {
    return this.files.loaded;
  }

  loadFile(uri: string): string | undefined {
    return this.files.load(uri);
  }

  loadBytes(uri: string): Uint8Array | undefined {
    return this.files.loadBytes(uri);
  }

  listFiles(uri: string): string[] | undefined {
    return this.files.listFiles(uri);
  }

  userFunction(name: string, namespace?: string): UserFunction | CompiledFunction | { missing: string } | undefined {
    if (namespace === undefined) {
      const own = this.declarations.functions.get(name);
      if (own) return { definition: own.definition, home: this };
    }
    // `fn()` after `import { fn } from 'x.bicep'`, or `ns.fn()` after `import * as ns from 'x.bicep'`.
    const imported = this.declarations.imports.get(namespace ?? name);
    if (!imported || (namespace === undefined) === (imported.exported === undefined)) return undefined;
    const wanted = imported.exported ?? name;
    const source = this.importSource(imported.path);
    if ('missing' in source) return { missing: `'${wanted}' is imported from '${imported.path}', which ${source.missing}` };
    const notExported = { missing: `'${wanted}' is not an exported function of '${imported.path}'` };
    if (source instanceof CompiledExports) return source.function(wanted) ?? notExported;
    const exported = source.declarations.functions.get(wanted);
    return exported?.exported ? { definition: exported.definition, home: source } : notExported;
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
    return new BicepTemplate(this.uri, this.file, merged, this.files, this.budget, this.configured, this.declarations);
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
    const imported = parameter || variable ? undefined : this.declarations.imports.get(name);
    if (!parameter && !variable && !imported) {
      return this.declarations.symbols.has(name) ? this.symbolValue(name) : undefined;
    }
    this.cache.set(name, IN_PROGRESS);
    const value = parameter
      ? this.parameterValue(parameter)
      : variable
        ? relabelLiteral(evaluateBicep(variable.value, this), variable.value, 'variable', name)
        : this.importedValue(name, imported!.path, imported!.exported);
    this.cache.set(name, value);
    return value;
  }

  /** An imported variable, evaluated in its own file; `* as x` gives an object of all the file's exported variables. */
  private importedValue(local: string, path: string, exported: string | undefined): Value {
    const source = this.importSource(path);
    if ('missing' in source) return unknown(`'${local}' is imported from '${path}', which ${source.missing}`);
    if (exported !== undefined) return (source instanceof CompiledExports ? source.variable(exported) : source.exportedValue(exported)) ?? unknown(`'${exported}' is not an exported variable of '${path}'`);
    if (source instanceof CompiledExports) return objectValue(source.variableNames.map((name) => ({ name, value: source.variable(name)! })));
    const variables = [...source.declarations.variables.values()].filter(isExported);
    return objectValue(variables.map((variable) => ({ name: variable.name.name, value: source.lookup(variable.name.name)! })));
  }

  private importSource(path: string): ImportSource {
    return this.files.source(path, this.uri, this.budget);
  }

  private exportedValue(name: string): Value | undefined {
    const variable = this.declarations.variables.get(name);
    return variable && isExported(variable) ? this.lookup(name) : undefined;
  }

  private parameterValue(parameter: ParameterDeclaration): Value {
    const supplied = this.supplied.get(parameter.name.name);
    if (supplied) return supplied();
    if (parameter.value) return relabelLiteral(evaluateBicep(parameter.value, this), parameter.value, 'parameterDefault', parameter.name.name);
    const configured = this.configured?.valueFor(parameter.name.name, this.configurableType(parameter.type));
    if (configured) return configured;
    if (parameter.nullable || this.isNullableType(parameter.type)) return nullValue();
    return unknown(`parameter '${parameter.name.name}' has no value`, undefined, [parameter.name.name]);
  }

  /**
   * What AZURE_PARAMETER_DEFAULTS can give a parameter of a type as written (`string`, `bool`, `object`, a union of
   * string literals, ...), or of a type it names, declared here (`type access = 'Enabled' | 'Disabled'`) or imported
   * (`import { access } from`, `ns.access` after `import * as ns from`), as Bicep compiles it to a definition of that type.
   */
  private configurableType(type: string, depth = 0): ConfigurableType {
    const written = bicepConfigurableType(type);
    if (written !== 'other' || depth > MAX_TYPE_ALIASES) return written;
    const named = this.namedType(type.trim().replace(/\?$/, '').trim());
    if (named === undefined) return 'other';
    if ('declared' in named) {
      const { declared } = named;
      const body = declared.name && /^\s*=\s*([\s\S]*)$/.exec(this.file.text.slice(declared.name.end, declared.end))?.[1];
      return body ? this.configurableType(body, depth + 1) : 'other';
    }
    const { source, name } = named;
    return source instanceof CompiledExports ? armConfigurableType(source.typeOf(name)) : source.configurableType(name, depth + 1);
  }

  /**
   * The type a name written as a type refers to: declared here (`type t = ...`), or exported by the file an import
   * reads (`t` after `import { t } from`, `ns.t` after `import * as ns from`); undefined for any other.
   */
  private namedType(type: string): { declared: OtherStatement } | { source: BicepTemplate | CompiledExports; name: string } | undefined {
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(type)) return undefined;
    const [first, member] = type.split('.') as [string, string | undefined];
    const declared = member === undefined ? this.declarations.types.get(first) : undefined;
    if (declared) return { declared };
    const imported = this.declarations.imports.get(first);
    // `import { t } from` names one type; `import * as ns from` needs `ns.t`.
    if (!imported || (member === undefined) !== (imported.exported !== undefined)) return undefined;
    const source = this.importSource(imported.path);
    return 'missing' in source ? undefined : { source, name: member ?? imported.exported! };
  }

  /**
   * Whether a type, as written after a parameter's name, is nullable through the types it names: declared here
   * (`type t = {...}[]?`, or `type t = u` for such a `u`) or imported (`import { t } from`, `ns.t` after `import * as ns
   * from`). A parameter of a nullable type may be left out, and is then null.
   */
  private isNullableType(type: string, depth = 0): boolean {
    if (type.endsWith('?')) return true;
    const named = depth > MAX_TYPE_ALIASES ? undefined : this.namedType(type);
    if (named === undefined) return false;
    if ('declared' in named) return named.declared.nullable === true || (named.declared.alias !== undefined && this.isNullableType(named.declared.alias, depth + 1));
    return named.source instanceof CompiledExports ? named.source.isNullableType(named.name) : named.source.isNullableType(named.name, depth + 1);
  }


  /**
   * A resource's or module's value is known only at deployment, unless its condition is false: then it is not
   * deployed, and a safe access to it (`mod.?outputs.x`) gives null, as the compiled `tryGet(if(c, ..., null()))` does.
   */
  private symbolValue(name: string): Value {
    const declaration = this.declarations.deployed.get(name);
    if (declaration?.value.kind === 'if') {
      const condition = evaluateBicep(declaration.value.condition, this);
      if (condition.kind === 'boolean' && !condition.value) return nullValue();
    }
    return unknown(`'${name}' is known only at deployment time`);
  }

  symbolProperty(symbol: string, property: string): Value | undefined {
    const declaration = this.declarations.deployed.get(symbol);
    if (!declaration || this.parameters.has(symbol) || this.declarations.variables.has(symbol)) return undefined;
    if (property === 'name') {
      // A loop's symbol is a collection: its items have names, it has none.
      const body = declaration.value.kind === 'if' ? declaration.value.body : declaration.value;
      const name = body.kind === 'object' ? findProperty(body, 'name') : undefined;
      return name ? evaluateBicep(name.value, this) : undefined;
    }
    if (declaration.kind !== 'resource' || (property !== 'type' && property !== 'apiVersion')) return undefined;
    const [type, apiVersion] = declaration.typeString.pieces.join('').split('@');
    return property === 'type' ? str(type!) : apiVersion === undefined ? undefined : str(apiVersion);
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
