import { test } from 'node:test';
import { corpusAvailable, readCorpus } from '../corpus/corpusPath';
import { armRegistryText, bicepRegistryText, properties } from './properties';

const shape = { access: 'Enabled', status: 'enabled', policies: 'object', properties: 'object', sku: 'Premium', apiVersion: '2023-07-01', indent: 2, crlf: false, tabs: false, comment: true } as const;
const armSeed = corpusAvailable ? readCorpus('arm/quickstart-acr-policies-diagnostics.azuredeploy.json') : armRegistryText(shape);
const bicepSeed = corpusAvailable ? readCorpus('psrule/docs-example-acr.bicep') : bicepRegistryText(shape);

for (const property of properties(armSeed, bicepSeed)) {
  test(`property: ${property.name}`, () => property.run(500));
}
