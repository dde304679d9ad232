/** Hover text for Azure.ACR.ExportPolicy findings, written from the rule facts. */
import type { ResourceModel } from '../model/resource';

export const AZURE_POLICY_URL =
  'https://github.com/Azure/azure-policy/blob/master/built-in-policies/policyDefinitions/Container%20Registry/ACR_ExportPolicy_AuditDeny.json';
export const DATA_LOSS_PREVENTION_URL = 'https://learn.microsoft.com/azure/container-registry/data-loss-prevention';
const DOCS_URL = 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.ExportPolicy/';

export interface HoverFacts {
  message: string;
  notPremium: boolean;
  skuName: string | undefined;
  oldApiVersion: string | undefined;
}

export function exportPolicyHover(resource: ResourceModel, facts: HoverFacts): string {
  const name = resource.knownName ?? '<name>';
  const lines = [
    '### Container Registry export policy should be disabled',
    '',
    `\`Azure.ACR.ExportPolicy\` (AZR-000495) · Security · [rule documentation](${DOCS_URL})`,
    '',
    facts.message,
    '',
    'While exports are enabled, anyone with the right role can copy images and artifacts out of the registry with',
    '`az acr import` or `az acr transfer`. Disabling export on a registry that is reachable only through private',
    'endpoints closes that exfiltration path; pulls and pushes inside the virtual network keep working.',
    '',
    '**Set both:**',
    "- `properties.policies.exportPolicy.status` to `'disabled'`",
    "- `properties.publicNetworkAccess` to `'Disabled'`",
    '',
    'Azure rejects disabling exports while public network access is enabled, so the quick fix sets both.',
    '',
    `**Premium only:** export policies exist on the Premium SKU.${facts.notPremium ? ` This registry's SKU is '${facts.skuName}': Azure will reject the export policy until the SKU is Premium.` : ''}`,
    '',
    `**API version:** both properties exist from \`2021-06-01-preview\` on (newest stable: \`2025-11-01\`).${facts.oldApiVersion ? ` This declaration uses \`${facts.oldApiVersion}\`; the quick fix raises it.` : ''}`,
    '',
    '**Already deployed?** Remediate with the Azure CLI:',
    '',
    '```bash',
    `az resource update -n '${name}' -g '<resource_group>' --resource-type 'Microsoft.ContainerRegistry/registries' --api-version '2025-11-01' --set 'properties.policies.exportPolicy.status=disabled' --set 'properties.publicNetworkAccess=disabled'`,
    '```',
    '',
    `Azure Policy enforces the same rule at deployment: [Container registries should have exports disabled](${AZURE_POLICY_URL}) (524b0254-c285-4903-bee6-bb8126cde579).`,
    `Read more: [Data loss prevention for Azure Container Registry](${DATA_LOSS_PREVENTION_URL}).`,
    '',
    'To accept the risk for one registry, put `// acr-guard-disable-next-line Azure.ACR.ExportPolicy` on the line above it (or `#disable-next-line Azure.ACR.ExportPolicy` in Bicep). ARM deployments with the Azure CLI and PowerShell accept such JSONC comments.',
  ];
  return lines.join('\n');
}
