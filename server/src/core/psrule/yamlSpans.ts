/** Where a YAML node of an options or suppression file is written, for diagnostics and origins. */
import type { Node as YamlNode } from 'yaml';
import type { Span } from '../types';

/** The node's range, or an empty span at `fallback` for a node without one (an absent value). */
export function spanOf(node: YamlNode | null | undefined, fallback: number): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : { start: fallback, end: fallback };
}
