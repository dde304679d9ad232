// Differential check of the two evaluators: every `x.bicep` under a folder that has `x.json`, compiled from it by Bicep,
// beside it is evaluated twice, as Bicep source and as the ARM template Bicep made of it, and the results are compared:
// the verdicts (which registries fail or cannot be verified, on what), every variable, and each top-level resource's
// sku, kind, location and properties. The two should agree; a difference points at a bug in one of them (or at a
// stale main.json). Run it over a checkout of Azure/bicep-registry-modules or Azure/bicep's samples, after `npm run
// build`: node tools/compare-twins.mjs <folder> [--verbose] [--vary]. With --vary the values are compared again with
// each parameter given each of its other allowed values, a boolean its opposite, and a required string or number one
// (both twins get the same), so conditions and ternaries are taken both ways.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const out = (path) => require(resolve(dirname(fileURLToPath(import.meta.url)), '../out/server/src/core', path));
const { analyzeDocument } = out('analysis/analyzeDocument.js');
const { parseBicep } = out('bicep/parser.js');
const { BicepTemplate, CompileTimeFiles } = out('bicep/template.js');
const { buildBicepResources } = out('bicep/resources.js');
const { parseArmDocument } = out('arm/armDocument.js');
const { TemplateScope } = out('arm/templateScope.js');
const { walkTemplate } = out('arm/resourceWalker.js');
const { buildArmResources } = out('arm/armResources.js');
const { EvaluationBudget } = out('evaluate/expressions/evaluator.js');
const { toJson, fromJson: valueOf } = out('evaluate/value.js');
const { decodeText } = out('text/encoding.js');
const { parse: parseJsonc } = require('jsonc-parser');

const root = resolve(process.argv[2] ?? '.');
const verbose = process.argv.includes('--verbose');
const vary = process.argv.includes('--vary');
// As the editor and the CLI read files: UTF-8, or UTF-16 after its byte order mark.
const read = (uri) => {
  try {
    return decodeText(readFileSync(fileURLToPath(uri))).text;
  } catch {
    return undefined;
  }
};
const readBytes = (uri) => {
  try {
    return new Uint8Array(readFileSync(fileURLToPath(uri)));
  } catch {
    return undefined;
  }
};
const listFiles = (uri) => {
  try {
    return readdirSync(fileURLToPath(uri), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return undefined;
  }
};
const host = { readText: read, readBytes, listFiles, workspaceRoots: [pathToFileURL(root).href] };

/** A verdict without the wording: failing or unverifiable, and on which of the two properties. */
const verdict = (finding) => `${finding.unresolved ? 'unverified' : 'fails'}:${/exportPolicy\.status (is|cannot)/.test(finding.message) ? 'export' : ''}${/publicNetworkAccess (is|cannot)/.test(finding.message) ? '+public' : ''}`;
const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
/** JSON with sorted keys (an ARM property copy puts its members first); 'unknown' or 'partly unknown' otherwise. */
const comparable = (value) => (value === undefined ? 'missing' : value.kind === 'unknown' ? 'unknown' : JSON.stringify(sorted(toJson(value))) ?? 'partly unknown');
const agrees = (a, b) => a === b || (a === 'unknown' && b === 'partly unknown') || (a === 'partly unknown' && b === 'unknown');
const byTypeAndPlace = (models) => {
  const seen = new Map();
  return new Map(models.flatMap((m) => {
    const type = m.type.toLowerCase();
    seen.set(type, (seen.get(type) ?? 0) + 1);
    return m.instances.length === 1 ? [[`${type}#${seen.get(type)}`, m]] : [];
  }));
};

function* twins(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* twins(path);
    else if (entry.name.endsWith('.bicep')) {
      // `x.bicep` and the `x.json` Bicep compiled from it (`main.bicep` in AVM, `deploy.bicep` in older CARML).
      const compiled = join(folder, `${entry.name.slice(0, -'.bicep'.length)}.json`);
      if (existsSync(compiled) && /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/.test(readFileSync(compiled, 'utf8').slice(0, 4096))) yield [path, compiled];
    }
  }
}

/** Parameter values to try, one parameter at a time: its other allowed values, a boolean's opposite, a required scalar. */
function* scenarios(parameters) {
  yield new Map();
  if (!vary) return;
  for (const [name, declaration] of Object.entries(parameters ?? {})) {
    const type = String(declaration?.type ?? '').toLowerCase();
    const values = Array.isArray(declaration?.allowedValues) ? declaration.allowedValues.filter((v) => JSON.stringify(v) !== JSON.stringify(declaration.defaultValue))
      : type === 'bool' ? [typeof declaration.defaultValue === 'boolean' ? !declaration.defaultValue : true]
      : declaration?.defaultValue === undefined && type === 'string' ? ['varied']
      : declaration?.defaultValue === undefined && type === 'int' ? [3]
      : [];
    // An array parameter's allowed values are the items it may hold.
    for (const value of values.slice(0, 4)) yield new Map([[name, type === 'array' && Array.isArray(declaration.allowedValues) ? [value] : value]]);
  }
}

const totals = { pairs: 0, verdicts: 0, variables: 0, values: 0, scenarios: 0 };
const differences = [];
for (const [bicepPath, jsonPath] of twins(root)) {
  totals.pairs++;
  const bicepText = readFileSync(bicepPath, 'utf8');
  const jsonText = readFileSync(jsonPath, 'utf8');
  const name = relative(root, bicepPath);
  const verdicts = (path, text) => analyzeDocument({ uri: pathToFileURL(path).href, text }, host).findings.map(verdict).sort().join(', ') || 'none';
  const [fromBicep, fromJson] = [verdicts(bicepPath, bicepText), verdicts(jsonPath, jsonText)];
  totals.verdicts++;
  if (fromBicep !== fromJson) differences.push(`${name}: verdicts: bicep ${fromBicep} / json ${fromJson}`);

  const arm = parseArmDocument(pathToFileURL(jsonPath).href, jsonText);
  if (arm.kind !== 'template' || !arm.root) continue;
  const compiled = parseJsonc(jsonText, [], { allowTrailingComma: true });
  for (const supplied of scenarios(compiled?.parameters)) {
  totals.scenarios++;
  const label = supplied.size === 0 ? name : `${name} with ${[...supplied].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`;
  const armScope = new TemplateScope(arm.uri, arm.root, new Map([...supplied].map(([k, v]) => [k.toLowerCase(), () => valueOf(v)])), new EvaluationBudget(), jsonText);
  const bicep = new BicepTemplate(pathToFileURL(bicepPath).href, parseBicep(bicepText), new Map([...supplied].map(([k, v]) => [k, () => valueOf(v)])), new CompileTimeFiles(read, { restored: () => undefined, parseTemplate: parseArmDocument, readBytes, listFiles }));
  for (const variable of Object.keys(compiled?.variables ?? {})) {
    // Compiler-made variables (`$fxv#0`, imported `_1.name`) have no Bicep twin.
    const own = variable === 'copy' ? undefined : bicep.lookup(variable);
    if (own === undefined) continue;
    const [a, b] = [comparable(own), comparable(armScope.variable(variable))];
    totals.variables++;
    if (!agrees(a, b)) differences.push(`${label}: variable ${variable}: bicep ${a.slice(0, 200)} / json ${b.slice(0, 200)}`);
  }
  const armModels = byTypeAndPlace(buildArmResources(arm.uri, jsonText, walkTemplate(armScope)).filter((m) => m.deploymentPath.length === 0));
  for (const [key, model] of byTypeAndPlace(buildBicepResources(bicep))) {
    const twin = armModels.get(key);
    if (!twin) continue;
    for (const path of [['sku'], ['kind'], ['location'], ['properties']]) {
      const [a, b] = [comparable(model.instances[0].resolve(path).value), comparable(twin.instances[0].resolve(path).value)];
      totals.values++;
      if (!agrees(a, b)) differences.push(`${label}: ${key} ${path.join('.')}: bicep ${a.slice(0, 200)} / json ${b.slice(0, 200)}`);
    }
  }
  }
}
console.log(`${totals.pairs} twins${vary ? ` in ${totals.scenarios} scenarios` : ''}: ${totals.verdicts} verdicts, ${totals.variables} variables and ${totals.values} resource values compared; ${differences.length} differences`);
for (const difference of verbose ? differences : differences.slice(0, 50)) console.log(`  ${difference}`);
process.exitCode = differences.length === 0 ? 0 : 1;
