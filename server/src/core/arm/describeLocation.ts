/** Names the template declaration that contains an offset: "variable 'x'", "the default value of parameter 'y'". */
import { nodeAtOffset, type JsonNode } from '../syntax/json';

export interface DeclarationLocation {
  kind: 'variable' | 'parameterDefault' | 'parameter' | 'output' | 'function';
  name: string;
  description: string;
}

export function locateDeclaration(root: JsonNode, offset: number): DeclarationLocation | undefined {
  const description = describeJsonLocation(root, offset);
  if (!description) return undefined;
  const name = /'([^']*)'$/.exec(description)?.[1] ?? '';
  const kind = description.startsWith('variable') ? 'variable' : description.startsWith('the default') ? 'parameterDefault' : description.startsWith('output') ? 'output' : 'parameter';
  return { kind, name, description };
}

export function describeJsonLocation(root: JsonNode, offset: number): string | undefined {
  const keys: string[] = [];
  for (let node: JsonNode | undefined = nodeAtOffset(root, offset); node; node = node.parent) {
    if (node.type === 'property' && typeof node.children?.[0]?.value === 'string') keys.unshift(node.children[0].value as string);
  }
  for (let i = keys.length - 2; i >= 0; i--) {
    const section = keys[i]!.toLowerCase();
    const name = keys[i + 1]!;
    if (section === 'variables') return `variable '${name}'`;
    if (section === 'parameters') return keys[i + 2]?.toLowerCase() === 'defaultvalue' ? `the default value of parameter '${name}'` : `parameter '${name}'`;
    if (section === 'outputs') return `output '${name}'`;
  }
  return undefined;
}
