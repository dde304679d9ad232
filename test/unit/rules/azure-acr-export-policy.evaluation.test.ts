/**
 * Azure.ACR.ExportPolicy on ARM templates that decide their values indirectly: parameters, variables, expressions,
 * conditions, copy loops, nested deployments, languageVersion 2.0 and parameter files. Each fix is checked as text.
 */
import { runRuleTests } from '../ruleTester';
import { SCHEMA } from './armCases';
import { FIX_TITLE } from '../../../server/src/core/rules/azure-acr-export-policy';

const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/** A template (JSON.stringify, two-space indentation) with these sections. */
const arm = (sections: Record<string, unknown>) => `${JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...sections }, null, 2)}\n`;

/** A registry resource with the given properties (and extra members). */
const registry = (properties: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.ContainerRegistry/registries',
  apiVersion: '2023-07-01',
  name: 'contoso',
  location: 'westeurope',
  sku: { name: 'Premium' },
  ...extra,
  properties,
});

const EXPORT_DISABLED = { exportPolicy: { status: 'disabled' } };
const stringParameter = (defaultValue?: unknown, more: Record<string, unknown> = {}) => ({ type: 'string', ...(defaultValue === undefined ? {} : { defaultValue }), ...more });
const parameterFile = (values: Record<string, unknown>, metadata?: Record<string, unknown>) =>
  `${JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', ...(metadata ? { metadata } : {}), parameters: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) }, null, 2)}\n`;

const deployment = (scope: 'inner' | 'outer', template: Record<string, unknown>, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: 'nested',
  ...extra,
  properties: {
    mode: 'Incremental',
    expressionEvaluationOptions: { scope },
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])),
    template: { $schema: SCHEMA, contentVersion: '1.0.0.0', ...template },
  },
});

const TEMPLATE_WITH_PARAMETER = arm({
  parameters: { publicNetworkAccess: stringParameter('Disabled') },
  resources: [registry({ publicNetworkAccess: "[parameters('publicNetworkAccess')]", policies: EXPORT_DISABLED })],
});

/** An inner-scope deployment that passes `access` from Key Vault to a registry whose publicNetworkAccess is `access`. */
function keyVaultNested(publicNetworkAccess: string): string {
  const nested = deployment('inner', { parameters: { access: stringParameter('Disabled') }, resources: [registry({ publicNetworkAccess, policies: EXPORT_DISABLED })] });
  nested.properties.parameters = { access: { reference: { keyVault: { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v' }, secretName: 'access' } } } as never;
  return arm({ resources: [nested] });
}

runRuleTests('Azure.ACR.ExportPolicy (ARM evaluation)', {
  valid: [
    { name: 'both values from parameter defaults', code: arm({ parameters: { access: stringParameter('Disabled'), status: stringParameter('disabled') }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: "[parameters('status')]" } } })] }) },
    { name: 'computed values that evaluate right', code: arm({ resources: [registry({ publicNetworkAccess: "[concat('Dis', 'abled')]", policies: { exportPolicy: { status: "[toLower('DISABLED')]" } } })] }) },
    { name: 'every allowed value passes', code: arm({ parameters: { access: stringParameter(undefined, { allowedValues: ['Disabled'] }) }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }) },
    { name: 'coalesce over a null parameter', code: arm({ parameters: { access: stringParameter(undefined, { nullable: true }) }, resources: [registry({ publicNetworkAccess: "[coalesce(parameters('access'), 'Disabled')]", policies: EXPORT_DISABLED })] }) },
    { name: 'json() builds the export policy', code: arm({ resources: [registry({ publicNetworkAccess: 'Disabled', policies: { exportPolicy: "[json('{\"status\": \"disabled\"}')]" } })] }) },
    { name: 'union of defaults and overrides', code: arm({ variables: { defaults: { publicNetworkAccess: 'Enabled', policies: { quarantinePolicy: { status: 'enabled' } } }, overrides: { publicNetworkAccess: 'Disabled', policies: EXPORT_DISABLED } }, resources: [registry("[union(variables('defaults'), variables('overrides'))]")] }) },
    { name: 'a condition false through a parameter', code: arm({ parameters: { deploy: { type: 'bool', defaultValue: false } }, resources: [registry({}, { condition: "[parameters('deploy')]" })] }) },
    { name: 'a condition false through an expression', code: arm({ parameters: { env: stringParameter('dev') }, resources: [registry({}, { condition: "[equals(parameters('env'), 'prod')]" })] }) },
    { name: 'a copy loop of zero', code: arm({ resources: [registry({}, { copy: { name: 'registries', count: 0 } })] }) },
    { name: 'inner deployment fed passing values by the parent', code: arm({ parameters: { access: stringParameter('Disabled') }, resources: [deployment('inner', { parameters: { access: stringParameter() }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }, { access: "[parameters('access')]" })] }) },
    { name: 'a nested deployment whose condition is false', code: arm({ resources: [deployment('inner', { resources: [registry({})] }, {}, { condition: false })] }) },
    { name: 'a user-defined function decides', code: arm({ functions: [{ namespace: 'net', members: { closed: { parameters: [], output: { type: 'string', value: 'Disabled' } } } }], resources: [registry({ publicNetworkAccess: '[net.closed()]', policies: EXPORT_DISABLED })] }) },
    { name: 'property access into an object parameter', code: arm({ parameters: { settings: { type: 'object', defaultValue: { network: { access: 'Disabled' } } } }, resources: [registry({ publicNetworkAccess: "[parameters('settings').network.access]", policies: EXPORT_DISABLED })] }) },
    { name: 'a template alone with a passing default', code: TEMPLATE_WITH_PARAMETER, file: 'main.json' },
    { name: 'a parameter file that keeps the passing value', code: parameterFile({ publicNetworkAccess: 'Disabled' }), file: 'main.parameters.json', files: { 'main.json': TEMPLATE_WITH_PARAMETER } },
    { name: 'a parameter file whose flag keeps the template compliant', code: parameterFile({ isPrivate: true }), file: 'main.parameters.json', files: { 'main.json': arm({ parameters: { isPrivate: { type: 'bool' } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }) } },
    { name: 'a parameter file whose template link leaves the workspace reports no finding', code: parameterFile({ publicNetworkAccess: 'Enabled' }, { template: 'https://example.com/x.json' }), file: 'other.parameters.json' },
  ],
  invalid: [
    {
      name: 'a parameter default used only by the registry: the preferred fix changes the default',
      code: arm({ parameters: { publicNetworkAccess: stringParameter('Enabled') }, resources: [registry({ publicNetworkAccess: "[parameters('publicNetworkAccess')]" })] }),
      errors: [{ line: 20, column: 32, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' from the default value of parameter 'publicNetworkAccess' (must be 'Disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "publicNetworkAccess": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
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
        "publicNetworkAccess": "[parameters('publicNetworkAccess')]",
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
      name: 'a parameter default shared with a storage account: the preferred fix edits the registry only',
      code: arm({ parameters: { access: stringParameter('Enabled') }, resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'st', properties: { publicNetworkAccess: "[parameters('access')]" } }, registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 28, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": {
      "type": "string",
      "defaultValue": "Enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "st",
      "properties": {
        "publicNetworkAccess": "[parameters('access')]"
      }
    },
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
      name: 'the fix at the parameter default is offered as an alternative',
      code: arm({ parameters: { access: stringParameter('Enabled') }, resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'st2', properties: { publicNetworkAccess: "[parameters('access')]" } }, registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 28, column: 32 }],
      fix: "Disable export and public network access (at the default value of parameter 'access')",
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "st2",
      "properties": {
        "publicNetworkAccess": "[parameters('access')]"
      }
    },
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
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
      name: 'a required parameter with no value cannot be verified',
      code: arm({ parameters: { access: stringParameter() }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 19, column: 32, unresolved: true, message: "Container registry 'contoso' cannot be verified: properties.publicNetworkAccess cannot be verified (parameter 'access' has no value)." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": {
      "type": "string"
    }
  },
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
      name: 'allowed values: the failing one is named',
      code: arm({ parameters: { access: stringParameter(undefined, { allowedValues: ['Enabled', 'Disabled'] }) }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 23, column: 32, message: /is 'Enabled' from parameter 'access'.* Only when parameter 'access' = 'Enabled'\.$/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": {
      "type": "string",
      "allowedValues": [
        "Enabled",
        "Disabled"
      ]
    }
  },
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
      name: 'the SKU from a parameter default',
      code: arm({ parameters: { sku: stringParameter('Basic') }, resources: [{ ...registry({ publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED }), sku: { name: "[parameters('sku')]" } }] }),
      errors: [{ line: 20, column: 32, message: /Export policies need the Premium SKU; sku\.name is 'Basic'\./ }],
      fix: FIX_TITLE,
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "sku": {
      "type": "string",
      "defaultValue": "Basic"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "[parameters('sku')]"
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
      name: 'properties from a variable: fixed in the variable',
      code: arm({ variables: { props: { publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED } }, resources: [registry("[variables('props')]")] }),
      errors: [{ line: 23, column: 21, message: /publicNetworkAccess is 'Enabled' from variable 'props'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "props": {
      "publicNetworkAccess": "Disabled",
      "policies": {
        "exportPolicy": {
          "status": "disabled"
        }
      }
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[variables('props')]"
    }
  ]
}
`,
    },
    {
      name: 'properties from a variable without the export policy: it is added to the variable, with the public access',
      code: arm({ variables: { props: { publicNetworkAccess: 'Enabled', adminUserEnabled: false } }, resources: [registry("[variables('props')]")] }),
      errors: [{ line: 19, column: 21, message: /exportPolicy\.status is missing .* and properties\.publicNetworkAccess is 'Enabled' from variable 'props'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "props": {
      "publicNetworkAccess": "Disabled",
      "adminUserEnabled": false,
      "policies": {
        "exportPolicy": {
          "status": "disabled"
        }
      }
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[variables('props')]"
    }
  ]
}
`,
    },
    {
      name: "a variable's object that an output reads too is left alone: union in the declaration",
      code: arm({ variables: { props: { publicNetworkAccess: 'Disabled' } }, resources: [registry("[variables('props')]")], outputs: { props: { type: 'object', value: "[variables('props')]" } } }),
      errors: [{ line: 18, column: 21 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "props": {
      "publicNetworkAccess": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[union(variables('props'), createObject('policies', createObject('exportPolicy', createObject('status', 'disabled'))))]"
    }
  ],
  "outputs": {
    "props": {
      "type": "object",
      "value": "[variables('props')]"
    }
  }
}
`,
    },
    {
      name: 'properties from an object parameter without a value: cannot be verified, and the fix (union) clears it',
      code: arm({ parameters: { props: { type: 'object' } }, resources: [registry("[parameters('props')]")] }),
      errors: [{ line: 18, column: 21, unresolved: true, message: /cannot be verified \(parameter 'props' has no value\)/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "props": {
      "type": "object"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[union(coalesce(parameters('props'), createObject()), createObject('policies', createObject('exportPolicy', createObject('status', 'disabled')), 'publicNetworkAccess', 'Disabled'))]"
    }
  ]
}
`,
    },
    {
      name: 'properties from union() ending in createObject(): the missing members go into that createObject',
      code: arm({ variables: { props: { adminUserEnabled: false } }, resources: [registry("[union(variables('props'), createObject('publicNetworkAccess', 'Disabled'))]")] }),
      errors: [{ line: 18, column: 21, message: /exportPolicy\.status is missing/ }],
      output: arm({ variables: { props: { adminUserEnabled: false } }, resources: [registry("[union(variables('props'), createObject('publicNetworkAccess', 'Disabled', 'policies', createObject('exportPolicy', createObject('status', 'disabled'))))]")] }),
    },
    {
      name: 'a variable that references a variable',
      code: arm({ variables: { access: 'Enabled', props: { publicNetworkAccess: "[variables('access')]", policies: EXPORT_DISABLED } }, resources: [registry("[variables('props')]")] }),
      errors: [{ line: 24, column: 21, message: /from variable 'access'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "access": "Enabled",
    "props": {
      "publicNetworkAccess": "[variables('access')]",
      "policies": {
        "exportPolicy": {
          "status": "disabled"
        }
      }
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[union(variables('props'), createObject('publicNetworkAccess', 'Disabled'))]"
    }
  ]
}
`,
    },
    {
      name: "policies from a parameter whose default is {}: the literal fix keeps the parameter's policies",
      code: arm({ parameters: { policies: { type: 'object', defaultValue: {} } }, resources: [registry({ publicNetworkAccess: 'Disabled', policies: "[parameters('policies')]" })] }),
      errors: [{ line: 21, column: 21, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is missing from the default value of parameter 'policies' (must be 'disabled')." }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "policies": {
      "type": "object",
      "defaultValue": {}
    }
  },
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
        "policies": "[union(parameters('policies'), createObject('exportPolicy', createObject('status', 'disabled')))]"
      }
    }
  ]
}
`,
    },
    {
      name: 'the AVM pattern: export status from a parameter default inside if/createObject',
      code: arm({ parameters: { acrSku: stringParameter('Premium'), exportPolicyStatus: stringParameter('enabled') }, resources: [registry({ publicNetworkAccess: 'Disabled', policies: { exportPolicy: "[if(equals(parameters('acrSku'), 'Premium'), createObject('status', parameters('exportPolicyStatus')), null())]" } })] }),
      errors: [{ line: 26, column: 27, message: /exportPolicy\.status is 'enabled' from the default value of parameter 'exportPolicyStatus'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "acrSku": {
      "type": "string",
      "defaultValue": "Premium"
    },
    "exportPolicyStatus": {
      "type": "string",
      "defaultValue": "disabled"
    }
  },
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
          "exportPolicy": "[if(equals(parameters('acrSku'), 'Premium'), createObject('status', parameters('exportPolicyStatus')), null())]"
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'the AVM pattern on Standard: no export policy at all',
      code: arm({ parameters: { acrSku: stringParameter('Standard') }, resources: [{ ...registry({ publicNetworkAccess: 'Disabled', policies: { exportPolicy: "[if(equals(parameters('acrSku'), 'Premium'), createObject('status', 'disabled'), null())]" } }), sku: { name: "[parameters('acrSku')]" } }] }),
      errors: [{ line: 22, column: 27, message: /exportPolicy\.status is missing .* sku\.name is 'Standard'/ }],
      fix: FIX_TITLE,
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "acrSku": {
      "type": "string",
      "defaultValue": "Standard"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "[parameters('acrSku')]"
      },
      "properties": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": "[union(coalesce(if(equals(parameters('acrSku'), 'Premium'), createObject('status', 'disabled'), null()), createObject()), createObject('status', 'disabled'))]"
        }
      }
    }
  ]
}
`,
    },
    {
      name: 'an expression choosing the wrong literal is replaced',
      code: arm({ parameters: { env: stringParameter('dev') }, resources: [registry({ publicNetworkAccess: "[if(equals(parameters('env'), 'prod'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 20, column: 32, message: /publicNetworkAccess is 'Enabled' \(must be 'Disabled'\)/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "env": {
      "type": "string",
      "defaultValue": "dev"
    }
  },
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
      name: 'the [[ escape is a literal string, not an expression',
      code: arm({ resources: [registry({ publicNetworkAccess: '[[Disabled]', policies: EXPORT_DISABLED })] }),
      errors: [{ line: 14, column: 32, message: /publicNetworkAccess is '\[Disabled\]'/ }],
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
      name: 'reference() cannot be known before deployment',
      code: arm({ resources: [registry({ publicNetworkAccess: "[reference('other').publicNetworkAccess]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 14, column: 32, unresolved: true, message: /cannot be verified \(reference\(\) is evaluated at deployment time\)/ }],
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
      name: 'union where the override keeps public access enabled',
      code: arm({ variables: { defaults: { publicNetworkAccess: 'Disabled' }, overrides: { publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED } }, resources: [registry("[union(variables('defaults'), variables('overrides'))]")] }),
      errors: [{ line: 26, column: 21, message: /publicNetworkAccess is 'Enabled' from variable 'overrides'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "defaults": {
      "publicNetworkAccess": "Disabled"
    },
    "overrides": {
      "publicNetworkAccess": "Disabled",
      "policies": {
        "exportPolicy": {
          "status": "disabled"
        }
      }
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "properties": "[union(variables('defaults'), variables('overrides'))]"
    }
  ]
}
`,
    },
    {
      name: 'an unknown condition is analysed',
      code: arm({ parameters: { deploy: { type: 'bool' } }, resources: [registry({ publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED }, { condition: "[parameters('deploy')]" })] }),
      errors: [{ line: 20, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "deploy": {
      "type": "bool"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "condition": "[parameters('deploy')]",
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
      name: 'a copy loop where only one iteration fails',
      code: arm({ resources: [registry({ publicNetworkAccess: "[if(equals(copyIndex(), 0), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: 2 } })] }),
      errors: [{ line: 18, column: 32, message: /Only when copyIndex\('registries'\) = 1\.$/ }],
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
      "copy": {
        "name": "registries",
        "count": 2
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
      name: 'a copy count from a parameter',
      code: arm({ parameters: { count: { type: 'int', defaultValue: 3 } }, resources: [registry({ publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: "[parameters('count')]" } })] }),
      errors: [{ line: 24, column: 32 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "count": {
      "type": "int",
      "defaultValue": 3
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "contoso",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "copy": {
        "name": "registries",
        "count": "[parameters('count')]"
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
      name: 'inner scope: a parent literal passed in decides, and is fixed there',
      code: arm({ resources: [deployment('inner', { parameters: { access: stringParameter() }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }, { access: 'Enabled' })] }),
      errors: [{ line: 37, column: 40, message: /publicNetworkAccess is 'Enabled' from parameter 'access' \(line 16\) \(must be 'Disabled'\)/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {
          "scope": "inner"
        },
        "parameters": {
          "access": {
            "value": "Disabled"
          }
        },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "access": {
              "type": "string"
            }
          },
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
      }
    }
  ]
}
`,
    },
    {
      name: "inner scope: the nested template's own default applies when nothing is passed",
      code: arm({ resources: [deployment('inner', { parameters: { access: stringParameter('Enabled') }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] })] }),
      errors: [{ line: 34, column: 40 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {
          "scope": "inner"
        },
        "parameters": {},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "access": {
              "type": "string",
              "defaultValue": "Disabled"
            }
          },
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
      }
    }
  ]
}
`,
    },
    {
      name: "outer scope: the nested template reads the parent's parameters",
      code: arm({ parameters: { access: stringParameter('Enabled') }, resources: [deployment('outer', { resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] })] }),
      errors: [{ line: 34, column: 40, message: /from the default value of parameter 'access'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "access": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {
          "scope": "outer"
        },
        "parameters": {},
        "template": {
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
      }
    }
  ]
}
`,
    },
    {
      name: 'two levels of inner deployments',
      code: arm({ resources: [deployment('inner', { parameters: { access: stringParameter() }, resources: [deployment('inner', { parameters: { access: stringParameter() }, resources: [registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED })] }, { access: "[parameters('access')]" })] }, { access: 'Enabled' })] }),
      errors: [{ line: 60, column: 48 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {
          "scope": "inner"
        },
        "parameters": {
          "access": {
            "value": "Enabled"
          }
        },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "access": {
              "type": "string"
            }
          },
          "resources": [
            {
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2022-09-01",
              "name": "nested",
              "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {
                  "scope": "inner"
                },
                "parameters": {
                  "access": {
                    "value": "[parameters('access')]"
                  }
                },
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {
                    "access": {
                      "type": "string"
                    }
                  },
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
      name: 'languageVersion 2.0 with definitions and a nullable parameter',
      code: arm({ languageVersion: '2.0', definitions: { accessType: { type: 'string', allowedValues: ['Enabled', 'Disabled'] } }, parameters: { access: { $ref: '#/definitions/accessType', nullable: true } }, resources: { registry: registry({ publicNetworkAccess: "[parameters('access')]", policies: EXPORT_DISABLED }) } }),
      errors: [{ line: 30, column: 32, message: /publicNetworkAccess is null/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "languageVersion": "2.0",
  "definitions": {
    "accessType": {
      "type": "string",
      "allowedValues": [
        "Enabled",
        "Disabled"
      ]
    }
  },
  "parameters": {
    "access": {
      "$ref": "#/definitions/accessType",
      "nullable": true
    }
  },
  "resources": {
    "registry": {
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
  }
}
`,
    },
    {
      name: 'property access into an object parameter that fails',
      code: arm({ parameters: { settings: { type: 'object', defaultValue: { network: { access: 'Enabled' } } } }, resources: [registry({ publicNetworkAccess: "[parameters('settings').network.access]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 24, column: 32, message: /from the default value of parameter 'settings'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "settings": {
      "type": "object",
      "defaultValue": {
        "network": {
          "access": "Disabled"
        }
      }
    }
  },
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
        "publicNetworkAccess": "[parameters('settings').network.access]",
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
      name: 'a parameter file value decides: reported and fixed in the parameter file',
      file: 'main.parameters.json',
      code: parameterFile({ publicNetworkAccess: 'Enabled' }),
      files: { 'main.json': TEMPLATE_WITH_PARAMETER },
      errors: [{ line: 6, column: 16, endLine: 6, endColumn: 25, message: /publicNetworkAccess is 'Enabled' from parameter 'publicNetworkAccess' in main\.parameters\.json/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "publicNetworkAccess": {
      "value": "Disabled"
    }
  }
}
`,
    },
    {
      name: "an object a parameter file passes: fixed there, the export policy added to the object it writes",
      file: 'main.parameters.json',
      code: parameterFile({ props: { publicNetworkAccess: 'Disabled' } }),
      files: { 'main.json': arm({ parameters: { props: { type: 'object' } }, resources: [registry("[parameters('props')]")] }) },
      errors: [{ line: 6, column: 16, message: /exportPolicy\.status is missing/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "props": {
      "value": {
        "publicNetworkAccess": "Disabled",
        "policies": {
          "exportPolicy": {
            "status": "disabled"
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'a flag default the template chooses the failing value by: setting it the other way is a choice',
      code: arm({ parameters: { isPrivate: { type: 'bool', defaultValue: false } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }),
      errors: [{ line: 20, column: 32, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled')." }],
      fix: "Set the default of parameter 'isPrivate' to true",
      output: arm({ parameters: { isPrivate: { type: 'bool', defaultValue: true } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }),
    },
    {
      name: 'a parameter file flag the template chooses the failing value by: reported on the flag, as PSRule fails that deployment',
      file: 'main.parameters.json',
      code: parameterFile({ isPrivate: false }),
      files: { 'main.json': arm({ parameters: { isPrivate: { type: 'bool' } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }) },
      errors: [{ line: 6, column: 16, endLine: 6, endColumn: 21, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). It follows from parameter 'isPrivate' as this file sets it." }],
      fix: "Set parameter 'isPrivate' to true",
      output: parameterFile({ isPrivate: true }),
    },
    {
      name: 'a .bicepparam file for an ARM template whose value comes from the file it extends: reported on extends, fixed there',
      file: 'dev.bicepparam',
      code: "using './main.json'\nextends 'base.bicepparam'\n",
      files: { 'main.json': TEMPLATE_WITH_PARAMETER, 'base.bicepparam': "using none\nparam publicNetworkAccess = 'Enabled'\n" },
      errors: [{ line: 2, column: 1, message: /publicNetworkAccess is 'Enabled' from parameter 'publicNetworkAccess' in base\.bicepparam/ }],
      output: "using './main.json'\nextends 'base.bicepparam'\n",
      otherOutputs: { 'base.bicepparam': "using none\nparam publicNetworkAccess = 'Disabled'\n" },
    },
    {
      name: 'a parameter file flag that overrides a passing default: reported on the flag, named as the file writes it',
      file: 'main.parameters.json',
      code: parameterFile({ IsPrivate: false }),
      files: { 'main.json': arm({ parameters: { isPrivate: { type: 'bool', defaultValue: true } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }) },
      errors: [{ line: 6, column: 16, message: "Container registry 'contoso' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). It follows from parameter 'IsPrivate' as this file sets it." }],
      output: null,
    },
    {
      name: 'a copy loop whose count a parameter without a value decides: a value chosen by copyIndex() waits for that parameter',
      code: arm({ parameters: { names: { type: 'array' } }, resources: [registry({ publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: "[if(equals(copyIndex(), 0), 'disabled', 'enabled')]" } } }, { copy: { name: 'registries', count: "[length(parameters('names'))]" } })] }),
      errors: [{ line: 26, column: 23, unresolved: true, message: "Container registry 'contoso' cannot be verified: properties.policies.exportPolicy.status cannot be verified (parameter 'names' has no value)." }],
      output: arm({ parameters: { names: { type: 'array' } }, resources: [registry({ publicNetworkAccess: 'Disabled', policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: "[length(parameters('names'))]" } })] }),
    },
    {
      name: "a parameter file sets a copy loop's count and a flag, each deciding a failure: reported on the first, naming both",
      file: 'main.parameters.json',
      code: parameterFile({ names: ['x', 'y'], isPrivate: false }),
      files: { 'main.json': arm({ parameters: { names: { type: 'array', defaultValue: ['a'] }, isPrivate: { type: 'bool', defaultValue: true } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: { exportPolicy: { status: "[if(equals(copyIndex(), 0), 'disabled', 'enabled')]" } } }, { copy: { name: 'registries', count: "[length(parameters('names'))]" }, condition: "[greater(copyIndex(), 0)]" })] }) },
      errors: [{ line: 6, column: 16, message: "Container registry 'contoso' can export artifacts: properties.policies.exportPolicy.status is 'enabled' (must be 'disabled') and properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). Its properties.policies.exportPolicy.status follows from parameter 'names' and its properties.publicNetworkAccess from parameter 'isPrivate', as this file sets them." }],
      output: null,
    },
    {
      name: 'a .bicepparam flag for an ARM template: reported on the flag',
      file: 'main.bicepparam',
      code: "using './main.json'\nparam isPrivate = false\n",
      files: { 'main.json': arm({ parameters: { isPrivate: { type: 'bool' } }, resources: [registry({ publicNetworkAccess: "[if(parameters('isPrivate'), 'Disabled', 'Enabled')]", policies: EXPORT_DISABLED })] }) },
      errors: [{ line: 2, column: 19, message: /It follows from parameter 'isPrivate' as this file sets it\./ }],
      output: null,
    },
    {
      // The inner template's default does not apply: the deployment passes a value, known only when it runs.
      name: 'inner scope: a Key Vault reference passed to the nested template is not verifiable',
      code: keyVaultNested("[parameters('access')]"),
      errors: [{ line: 43, column: 40, unresolved: true, message: /publicNetworkAccess cannot be verified \(parameter 'access' is a Key Vault reference, resolved at deployment time\)/ }],
      output: keyVaultNested('Disabled'),
    },
    {
      name: 'a Key Vault reference in the parameter file: reported there as not verifiable, not dropped',
      file: 'main.parameters.json',
      code: `${JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { publicNetworkAccess: { reference: { keyVault: { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v' }, secretName: 'access' } } } }, null, 2)}\n`,
      files: { 'main.json': TEMPLATE_WITH_PARAMETER },
      errors: [{ line: 6, column: 20, unresolved: true, message: /publicNetworkAccess cannot be verified \(parameter 'publicNetworkAccess' is a Key Vault reference, resolved at deployment time\)/ }],
      output: null,
    },
    {
      name: 'metadata.template links a parameter file relative to itself',
      file: 'dev.parameters.json',
      code: parameterFile({ publicNetworkAccess: 'Enabled' }, { template: './main.json' }),
      files: { 'main.json': TEMPLATE_WITH_PARAMETER },
      errors: [{ line: 9, column: 16 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "metadata": {
    "template": "./main.json"
  },
  "parameters": {
    "publicNetworkAccess": {
      "value": "Disabled"
    }
  }
}
`,
    },
    {
      name: 'a parameter file with a .jsonc template',
      file: 'app.parameters.json',
      code: parameterFile({ publicNetworkAccess: 'enabled' }),
      files: { 'app.jsonc': TEMPLATE_WITH_PARAMETER },
      errors: [{ line: 6, column: 16 }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "publicNetworkAccess": {
      "value": "Disabled"
    }
  }
}
`,
    },
    {
      name: 'one item of a copy loop fails: the finding names that registry and its iteration',
      code: arm({ parameters: { names: { type: 'array', defaultValue: ['a', 'b'] } }, resources: [{ ...registry({ publicNetworkAccess: "[if(equals(copyIndex(), 1), 'Enabled', 'Disabled')]", policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: "[length(parameters('names'))]" } }), name: "[parameters('names')[copyIndex()]]" }] }),
      errors: [{ line: 27, column: 32, message: "Container registry 'b' can export artifacts: properties.publicNetworkAccess is 'Enabled' (must be 'Disabled'). Only when copyIndex('registries') = 1." }],
      output: arm({ parameters: { names: { type: 'array', defaultValue: ['a', 'b'] } }, resources: [{ ...registry({ publicNetworkAccess: 'Disabled', policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: "[length(parameters('names'))]" } }), name: "[parameters('names')[copyIndex()]]" }] }),
    },
    {
      name: 'a registry from a loop over an array parameter',
      code: arm({ parameters: { names: { type: 'array', defaultValue: ['a', 'b'] } }, resources: [{ ...registry({ publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED }, { copy: { name: 'registries', count: "[length(parameters('names'))]" } }), name: "[parameters('names')[copyIndex()]]" }] }),
      // Both registries fail: they have different names, so the declaration is named as written.
      errors: [{ line: 27, column: 32, message: /^Container registry '\[parameters\('names'\)\[copyIndex\(\)\]\]' can export artifacts/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "names": {
      "type": "array",
      "defaultValue": [
        "a",
        "b"
      ]
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[parameters('names')[copyIndex()]]",
      "location": "westeurope",
      "sku": {
        "name": "Premium"
      },
      "copy": {
        "name": "registries",
        "count": "[length(parameters('names'))]"
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
      name: 'a name built by format() is shown evaluated',
      code: arm({ parameters: { prefix: stringParameter('contoso') }, resources: [{ ...registry({ publicNetworkAccess: 'Enabled', policies: EXPORT_DISABLED }), name: "[format('{0}acr', parameters('prefix'))]" }] }),
      errors: [{ line: 20, column: 32, message: /^Container registry 'contosoacr'/ }],
      output: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "prefix": {
      "type": "string",
      "defaultValue": "contoso"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[format('{0}acr', parameters('prefix'))]",
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
  ],
});
