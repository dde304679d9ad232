/** What the tests of modules read from Bicep's cache share: a compiled registry module, and an analysis over files. */
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

export const HOME = 'file:///home/dev';

/** A compiled registry module: its access and export policy are parameters, public access by default. */
export const COMPILED_REGISTRY_MODULE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  metadata: { _generator: { name: 'bicep', version: '0.38.5.1644' } },
  parameters: {
    name: { type: 'string' },
    publicNetworkAccess: { type: 'string', defaultValue: 'Enabled' },
  },
  resources: [
    {
      type: 'Microsoft.ContainerRegistry/registries',
      apiVersion: '2025-11-01',
      name: "[parameters('name')]",
      location: '[resourceGroup().location]',
      sku: { name: 'Premium' },
      properties: { publicNetworkAccess: "[parameters('publicNetworkAccess')]", policies: { exportPolicy: { status: 'disabled' } } },
    },
  ],
};

/** Analyses a document in the workspace file:///w/ with these other files, the home directory HOME; and what it read. */
export function analyzeWith(uri: string, text: string, files: Record<string, string>) {
  const reads: string[] = [];
  const analysis = analyzeDocument({ uri, text }, { readText: (other) => (reads.push(other), files[other]), workspaceRoots: ['file:///w/'], homeDirectory: HOME });
  return { analysis, reads };
}

/**
 * A module from Bicep's cache (`reference`, restored at `restored`) passed 'Enabled': one finding on that value, with a
 * fix to 'Disabled' there, and every fix edits only the caller. Returns the caller's text.
 */
export function assertReportedAtPassedValue(reference: string, restored: string, files: Record<string, string>): string {
  const text = `module acr '${reference}' = {\n  name: 'acr'\n  params: {\n    name: 'teamacr'\n    publicNetworkAccess: 'Enabled'\n  }\n}\n`;
  const { analysis } = analyzeWith('file:///w/main.bicep', text, files);
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'Enabled'");
  assert.equal(finding!.resource.displayName, 'teamacr');
  assert.ok(analysis.dependencies.includes(restored));
  const fixes = finding!.fixes();
  assert.ok(fixes.some((fix) => fix.edits.length === 1 && fix.edits[0]!.newText === "'Disabled'"));
  for (const fix of fixes) for (const edit of fix.edits) assert.equal(edit.uri, 'file:///w/main.bicep', fix.title);
  return text;
}
