// npm run fuzz: the property checks of the test suite with at least 100,000 cases in all; reports how many ran.
import { corpusAvailable, readCorpus } from '../corpus/corpusPath';
import { armRegistryText, bicepRegistryText, properties } from './properties';

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
console.log(`fuzz: ${ran} cases in ${all.length} properties; ${all.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
