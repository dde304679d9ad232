/** Azure.ACR.ExportPolicy on ARM JSON templates: literal values, formatting kept by every fix. */
import { runRuleTests } from '../ruleTester';
import { registry, template, SCHEMA } from './armCases';
import { FIX_TITLE, FIX_WITH_SKU_TITLE } from '../../../server/src/core/rules/azure-acr-export-policy';

/** A template linked with `templateLink.relativePath`: a registry whose values are its parameters. */
const LINKED = `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": { "type": "string", "defaultValue": "Disabled" },
    "status": { "type": "string", "defaultValue": "enabled" }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "linkedreg",
      "sku": { "name": "Premium" },
      "properties": { "publicNetworkAccess": "[parameters('access')]", "policies": { "exportPolicy": { "status": "[parameters('status')]" } } }
    }
  ]
}
`;

/** A deployment of the linked template, with the parameter values it passes. */
const linking = (parameters: string) => `    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "acr",
      "properties": {
        "mode": "Incremental",
        "templateLink": { "relativePath": "nested/acr.json" }${parameters ? `,\n        "parameters": ${parameters}` : ''}
      }
    }`;

const PASSING = `      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }`;

runRuleTests('Azure.ACR.ExportPolicy (ARM)', {
  valid: [
    { name: 'Premium registry with export and public access disabled', code: template(registry(PASSING)) },
    {
      name: 'values computed with lambdas, as compiled Bicep writes them (map, filter, lambdaVariables)',
      code: template(
        registry(`      "properties": { "publicNetworkAccess": "[first(filter(variables('modes'), lambda('m', startsWith(lambdaVariables('m'), 'Dis'))))]", "policies": { "exportPolicy": { "status": "[toLower(first(map(variables('modes'), lambda('m', 'i', lambdaVariables('m')))))]" } } }`),
        `\n  "variables": { "modes": [ "Disabled", "Enabled" ] },`,
      ),
    },
    {
      name: 'values compare case-insensitively',
      code: template(registry(`      "properties": { "publicNetworkAccess": "DISABLED", "policies": { "exportPolicy": { "status": "DISABLED" } } }`)),
    },
    {
      name: 'an API version from a variable that is new enough',
      code: template(registry(PASSING, { apiVersion: "[variables('acrApi')]" }), `\n  "variables": { "acrApi": "2023-07-01" },`),
    },
    {
      name: 'JSON without a deployment template schema is ignored',
      code: `{ "resources": [ { "type": "Microsoft.ContainerRegistry/registries", "name": "x", "properties": {} } ] }\n`,
    },
    {
      name: 'a storage account with public network access is not a registry',
      code: template(`    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "contosostorage",
      "properties": { "publicNetworkAccess": "Enabled" }
    }`),
    },
    {
      name: 'a registry whose condition is false is not deployed',
      code: template(registry(`      "condition": false,\n      "properties": {}`)),
    },
    {
      name: 'an existing registry in a languageVersion 2.0 template is only a reference',
      code: `{
  "$schema": "${SCHEMA}",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "registry": {
      "existing": true,
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "shared"
    }
  }
}
`,
    },
    {
      name: 'replications declared outside the registry are not registries',
      code: template(`${registry(PASSING)},
    {
      "type": "Microsoft.ContainerRegistry/registries/replications",
      "apiVersion": "2023-07-01",
      "name": "contoso/northeurope",
      "location": "northeurope",
      "properties": {}
    }`),
    },
    {
      name: 'a template linked with templateLink.relativePath, given passing values',
      files: { 'nested/acr.json': LINKED },
      code: template(linking('{ "status": { "value": "disabled" } }')),
    },
  ],
  invalid: [
    {
      name: 'Standard SKU from a parameter default only registries read: the SKU action at the deciding places changes that default too',
      code: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "skuName": {
      "type": "string",
      "defaultValue": "Standard"
    },
    "access": {
      "type": "string",
      "defaultValue": "Enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "[parameters('skuName')]"
      },
      "properties": {
        "publicNetworkAccess": "[parameters('access')]"
      }
    }
  ]
}
`,
      errors: [{ line: 24, column: 32, message: /sku\.name is 'Standard'/ }],
      fix: `${FIX_WITH_SKU_TITLE} (at the default value of parameter 'access', at the default value of parameter 'skuName')`,
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "skuName": {
      "type": "string",
      "defaultValue": "Premium"
    },
    "access": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "[parameters('skuName')]"
      },
      "properties": {
        "publicNetworkAccess": "[parameters('access')]",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'a linked template: a failing value the deployment passes is reported and fixed where it is passed',
      files: { 'nested/acr.json': LINKED },
      code: template(linking('{ "access": { "value": "Enabled" }, "status": { "value": "disabled" } }')),
      errors: [{ line: 12, column: 46, message: /^Container registry 'linkedreg' can export artifacts: properties\.publicNetworkAccess is 'Enabled' / }],
      output: template(linking('{ "access": { "value": "Disabled" }, "status": { "value": "disabled" } }')),
    },
    {
      name: "a linked template failing on its own default is reported at the link, and fixed by passing the value (its own analysis fixes the default)",
      files: { 'nested/acr.json': LINKED },
      code: template(linking('')),
      errors: [{ line: 11, column: 43, message: "Container registry 'linkedreg' can export artifacts: properties.policies.exportPolicy.status is 'enabled' from the default value of parameter 'status' (must be 'disabled'). The registry is declared in acr.json." }],
      output: template(linking('{\n          "status": {\n            "value": "disabled"\n          }\n        }')),
      otherOutputs: { 'nested/acr.json': LINKED },
    },
    {
      name: 'no properties at all',
      code: template(registry('')),
      errors: [{ line: 6, column: 15, endLine: 6, endColumn: 55, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled') and properties.publicNetworkAccess is missing (must be 'Disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'empty properties',
      code: template(registry(`      "properties": {}`)),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'empty policies',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled",\n        "policies": {}\n      }`)),
      errors: [{ line: 6, column: 15, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'other policies present',
      code: template(registry(`      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "quarantinePolicy": {
            "status": "enabled"
          },
          "retentionPolicy": {
            "days": 30,
            "status": "enabled"
          }
        }
      }`)),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "quarantinePolicy": {
            "status": "enabled"
          },
          "retentionPolicy": {
            "days": 30,
            "status": "enabled"
          },
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'export enabled while public access is disabled',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled",\n        "policies": { "exportPolicy": { "status": "enabled" } }\n      }`)),
      errors: [{ line: 15, column: 51, endLine: 15, endColumn: 60, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": { "status": "disabled" } }
      }
    }
  ]
}
`,
    },
    {
      name: 'export disabled but public access enabled',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled",\n        "policies": { "exportPolicy": { "status": "disabled" } }\n      }`)),
      errors: [{ line: 14, column: 32, endLine: 14, endColumn: 41, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": { "status": "disabled" } }
      }
    }
  ]
}
`,
    },
    {
      name: 'both properties wrong',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled",\n        "policies": { "exportPolicy": { "status": "enabled" } }\n      }`)),
      errors: [{ line: 15, column: 51, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": { "status": "disabled" } }
      }
    }
  ]
}
`,
    },
    {
      name: 'public network access explicitly null',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": null,\n        "policies": { "exportPolicy": { "status": "disabled" } }\n      }`)),
      errors: [{ line: 14, column: 32, endLine: 14, endColumn: 36, message: /publicNetworkAccess is null \(must be 'Disabled'\)/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": { "status": "disabled" } }
      }
    }
  ]
}
`,
    },
    {
      name: 'export policy object without a status',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled",\n        "policies": { "exportPolicy": {} }\n      }`)),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": {
          "status": "disabled"
        } }
      }
    }
  ]
}
`,
    },
    {
      name: 'policies written as null',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled",\n        "policies": null\n      }`)),
      errors: [{ line: 15, column: 21, endLine: 15, endColumn: 25 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'wrong casing of an enabled value still fails',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "ENABLED",\n        "policies": { "exportPolicy": { "status": "Disabled" } }\n      }`)),
      errors: [{ line: 14, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": { "exportPolicy": { "status": "Disabled" } }
      }
    }
  ]
}
`,
    },
    {
      // Basic cannot disable public network access: the plain fix would not deploy, the other changes the SKU.
      name: 'Basic SKU: fix-all and --fix leave the registry alone; choosing a fix is the user\'s',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`, { sku: 'Basic' })),
      errors: [{ line: 14, column: 32, message: /sku\.name is 'Basic'\.$/ }],
      output: null,
    },
    {
      name: 'Basic SKU: the message names the Premium requirement and the plain fix is offered, not preferred',
      code: template(registry('', { sku: 'Basic' })),
      errors: [{ line: 6, column: 15, message: /Export policies need the Premium SKU; sku\.name is 'Basic'\.$/ }],
      fix: FIX_TITLE,
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Basic"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'Standard SKU: the separate action also sets the SKU to Premium',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`, { sku: 'Standard' })),
      errors: [{ line: 14, column: 32, message: /sku\.name is 'Standard'/ }],
      fix: FIX_WITH_SKU_TITLE,
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'API version 2019-12-01-preview is raised to 2025-11-01',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled"\n      }`, { apiVersion: '2019-12-01-preview' })),
      errors: [{ line: 6, column: 15, message: /API version 2019-12-01-preview predates export policies/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'an API version from a variable is evaluated: an old one is named and replaced in the resource',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Disabled"\n      }`, { apiVersion: "[variables('acrApi')]" }), `\n  "variables": { "acrApi": "2019-12-01-preview" },`),
      errors: [{ line: 7, column: 15, message: /API version 2019-12-01-preview predates export policies/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": { "acrApi": "2019-12-01-preview" },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'an API version from a parameter default is evaluated too',
      code: template(registry('', { apiVersion: "[parameters('acrApiVersion')]" }), `\n  "parameters": { "acrApiVersion": { "type": "string", "defaultValue": "2019-05-01" } },`),
      errors: [{ line: 7, column: 15, message: /is missing \(must be 'Disabled'\)\. API version 2019-05-01 predates export policies/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "acrApiVersion": { "type": "string", "defaultValue": "2019-05-01" } },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'API version 2017-10-01 is raised too',
      code: template(registry('', { apiVersion: '2017-10-01' })),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2025-11-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'API version 2021-06-01-preview already knows both properties',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`, { apiVersion: '2021-06-01-preview' })),
      errors: [{ line: 14, column: 32, message: /^(?!.*API version)/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2021-06-01-preview",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'two registries beside a storage account',
      code: template(`${registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`, { name: 'first' })},
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "contosostorage",
      "properties": { "publicNetworkAccess": "Enabled" }
    },
${registry('', { name: 'second' })}`),
      errors: [
        { line: 14, column: 32, message: /^Container registry 'first'/ },
        { line: 24, column: 15, message: /^Container registry 'second'/ },
      ],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "first",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "contosostorage",
      "properties": { "publicNetworkAccess": "Enabled" }
    },
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "second",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'symbolic names: the deployed registry is flagged, the existing one is not',
      code: `{
  "$schema": "${SCHEMA}",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "shared": {
      "existing": true,
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "shared"
    },
    "registry": {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "symbolic",
      "location": "westeurope",
      "sku": { "name": "Premium" },
      "properties": { "publicNetworkAccess": "Enabled" }
    }
  }
}
`,
      errors: [{ line: 18, column: 46, message: /^Container registry 'symbolic'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "shared": {
      "existing": true,
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "shared"
    },
    "registry": {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "symbolic",
      "location": "westeurope",
      "sku": { "name": "Premium" },
      "properties": { "publicNetworkAccess": "Disabled", "policies": { "exportPolicy": { "status": "disabled" } } }
    }
  }
}
`,
    },
    {
      name: 'a replication nested inside the registry is a child, not a registry',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      },
      "resources": [
        {
          "type": "replications",
          "apiVersion": "2023-07-01",
          "name": "northeurope",
          "location": "northeurope",
          "dependsOn": [ "contoso" ],
          "properties": {}
        }
      ]`)),
      errors: [{ line: 14, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      },
      "resources": [
        {
          "type": "replications",
          "apiVersion": "2023-07-01",
          "name": "northeurope",
          "location": "northeurope",
          "dependsOn": [ "contoso" ],
          "properties": {}
        }
      ]
    }
  ]
}
`,
    },
    {
      name: 'a registry inside an inner-scope nested deployment',
      code: template(`    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "registry-module",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "template": {
          "$schema": "${SCHEMA}",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.ContainerRegistry/registries",
              "apiVersion": "2023-07-01",
              "name": "nested",
              "location": "westeurope",
              "sku": { "name": "Premium" },
              "properties": {
                "publicNetworkAccess": "Enabled"
              }
            }
          ]
        }
      }
    }`),
      errors: [{ line: 23, column: 40, message: /^Container registry 'nested'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "registry-module",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.ContainerRegistry/registries",
              "apiVersion": "2023-07-01",
              "name": "nested",
              "location": "westeurope",
              "sku": { "name": "Premium" },
              "properties": {
                "publicNetworkAccess": "Disabled",
                "policies": {
                  "exportPolicy": {
                    "status": "disabled"
                  }
                }
              }
            }
          ]
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'comments and trailing commas are kept',
      code: `{
  // A registry for the build agents.
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "commented", /* inline */
      "sku": { "name": "Premium", },
      "properties": {
        "adminUserEnabled": false, // no admin user
      },
    },
  ],
}
`,
      errors: [{ line: 7, column: 15 }],
      output: `{
  // A registry for the build agents.
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "commented", /* inline */
      "sku": { "name": "Premium", },
      "properties": {
        "adminUserEnabled": false, // no admin user
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled",
      },
    },
  ],
}
`,
    },
    {
      name: 'a trailing comment on the last member stays on its line',
      code: template(registry(`      "properties": {\n        "adminUserEnabled": false // keep me\n      }`)),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "adminUserEnabled": false, // keep me
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'CRLF line endings stay CRLF',
      code: template(registry(`      "properties": {\n        "adminUserEnabled": false\n      }`)).replace(/\n/g, '\r\n'),
      errors: [{ line: 6, column: 15 }],
      output: `{\r
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\r
  "contentVersion": "1.0.0.0",\r
  "resources": [\r
    {\r
      "type": "Microsoft.ContainerRegistry/registries",\r
      "apiVersion": "2023-07-01",\r
      "name": "contoso",\r
      "location": "westeurope",\r
      "sku": {\r
        "name": "Premium"\r
      },\r
      "properties": {\r
        "adminUserEnabled": false,\r
        "policies": {\r
          "exportPolicy": {\r
            "status": "disabled"\r
          }\r
        },\r
        "publicNetworkAccess": "Disabled"\r
      }\r
    }\r
  ]\r
}\r
`,
    },
    {
      name: 'tab indentation stays tabs',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`)).replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2)),
      errors: [{ line: 14, column: 28 }],
      output: `{
\t"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
\t"contentVersion": "1.0.0.0",
\t"resources": [
\t\t{
\t\t\t"type": "Microsoft.ContainerRegistry/registries",
\t\t\t"apiVersion": "2023-07-01",
\t\t\t"name": "contoso",
\t\t\t"location": "westeurope",
\t\t\t"sku": {
\t\t\t\t"name": "Premium"
\t\t\t},
\t\t\t"properties": {
\t\t\t\t"publicNetworkAccess": "Disabled",
\t\t\t\t"policies": {
\t\t\t\t\t"exportPolicy": {
\t\t\t\t\t\t"status": "disabled"
\t\t\t\t\t}
\t\t\t\t}
\t\t\t}
\t\t}
\t]
}
`,
    },
    {
      name: 'four-space indentation is kept',
      code: template(registry(`      "properties": {\n        "adminUserEnabled": false\n      }`)).replace(/^( +)/gm, (spaces) => spaces + spaces),
      errors: [{ line: 6, column: 21 }],
      output: `{
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [
        {
            "type": "Microsoft.ContainerRegistry/registries",
            "apiVersion": "2023-07-01",
            "name": "contoso",
            "location": "westeurope",
            "sku": {
                "name": "Premium"
            },
            "properties": {
                "adminUserEnabled": false,
                "policies": {
                    "exportPolicy": {
                        "status": "disabled"
                    }
                },
                "publicNetworkAccess": "Disabled"
            }
        }
    ]
}
`,
    },
    {
      name: 'a minified one-line template stays on one line',
      code: `{"$schema":"${SCHEMA}","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.ContainerRegistry/registries","apiVersion":"2023-07-01","name":"minified","sku":{"name":"Premium"},"properties":{"publicNetworkAccess":"Enabled"}}]}`,
      errors: [{ line: 1, column: 288 }],
      output: `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.ContainerRegistry/registries","apiVersion":"2023-07-01","name":"minified","sku":{"name":"Premium"},"properties":{"publicNetworkAccess":"Disabled","policies":{"exportPolicy":{"status":"disabled"}}}}]}`,
    },
    {
      name: 'a one-line properties object in a multi-line file stays one line',
      code: template(registry(`      "properties": { "adminUserEnabled": false, "publicNetworkAccess": "Enabled" }`)),
      errors: [{ line: 13, column: 73 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": { "adminUserEnabled": false, "publicNetworkAccess": "Disabled", "policies": { "exportPolicy": { "status": "disabled" } } }
    }
  ]
}
`,
    },
    {
      // The error-recovering parser's nodes: one expression node, evaluated once per copy index (its parse is kept on
      // the node, its value is not).
      name: 'a syntax error elsewhere: expressions are still evaluated, once per copy index',
      code: template(`${registry(`      "copy": { "name": "registries", "count": 2 },\n      "properties": {\n        "publicNetworkAccess": "[variables('modes')[copyIndex()]]",\n        "policies": { "exportPolicy": { "status": "disabled" } }\n      }`)},
    {
      "type": "Microsoft.Storage/storageAccounts"
      "name": "broken"
    }`, `\n  "variables": { "modes": [ "Disabled", "Enabled" ] },`),
      errors: [{ line: 16, column: 32, message: /copyIndex\('registries'\) = 1/ }],
      output: `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "variables": { "modes": [ "Disabled", "Disabled" ] },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "copy": { "name": "registries", "count": 2 },
      "properties": {
        "publicNetworkAccess": "[variables('modes')[copyIndex()]]",
        "policies": { "exportPolicy": { "status": "disabled" } }
      }
    },
    {
      "type": "Microsoft.Storage/storageAccounts"
      "name": "broken"
    }
  ]
}
`,
    },
    {
      name: 'a syntax error elsewhere does not hide the registry',
      code: template(`${registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`)},
    {
      "type": "Microsoft.Storage/storageAccounts"
      "name": "broken"
    }`),
      errors: [{ line: 14, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    },
    {
      "type": "Microsoft.Storage/storageAccounts"
      "name": "broken"
    }
  ]
}
`,
    },
    {
      name: 'a raw multi-line string, which ARM accepts, does not stop the analysis',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`), '\n  "metadata": { "description": "first line\nsecond line" },'),
      errors: [{ line: 16, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "metadata": { "description": "first line
second line" },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'subscription-scope schema over http with odd casing',
      code: template(registry('')).replace(SCHEMA, 'http://SCHEMA.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#'),
      errors: [{ line: 6, column: 15 }],
      output: `{
  "$schema": "http://SCHEMA.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        },
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
`,
    },
    {
      name: 'management group and tenant schemas are templates too',
      code: template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`)).replace(SCHEMA, 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#'),
      errors: [{ line: 14, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'a copy loop is one finding for the declaration',
      code: template(registry(`      "copy": { "name": "registries", "count": 3 },\n      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`)),
      errors: [{ line: 15, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "copy": { "name": "registries", "count": 3 },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'a true condition is analysed',
      code: template(registry(`      "condition": true,\n      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`)),
      errors: [{ line: 15, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "condition": true,
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  ]
}
`,
    },
  ],
});
