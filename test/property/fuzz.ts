// npm run fuzz: the property checks of the test suite with at least 100,000 cases in all; reports how many ran.
import { corpusAvailable, readCorpus } from '../corpus/corpusPath';
import { armRegistryText, bicepRegistryText, properties } from './properties';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const total = Number(process.env.FUZZ_RUNS ?? 102000);
const shape = { access: 'Enabled', status: 'enabled', policies: 'object', properties: 'object', sku: 'Premium', apiVersion: '2023-07-01', indent: 2, crlf: false, tabs: false, comment: true } as const;
const armSeed = corpusAvailable ? readCorpus('arm/quickstart-acr-policies-diagnostics.azuredeploy.json') : armRegistryText(shape);
const bicepSeed = corpusAvailable ? readCorpus('psrule/docs-example-acr.bicep') : bicepRegistryText(shape);
const all = properties(armSeed, bicepSeed);
const perProperty = Math.ceil(total / all.length);
let ran = 0;
let failed = 0;
for (const property of all) {
  const start = Date.now();
  try {
    property.run(perProperty);
    console.log(`✔ ${property.name}: ${perProperty} cases in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed++;
    console.log(`✖ ${property.name}:\n${String(error).slice(0, 4000)}`);
  }
  ran += perProperty;
}
// The 50 MB template: too large for every test run, so it runs here. Bound: 15 s on 2 cores.
if (corpusAvailable) {
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const landingZone = JSON.parse(readCorpus('arm/avm-aca-lza-hosting-environment.main.json'));
  const big = JSON.stringify({ $schema: schema, resources: Array.from({ length: 32 }, (_, i) => ({ type: 'Microsoft.Resources/deployments', name: `d${i}`, properties: { template: landingZone } })) });
  const start = Date.now();
  const analysis = analyzeDocument({ uri: 'file:///fuzz/big.json', text: big });
  const seconds = (Date.now() - start) / 1000;
  const ok = !analysis.internalError && analysis.resources.length === 32 && seconds < 15;
  if (!ok) failed++;
  console.log(`${ok ? '✔' : '✖'} a ${(big.length / 1e6).toFixed(0)} MB template: ${analysis.resources.length} registries in ${seconds.toFixed(1)} s (bound 15 s)`);
}
console.log(`fuzz: ${ran} cases in ${all.length} properties; ${all.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
