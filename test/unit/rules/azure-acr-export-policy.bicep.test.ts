/** Azure.ACR.ExportPolicy in Bicep source: diagnostics in the Bicep file and fixes in Bicep syntax. */
import { runRuleTests } from '../ruleTester';
import { FIX_TITLE, FIX_WITH_SKU_TITLE } from '../../../server/src/core/rules/azure-acr-export-policy';

const registry = (properties: string, options: { version?: string; sku?: string; head?: string; name?: string } = {}) => `${options.head ?? ''}resource acr 'Microsoft.ContainerRegistry/registries@${options.version ?? '2025-11-01'}' = {
  name: ${options.name ?? "'contoso'"}
  location: 'westeurope'
  sku: {
    name: '${options.sku ?? 'Premium'}'
  }${properties ? `\n${properties}` : ''}
}
`;

const PASSING = `  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }`;

/** A registry whose public access a flag chooses: `isPrivate ? 'Disabled' : 'Enabled'`, declared by `head`. */
const flaggedTemplate = (head: string, status = 'disabled', name = 'contoso') => `${head}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: '${name}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: '${status}' } }\n  }\n}\n`;

/** A Basic registry whose SKU and public access are parameter defaults. */
const SKU_FROM_DEFAULT = `param skuName string = 'Basic'
param access string = 'Enabled'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: skuName
  }
  properties: {
    publicNetworkAccess: access
  }
}
`;

/** A template that merges the object parameter `props` into its registry's properties (`union(props, {...})`). */
const mergingTemplate = (sku = 'Premium') => `param props object = {}\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: '${sku}' }\n  properties: union(props, {\n    adminUserEnabled: false\n  })\n}\n`;

/** A file of shared variables for compile-time imports: two exported, one not. */
const SHARED = "@export()\nvar networkAccess = 'Enabled'\n@export()\nvar exportStatus = 'disabled'\nvar hidden = 'Disabled'\n";

const MODULE = `param access string = 'Disabled'
param status string = 'disabled'

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'modreg'
  properties: {
    publicNetworkAccess: access
    policies: {
      exportPolicy: {
        status: status
      }
    }
  }
}
`;

const AVM = "br/public:avm/res/container-registry/registry:0.12.1";

/** An ARM template with a registry whose public access comes from a parameter (`using './azuredeploy.json'`). */
const JSON_TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "Access": { "type": "string", "defaultValue": "Disabled" } },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "jsonreg",
      "sku": { "name": "Premium" },
      "properties": { "publicNetworkAccess": "[parameters('access')]", "policies": { "exportPolicy": { "status": "disabled" } } }
    }
  ]
}
`;

/** A variable of registry properties that pass, for spreads (`...secure`). */
const SECURE = "var secure = {\n  publicNetworkAccess: 'Disabled'\n  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n}\n";

runRuleTests('Azure.ACR.ExportPolicy (Bicep)', {
  valid: [
    { name: 'both properties set', file: 'main.bicep', code: registry(PASSING) },
    {
      name: 'both set after a spread of an object parameter without a value, in a variable: they win whatever it holds',
      file: 'main.bicep',
      code: `param props object\nvar merged = {\n  ...props\n  publicNetworkAccess: 'Disabled'\n  policies: { exportPolicy: { status: 'disabled' } }\n}\n${registry('  properties: merged')}`,
    },
    {
      name: 'both set by union() after an object parameter without a value, in a variable',
      file: 'main.bicep',
      code: `param props object\nvar merged = union(props, { publicNetworkAccess: 'Disabled' }, { policies: { exportPolicy: { status: 'disabled' } } })\n${registry('  properties: merged')}`,
    },
    {
      name: 'values imported from another Bicep file (import { ... } from, import * as)',
      file: 'main.bicep',
      files: { 'shared.bicep': SHARED.replace("'Enabled'", "'Disabled'") },
      code: `import { networkAccess as access } from 'shared.bicep'\nimport * as shared from './shared.bicep'\n${registry('  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: shared.exportStatus } }\n  }')}`,
    },
    {
      name: 'values loaded from a shared JSON file when the template compiles (loadJsonContent)',
      file: 'main.bicep',
      files: { 'shared.json': '{\n  // comments are allowed\n  "acr": { "access": "Disabled", "export": "disabled" }\n}\n' },
      code: `var shared = loadJsonContent('shared.json')\n${registry('  properties: {\n    publicNetworkAccess: shared.acr.access\n    policies: { exportPolicy: { status: sys.loadJsonContent(\'./shared.json\').acr.export } }\n  }')}`,
    },
    {
      name: 'values loaded from a YAML file (loadYamlContent)',
      file: 'main.bicep',
      files: { 'settings.yaml': 'acr:\n  access: Disabled\n  export: disabled\n' },
      code: `var settings = loadYamlContent('settings.yaml').acr\n${registry('  properties: {\n    publicNetworkAccess: settings.access\n    policies: { exportPolicy: { status: settings.export } }\n  }')}`,
    },
    {
      name: 'a value loaded from a text file (loadTextContent)',
      file: 'main.bicep',
      files: { 'access.txt': 'Disabled\n' },
      code: registry("  properties: {\n    publicNetworkAccess: trim(loadTextContent('access.txt'))\n    policies: { exportPolicy: { status: 'disabled' } }\n  }"),
    },
    { name: 'case-insensitive values', file: 'main.bicep', code: registry("  properties: { publicNetworkAccess: 'DISABLED', policies: { exportPolicy: { status: 'Disabled' } } }") },
    { name: 'an existing registry is a reference', file: 'main.bicep', code: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {\n  name: 'shared'\n}\n" },
    { name: 'a false condition', file: 'main.bicep', code: `param deploy bool = false\n${registry('').replace("' = {", "' = if (deploy) {")}` },
    { name: 'values from parameters and variables', file: 'main.bicep', code: `param access string = 'Disabled'\nvar status = toLower('DISABLED')\n${registry('  properties: {\n    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: status\n      }\n    }\n  }')}` },
    { name: 'the AVM ternary with a Premium default', file: 'main.bicep', code: `param acrSku string = 'Premium'\nparam exportPolicyStatus string = 'disabled'\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: {\n      exportPolicy: acrSku == 'Premium'\n        ? {\n            status: exportPolicyStatus\n          }\n        : null\n    }\n  }")}` },
    { name: 'a nullable parameter with ?? fallback', file: 'main.bicep', code: `param access string?\n${registry("  properties: {\n    publicNetworkAccess: access ?? 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}` },
    { name: 'string interpolation', file: 'main.bicep', code: `var prefix = 'Dis'\n${registry("  properties: {\n    publicNetworkAccess: '${prefix}abled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}` },
    { name: 'an empty loop deploys nothing', file: 'main.bicep', code: "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for name in []: {\n  name: name\n  properties: {}\n}]\n" },
    { name: 'a suppressed registry', file: 'main.bicep', code: `#disable-next-line Azure.ACR.ExportPolicy\n${registry('')}` },
    { name: 'a local module called with passing values', file: 'main.bicep', files: { 'registry.bicep': MODULE }, code: "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: 'Disabled'\n  }\n}\n" },
    { name: 'the AVM module with public access disabled passes on its export default', file: 'main.bicep', code: `module avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n` },
    { name: 'the AVM module with private endpoints and no IP rules disables public access itself', file: 'main.bicep', code: `module avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    privateEndpoints: [\n      { subnetResourceId: subnetId }\n    ]\n  }\n}\n` },
    {
      // Bicep rejects a module cycle; the analysis must still end.
      name: 'modules that deploy each other end the walk',
      file: 'a.bicep',
      files: { 'b.bicep': "module a './a.bicep' = {\n  name: 'a'\n}\n" },
      code: "module b './b.bicep' = {\n  name: 'b'\n}\n",
    },
    { name: 'a .bicepparam file that keeps passing values', file: 'main.bicepparam', files: { 'registry.bicep': MODULE }, code: "using './registry.bicep'\n\nparam access = 'Disabled'\n" },
    {
      name: 'both values from a spread object (...shared), and a property after a spread overrides it',
      file: 'main.bicep',
      code: `${SECURE}${registry('  properties: {\n    ...secure\n    adminUserEnabled: false\n  }')}${registry("  properties: {\n    ...union(secure, { publicNetworkAccess: 'Enabled' })\n    publicNetworkAccess: 'Disabled'\n  }", { name: "'second'" }).replace('resource acr ', 'resource acr2 ')}`,
    },
    { name: 'the AVM module given its params by a spread', file: 'main.bicep', code: `var avmDefaults = {\n  publicNetworkAccess: 'Disabled'\n}\nmodule avm '${AVM}' = {\n  params: {\n    ...avmDefaults\n    name: 'avmreg'\n  }\n}\n` },
    {
      name: 'values from a user-defined function and from lambdas (map, filter, toObject)',
      file: 'main.bicep',
      code: `func accessFor(env string) string => env == 'prod' ? 'Disabled' : 'Enabled'\nvar settings = toObject(filter(['prod', 'dev'], e => e == 'prod'), e => e, e => { status: toLower('DISABLED') })\n${registry("  properties: {\n    publicNetworkAccess: accessFor('prod')\n    policies: { exportPolicy: { status: map(['x'], x => settings.prod.status)[0] } }\n  }")}`,
    },
    {
      name: 'a .bicepparam file that extends another and overrides its failing value; base.tags is read',
      file: 'prod.bicepparam',
      files: { 'registry.bicep': MODULE.replace("param status string = 'disabled'", "param status string = 'disabled'\nparam tags object = {}"), 'base.bicepparam': "using none\n\nparam access = 'Enabled'\nparam tags = { env: 'dev' }\n" },
      code: "using './registry.bicep'\nextends 'base.bicepparam'\n\nparam access = 'Disabled'\nparam tags = {\n  ...base.tags\n  env: 'prod'\n}\n",
    },
    {
      name: 'a local module and the AVM module in loops whose every iteration passes',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: `var configs = [\n  { name: 'one', access: 'Disabled' }\n  { name: 'two', access: 'Disabled' }\n]\nmodule regs './registry.bicep' = [for cfg in configs: {\n  name: 'reg-\${cfg.name}'\n  params: {\n    access: cfg.access\n  }\n}]\nmodule avms '${AVM}' = [for cfg in configs: {\n  params: {\n    name: cfg.name\n    publicNetworkAccess: cfg.access\n  }\n}]\n`,
    },
    { name: 'a .bicepparam file for an ARM JSON template that keeps its passing values', file: 'prod.bicepparam', files: { 'azuredeploy.json': JSON_TEMPLATE }, code: "using './azuredeploy.json'\n\nparam access = 'Disabled'\n" },
    { name: 'a module that is an ARM JSON template, called with passing values', file: 'main.bicep', files: { 'azuredeploy.json': JSON_TEMPLATE }, code: "module reg './azuredeploy.json' = {\n  name: 'reg'\n  params: {\n    ACCESS: 'Disabled'\n  }\n}\n" },
    {
      name: 'values from functions imported from another Bicep file (import { fn }, import * as ns)',
      file: 'main.bicep',
      files: { 'functions.bicep': "@export()\nfunc access(env string) string => env == 'prod' ? 'Disabled' : 'Enabled'\n@export()\nfunc status() string => toLower('DISABLED')\n" },
      code: `import { access } from 'functions.bicep'\nimport * as fns from 'functions.bicep'\n${registry("  properties: {\n    publicNetworkAccess: access('prod')\n    policies: { exportPolicy: { status: fns.status() } }\n  }")}`,
    },
  ],
  invalid: [
    {
      name: 'Basic SKU from a parameter default only registries read: the SKU action at the deciding places changes that default too',
      file: 'main.bicep',
      code: SKU_FROM_DEFAULT,
      errors: [{ line: 10, column: 26, message: /sku\.name is 'Basic'/ }],
      fix: `${FIX_WITH_SKU_TITLE} (at the default value of parameter 'access', at the default value of parameter 'skuName')`,
      output: `param skuName string = 'Premium'
param access string = 'Disabled'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: skuName
  }
  properties: {
    publicNetworkAccess: access
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      name: 'Basic SKU from a parameter a storage account reads too: no SKU action at the deciding places; the one in the registry leaves that parameter alone',
      file: 'main.bicep',
      code: `${SKU_FROM_DEFAULT}resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'contosostore'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: '\${skuName}_LRS'
  }
}
`,
      errors: [{ line: 10, column: 26, message: /sku\.name is 'Basic'/ }],
      fix: FIX_WITH_SKU_TITLE,
      output: `param skuName string = 'Basic'
param access string = 'Enabled'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'contosostore'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: '\${skuName}_LRS'
  }
}
`,
    },
    {
      name: 'module params given as a variable: a local module gets its members, and the AVM fix merges into it',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: `var p = {\n  access: 'Enabled'\n}\nmodule m './registry.bicep' = {\n  name: 'x'\n  params: p\n}\nvar avmParams = {\n  name: 'avmvar'\n  publicNetworkAccess: 'Disabled'\n  exportPolicyStatus: 'enabled'\n}\nmodule a '${AVM}' = {\n  params: avmParams\n}\n`,
      errors: [
        { line: 2, column: 11, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from variable 'p' (line 2 in main.bicep) (must be 'Disabled')." },
        { line: 14, column: 11, message: "Container registry 'avmvar' can export artifacts: properties.policies.exportPolicy.status is 'enabled' from variable 'avmParams' (line 11) (must be 'disabled')." },
      ],
      output: `var p = {\n  access: 'Disabled'\n}\nmodule m './registry.bicep' = {\n  name: 'x'\n  params: p\n}\nvar avmParams = {\n  name: 'avmvar'\n  publicNetworkAccess: 'Disabled'\n  exportPolicyStatus: 'enabled'\n}\nmodule a '${AVM}' = {\n  params: union(avmParams, { exportPolicyStatus: 'disabled' })\n}\n`,
    },
    {
      name: 'a module that is an ARM JSON template: a failing value passed to it is reported and fixed where it is passed',
      file: 'main.bicep',
      files: { 'azuredeploy.json': JSON_TEMPLATE },
      code: "module reg './azuredeploy.json' = {\n  name: 'reg'\n  params: {\n    access: 'Enabled'\n  }\n}\n",
      errors: [{ line: 4, column: 13, message: "Container registry 'jsonreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main.bicep (must be 'Disabled')." }],
      output: "module reg './azuredeploy.json' = {\n  name: 'reg'\n  params: {\n    access: 'Disabled'\n  }\n}\n",
    },
    {
      name: 'a module that is an ARM JSON template failing on its own default is reported at the module path, and fixed by passing the value',
      file: 'main.bicep',
      files: { 'azuredeploy.json': JSON_TEMPLATE.replace('"defaultValue": "Disabled"', '"defaultValue": "Enabled"') },
      code: "module reg './azuredeploy.json' = {\n  name: 'reg'\n}\n",
      errors: [{ line: 1, column: 12, message: "Container registry 'jsonreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from the default value of parameter 'Access' (must be 'Disabled'). The registry is declared in azuredeploy.json." }],
      output: "module reg './azuredeploy.json' = {\n  name: 'reg'\n  params: {\n    Access: 'Disabled'\n  }\n}\n",
    },
    {
      name: 'a registry two modules deep: the value the top file passes is reported and fixed there',
      file: 'main.bicep',
      files: { 'modules/registry.bicep': MODULE, 'modules/platform.bicep': "param access string = 'Disabled'\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: access\n  }\n}\n" },
      code: "module platform './modules/platform.bicep' = {\n  name: 'platform'\n  params: {\n    access: 'Enabled'\n  }\n}\n",
      errors: [{ line: 4, column: 13, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main.bicep (must be 'Disabled'). The registry is declared in registry.bicep." }],
      output: "module platform './modules/platform.bicep' = {\n  name: 'platform'\n  params: {\n    access: 'Disabled'\n  }\n}\n",
    },
    {
      name: 'a .bicepparam value that reaches a registry through a local module: reported and fixed there',
      file: 'dev.bicepparam',
      files: { 'registry.bicep': MODULE, 'main.bicep': "param access string = 'Disabled'\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: access\n  }\n}\n" },
      code: "using './main.bicep'\n\nparam access = 'Enabled'\n",
      errors: [{ line: 3, column: 16, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in dev.bicepparam (must be 'Disabled'). The registry is declared in registry.bicep." }],
      output: "using './main.bicep'\n\nparam access = 'Disabled'\n",
    },
    {
      name: 'a .bicepparam value that reaches the AVM registry module: reported and fixed there',
      file: 'dev.bicepparam',
      files: { 'main.bicep': `param access string = 'Disabled'\nmodule avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    publicNetworkAccess: access\n  }\n}\n` },
      code: "using './main.bicep'\n\nparam access = 'Enabled'\n",
      errors: [{ line: 3, column: 16, message: "Container registry 'avmreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in dev.bicepparam (must be 'Disabled')." }],
      output: "using './main.bicep'\n\nparam access = 'Disabled'\n",
    },
    {
      name: 'a .bicepparam file for an ARM JSON template: its value is checked there (parameter names in any case)',
      file: 'prod.bicepparam',
      files: { 'azuredeploy.json': JSON_TEMPLATE },
      code: "using './azuredeploy.json'\n\nparam access = 'Enabled'\n",
      errors: [{ line: 3, column: 16, message: "Container registry 'jsonreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in prod.bicepparam (must be 'Disabled')." }],
      output: "using './azuredeploy.json'\n\nparam access = 'Disabled'\n",
    },
    {
      name: "an object a .bicepparam file passes: named as that parameter's, and fixed there, the missing members added to it",
      file: 'main.bicepparam',
      files: { 'main.bicep': "param props object\n" + registry('  properties: props') },
      code: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Enabled'\n}\n",
      errors: [{ line: 3, column: 24, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing from parameter 'props' in main.bicepparam (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' from parameter 'props' (line 3 in main.bicepparam) (must be 'Disabled')." }],
      output: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n}\n",
      otherOutputs: { 'main.bicep': "param props object\n" + registry('  properties: props') },
    },
    {
      name: 'an object a .bicepparam file passes lacks the export policy: reported on that object, and added to it',
      file: 'main.bicepparam',
      files: { 'main.bicep': "param props object\n" + registry('  properties: props') },
      code: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n}\n",
      errors: [{ line: 2, column: 15, endLine: 4, endColumn: 2, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing from parameter 'props' in main.bicepparam (must be 'disabled')." }],
      output: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n}\n",
      otherOutputs: { 'main.bicep': "param props object\n" + registry('  properties: props') },
    },
    {
      name: 'an object a caller passes to a module lacks the export policy: reported on that object, and added to it',
      file: 'main.bicep',
      files: { 'registry.bicep': "param props object\n" + registry('  properties: props') },
      code: "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    props: { publicNetworkAccess: 'Disabled' }\n  }\n}\n",
      errors: [{ line: 4, column: 12, endLine: 4, endColumn: 47, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing from parameter 'props' as passed in main.bicep (must be 'disabled')." }],
      output: "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    props: { publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } }\n  }\n}\n",
      otherOutputs: { 'registry.bicep': "param props object\n" + registry('  properties: props') },
    },
    {
      name: 'a flag a caller passes makes the module choose a failing value: reported on the flag passed',
      file: 'main.bicep',
      files: { 'registry.bicep': flaggedTemplate('param isPrivate bool = true', 'disabled', 'modreg') },
      code: "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    isPrivate: false\n  }\n}\n",
      errors: [{ line: 4, column: 16, endLine: 4, endColumn: 21, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). The registry is declared in registry.bicep. It follows from parameter 'isPrivate' as passed here." }],
      fix: "Set parameter 'isPrivate' to true",
      output: "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    isPrivate: true\n  }\n}\n",
    },
    {
      name: "a flag a caller passes to a module that passes it on to its own module: reported on the flag passed (was the module's path)",
      file: 'main.bicep',
      files: { 'leaf.bicep': "param private bool = true\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'leafreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: private ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n", 'mid.bicep': "param isPrivate bool = true\nmodule leaf './leaf.bicep' = {\n  name: 'leaf'\n  params: {\n    private: isPrivate\n  }\n}\n" },
      code: "module mid './mid.bicep' = {\n  name: 'mid'\n  params: {\n    isPrivate: false\n  }\n}\n",
      errors: [{ line: 4, column: 16, endLine: 4, endColumn: 21, message: "Container registry 'leafreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). The registry is declared in leaf.bicep. It follows from parameter 'isPrivate' as passed here." }],
      fix: "Set parameter 'isPrivate' to true",
      output: "module mid './mid.bicep' = {\n  name: 'mid'\n  params: {\n    isPrivate: true\n  }\n}\n",
    },
    {
      name: 'a .bicepparam flag passed on by the template to a module that chooses by it: reported on the flag, naming it once',
      file: 'dev.bicepparam',
      files: { 'registry.bicep': "param private bool = true\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: private ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n", 'main.bicep': "param isPrivate bool = true\nmodule m './registry.bicep' = {\n  name: 'm'\n  params: {\n    private: isPrivate\n  }\n}\n" },
      code: "using './main.bicep'\nparam isPrivate = false\n",
      errors: [{ line: 2, column: 19, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). The registry is declared in registry.bicep. It follows from parameter 'isPrivate' as this file sets it." }],
      output: null,
    },
    {
      name: 'a local module in a loop: every iteration is checked with what it passes',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: "var configs = [\n  { name: 'one', access: 'Disabled' }\n  { name: 'two', access: 'Enabled' }\n]\nmodule regs './registry.bicep' = [for cfg in configs: {\n  name: 'reg-${cfg.name}'\n  params: {\n    access: cfg.access\n  }\n}]\n",
      errors: [{ line: 3, column: 26, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from variable 'configs' (line 3 in main.bicep) (must be 'Disabled')." }],
      output: "var configs = [\n  { name: 'one', access: 'Disabled' }\n  { name: 'two', access: 'Disabled' }\n]\nmodule regs './registry.bicep' = [for cfg in configs: {\n  name: 'reg-${cfg.name}'\n  params: {\n    access: cfg.access\n  }\n}]\n",
    },
    {
      name: 'the AVM module in a loop: the failing iteration and its registry are named',
      file: 'main.bicep',
      code: `var configs = [\n  { name: 'one', access: 'Disabled' }\n  { name: 'two', access: 'Enabled' }\n]\nmodule avms '${AVM}' = [for cfg in configs: {\n  params: {\n    name: cfg.name\n    publicNetworkAccess: cfg.access\n  }\n}]\n`,
      errors: [{ line: 8, column: 26, message: "Container registry 'two' can export artifacts: properties.publicNetworkAccess is 'Enabled' from variable 'configs' (line 3) (must be 'Disabled'). Only when cfg[1]." }],
      output: `var configs = [\n  { name: 'one', access: 'Disabled' }\n  { name: 'two', access: 'Enabled' }\n]\nmodule avms '${AVM}' = [for cfg in configs: {\n  params: {\n    name: cfg.name\n    publicNetworkAccess: 'Disabled'\n  }\n}]\n`,
    },
    {
      // Read when the parameter file is built: the value at deployment is not known while editing.
      name: 'a .bicepparam value read from an environment variable: reported there as not verifiable',
      file: 'dev.bicepparam',
      files: { 'registry.bicep': MODULE },
      code: "using './registry.bicep'\n\nparam access = readEnvironmentVariable('ACR_ACCESS', 'Enabled')\n",
      errors: [{ line: 3, column: 16, unresolved: true, message: "Container registry 'modreg' cannot be verified: properties.publicNetworkAccess cannot be verified (environment variable 'ACR_ACCESS' is read when the parameter file is built; 'Enabled' when it is not set)." }],
      output: null,
    },
    {
      name: 'a .bicepparam value from a Key Vault secret or an external input: reported there as not verifiable, saying why',
      file: 'dev.bicepparam',
      files: { 'registry.bicep': MODULE },
      code: "using './registry.bicep'\n\nparam access = az.getSecret('sub', 'rg', 'kv', 'access')\nparam status = externalInput('sys.envVar', 'ACR_STATUS')\n",
      errors: [
        { line: 4, column: 16, unresolved: true, message: "Container registry 'modreg' cannot be verified: properties.policies.exportPolicy.status cannot be verified (external input 'sys.envVar' is given by the tool that deploys the parameter file) and properties.publicNetworkAccess cannot be verified (getSecret() reads a Key Vault secret when the deployment runs)." },
      ],
      output: null,
    },
    {
      name: 'a .bicepparam value that cannot be evaluated is reported there, not dropped',
      file: 'dev.bicepparam',
      files: { 'registry.bicep': MODULE },
      code: "using './registry.bicep'\n\nparam status = notAFunction()\n",
      errors: [{ line: 3, column: 16, unresolved: true, message: /^Container registry 'modreg' cannot be verified: properties\.policies\.exportPolicy\.status cannot be verified \(function 'notAFunction' is not supported\)/ }],
      output: null,
    },
    {
      name: 'a module param that cannot be evaluated is reported at the params entry, not on the module path',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: notAFunction()\n  }\n}\n",
      errors: [{ line: 4, column: 13, unresolved: true, message: /^Container registry 'modreg' cannot be verified: properties\.publicNetworkAccess cannot be verified \(function 'notAFunction' is not supported\)/ }],
      output: null,
    },
    {
      name: 'a value from the .bicepparam file it extends: reported on the extends line, fixed in that file',
      file: 'prod.bicepparam',
      files: { 'registry.bicep': MODULE, 'base.bicepparam': "using none\n\nparam access = 'Enabled'\n" },
      code: "using './registry.bicep'\nextends 'base.bicepparam'\n\nparam status = 'disabled'\n",
      errors: [{ line: 2, column: 1, message: "Container registry 'modreg' can export artifacts: properties.publicNetworkAccess is 'Enabled' from parameter 'access' in base.bicepparam (must be 'Disabled')." }],
      output: "using './registry.bicep'\nextends 'base.bicepparam'\n\nparam status = 'disabled'\n",
      otherOutputs: { 'base.bicepparam': "using none\n\nparam access = 'Disabled'\n" },
    },
    {
      // any() only changes the type Bicep checks: the value, and where it comes from, pass through.
      name: 'any() passes its value through: the parameter default it wraps decides and is fixed',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: any(access)\n    policies: { exportPolicy: { status: 'disabled' } }\n  }", { head: "param access string = 'Enabled'\n" }),
      errors: [{ line: 9, column: 26, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' from the default value of parameter 'access' (must be 'Disabled')." }],
      output: registry("  properties: {\n    publicNetworkAccess: any(access)\n    policies: { exportPolicy: { status: 'disabled' } }\n  }", { head: "param access string = 'Disabled'\n" }),
    },
    {
      name: 'a failing value from a user-defined function names the function; the preferred fix is in the registry',
      file: 'main.bicep',
      code: `func accessFor(env string) string => env == 'prod' ? 'Disabled' : 'Enabled'\n${registry("  properties: {\n    publicNetworkAccess: accessFor('dev')\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' from function 'accessFor' (line 1) (must be 'Disabled')." }],
      output: `func accessFor(env string) string => env == 'prod' ? 'Disabled' : 'Enabled'\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
    },
    {
      name: 'a local module given a failing parameter by a spread: reported and fixed where the spread object sets it',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: "var common = {\n  access: 'Enabled'\n}\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    ...common\n  }\n}\n",
      errors: [{ line: 2, column: 11, message: /publicNetworkAccess is 'Enabled'/ }],
      output: "var common = {\n  access: 'Disabled'\n}\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    ...common\n  }\n}\n",
    },
    {
      name: 'a local module given a spread that cannot be evaluated is unverified at its path',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: "param common object\nmodule reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    ...common\n  }\n}\n",
      errors: [{ line: 2, column: 12, unresolved: true, message: /cannot be verified \(parameter 'common' has no value\)/ }],
      output: null,
    },
    {
      name: 'the AVM module whose spread params override a passing value',
      file: 'main.bicep',
      code: `var overrides = {\n  publicNetworkAccess: 'Enabled'\n}\nmodule avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    publicNetworkAccess: 'Disabled'\n    ...overrides\n  }\n}\n`,
      errors: [{ line: 8, column: 5, message: /publicNetworkAccess is 'Enabled'/ }],
      output: `var overrides = {\n  publicNetworkAccess: 'Disabled'\n}\nmodule avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    publicNetworkAccess: 'Disabled'\n    ...overrides\n  }\n}\n`,
    },
    {
      name: 'a spread after a passing property overrides it: the finding is on the spread, the fix in the variable',
      file: 'main.bicep',
      code: `var open = {\n  publicNetworkAccess: 'Enabled'\n}\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    ...open\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 12, column: 5, endColumn: 12, message: /properties\.publicNetworkAccess is 'Enabled' .*variable 'open'.* \(must be 'Disabled'\)/ }],
      output: `var open = {\n  publicNetworkAccess: 'Disabled'\n}\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    ...open\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
    },
    {
      name: 'a failing value from a spread with no property of its own: the fix in the registry goes after the spread',
      file: 'main.bicep',
      fix: FIX_TITLE,
      code: `${SECURE.replace("'Disabled'", "'Enabled'")}${registry('  properties: {\n    ...secure\n  }')}`,
      errors: [{ line: 16, column: 5, message: /properties\.publicNetworkAccess is 'Enabled' .*\(must be 'Disabled'\)/ }],
      output: `${SECURE.replace("'Disabled'", "'Enabled'")}${registry("  properties: {\n    ...secure\n    publicNetworkAccess: 'Disabled'\n  }")}`,
    },
    {
      name: 'an export policy inside a spread object is fixed where it is set, not replaced in the registry with the rest of its policies',
      file: 'main.bicep',
      code: `var policies = {\n  policies: {\n    quarantinePolicy: { status: 'enabled' }\n    exportPolicy: { status: 'enabled' }\n  }\n}\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    ...policies\n  }")}`,
      errors: [{ line: 15, column: 5, message: /properties\.policies\.exportPolicy\.status is 'enabled' .*\(must be 'disabled'\)/ }],
      output: `var policies = {\n  policies: {\n    quarantinePolicy: { status: 'enabled' }\n    exportPolicy: { status: 'disabled' }\n  }\n}\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    ...policies\n  }")}`,
    },
    {
      name: 'a spread of a parameter without a value leaves the registry unverified',
      file: 'main.bicep',
      code: `param shared object\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n    ...shared\n  }")}`,
      errors: [{ line: 11, column: 5, unresolved: true, message: /cannot be verified/ }],
      output: null,
    },
    {
      name: 'a failing value imported from another Bicep file names its variable there; the preferred fix sets it in the registry',
      file: 'main.bicep',
      files: { 'shared.bicep': SHARED },
      code: `import { networkAccess } from 'shared.bicep'\n${registry("  properties: {\n    publicNetworkAccess: networkAccess\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26, message: /publicNetworkAccess is 'Enabled' from variable 'networkAccess' in shared\.bicep \(must be 'Disabled'\)/ }],
      output: `import { networkAccess } from 'shared.bicep'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'an import that is not exported, or in a cycle, leaves the value unverified, and the cycle ends',
      file: 'main.bicep',
      files: { 'shared.bicep': SHARED, 'cycle.bicep': "import { loop } from 'main.bicep'\n@export()\nvar back = loop\n" },
      code: `import { hidden } from 'shared.bicep'\nimport { back } from 'cycle.bicep'\n@export()\nvar loop = back\n${registry("  properties: {\n    publicNetworkAccess: hidden\n    policies: { exportPolicy: { status: back } }\n  }")}`,
      errors: [{ line: 13, column: 41, unresolved: true, message: /status cannot be verified \(.*refers to itself\).*publicNetworkAccess cannot be verified \('hidden' is not an exported variable of 'shared\.bicep'\)/ }],
      output: `import { hidden } from 'shared.bicep'
import { back } from 'cycle.bicep'
@export()
var loop = back
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a failing value loaded from a shared JSON file is found there; the preferred fix sets it in the registry',
      file: 'main.bicep',
      files: { 'shared.json': '{ "acr": { "access": "Enabled" } }\n' },
      code: `var shared = loadJsonContent('shared.json')\n${registry("  properties: {\n    publicNetworkAccess: shared.acr.access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26, message: /properties\.publicNetworkAccess is 'Enabled' set at line 1 in shared\.json \(must be 'Disabled'\)/ }],
      output: `var shared = loadJsonContent('shared.json')
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'the fix in a loaded JSON file is offered, named by where the value is set there',
      file: 'main.bicep',
      files: { 'shared.json': '{ "acr": { "access": "Enabled" } }\n' },
      code: `var shared = loadJsonContent('shared.json')\n${registry("  properties: {\n    publicNetworkAccess: shared.acr.access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }", { name: "'fabrikam'" })}`,
      errors: [{ line: 9, column: 26 }],
      fix: 'Disable export and public network access (set at line 1 in shared.json)',
      output: `var shared = loadJsonContent('shared.json')\n${registry("  properties: {\n    publicNetworkAccess: shared.acr.access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }", { name: "'fabrikam'" })}`,
      otherOutputs: { 'shared.json': '{ "acr": { "access": "Disabled" } }\n' },
    },
    {
      name: 'a value picked from a shared JSON file by a path filter is found there',
      file: 'main.bicep',
      files: { 'shared.json': '{ "acr": { "access": "Enabled" } }\n' },
      code: registry("  properties: {\n    publicNetworkAccess: loadJsonContent('shared.json', '$.acr.access')\n    policies: { exportPolicy: { status: 'disabled' } }\n  }"),
      errors: [{ line: 8, column: 26, message: /properties\.publicNetworkAccess is 'Enabled' set at line 1 in shared\.json \(must be 'Disabled'\)/ }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a loaded file that cannot be read, or a path filter that matches nothing, leaves the value unverified',
      file: 'main.bicep',
      files: { 'shared.json': '{ "acr": { "access": "Disabled" } }\n' },
      code: registry("  properties: {\n    publicNetworkAccess: loadJsonContent('missing.json').access\n    policies: { exportPolicy: { status: loadJsonContent('shared.json', '$.acr.export') } }\n  }"),
      errors: [{ line: 9, column: 41, unresolved: true, message: /'\$\.acr\.export' matches nothing in 'shared\.json'\).*'missing\.json' cannot be read \(missing, or outside the workspace\)/ }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a local module: reported and fixed at the params entry that decides',
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE },
      code: "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    access: 'Enabled'\n  }\n}\n",
      errors: [{ line: 4, column: 13, message: /^Container registry 'modreg' can export artifacts: properties\.publicNetworkAccess is 'Enabled' from parameter 'access' as passed in main\.bicep/ }],
      output: `module reg './registry.bicep' = {
  name: 'reg'
  params: {
    access: 'Disabled'
  }
}
`,
    },
    {
      name: "a local module failing on its own default is reported at the module's path, and fixed by passing the value",
      file: 'main.bicep',
      files: { 'registry.bicep': MODULE.replace("status string = 'disabled'", "status string = 'enabled'") },
      code: "module reg './registry.bicep' = {\n  name: 'reg'\n}\n",
      errors: [{ line: 1, column: 12, message: /exportPolicy\.status is 'enabled' from the default value of parameter 'status'/ }],
      output: "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    status: 'disabled'\n  }\n}\n",
    },
    {
      name: 'the AVM module with default parameters fails on public access; the fix sets its params',
      file: 'main.bicep',
      code: `module avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n  }\n}\n`,
      errors: [{ line: 1, column: 12, message: "Container registry 'avmreg' can export artifacts: properties.publicNetworkAccess is missing (must be 'Disabled')." }],
      output: `module avm 'br/public:avm/res/container-registry/registry:0.12.1' = {
  params: {
    name: 'avmreg'
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'the AVM module with export enabled',
      file: 'main.bicep',
      code: `module avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    exportPolicyStatus: 'enabled'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n`,
      errors: [{ line: 4, column: 25 }],
      output: `module avm 'br/public:avm/res/container-registry/registry:0.12.1' = {
  params: {
    name: 'avmreg'
    exportPolicyStatus: 'disabled'
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'a .bicepparam value decides: reported and fixed on its param line',
      file: 'main.bicepparam',
      files: { 'registry.bicep': MODULE },
      code: "using './registry.bicep'\n\nparam access = 'Enabled'\n",
      errors: [{ line: 3, column: 16, message: /from parameter 'access' in main\.bicepparam/ }],
      output: `using './registry.bicep'

param access = 'Disabled'
`,
    },
    {
      name: "an object a JSON parameter file passes to a .bicep template: named as that parameter's, and fixed there",
      file: 'main.parameters.json',
      files: { 'main.bicep': "param props object\n" + registry('  properties: props') },
      code: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "props": { "value": { "publicNetworkAccess": "Enabled" } }\n  }\n}\n',
      errors: [{ line: 4, column: 50, message: /publicNetworkAccess is 'Enabled' from parameter 'props' \(line 4 in main\.parameters\.json\)/ }],
      output: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "props": { "value": { "publicNetworkAccess": "Disabled", "policies": { "exportPolicy": { "status": "disabled" } } } }\n  }\n}\n',
      otherOutputs: { 'main.bicep': "param props object\n" + registry('  properties: props') },
    },
    {
      name: 'a JSON parameter file for a .bicep template matches its names in any case, as ARM does (camelCase names were ignored)',
      file: 'main.parameters.json',
      files: { 'main.bicep': "param publicNetworkAccess string\n" + registry("  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: { exportPolicy: { status: 'disabled' } }\n  }") },
      code: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "PublicNetworkAccess": { "value": "Enabled" }\n  }\n}\n',
      errors: [{ line: 4, column: 39, message: /publicNetworkAccess is 'Enabled' from parameter 'PublicNetworkAccess' in main\.parameters\.json/ }],
      output: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "PublicNetworkAccess": { "value": "Disabled" }\n  }\n}\n',
    },
    {
      name: 'a flag default the template chooses the failing values by: setting it the other way is a choice, and the fewest flags are set',
      file: 'main.bicep',
      code: "param redundant bool = false\nparam isPrivate bool = false\nvar sku = redundant || isPrivate ? 'Premium' : 'Standard'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: sku }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: sku == 'Premium' ? 'disabled' : 'enabled' } }\n  }\n}\n",
      errors: [{ line: 9, column: 41, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). Export policies need the Premium SKU; sku.name is 'Standard'." }],
      fix: "Set the default of parameter 'isPrivate' to true",
      output: "param redundant bool = false\nparam isPrivate bool = true\nvar sku = redundant || isPrivate ? 'Premium' : 'Standard'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: sku }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: sku == 'Premium' ? 'disabled' : 'enabled' } }\n  }\n}\n",
    },
    {
      name: 'two flag defaults each decide a failing value: both are set the other way',
      file: 'main.bicep',
      code: "param exportable bool = true\nparam isPrivate bool = false\nvar sku = 'Premium'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: sku }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: exportable ? 'enabled' : 'disabled' } }\n  }\n}\n",
      errors: [{ line: 9, column: 41, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled')." }],
      fix: "Set the defaults of parameters 'exportable' to false and 'isPrivate' to true",
      output: "param exportable bool = false\nparam isPrivate bool = true\nvar sku = 'Premium'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: sku }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: exportable ? 'enabled' : 'disabled' } }\n  }\n}\n",
    },
    {
      name: "an object a .bicepparam file passes, which the template merges into properties, lacks the export policy: added to that object",
      file: 'main.bicepparam',
      files: { 'main.bicep': mergingTemplate() },
      code: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n}\n",
      errors: [{ line: 2, column: 15, endLine: 4, endColumn: 2, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled'). It follows from parameter 'props' as this file sets it." }],
      output: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n}\n",
      otherOutputs: { 'main.bicep': mergingTemplate() },
    },
    {
      name: "an object a .bicepparam file passes to a Basic registry lacks the export policy: adding it is a choice, fix-all leaves it",
      file: 'main.bicepparam',
      files: { 'main.bicep': mergingTemplate('Basic') },
      code: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n}\n",
      errors: [{ line: 2, column: 15, endLine: 4, endColumn: 2, message: /sku\.name is 'Basic'\. It follows from parameter 'props' as this file sets it\.$/ }],
      fix: `${FIX_TITLE} (in parameter 'props')`,
      output: "using './main.bicep'\nparam props = {\n  publicNetworkAccess: 'Disabled'\n  policies: {\n    exportPolicy: {\n      status: 'disabled'\n    }\n  }\n}\n",
    },
    {
      name: 'an empty object a JSON parameter file passes, which the template merges into properties: both members added to it',
      file: 'main.parameters.json',
      files: { 'main.bicep': mergingTemplate() },
      code: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "props": { "value": {} }\n  }\n}\n',
      errors: [{ line: 4, column: 25, message: /^Container registry 'contoso' can export artifacts: properties\.policies\.exportPolicy\.status is missing \(must be 'disabled'\) and properties\.publicNetworkAccess is missing \(must be 'Disabled'\)\. It follows from parameter 'props' as this file sets it\.$/ }],
      output: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "props": { "value": {\n      "policies": {\n        "exportPolicy": {\n          "status": "disabled"\n        }\n      },\n      "publicNetworkAccess": "Disabled"\n    } }\n  }\n}\n',
    },
    {
      name: 'a .bicepparam flag the template chooses the failing value by: reported on the flag, as PSRule fails that deployment',
      file: 'main.bicepparam',
      files: { 'main.bicep': flaggedTemplate('param isPrivate bool') },
      code: "using './main.bicep'\nparam isPrivate = false\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 24, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). It follows from parameter 'isPrivate' as this file sets it." }],
      fix: "Set parameter 'isPrivate' to true",
      output: "using './main.bicep'\nparam isPrivate = true\n",
    },
    {
      name: 'a .bicepparam flag that overrides a passing default: reported on the flag (the template alone passes)',
      file: 'main.bicepparam',
      files: { 'main.bicep': flaggedTemplate('param isPrivate bool = true') },
      code: "using './main.bicep'\nparam isPrivate = false // dev\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 24, message: /It follows from parameter 'isPrivate' as this file sets it\./ }],
      fix: "Set parameter 'isPrivate' to true",
      output: "using './main.bicep'\nparam isPrivate = true // dev\n",
    },
    {
      name: 'a flag set in the .bicepparam file this one extends: reported on the extends statement',
      file: 'main.bicepparam',
      files: { 'main.bicep': flaggedTemplate('param isPrivate bool'), 'base.bicepparam': "using none\nparam isPrivate = false\n" },
      code: "using './main.bicep'\nextends 'base.bicepparam'\n",
      errors: [{ line: 2, column: 1, message: /It follows from parameter 'isPrivate' as this file sets it\./ }],
      output: null,
    },
    {
      name: 'a JSON parameter file flag for a .bicep template: reported on the flag',
      file: 'main.parameters.json',
      files: { 'main.bicep': flaggedTemplate('param isPrivate bool') },
      code: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": { "isPrivate": { "value": false } }\n}\n',
      errors: [{ line: 3, column: 43, endLine: 3, endColumn: 48, message: /It follows from parameter 'isPrivate' as this file sets it\./ }],
      fix: "Set parameter 'isPrivate' to true",
      output: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": { "isPrivate": { "value": true } }\n}\n',
    },
    {
      name: 'a .bicepparam flag adds a failure to one the template has of its own: reported on the flag, naming what follows from it',
      file: 'main.bicepparam',
      files: { 'main.bicep': flaggedTemplate('param isPrivate bool = true', 'enabled') },
      code: "using './main.bicep'\nparam isPrivate = false\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 24, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). Its properties.publicNetworkAccess follows from parameter 'isPrivate' as this file sets it." }],
      fix: "Set parameter 'isPrivate' to true",
      output: "using './main.bicep'\nparam isPrivate = true\n",
    },
    {
      name: 'failures that follow from two .bicepparam values: reported on the first, naming both',
      file: 'main.bicepparam',
      files: { 'main.bicep': "param exportable bool = false\nparam isPrivate bool = true\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: exportable ? 'enabled' : 'disabled' } }\n  }\n}\n" },
      code: "using './main.bicep'\nparam exportable = true\nparam isPrivate = false\n",
      errors: [{ line: 2, column: 20, endLine: 2, endColumn: 24, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). Its properties.policies.exportPolicy.status follows from parameter 'exportable' and its properties.publicNetworkAccess from parameter 'isPrivate', as this file sets them." }],
      fix: "Set parameters 'exportable' to false and 'isPrivate' to true",
      output: "using './main.bicep'\nparam exportable = false\nparam isPrivate = true\n",
    },
    {
      name: "a .bicepparam file sets a registry loop's items and the flag they choose by: reported on the flag (nothing was: without the items, the loop index was taken for 0, and no item deployed)",
      file: 'main.bicepparam',
      files: { 'main.bicep': "param names array = [\n  'a'\n]\nparam isPrivate bool = true\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for (n, i) in names: if (i > 0) {\n  name: 'acr${n}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}]\n" },
      code: "using './main.bicep'\nparam names = ['x', 'y']\nparam isPrivate = false\n",
      errors: [{ line: 3, column: 19, message: "Container registry 'acry' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). It follows from parameter 'isPrivate' as this file sets it." }],
      output: null,
    },
    {
      name: 'a flag a caller passes adds a failure to one the module has of its own: reported on the flag passed, naming what follows from it',
      file: 'main.bicep',
      files: { 'registry.bicep': flaggedTemplate('param isPrivate bool = true', 'enabled') },
      code: "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    isPrivate: false\n  }\n}\n",
      errors: [{ line: 4, column: 16, endLine: 4, endColumn: 21, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). The registry is declared in registry.bicep. Its properties.publicNetworkAccess follows from parameter 'isPrivate' as passed here." }],
      output: null,
    },
    {
      name: 'a registry loop over a parameter without a value: every index is possible, so a value chosen by the index cannot be verified',
      file: 'main.bicep',
      code: "param names array\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for (n, i) in names: {\n  name: 'acr${n}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: i == 0 ? 'disabled' : 'enabled' } }\n  }\n}]\n",
      errors: [{ line: 7, column: 41, unresolved: true, message: "Container registry 'acr${n}' cannot be verified: properties.policies.exportPolicy.status cannot be verified (parameter 'names' has no value)." }],
      output: "param names array\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for (n, i) in names: {\n  name: 'acr${n}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}]\n",
    },
    {
      name: 'a JSON parameter file beside a .bicep template',
      file: 'registry.parameters.json',
      files: { 'registry.bicep': MODULE },
      code: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "status": {\n      "value": "enabled"\n    }\n  }\n}\n',
      errors: [{ line: 6, column: 16, message: /exportPolicy\.status is 'enabled' from parameter 'status' in registry\.parameters\.json/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "status": {
      "value": "disabled"
    }
  }
}
`,
    },
    {
      name: 'no properties: inserted in Bicep syntax',
      file: 'main.bicep',
      code: registry(''),
      errors: [{ line: 1, column: 14, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled') and properties.publicNetworkAccess is missing (must be 'Disabled')." }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'public access enabled',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }"),
      errors: [{ line: 8, column: 26, message: /publicNetworkAccess is 'Enabled'/ }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      name: 'export enabled and other policies kept',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: {\n      quarantinePolicy: {\n        status: 'enabled'\n      }\n      exportPolicy: {\n        status: 'enabled'\n      }\n    }\n  }"),
      errors: [{ line: 14, column: 17 }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      quarantinePolicy: {
        status: 'enabled'
      }
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      name: 'empty policies',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: {}\n  }"),
      errors: [{ line: 1, column: 14 }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      name: 'a single-line object stays single-line',
      file: 'main.bicep',
      code: registry("  properties: { adminUserEnabled: false, publicNetworkAccess: 'Enabled' }"),
      errors: [{ line: 7, column: 63 }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: { adminUserEnabled: false, publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } }
}
`,
    },
    {
      name: 'a parameter default used only by the registry is fixed there',
      file: 'main.bicep',
      code: `param publicNetworkAccess string = 'Enabled'\n\n${registry("  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }")}`,
      errors: [{ line: 10, column: 26, message: /from the default value of parameter 'publicNetworkAccess'/ }],
      output: `param publicNetworkAccess string = 'Disabled'

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: publicNetworkAccess
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      name: 'a parameter default that another resource reads too is left alone: the registry is fixed in place',
      file: 'main.bicep',
      code: `param publicNetworkAccess string = 'Enabled'\n\n${registry("  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }")}resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  properties: {\n    publicNetworkAccess: publicNetworkAccess\n  }\n}\n`,
      errors: [{ line: 10, column: 26, message: /from the default value of parameter 'publicNetworkAccess'/ }],
      output: `param publicNetworkAccess string = 'Enabled'

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st'
  properties: {
    publicNetworkAccess: publicNetworkAccess
  }
}
`,
    },
    {
      name: "a parameter's name as another resource's property key or property name is no use of it: fixed at the default",
      file: 'main.bicep',
      code: `param publicNetworkAccess string = 'Enabled'\n\n${registry("  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }")}resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\noutput access string = st.properties.publicNetworkAccess\n`,
      errors: [{ line: 10, column: 26, message: /from the default value of parameter 'publicNetworkAccess'/ }],
      output: `param publicNetworkAccess string = 'Disabled'

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: publicNetworkAccess
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st'
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
output access string = st.properties.publicNetworkAccess
`,
    },
    {
      name: 'a use on a line the parser cannot read counts: the registry is fixed in place',
      file: 'main.bicep',
      code: `param publicNetworkAccess string = 'Enabled'\n\n${registry("  properties: {\n    publicNetworkAccess: publicNetworkAccess\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }")}var broken = ] publicNetworkAccess\n`,
      errors: [{ line: 10, column: 26, message: /from the default value of parameter 'publicNetworkAccess'/ }],
      output: `param publicNetworkAccess string = 'Enabled'

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
var broken = ] publicNetworkAccess
`,
    },
    {
      name: 'a variable used only by the registry is fixed there',
      file: 'main.bicep',
      code: `var exportStatus = 'enabled'\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: {\n      exportPolicy: {\n        status: exportStatus\n      }\n    }\n  }")}`,
      errors: [{ line: 12, column: 17, message: /from variable 'exportStatus'/ }],
      output: `var exportStatus = 'disabled'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: exportStatus
      }
    }
  }
}
`,
    },
    {
      name: 'policies from a parameter: union keeps them',
      file: 'main.bicep',
      code: `param policies object = {}\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: policies\n  }")}`,
      errors: [{ line: 10, column: 15 }],
      output: `param policies object = {}
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: union(policies, { exportPolicy: { status: 'disabled' } })
  }
}
`,
    },
    {
      name: "properties from a variable: the missing export policy is added to the variable's object, where the access is fixed too",
      file: 'main.bicep',
      code: `var props = {\n  publicNetworkAccess: 'Enabled'\n}\n${registry('  properties: props')}`,
      errors: [{ line: 10, column: 15, message: /exportPolicy\.status is missing .* and properties\.publicNetworkAccess is 'Enabled' from variable 'props' \(line 2\)/ }],
      output: `var props = {
  publicNetworkAccess: 'Disabled'
  policies: {
    exportPolicy: {
      status: 'disabled'
    }
  }
}
${registry('  properties: props')}`,
    },
    {
      name: "an object inside a variable, on one line: the members are added there, on that line",
      file: 'main.bicep',
      code: `var shared = { network: { publicNetworkAccess: 'Disabled' }, tags: {} }\n${registry('  properties: shared.network')}`,
      errors: [{ line: 8, column: 15, message: /exportPolicy\.status is missing/ }],
      output: `var shared = { network: { publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } }, tags: {} }\n${registry('  properties: shared.network')}`,
    },
    {
      name: 'a registry loop whose items each bring a failing value: every item is fixed, not only the first',
      file: 'main.bicep',
      code: `var regs = [\n  { name: 'acra', access: 'Enabled' }\n  { name: 'acrb', access: 'Enabled' }\n]\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for r in regs: {\n  name: r.name\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: r.access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}]\n`,
      errors: [{ line: 9, column: 26, message: /publicNetworkAccess is 'Enabled' from variable 'regs'/ }],
      output: `var regs = [\n  { name: 'acra', access: 'Disabled' }\n  { name: 'acrb', access: 'Disabled' }\n]\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for r in regs: {\n  name: r.name\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: r.access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}]\n`,
    },
    {
      name: "a variable's object that an output reads too is left alone: union in the declaration",
      file: 'main.bicep',
      code: `var props = {\n  publicNetworkAccess: 'Disabled'\n}\n${registry('  properties: props')}output props object = props\n`,
      errors: [{ line: 10, column: 15 }],
      output: `var props = {\n  publicNetworkAccess: 'Disabled'\n}\n${registry("  properties: union(props, { policies: { exportPolicy: { status: 'disabled' } } })")}output props object = props\n`,
    },
    {
      name: 'properties from an object parameter without a value: cannot be verified, and the fix (union) clears it',
      file: 'main.bicep',
      code: `param props object\n${registry('  properties: props')}`,
      errors: [{ line: 8, column: 15, unresolved: true, message: /cannot be verified \(parameter 'props' has no value\)/ }],
      output: `param props object\n${registry("  properties: union(props ?? {}, { policies: { exportPolicy: { status: 'disabled' } }, publicNetworkAccess: 'Disabled' })")}`,
    },
    {
      name: 'set before a spread of an object parameter without a value: the spread may replace it, so cannot be verified',
      file: 'main.bicep',
      code: `param props object\nvar merged = {\n  publicNetworkAccess: 'Disabled'\n  policies: { exportPolicy: { status: 'disabled' } }\n  ...props\n}\n${registry('  properties: merged')}`,
      errors: [{ line: 13, column: 15, unresolved: true, message: /publicNetworkAccess cannot be verified \(parameter 'props' has no value\)/ }],
      output: `param props object\nvar merged = {\n  publicNetworkAccess: 'Disabled'\n  policies: { exportPolicy: { status: 'disabled' } }\n  ...props\n}\n${registry("  properties: union(merged, { policies: { exportPolicy: { status: 'disabled' } }, publicNetworkAccess: 'Disabled' })")}`,
    },
    {
      name: 'properties from union() ending in an object literal: the missing members go into that object, not another union',
      file: 'main.bicep',
      code: `var props = {\n  adminUserEnabled: false\n}\n${registry("  properties: union(props, { publicNetworkAccess: 'Disabled' })")}`,
      errors: [{ line: 10, column: 15, message: /exportPolicy\.status is missing/ }],
      output: `var props = {\n  adminUserEnabled: false\n}\n${registry("  properties: union(props, { publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } })")}`,
    },
    {
      name: 'the AVM ternary on Standard: guarded with ??',
      file: 'main.bicep',
      code: `param acrSku string = 'Standard'\n${registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n    policies: {\n      exportPolicy: acrSku == 'Premium' ? { status: 'disabled' } : null\n    }\n  }")}`,
      errors: [{ line: 11, column: 21, message: /exportPolicy\.status is missing/ }],
      output: `param acrSku string = 'Standard'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: union((acrSku == 'Premium' ? { status: 'disabled' } : null) ?? {}, { status: 'disabled' })
    }
  }
}
`,
    },
    {
      name: 'a ternary choosing the wrong value',
      file: 'main.bicep',
      code: `param env string = 'dev'\n${registry("  properties: {\n    publicNetworkAccess: env == 'prod' ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26 }],
      output: `param env string = 'dev'
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'old API version inside the type string is raised',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: 'Disabled'\n  }", { version: '2019-12-01-preview' }),
      errors: [{ line: 1, column: 14, message: /API version 2019-12-01-preview/ }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}
`,
    },
    {
      // The module writes an export policy only on Premium: setting exportPolicyStatus alone would leave the finding, so
      // that fix is not offered; the one that also sets Premium is (never preferred).
      name: 'the AVM module on Standard: only the fix that also sets Premium',
      file: 'main.bicep',
      code: `module avm '${AVM}' = {\n  params: {\n    name: 'avmreg'\n    acrSku: 'Standard'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n`,
      errors: [{ line: 4, column: 13, message: "Container registry 'avmreg' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled'). Export policies need the Premium SKU; sku.name is 'Standard'." }],
      fix: FIX_WITH_SKU_TITLE,
      output: `module avm 'br/public:avm/res/container-registry/registry:0.12.1' = {
  params: {
    name: 'avmreg'
    acrSku: 'Premium'
    publicNetworkAccess: 'Disabled'
    exportPolicyStatus: 'disabled'
  }
}
`,
    },
    {
      name: 'Basic SKU: the separate action sets Premium',
      file: 'main.bicep',
      code: registry('', { sku: 'Basic' }),
      errors: [{ line: 1, column: 14, message: /sku\.name is 'Basic'/ }],
      fix: FIX_WITH_SKU_TITLE,
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    policies: {
      exportPolicy: {
        status: 'disabled'
      }
    }
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'allowed values: the failing one is named',
      file: 'main.bicep',
      code: `@allowed([\n  'Enabled'\n  'Disabled'\n])\nparam access string\n${registry("  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 13, column: 26, message: /Only when parameter 'access' = 'Enabled'\.$/ }],
      output: `@allowed([
  'Enabled'
  'Disabled'
])
param access string
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a required parameter cannot be verified',
      file: 'main.bicep',
      code: `param access string\n${registry("  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26, unresolved: true, message: /cannot be verified \(parameter 'access' has no value\)/ }],
      output: `param access string
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: '== between objects with an unknown part is unknown, not false',
      file: 'main.bicep',
      code: `param tier string\n${registry("  properties: {\n    publicNetworkAccess: { t: tier } == { t: 'x' } ? 'Enabled' : 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26, unresolved: true, message: /cannot be verified \(parameter 'tier' has no value\)/ }],
      output: `param tier string
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a loop: one finding for the declaration',
      file: 'main.bicep',
      code: "param names array = [\n  'a'\n  'b'\n]\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for name in names: {\n  name: name\n  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}]\n",
      // Both fail: the registries have different names, so the declaration is named as written.
      errors: [{ line: 8, column: 26, message: /^Container registry 'name' can export artifacts: .*\(must be 'Disabled'\)\.$/ }],
      output: `param names array = [
  'a'
  'b'
]
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = [for name in names: {
  name: name
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}]
`,
    },
    {
      name: 'a condition that is unknown is analysed',
      file: 'main.bicep',
      code: `param deploy bool\n${registry("  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }").replace("' = {", "' = if (deploy) {")}`,
      errors: [{ line: 9, column: 26 }],
      output: `param deploy bool
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = if (deploy) {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
    {
      name: 'a nested child resource is not a registry',
      file: 'main.bicep',
      code: registry("  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n\n  resource replication 'replications' = {\n    name: 'northeurope'\n    location: 'northeurope'\n  }"),
      errors: [{ line: 8, column: 26 }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }

  resource replication 'replications' = {
    name: 'northeurope'
    location: 'northeurope'
  }
}
`,
    },
    {
      name: 'CRLF line endings stay CRLF',
      file: 'main.bicep',
      code: registry("  properties: {\n    adminUserEnabled: false\n  }").replace(/\n/g, '\r\n'),
      errors: [{ line: 1, column: 14 }],
      output: `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\r
  name: 'contoso'\r
  location: 'westeurope'\r
  sku: {\r
    name: 'Premium'\r
  }\r
  properties: {\r
    adminUserEnabled: false\r
    policies: {\r
      exportPolicy: {\r
        status: 'disabled'\r
      }\r
    }\r
    publicNetworkAccess: 'Disabled'\r
  }\r
}\r
`,
    },
    {
      name: 'a syntax error elsewhere does not hide the registry',
      file: 'main.bicep',
      code: `var broken = [\n${registry("  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}param other string = 'x'\n`,
      errors: [{ line: 9, column: 26 }],
      output: `var broken = [
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
param other string = 'x'
`,
    },
    {
      name: 'a pragma for another rule does not suppress',
      file: 'main.bicep',
      code: `#disable-next-line no-unused-params\n${registry("  properties: {\n    publicNetworkAccess: 'Enabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }")}`,
      errors: [{ line: 9, column: 26 }],
      output: `#disable-next-line no-unused-params
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    policies: { exportPolicy: { status: 'disabled' } }
  }
}
`,
    },
  ],
});
