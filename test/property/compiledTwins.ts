/**
 * The Bicep evaluator and module walk against the ARM ones: a registry whose values are random Bicep expressions (parameters with and
 * without defaults, a nullable one, an object's member, a variable, operators, interpolation and string functions)
 * must get the same verdict, property by property and with the same failing value, as the ARM template Bicep
 * compiles it to (`a ? b : c` is `if(a, b, c)`, `==` is `equals`, `=~` compares lower-cased, `??` is `coalesce`,
 * `.?` is `tryGet`, `'${a}'` is `format`); a module as the nested deployment it compiles to, and a loop as its copy loop.
 */
import fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

/** An expression as written in Bicep and as compiled to ARM (without the brackets). */
interface Twin {
  bicep: string;
  arm: string;
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const quoted = (text: string) => `'${text}'`;
const literal = fc.constantFrom('Enabled', 'Disabled', 'enabled', 'disabled', 'DISABLED', '', 'x y');
const same = (text: string): Twin => ({ bicep: text, arm: text });
const call = (name: string, ...args: Twin[]): Twin => ({ bicep: `${name}(${args.map((a) => a.bicep).join(', ')})`, arm: `${name}(${args.map((a) => a.arm).join(', ')})` });

/** Random expressions over the given names (each written in Bicep and ARM), of text and of booleans. */
function twinExpressions(names: { text: readonly Twin[]; flag: readonly Twin[] }) {
  return fc.letrec<{ text: Twin; flag: Twin }>((tie) => ({
    text: fc.oneof(
      { depthSize: 'small' },
      literal.map((text) => same(quoted(text))),
      fc.constantFrom(...names.text),
      fc.tuple(tie('flag'), tie('text'), tie('text')).map(([c, x, y]) => ({ bicep: `(${c.bicep} ? ${x.bicep} : ${y.bicep})`, arm: `if(${c.arm}, ${x.arm}, ${y.arm})` })),
      fc.tuple(fc.constantFrom('toLower', 'toUpper', 'trim', 'string'), tie('text')).map(([name, x]) => call(name, x)),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} ?? ${y.bicep})`, arm: `coalesce(${x.arm}, ${y.arm})` })),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `'\${${x.bicep}}-\${${y.bicep}}'`, arm: `format('{0}-{1}', ${x.arm}, ${y.arm})` })),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => call('concat', x, y)),
      tie('text').map((x) => ({ bicep: `first([${x.bicep}, 'z'])`, arm: `first(createArray(${x.arm}, 'z'))` })),
      tie('text').map((x) => call('last', call('split', x, same("' '")))),
      tie('text').map((x) => call('replace', x, same("'En'"), same("'Dis'"))),
      tie('text').map((x) => call('substring', x, same('0'), same('3'))),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `union({ k: ${x.bicep} }, { k: ${y.bicep} }).k`, arm: `union(createObject('k', ${x.arm}), createObject('k', ${y.arm})).k` })),
    ),
    flag: fc.oneof(
      { depthSize: 'small' },
      fc.boolean().map((value) => ({ bicep: String(value), arm: `${value}()` })),
      fc.constantFrom(...names.flag),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} == ${y.bicep})`, arm: `equals(${x.arm}, ${y.arm})` })),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} != ${y.bicep})`, arm: `not(equals(${x.arm}, ${y.arm}))` })),
      fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} =~ ${y.bicep})`, arm: `equals(toLower(${x.arm}), toLower(${y.arm}))` })),
      fc.tuple(tie('flag'), tie('flag')).map(([x, y]) => ({ bicep: `(${x.bicep} && ${y.bicep})`, arm: `and(${x.arm}, ${y.arm})` })),
      fc.tuple(tie('flag'), tie('flag')).map(([x, y]) => ({ bicep: `(${x.bicep} || ${y.bicep})`, arm: `or(${x.arm}, ${y.arm})` })),
      tie('flag').map((x) => ({ bicep: `!${x.bicep}`, arm: `not(${x.arm})` })),
      tie('text').map((x) => call('empty', x)),
      fc.tuple(fc.constantFrom('contains', 'startsWith', 'endsWith'), tie('text')).map(([name, x]) => call(name, x, same("'D'"))),
      tie('text').map((x) => ({ bicep: `(length(${x.bicep}) > 7)`, arm: `greater(length(${x.arm}), 7)` })),
    ),
  }));
}

const parameter = (name: string): Twin => ({ bicep: name, arm: `parameters('${name}')` });
const { text: expression } = twinExpressions({
  text: [parameter('p'), parameter('n'), { bicep: 'v', arm: "variables('v')" }, { bicep: 'o.access', arm: "parameters('o').access" }, { bicep: 'o.?missing', arm: "tryGet(parameters('o'), 'missing')" }],
  flag: [parameter('flag')],
});

/** Each parameter's default, or none (a parameter without a value); the nullable one may default to null. */
const defaults = fc.record({
  p: fc.option(literal, { nil: undefined }),
  flag: fc.option(fc.boolean(), { nil: undefined }),
  n: fc.option(fc.option(literal, { nil: null }), { nil: undefined }),
  o: fc.option(literal, { nil: undefined }),
});
type Defaults = { p?: string; flag?: boolean; n?: string | null; o?: string };

function bicepTemplate(access: Twin, status: Twin, d: Defaults): string {
  const value = (v: unknown) => (v === undefined ? '' : ` = ${v === null ? 'null' : typeof v === 'string' ? quoted(v) : String(v)}`);
  return `param p string${value(d.p)}\nparam flag bool${value(d.flag)}\nparam n string?${value(d.n)}\nparam o object${d.o === undefined ? '' : ` = { access: ${quoted(d.o)} }`}\nvar v = toLower(${d.p === undefined ? "'Enabled'" : 'p'})\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${access.bicep}\n    policies: { exportPolicy: { status: ${status.bicep} } }\n  }\n}\n`;
}

function armTemplate(access: Twin, status: Twin, d: Defaults): string {
  const parameter = (type: string, value: unknown, extra: object = {}) => ({ type, ...extra, ...(value === undefined ? {} : { defaultValue: value }) });
  return JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { p: parameter('string', d.p), flag: parameter('bool', d.flag), n: parameter('string', d.n, { nullable: true }), o: parameter('object', d.o === undefined ? undefined : { access: d.o }) },
    variables: { v: d.p === undefined ? "[toLower('Enabled')]" : "[toLower(parameters('p'))]" },
    resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acr', sku: { name: 'Premium' }, properties: { publicNetworkAccess: `[${access.arm}]`, policies: { exportPolicy: { status: `[${status.arm}]` } } } }],
  }, null, 2);
}

/** Each property's verdict: pass, unknown, or fail with the value the message quotes. */
function verdicts(uri: string, files: Record<string, string>): Record<string, string> {
  const findings = analyzeDocument({ uri, text: files[uri]! }, { readText: (other) => files[other], workspaceRoots: ['file:///w'] }).findings;
  if (findings.length > 1) throw new Error(`one registry, ${findings.length} findings`);
  const states: Record<string, string> = { 'properties.policies.exportPolicy.status': 'pass', 'properties.publicNetworkAccess': 'pass' };
  for (const check of findings[0]?.checks() ?? []) {
    const quotedValue = findings[0]!.message.split(`${check.path} is '`)[1]?.split("'")[0];
    states[check.path] = check.fails ? `fail '${quotedValue}'` : 'unknown';
  }
  return states;
}

function assertSameVerdicts(bicepUri: string, armUri: string, files: Record<string, string>): void {
  const [fromBicep, fromArm] = [verdicts(bicepUri, files), verdicts(armUri, files)];
  if (JSON.stringify(fromBicep) !== JSON.stringify(fromArm)) throw new Error(`Bicep ${JSON.stringify(fromBicep)}, ARM ${JSON.stringify(fromArm)}:\n${Object.values(files).join('\n')}`);
}

function assertSameVerdict(access: Twin, status: Twin, d: Defaults): void {
  assertSameVerdicts('file:///w/main.bicep', 'file:///w/main.json', { 'file:///w/main.bicep': bicepTemplate(access, status, d), 'file:///w/main.json': armTemplate(access, status, d) });
}

/**
 * Three-valued evaluation is sound: a property that passes, or fails with a value, while parameters have no value
 * (`p`, `flag`, `o`) does so, with that value, whatever values they take; only "cannot be verified" may depend on them.
 */
function assertSoundUnderMissingValues(access: Twin, status: Twin, d: Defaults, assignments: readonly Required<Omit<Defaults, 'n'>>[], arm: boolean): void {
  const uri = arm ? 'file:///w/main.json' : 'file:///w/main.bicep';
  const text = (arm ? armTemplate : bicepTemplate)(access, status, d);
  const partial = verdicts(uri, { [uri]: text });
  const missing = (['p', 'flag', 'o'] as const).filter((name) => d[name] === undefined);
  for (const assignment of assignments) {
    // The same text, with defaults for what had none: only the values change.
    let concreteText = text;
    if (arm) {
      const template = JSON.parse(text);
      for (const name of missing) template.parameters[name].defaultValue = name === 'o' ? { access: assignment.o } : assignment[name];
      concreteText = JSON.stringify(template, null, 2);
    } else {
      for (const name of missing) {
        const written = name === 'o' ? `{ access: ${quoted(assignment.o)} }` : name === 'p' ? quoted(assignment.p) : String(assignment.flag);
        concreteText = concreteText.replace(new RegExp(`^(param ${name} \\w+)$`, 'm'), `$1 = ${written}`);
      }
    }
    const concrete = verdicts(uri, { [uri]: concreteText });
    for (const [path, state] of Object.entries(partial)) {
      if (state !== 'unknown' && concrete[path] !== state) {
        throw new Error(`${path} is ${state} without values, and ${concrete[path]} with ${JSON.stringify(assignment)}:\n${text}\n---\n${concreteText}`);
      }
    }
  }
}

/**
 * A module the caller passes values to (expressions over the caller's parameters), against the nested deployment
 * in inner scope that Bicep compiles the module to, whose template is the module's.
 */
const inModule = twinExpressions({ text: [parameter('p'), parameter('n')], flag: [parameter('flag')] });
const inCaller = twinExpressions({ text: [parameter('cp')], flag: [parameter('cflag')] });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const moduleCase = fc.record({
  access: inModule.text, status: inModule.text,
  defaults: fc.record({ p: optional(literal), flag: optional(fc.boolean()), n: optional(fc.option(literal, { nil: null })) }),
  callerDefaults: fc.record({ cp: optional(literal), cflag: optional(fc.boolean()) }),
  passed: fc.record({ p: optional(inCaller.text), flag: optional(inCaller.flag), n: optional(inCaller.text) }),
});
type ModuleCase = typeof moduleCase extends fc.Arbitrary<infer T> ? T : never;

/** The module, its caller and the ARM template Bicep compiles the caller to; undefined where Bicep would refuse the call. */
function moduleTexts(c: ModuleCase): { module: string; caller: string; compiled: string } | undefined {
  // Bicep requires a parameter without a default to be passed.
  if ((c.defaults.p === undefined && !c.passed.p) || (c.defaults.flag === undefined && !c.passed.flag)) return undefined;
  const value = (v: unknown) => (v === undefined ? '' : ` = ${v === null ? 'null' : typeof v === 'string' ? quoted(v) : String(v)}`);
  const passed = Object.entries(c.passed).filter(([, twin]) => twin);
  const module = `param p string${value(c.defaults.p)}\nparam flag bool${value(c.defaults.flag)}\nparam n string?${value(c.defaults.n)}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'acr'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${c.access.bicep}\n    policies: { exportPolicy: { status: ${c.status.bicep} } }\n  }\n}\n`;
  const caller = `param cp string${value(c.callerDefaults.cp)}\nparam cflag bool${value(c.callerDefaults.cflag)}\nmodule m './registry.bicep' = {\n  name: 'm'\n  params: {\n${passed.map(([name, twin]) => `    ${name}: ${twin!.bicep}`).join('\n')}\n  }\n}\n`;
  const declared = (type: string, v: unknown, extra: object = {}) => ({ type, ...extra, ...(v === undefined ? {} : { defaultValue: v }) });
  const compiled = JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { cp: declared('string', c.callerDefaults.cp), cflag: declared('bool', c.callerDefaults.cflag) },
    resources: [{
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'm',
      properties: {
        expressionEvaluationOptions: { scope: 'inner' },
        mode: 'Incremental',
        parameters: Object.fromEntries(passed.map(([name, twin]) => [name, { value: `[${twin!.arm}]` }])),
        template: {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          parameters: { p: declared('string', c.defaults.p), flag: declared('bool', c.defaults.flag), n: declared('string', c.defaults.n, { nullable: true }) },
          resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acr', sku: { name: 'Premium' }, properties: { publicNetworkAccess: `[${c.access.arm}]`, policies: { exportPolicy: { status: `[${c.status.arm}]` } } } }],
        },
      },
    }],
  }, null, 2);
  return { module, caller, compiled };
}

function assertModuleAsNestedDeployment(c: ModuleCase): void {
  const texts = moduleTexts(c);
  if (texts) assertSameVerdicts('file:///w/main.bicep', 'file:///w/main.json', { 'file:///w/main.bicep': texts.caller, 'file:///w/registry.bicep': texts.module, 'file:///w/main.json': texts.compiled });
}

/** Soundness through a module: a verdict its caller reaches while its own parameters have no value holds for any values. */
function assertModuleSoundUnderMissingValues(c: ModuleCase, assignments: readonly { cp: string; cflag: boolean }[]): void {
  const texts = moduleTexts(c);
  if (!texts) return;
  const files = (caller: string) => ({ 'file:///w/main.bicep': caller, 'file:///w/registry.bicep': texts.module });
  const partial = verdicts('file:///w/main.bicep', files(texts.caller));
  for (const assignment of assignments) {
    let caller = texts.caller;
    if (c.callerDefaults.cp === undefined) caller = caller.replace(/^param cp string$/m, `param cp string = ${quoted(assignment.cp)}`);
    if (c.callerDefaults.cflag === undefined) caller = caller.replace(/^param cflag bool$/m, `param cflag bool = ${assignment.cflag}`);
    const concrete = verdicts('file:///w/main.bicep', files(caller));
    for (const [path, state] of Object.entries(partial)) {
      if (state !== 'unknown' && concrete[path] !== state) throw new Error(`${path} is ${state} without the caller's values, and ${concrete[path]} with ${JSON.stringify(assignment)}:\n${texts.caller}\n${texts.module}`);
    }
  }
}

/**
 * A registry loop over an array parameter (with items, empty, or without a value), its values chosen by the item,
 * the index and a flag, against the copy loop Bicep compiles it to.
 */
const itemName = (name: string): Twin => ({ bicep: `x.${name}`, arm: `parameters('items')[copyIndex()].${name}` });
const inLoop = twinExpressions({
  text: [itemName('access'), itemName('status'), { bicep: 'items[0].access', arm: "parameters('items')[0].access" }],
  flag: [parameter('flag'), itemName('on'), { bicep: '(i == 0)', arm: 'equals(copyIndex(), 0)' }, { bicep: '(i > 1)', arm: 'greater(copyIndex(), 1)' }],
});
const loopCase = fc.record({
  access: inLoop.text, status: inLoop.text, condition: optional(inLoop.flag), flag: optional(fc.boolean()),
  items: optional(fc.array(fc.record({ access: literal, status: literal, on: fc.boolean() }), { maxLength: 4 })),
});
type LoopCase = typeof loopCase extends fc.Arbitrary<infer T> ? T : never;

const bicepItems = (items: LoopCase['items']) => items && `[\n${items.map((item) => `  { access: '${item.access}', status: '${item.status}', on: ${item.on} }`).join('\n')}\n]`;

/** The Bicep registry loop of a case. */
function bicepLoop(c: LoopCase): string {
  const items = bicepItems(c.items);
  return `param items array${items ? ` = ${items}` : ''}\nparam flag bool${c.flag === undefined ? '' : ` = ${c.flag}`}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for (x, i) in items: ${c.condition ? `if (${c.condition.bicep}) ` : ''}{\n  name: 'acr-\${i}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: ${c.access.bicep}\n    policies: { exportPolicy: { status: ${c.status.bicep} } }\n  }\n}]\n`;
}

function assertLoopAsCopyLoop(c: LoopCase): void {
  const loop = bicepLoop(c);
  const registry = {
    type: 'Microsoft.ContainerRegistry/registries',
    apiVersion: '2025-11-01',
    name: "[format('acr-{0}', copyIndex())]",
    ...(c.condition ? { condition: `[${c.condition.arm}]` } : {}),
    copy: { name: 'acr', count: "[length(parameters('items'))]" },
    sku: { name: 'Premium' },
    properties: { publicNetworkAccess: `[${c.access.arm}]`, policies: { exportPolicy: { status: `[${c.status.arm}]` } } },
  };
  const optionalDefault = (type: string, value: unknown) => ({ type, ...(value === undefined ? {} : { defaultValue: value }) });
  const copy = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { items: optionalDefault('array', c.items), flag: optionalDefault('bool', c.flag) }, resources: [registry] }, null, 2);
  assertSameVerdicts('file:///w/main.bicep', 'file:///w/main.json', { 'file:///w/main.bicep': loop, 'file:///w/main.json': copy });
}

/**
 * Soundness of a loop: a verdict reached while its items or flag have no value holds for any items and flag that
 * deploy a registry (with none deployed, nothing can fail: a verdict is about the registries a loop deploys). One item
 * at most: with more, a finding describes one of them, which other values can make another.
 */
function assertLoopSoundUnderMissingValues(c: LoopCase, assignments: readonly Required<Pick<LoopCase, 'items' | 'flag'>>[]): void {
  if ((c.items?.length ?? 0) > 1) return;
  const uri = 'file:///w/main.bicep';
  const partial = verdicts(uri, { [uri]: bicepLoop(c) });
  for (const assignment of assignments) {
    const text = bicepLoop({ ...c, items: c.items ?? assignment.items, flag: c.flag ?? assignment.flag });
    if (analyzeDocument({ uri, text }).resources.length === 0) continue;
    const concrete = verdicts(uri, { [uri]: text });
    for (const [path, state] of Object.entries(partial)) {
      if (state !== 'unknown' && concrete[path] !== state) throw new Error(`${path} is ${state} without values, and ${concrete[path]} with ${JSON.stringify(assignment)}:\n${bicepLoop(c)}`);
    }
  }
}

export const compiledTwinProperties = [
  {
    name: 'a Bicep registry gets the same verdicts as the ARM template Bicep compiles it to',
    run: (numRuns: number) => fc.assert(fc.property(expression, expression, defaults, assertSameVerdict), { numRuns }),
  },
  {
    name: 'a verdict reached while parameters have no value holds, with the same value, whatever values they take (Bicep and ARM)',
    run: (numRuns: number) => fc.assert(fc.property(expression, expression, defaults, fc.array(fc.record({ p: literal, flag: fc.boolean(), o: literal }), { minLength: 1, maxLength: 4 }), fc.boolean(), assertSoundUnderMissingValues), { numRuns }),
  },
  {
    name: "a verdict a module's caller reaches while its own parameters have no value holds whatever values they take",
    run: (numRuns: number) => fc.assert(fc.property(moduleCase, fc.array(fc.record({ cp: literal, cflag: fc.boolean() }), { minLength: 1, maxLength: 3 }), assertModuleSoundUnderMissingValues), { numRuns }),
  },
  {
    name: 'a Bicep module gets the same verdicts as the nested deployment Bicep compiles it to',
    run: (numRuns: number) => fc.assert(fc.property(moduleCase, assertModuleAsNestedDeployment), { numRuns }),
  },
  {
    name: 'a verdict a registry loop reaches while its items or flag have no value holds for any items and flag that deploy one',
    run: (numRuns: number) => fc.assert(fc.property(loopCase, fc.array(fc.record({ items: fc.array(fc.record({ access: literal, status: literal, on: fc.boolean() }), { maxLength: 1 }), flag: fc.boolean() }), { minLength: 1, maxLength: 3 }), assertLoopSoundUnderMissingValues), { numRuns }),
  },
  {
    name: 'a Bicep registry loop gets the same verdicts as the copy loop Bicep compiles it to',
    run: (numRuns: number) => fc.assert(fc.property(loopCase, assertLoopAsCopyLoop), { numRuns }),
  },
];
