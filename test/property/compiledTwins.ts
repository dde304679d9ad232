/**
 * The Bicep evaluator against the ARM one: a registry whose values are random Bicep expressions (parameters with and
 * without defaults, a nullable one, an object's member, a variable, operators, interpolation and string functions)
 * must get the same verdict, property by property and with the same failing value, as the ARM template Bicep
 * compiles it to (`a ? b : c` is `if(a, b, c)`, `==` is `equals`, `=~` compares lower-cased, `??` is `coalesce`,
 * `.?` is `tryGet`, `'${a}'` is `format`).
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

const { expression } = fc.letrec<{ expression: Twin; text: Twin; flag: Twin }>((tie) => ({
  expression: tie('text'),
  text: fc.oneof(
    { depthSize: 'small' },
    literal.map((text) => same(quoted(text))),
    fc.constantFrom<Twin>(
      { bicep: 'p', arm: "parameters('p')" },
      { bicep: 'n', arm: "parameters('n')" },
      { bicep: 'v', arm: "variables('v')" },
      { bicep: 'o.access', arm: "parameters('o').access" },
      { bicep: 'o.?missing', arm: "tryGet(parameters('o'), 'missing')" },
    ),
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
    fc.constant<Twin>({ bicep: 'flag', arm: "parameters('flag')" }),
    fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} == ${y.bicep})`, arm: `equals(${x.arm}, ${y.arm})` })),
    fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} != ${y.bicep})`, arm: `not(equals(${x.arm}, ${y.arm}))` })),
    fc.tuple(tie('text'), tie('text')).map(([x, y]) => ({ bicep: `(${x.bicep} =~ ${y.bicep})`, arm: `equals(toLower(${x.arm}), toLower(${y.arm}))` })),
    fc.tuple(tie('flag'), tie('flag')).map(([x, y]) => ({ bicep: `(${x.bicep} && ${y.bicep})`, arm: `and(${x.arm}, ${y.arm})` })),
    fc.tuple(tie('flag'), tie('flag')).map(([x, y]) => ({ bicep: `(${x.bicep} || ${y.bicep})`, arm: `or(${x.arm}, ${y.arm})` })),
    tie('flag').map((x) => ({ bicep: `!${x.bicep}`, arm: `not(${x.arm})` })),
    fc.tuple(fc.constantFrom('empty'), tie('text')).map(([name, x]) => call(name, x)),
    fc.tuple(fc.constantFrom('contains', 'startsWith', 'endsWith'), tie('text')).map(([name, x]) => call(name, x, same("'D'"))),
    tie('text').map((x) => ({ bicep: `(length(${x.bicep}) > 7)`, arm: `greater(length(${x.arm}), 7)` })),
  ),
}));

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
function verdicts(uri: string, text: string): Record<string, string> {
  const findings = analyzeDocument({ uri, text }).findings;
  if (findings.length > 1) throw new Error(`one registry, ${findings.length} findings`);
  const states: Record<string, string> = { 'properties.policies.exportPolicy.status': 'pass', 'properties.publicNetworkAccess': 'pass' };
  for (const check of findings[0]?.checks() ?? []) {
    const quotedValue = findings[0]!.message.split(`${check.path} is '`)[1]?.split("'")[0];
    states[check.path] = check.fails ? `fail '${quotedValue}'` : 'unknown';
  }
  return states;
}

function assertSameVerdict(access: Twin, status: Twin, d: Defaults): void {
  const bicep = bicepTemplate(access, status, d);
  const arm = armTemplate(access, status, d);
  const [fromBicep, fromArm] = [verdicts('file:///w/main.bicep', bicep), verdicts('file:///w/main.json', arm)];
  if (JSON.stringify(fromBicep) !== JSON.stringify(fromArm)) throw new Error(`Bicep ${JSON.stringify(fromBicep)}, ARM ${JSON.stringify(fromArm)}:\n${bicep}\n${arm}`);
}

export const compiledTwinProperties = [
  {
    name: 'a Bicep registry gets the same verdicts as the ARM template Bicep compiles it to',
    run: (numRuns: number) => fc.assert(fc.property(expression, expression, defaults, assertSameVerdict), { numRuns }),
  },
];
