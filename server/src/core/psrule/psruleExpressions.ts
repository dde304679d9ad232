/**
 * A suppression group's `spec.if`, read as PSRule's YAML deserializer (LanguageExpressionDeserializer) reads it and
 * evaluated as its LanguageExpressions are. Every scalar is the text YAML wrote, since PSRule never types them.
 * Evaluation gives the set of outcomes PSRule could reach (true, false, or throws): a group suppresses only when
 * true is certain. `allOf` and `anyOf` stop at the first deciding child, as PSRule does.
 */
import { PsRuleThrows, Undecidable } from './dotnetText';
import { CONDITION_NAMES, evaluateConditionByName, type Properties, type PropertyValue } from './psruleConditions';
import { lookupField, type ResourceFields } from './psruleValues';

/** A YAML node with its scalars as written. */
export type RawNode =
  | { kind: 'scalar'; text: string; isNull: boolean; range?: [number, number] }
  | { kind: 'seq'; items: RawNode[]; range?: [number, number] }
  | { kind: 'map'; entries: { key: RawNode; value: RawNode }[]; range?: [number, number] }
  /** an alias or other node PSRule's parser does not take here */
  | { kind: 'other'; range?: [number, number] };

export const TRUE = 1;
export const FALSE = 2;
export const THROWS = 4;
/** A set of outcomes: TRUE | FALSE | THROWS bits. */
export type Outcomes = number;
const UNKNOWN = TRUE | FALSE | THROWS;

export type Expression =
  | { kind: 'outcomes'; outcomes: Outcomes }
  | { kind: 'allOf' | 'anyOf' | 'not' | 'if'; children: Expression[] }
  | { kind: 'condition'; name: string; properties: Properties };

export interface CompiledIf {
  /** undefined: PSRule treats `spec.if` as always true */
  expression?: Expression;
  /** things worth a warning on the file */
  notes: { message: string; range?: [number, number] }[];
}

/** PSRule does not load the group (malformed for its parser), or acr-guard cannot tell whether it would. */
export class UnreadableCondition extends Error {
  constructor(message: string, readonly range?: [number, number]) {
    super(message);
  }
}

const UNKNOWN_EFFECT = '; the group suppresses only where the result does not depend on it';

/** Conditions acr-guard never evaluates: they need the file system, version parsing or a resource's schema. */
const NOT_EVALUATED = new Set(['version', 'apiversion', 'withinpath', 'notwithinpath', 'hasschema']);
const OPERATORS: Record<string, 'if' | 'anyOf' | 'allOf' | 'not'> = { if: 'if', anyof: 'anyOf', allof: 'allOf', not: 'not' };
const isCondition = (key: string) => CONDITION_NAMES.has(key.toLowerCase());
const isOperator = (key: string) => key.toLowerCase() in OPERATORS;

/** `$: {...}`: PSRule's parser takes a one-entry mapping of a mapping as a function. */
const isFunction = (node: RawNode) => node.kind === 'map' && node.entries.length === 1 && node.entries[0]!.value.kind === 'map';

/** Deeper nesting is refused, so that evaluation cannot run out of stack. */
const MAX_DEPTH = 64;

class Compiler {
  readonly notes: CompiledIf['notes'] = [];
  private depth = 0;

  /** MapExpression: one mapping; null where PSRule's parser finds no condition or operator in it. */
  mapping(node: Extract<RawNode, { kind: 'map' }>): Expression | null {
    if (this.depth >= MAX_DEPTH) throw new UnreadableCondition(`operators nested more than ${MAX_DEPTH} deep, which acr-guard does not follow`, node.range);
    this.depth++;
    try {
      return this.mappingAt(node);
    } finally {
      this.depth--;
    }
  }

  private mappingAt(node: Extract<RawNode, { kind: 'map' }>): Expression | null {
    const properties = new Map<string, PropertyValue>();
    let name: string | undefined;
    let where = false;
    let index = 0;
    // MapProperty: scalar-valued keys (and lists or functions of conditions) up to the first other value.
    for (; index < node.entries.length; index++) {
      const { key, value } = node.entries[index]!;
      if (key.kind !== 'scalar') throw new UnreadableCondition('a key that is not text', key.range);
      const text = key.text;
      if (isCondition(text) || isOperator(text)) name = text;
      if (value.kind === 'scalar') {
        properties.set(text.toLowerCase(), value.text);
      } else if (value.kind === 'other') {
        throw new UnreadableCondition("an alias, which PSRule's parser does not read there", value.range);
      } else if ((text === 'value' || isCondition(text)) && value.kind === 'map') {
        if (!isFunction(value)) throw new UnreadableCondition(`'${text}' with a mapping that is not a function`, value.range);
        throw new UnreadableCondition(`'${text}' uses a function ($), which acr-guard does not evaluate`, value.range);
      } else if (isCondition(text) && value.kind === 'seq') {
        if (value.items.some((item) => item.kind !== 'scalar')) throw new UnreadableCondition(`'${text}' lists something other than text`, value.range);
        properties.set(text.toLowerCase(), value.items.map((item) => (item as { text: string }).text));
      } else if (text === 'where' && value.kind === 'map') {
        this.mapping(value);
        where = true;
      } else {
        break;
      }
    }
    if (name === undefined) {
      if (index < node.entries.length) throw new UnreadableCondition(`'${textOf(node.entries[index]!.key)}' cannot take a list or mapping here`, node.range);
      return null;
    }
    if (isCondition(name)) {
      if (index < node.entries.length) throw new UnreadableCondition(`'${textOf(node.entries[index]!.key)}' cannot take a list or mapping here`, node.range);
      this.noteUnsupported(name, properties, node.range);
      return { kind: 'condition', name: name.toLowerCase(), properties };
    }
    // An operator; its list or mapping must be where the property scan stopped.
    if (index === node.entries.length) return null;
    const entry = node.entries[index]!;
    if (textOf(entry.key) !== name) throw new UnreadableCondition(`'${textOf(entry.key)}' cannot take a list or mapping here`, node.range);
    const children = this.children(entry.value);
    for (const trailing of node.entries.slice(index + 1)) {
      if (trailing.value.kind !== 'scalar') throw new UnreadableCondition(`'${textOf(trailing.key)}' cannot take a list or mapping here`, trailing.key.range);
      properties.set(textOf(trailing.key).toLowerCase(), trailing.value.text);
    }
    if (properties.size > 0 || where) {
      this.notes.push({ message: `acr-guard cannot evaluate '${name}' with other properties (a sub-selector over a field)${UNKNOWN_EFFECT}`, range: entry.key.range });
      return { kind: 'outcomes', outcomes: UNKNOWN };
    }
    return { kind: OPERATORS[name.toLowerCase()]!, children };
  }

  /** What acr-guard can never evaluate in a condition, whatever the resource. */
  private noteUnsupported(name: string, properties: Properties, range?: [number, number]): void {
    const unsupported: string[] = [];
    if (NOT_EVALUATED.has(name.toLowerCase())) unsupported.push(`'${name}'`);
    const field = properties.get('field');
    if (typeof field === 'string') {
      try {
        lookupField({ name: '', type: '', tags: {} }, field);
      } catch (error) {
        if (!(error instanceof Undecidable)) throw error;
        unsupported.push(error.message);
      }
    }
    if (typeof properties.get('source') === 'string' || properties.get('scope') === '.') unsupported.push('the source and scope operands');
    for (const what of unsupported) this.notes.push({ message: `acr-guard cannot evaluate ${what}${UNKNOWN_EFFECT}`, range });
  }

  /** An operator's children: a mapping gives one (none if empty); a list gives one per item. */
  children(node: RawNode): Expression[] {
    if (node.kind === 'map') {
      const child = this.mapping(node);
      return child ? [child] : [];
    }
    if (node.kind !== 'seq' || node.items.some((item) => item.kind !== 'map')) throw new UnreadableCondition('an operator takes a mapping or a list of mappings', node.range);
    // A list item PSRule reads as nothing fails with a null reference when evaluated.
    return node.items.map((item) => this.mapping(item as Extract<RawNode, { kind: 'map' }>) ?? { kind: 'outcomes', outcomes: THROWS });
  }
}

function textOf(node: RawNode): string {
  return node.kind === 'scalar' ? node.text : '';
}

/**
 * `spec.if` as PSRule loads it. Missing, null or `{}` means always true, and so does a mapping without any condition
 * or operator PSRule knows (a misspelt operator): that is worth a warning. Throws UnreadableCondition.
 */
export function compileIf(node: RawNode | undefined): CompiledIf {
  const compiler = new Compiler();
  if (node === undefined || (node.kind === 'scalar' && node.isNull)) return { notes: [] };
  if (node.kind === 'scalar' || node.kind === 'other') throw new UnreadableCondition('a text or alias where a mapping belongs', node.range);
  const children = compiler.children(node);
  if (children.length === 0) {
    const keys = node.kind === 'map' ? node.entries.map((entry) => textOf(entry.key)) : [];
    if (keys.length > 0) compiler.notes.push({ message: `spec.if has no condition or operator PSRule knows (${keys.join(', ')}), so PSRule treats it as always true`, range: node.range });
    return { notes: compiler.notes };
  }
  return { expression: { kind: 'if', children }, notes: compiler.notes };
}

/** allOf and anyOf: children in order, stopping where one decides (or throws). */
function sequence(children: Expression[], target: ResourceFields, decides: number, passes: number): Outcomes {
  let outcomes = 0;
  for (const child of children) {
    const result = evaluate(child, target);
    outcomes |= result & (decides | THROWS);
    if (!(result & passes)) return outcomes;
  }
  return outcomes | passes;
}

export function evaluate(expression: Expression, target: ResourceFields): Outcomes {
  switch (expression.kind) {
    case 'outcomes':
      return expression.outcomes;
    case 'allOf':
      return sequence(expression.children, target, FALSE, TRUE);
    case 'anyOf':
      return sequence(expression.children, target, TRUE, FALSE);
    case 'not': {
      const first = expression.children[0];
      if (!first) return FALSE;
      const inner = evaluate(first, target);
      return (inner & THROWS) | (inner & TRUE ? FALSE : 0) | (inner & FALSE ? TRUE : 0);
    }
    case 'if':
      return expression.children[0] ? evaluate(expression.children[0], target) : FALSE;
    case 'condition':
      try {
        return evaluateConditionByName(expression.name, expression.properties, target) ? TRUE : FALSE;
      } catch (error) {
        if (error instanceof Undecidable) return UNKNOWN;
        if (error instanceof PsRuleThrows) return THROWS;
        throw error;
      }
  }
}

/** Plain data (as tests and callers write it) as YAML nodes: every scalar becomes its text. */
export function rawFromJs(value: unknown): RawNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(rawFromJs) };
  if (value && typeof value === 'object') return { kind: 'map', entries: Object.entries(value).map(([key, item]) => ({ key: rawFromJs(key), value: rawFromJs(item) })) };
  return { kind: 'scalar', text: value === undefined ? '' : String(value), isNull: value === null || value === undefined };
}

/** One mapping in the place of an operator's child (where a mapping PSRule reads as nothing throws). */
export function compileExpression(node: RawNode): Expression {
  if (node.kind !== 'map') throw new UnreadableCondition('a condition must be a mapping', node.range);
  return new Compiler().mapping(node) ?? { kind: 'outcomes', outcomes: THROWS };
}
