/**
 * A lazy JSON(C) tree for well-formed documents, in jsonc-parser's node shape. One validating pass (no tree, no
 * strings) records where every object and array ends; nodes are then built only when the model reads them, so the
 * parameters, variables and resources nobody asks about cost a scan, not a tree. Comments and trailing commas are
 * accepted, and so are ARM's raw line breaks inside strings. There is no recursion, so nesting depth is no limit.
 * A document that does not validate returns undefined, and the caller uses jsonc-parser's error-recovering parser.
 */
import type { Node, NodeType } from 'jsonc-parser';
import type { JsonDocument } from './json';

/**
 * Where each container ends (exclusive), found by its opening bracket's offset. Containers are recorded in the order
 * they open, so `opens` is sorted and a lookup is a binary search; two number arrays make far less garbage than a map.
 */
class Ends {
  readonly opens: number[] = [];
  readonly ends: number[] = [];

  open(offset: number): number {
    this.opens.push(offset);
    this.ends.push(-1);
    return this.opens.length - 1;
  }

  close(index: number, end: number): void {
    this.ends[index] = end;
  }

  get(offset: number): number | undefined {
    let low = 0;
    let high = this.opens.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = this.opens[mid]!;
      if (at === offset) return this.ends[mid];
      if (at < offset) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

class Invalid extends Error {}

/** A byte order mark is allowed where a file starts (a file read as it was saved keeps it), nowhere else. */
const bomLength = (text: string) => (text.charCodeAt(0) === 0xfeff ? 1 : 0);

const WHITESPACE_RUN = /[ \t\r\n]*/y;

/** Set by skipTrivia when it passes a comment: the validating pass tells whether the document has any. */
let commentSeen = false;

function skipTrivia(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      // A lone space (after a colon) is the commonest case and cheaper than a regular expression.
      const next = text.charCodeAt(i + 1);
      if (next !== 32 && next !== 10 && next !== 13 && next !== 9) {
        i++;
        continue;
      }
      // Indentation comes in runs: skip them in one go.
      WHITESPACE_RUN.lastIndex = i;
      WHITESPACE_RUN.test(text);
      i = WHITESPACE_RUN.lastIndex;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      commentSeen = true;
      i += 2;
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      commentSeen = true;
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Invalid();
      i = end + 2;
    } else return i;
  }
}

/** A string's plain characters: not a quote, a backslash or a control character other than a line break or tab. */
const PLAIN_CHARACTERS = '[^"\\\\\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*';
const STRING_RUN = new RegExp(PLAIN_CHARACTERS, 'y');

/**
 * End of the string that starts at `i` (exclusive); validates escapes and control characters. Raw line breaks and
 * tabs are accepted, as ARM accepts them (multi-line descriptions and expressions).
 */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    // Skip plain characters in one go: most strings have no escapes.
    STRING_RUN.lastIndex = j;
    STRING_RUN.test(text);
    j = STRING_RUN.lastIndex;
    const c = text.charCodeAt(j);
    if (j >= text.length || (c < 32 && c !== 10 && c !== 13 && c !== 9)) throw new Invalid();
    if (c === 34) return j + 1;
    if (c === 92) {
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) throw new Invalid();
        j += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) j += 2;
      else throw new Invalid();
    } else j++;
  }
}

/**
 * The commonest shapes in one regular expression each, tried first: a key without escapes with its colon and the
 * whitespace around it (alone, after a comma, or after an object's opening brace), and a string without escapes with
 * the whitespace after it (alone, or after a comma in an array). A pass over pretty-printed JSON spends most of its
 * time between tokens, and these take two to four steps at once. They accept exactly what the general path accepts
 * for that text (the same string characters, whitespace only); anything else (an escape, a comment) fails them and
 * takes the general path from the same place.
 */
const SPACE = '[ \\t\\r\\n]*';
const PLAIN = `"${PLAIN_CHARACTERS}"${SPACE}`;
const PLAIN_KEY = new RegExp(`${PLAIN}:${SPACE}`, 'y');
const NEXT_PLAIN_KEY = new RegExp(`,${SPACE}${PLAIN}:${SPACE}`, 'y');
const FIRST_PLAIN_KEY = new RegExp(`\\{${SPACE}${PLAIN}:${SPACE}`, 'y');
const NEXT_PLAIN_STRING = new RegExp(`,${SPACE}${PLAIN}`, 'y');
const PLAIN_STRING = new RegExp(PLAIN, 'y');

/** Where `shape` ends when it matches at `i`, and past a comment after it; -1 when it does not match there. */
function plainEnd(shape: RegExp, text: string, i: number): number {
  shape.lastIndex = i;
  if (!shape.test(text)) return -1;
  return text.charCodeAt(shape.lastIndex) === 47 ? skipTrivia(text, shape.lastIndex) : shape.lastIndex;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scalarEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 116 && text.startsWith('true', i)) return i + 4;
  if (c === 102 && text.startsWith('false', i)) return i + 5;
  if (c === 110 && text.startsWith('null', i)) return i + 4;
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  throw new Invalid();
}

/** One pass with an explicit stack: validates the grammar and records container ends. */
function validate(text: string): Ends | undefined {
  const ends = new Ends();
  /** indexes (into `ends`) of the open containers */
  const stack: number[] = [];
  const openAt = (index: number) => ends.opens[index]!;
  // States: expecting a value, or after a value inside a container.
  let i = 0;
  let expectValue = true;
  let expectKey = false;
  commentSeen = false;
  try {
    i = skipTrivia(text, bomLength(text));
    for (;;) {
      if (expectKey) {
        const c = text.charCodeAt(i);
        if (c === 125 /* } */) {
          // empty object or trailing comma
          ends.close(stack.pop()!, i + 1);
          i = skipTrivia(text, i + 1);
          expectKey = false;
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (c !== 34) throw new Invalid();
        const keyEnd = plainEnd(PLAIN_KEY, text, i);
        if (keyEnd >= 0) i = keyEnd;
        else {
          i = skipTrivia(text, stringEnd(text, i));
          if (text.charCodeAt(i) !== 58) throw new Invalid();
          i = skipTrivia(text, i + 1);
        }
        expectKey = false;
        expectValue = true;
      }
      if (expectValue) {
        const c = text.charCodeAt(i);
        if (c === 123) {
          stack.push(ends.open(i));
          // An object's first plain key, with its opening brace, in one step.
          const keyEnd = plainEnd(FIRST_PLAIN_KEY, text, i);
          if (keyEnd >= 0) {
            i = keyEnd;
            continue;
          }
          i = skipTrivia(text, i + 1);
          expectKey = true;
          expectValue = false;
          continue;
        }
        if (c === 91) {
          stack.push(ends.open(i));
          i = skipTrivia(text, i + 1);
          if (text.charCodeAt(i) === 93) {
            ends.close(stack.pop()!, i + 1);
            i = skipTrivia(text, i + 1);
            expectValue = false;
            if (stack.length === 0) break;
          }
          continue;
        }
        const valueEnd = c === 34 ? plainEnd(PLAIN_STRING, text, i) : -1;
        i = valueEnd >= 0 ? valueEnd : skipTrivia(text, scalarEnd(text, i));
        expectValue = false;
        if (stack.length === 0) break;
      }
      // After a value inside a container.
      const inObject = text.charCodeAt(openAt(stack[stack.length - 1]!)) === 123;
      const c = text.charCodeAt(i);
      if (c === 44) {
        // The next member's plain key, or the next plain string in an array, with the comma before it, in one step.
        const nextEnd = plainEnd(inObject ? NEXT_PLAIN_KEY : NEXT_PLAIN_STRING, text, i);
        if (nextEnd >= 0) {
          i = nextEnd;
          expectValue = inObject;
          continue;
        }
        i = skipTrivia(text, i + 1);
        if (inObject) expectKey = true;
        else if (text.charCodeAt(i) === 93) {
          // trailing comma in an array
          ends.close(stack.pop()!, i + 1);
          i = skipTrivia(text, i + 1);
          if (stack.length === 0) break;
        } else expectValue = true;
        continue;
      }
      if ((inObject && c === 125) || (!inObject && c === 93)) {
        ends.close(stack.pop()!, i + 1);
        i = skipTrivia(text, i + 1);
        if (stack.length === 0) break;
        continue;
      }
      throw new Invalid();
    }
    return i >= text.length ? ends : undefined;
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}

function decode(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  const token = text.slice(start, end).replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
  return JSON.parse(token) as string;
}

class LazyNode implements Node {
  private built: Node[] | undefined;
  private decoded: unknown;
  colonOffset?: number;
  /** Set by the evaluator on a string node (its parsed expression); declared so that every node keeps one shape. */
  parsedExpression: unknown = undefined;

  constructor(
    private readonly text: string,
    private readonly ends: Ends,
    readonly type: NodeType,
    readonly offset: number,
    readonly length: number,
    readonly parent: Node | undefined,
    value?: unknown,
  ) {
    this.decoded = value;
  }

  get value(): unknown {
    if (this.type === 'string' && this.decoded === undefined) this.decoded = decode(this.text, this.offset, this.offset + this.length);
    return this.decoded;
  }

  get children(): Node[] | undefined {
    if (this.type !== 'object' && this.type !== 'array' && this.type !== 'property') return undefined;
    this.built ??= this.type === 'object' ? this.members() : this.items();
    return this.built;
  }

  /** The property node sets its key and value right away. */
  setChildren(children: Node[]): void {
    this.built = children;
  }

  private node(at: number, parent: Node): LazyNode {
    const c = this.text.charCodeAt(at);
    if (c === 123 || c === 91) return new LazyNode(this.text, this.ends, c === 123 ? 'object' : 'array', at, this.ends.get(at)! - at, parent);
    const end = scalarEnd(this.text, at);
    if (c === 34) return new LazyNode(this.text, this.ends, 'string', at, end - at, parent);
    if (c === 116 || c === 102) return new LazyNode(this.text, this.ends, 'boolean', at, end - at, parent, c === 116);
    if (c === 110) return new LazyNode(this.text, this.ends, 'null', at, end - at, parent, null);
    return new LazyNode(this.text, this.ends, 'number', at, end - at, parent, Number(this.text.slice(at, end)));
  }

  private members(): Node[] {
    const text = this.text;
    const out: Node[] = [];
    const close = this.offset + this.length - 1;
    let i = skipTrivia(text, this.offset + 1);
    while (i < close) {
      const keyEnd = stringEnd(text, i);
      const property = new LazyNode(text, this.ends, 'property', i, 0, this);
      const key = new LazyNode(text, this.ends, 'string', i, keyEnd - i, property);
      i = skipTrivia(text, keyEnd);
      property.colonOffset = i;
      i = skipTrivia(text, i + 1);
      const value = this.node(i, property);
      property.setChildren([key, value]);
      (property as { length: number }).length = value.offset + value.length - property.offset;
      out.push(property);
      i = skipTrivia(text, value.offset + value.length);
      if (text.charCodeAt(i) === 44) i = skipTrivia(text, i + 1);
    }
    return out;
  }

  private items(): Node[] {
    const text = this.text;
    const out: Node[] = [];
    const close = this.offset + this.length - 1;
    let i = skipTrivia(text, this.offset + 1);
    while (i < close) {
      const item = this.node(i, this);
      out.push(item);
      i = skipTrivia(text, item.offset + item.length);
      if (text.charCodeAt(i) === 44) i = skipTrivia(text, i + 1);
    }
    return out;
  }
}

/**
 * The document with its lazy root, when it is well formed (a JSON object or array); otherwise undefined. It also
 * tells whether the text has comments at all, which spares a search for suppression comments in most templates.
 */
export function parseLazyJsonDocument(text: string): JsonDocument | undefined {
  const ends = validate(text);
  if (!ends) return undefined;
  const hasComments = commentSeen;
  const start = skipTrivia(text, bomLength(text));
  const c = text.charCodeAt(start);
  if (c !== 123 && c !== 91) return undefined;
  const root = new LazyNode(text, ends, c === 123 ? 'object' : 'array', start, ends.get(start)! - start, undefined);
  return { text, root, errors: [], hasComments };
}

/** The lazy root of a well-formed document, or undefined when it does not validate. */
export function parseLazyJson(text: string): Node | undefined {
  return parseLazyJsonDocument(text)?.root;
}
