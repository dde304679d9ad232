/** Text builders for ARM rule cases: a template with two-space indentation around the given resources. */
export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export function template(resources: string, extra = ''): string {
  return `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",${extra}
  "resources": [
${resources}
  ]
}
`;
}

/** A registry resource (4-space indented, as an element of `resources`) with the given members after `location`. */
export function registry(members: string, options: { name?: string; apiVersion?: string; sku?: string } = {}): string {
  return `    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "${options.apiVersion ?? '2023-07-01'}",
      "name": "${options.name ?? 'contoso'}",
      "location": "westeurope",
      "sku": {
        "name": "${options.sku ?? 'Premium'}"
      }${members ? `,\n${members}` : ''}
    }`;
}
