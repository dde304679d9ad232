/**
 * `Regex.IsMatch` as PSRule calls it (RegexOptions.None or IgnoreCase), for the .NET syntax a suppression group is
 * likely to use. A small backtracking matcher instead of JavaScript's RegExp: .NET's `$`, `.`, `\w`, `\d`, `\s`, `[]a]`
 * and `{,n}` differ from JavaScript's, and a pattern from the workspace must not be able to hang the editor (PSRule
 * stops after 5 seconds; here a step budget ends the match as undecidable). Constructs JavaScript or this matcher
 * cannot reproduce faithfully (backreferences, balancing groups, conditionals, `\G`, named blocks, the `x` option,
 * class subtraction, case-insensitive non-ASCII letters) make the condition undecidable, never a guess.
 * IgnoreCase assumes a culture without Turkish casing rules.
 */
import { PsRuleThrows, Undecidable } from './dotnetText';

type Node =
  | { t: 'char'; test: (code: number) => boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'repeat'; body: Node; min: number; max: number; lazy: boolean }
  | { t: 'assert'; test: (text: string, pos: number) => boolean }
  | { t: 'look'; body: Node; behind: boolean; negate: boolean }
  | { t: 'atomic'; body: Node };

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  singleline: boolean;
}

const STEP_BUDGET = 100_000;
const MAX_SUBJECT = 10_000;
const CATEGORIES = new Set('L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No Z Zs Zl Zp C Cc Cf Cs Co Cn P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So'.split(' '));
const categoryPatterns = new Map<string, RegExp>();

function inCategory(code: number, name: string): boolean {
  let pattern = categoryPatterns.get(name);
  if (!pattern) categoryPatterns.set(name, (pattern = new RegExp(`^\\p{${name}}$`, 'u')));
  return pattern.test(String.fromCharCode(code));
}

const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isCasedUnit = (code: number) => code >= 0x80 && String.fromCharCode(code).toUpperCase() !== String.fromCharCode(code).toLowerCase();
/** Non-ASCII letters that some .NET version or culture treats as case-equivalent to an ASCII letter (İ ı ſ K). */
const FOLDS_TO_ASCII = new Set([0x130, 0x131, 0x17f, 0x212a]);

/** \w by .NET's documented classes; Mc, Me, ZWJ and ZWNJ changed between .NET versions, so they are undecidable. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || isAsciiLetter(code) || code === 0x5f;
  if (code === 0x200c || code === 0x200d || inCategory(code, 'Mc') || inCategory(code, 'Me')) throw new Undecidable('\\w on a combining mark');
  return inCategory(code, 'L') || inCategory(code, 'Mn') || inCategory(code, 'Nd') || inCategory(code, 'Pc');
}

const isDigitChar = (code: number) => (code < 0x80 ? code >= 0x30 && code <= 0x39 : inCategory(code, 'Nd'));
const isSpaceChar = (code: number) => (code >= 9 && code <= 13) || code === 0x20 || code === 0x85 || (code >= 0x80 && inCategory(code, 'Z'));

/** A set of single characters, matched as .NET does with IgnoreCase: the set is folded before any negation. */
function charNode(member: (code: number) => boolean, ignoreCase: boolean, negate = false): Node {
  const test = (code: number) => {
    let hit = member(code);
    if (ignoreCase && !hit) {
      if (FOLDS_TO_ASCII.has(code)) throw new Undecidable(`a case-insensitive match on '${String.fromCharCode(code)}'`);
      if (isAsciiLetter(code)) hit = member(code ^ 0x20);
    }
    return hit !== negate;
  };
  return { t: 'char', test };
}

class Parser {
  private pos = 0;
  constructor(private readonly pattern: string) {}

  parse(ignoreCase: boolean): Node {
    const node = this.alternation({ ignoreCase, multiline: false, singleline: false });
    if (this.pos < this.pattern.length) throw new PsRuleThrows(`too many ')' in '${this.pattern}'`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.pattern[this.pos + offset];
  }

  private alternation(outer: Flags): Node {
    const flags = { ...outer };
    const alts = [this.sequence(flags)];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.sequence(flags));
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(flags: Flags): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom(flags);
      if (!atom) continue;
      const quantified = this.quantifier(atom);
      if (quantified !== atom && this.isQuantifierAhead()) throw new PsRuleThrows(`nested quantifier in '${this.pattern}'`);
      items.push(quantified);
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private isQuantifierAhead(): boolean {
    const c = this.peek();
    return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.pattern.slice(this.pos)));
  }

  private quantifier(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos)) : null;
    if (c === '*' || c === '+' || c === '?') {
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      this.pos++;
    } else if (braces) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
      if (min > max) throw new PsRuleThrows(`illegal {x,y} with x > y in '${this.pattern}'`);
      if (min > 10_000 || (max !== Infinity && max > 10_000)) throw new Undecidable('a repetition count above 10,000');
      this.pos += braces[0].length;
    } else {
      return atom;
    }
    if (atom.t === 'assert') throw new Undecidable('a quantified anchor');
    const lazy = this.peek() === '?';
    if (lazy) this.pos++;
    return { t: 'repeat', body: atom, min, max, lazy };
  }

  /** One atom, or undefined for an inline option or comment that matches nothing. */
  private atom(flags: Flags): Node | undefined {
    const c = this.pattern[this.pos++]!;
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return this.charClass(flags);
      case '.':
        return { t: 'char', test: flags.singleline ? () => true : (code) => code !== 10 };
      case '^':
        return { t: 'assert', test: flags.multiline ? (s, p) => p === 0 || s[p - 1] === '\n' : (_s, p) => p === 0 };
      case '$':
        return { t: 'assert', test: flags.multiline ? (s, p) => p === s.length || s[p] === '\n' : endOrFinalNewline };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        throw new PsRuleThrows(`quantifier '${c}' following nothing in '${this.pattern}'`);
      case '{':
        if (/^\d+(,\d*)?\}/.test(this.pattern.slice(this.pos))) throw new PsRuleThrows(`quantifier following nothing in '${this.pattern}'`);
        return this.literal(c.charCodeAt(0), flags);
      default:
        return this.literal(c.charCodeAt(0), flags);
    }
  }

  private literal(code: number, flags: Flags): Node {
    if (flags.ignoreCase && isCasedUnit(code)) throw new Undecidable('a case-insensitive non-ASCII letter in the pattern');
    return charNode((x) => x === code, flags.ignoreCase);
  }

  private group(flags: Flags): Node | undefined {
    const rest = this.pattern.slice(this.pos);
    let kind: 'group' | 'ahead' | 'notAhead' | 'behind' | 'notBehind' | 'atomic' = 'group';
    let inner = flags;
    if (rest.startsWith('?')) {
      const options = /^\?([imnsx]*)(?:-([imnsx]*))?([:)])/.exec(rest);
      const named = /^\?(?:<[A-Za-z0-9_]+>|'[A-Za-z0-9_]+')/.exec(rest);
      const lookaround = /^\?(=|!|<=|<!|>)/.exec(rest);
      if (rest.startsWith('?:')) {
        this.pos += 2;
      } else if (rest.startsWith('?#')) {
        const end = this.pattern.indexOf(')', this.pos);
        if (end < 0) throw new PsRuleThrows(`unterminated (?#...) comment in '${this.pattern}'`);
        this.pos = end + 1;
        return undefined;
      } else if (lookaround) {
        kind = ({ '=': 'ahead', '!': 'notAhead', '<=': 'behind', '<!': 'notBehind', '>': 'atomic' } as const)[lookaround[1] as '=' | '!' | '<=' | '<!' | '>'];
        this.pos += lookaround[0].length;
      } else if (named) {
        this.pos += named[0].length;
      } else if (options && (options[1] || options[2] !== undefined)) {
        if (`${options[1]}${options[2] ?? ''}`.includes('x')) throw new Undecidable('the x (ignore white space) option');
        const set = (letter: string) => (options[1]!.includes(letter) ? true : (options[2] ?? '').includes(letter) ? false : undefined);
        const changed: Flags = { ignoreCase: set('i') ?? flags.ignoreCase, multiline: set('m') ?? flags.multiline, singleline: set('s') ?? flags.singleline };
        this.pos += options[0].length;
        if (options[3] === ')') {
          // (?i) applies to the rest of the enclosing group.
          Object.assign(flags, changed);
          return undefined;
        }
        inner = changed;
      } else {
        throw new Undecidable(`the group construct '(${rest.slice(0, 3)}'`);
      }
    }
    const body = this.alternation(inner);
    if (this.peek() !== ')') throw new PsRuleThrows(`not enough ')' in '${this.pattern}'`);
    this.pos++;
    if (kind === 'group') return body;
    if (kind === 'atomic') return { t: 'atomic', body };
    return { t: 'look', body, behind: kind === 'behind' || kind === 'notBehind', negate: kind === 'notAhead' || kind === 'notBehind' };
  }

  /** An escape outside a class. */
  private escape(flags: Flags): Node {
    const c = this.pattern[this.pos];
    if (c === undefined) throw new PsRuleThrows(`illegal \\ at end of '${this.pattern}'`);
    switch (c) {
      case 'A':
        this.pos++;
        return { t: 'assert', test: (_s, p) => p === 0 };
      case 'z':
        this.pos++;
        return { t: 'assert', test: (s, p) => p === s.length };
      case 'Z':
        this.pos++;
        return { t: 'assert', test: endOrFinalNewline };
      case 'b':
      case 'B': {
        this.pos++;
        const negate = c === 'B';
        return { t: 'assert', test: (s, p) => (p > 0 && isWordChar(s.charCodeAt(p - 1))) !== (p < s.length && isWordChar(s.charCodeAt(p))) !== negate };
      }
      default: {
        const member = this.classEscape(flags.ignoreCase, false);
        return typeof member === 'number' ? this.literal(member, flags) : charNode(member.test, flags.ignoreCase, member.negate);
      }
    }
  }

  /** An escape that stands for a character (a number) or a set of them; this.pos is after the backslash. */
  private classEscape(ignoreCase: boolean, inClass: boolean): number | { test: (code: number) => boolean; negate: boolean } {
    const c = this.pattern[this.pos++];
    if (c === undefined) throw new PsRuleThrows(`illegal \\ at end of '${this.pattern}'`);
    if (c === 'b' && inClass) return 8;
    const simple: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, a: 7, e: 27 };
    if (c in simple) return simple[c]!;
    const lower = c.toLowerCase();
    if (c === 'd' || c === 'D') return { test: isDigitChar, negate: c === 'D' };
    if (c === 's' || c === 'S') return { test: isSpaceChar, negate: c === 'S' };
    if (c === 'w' || c === 'W') return { test: isWordChar, negate: c === 'W' };
    if (lower === 'p') {
      const name = /^\{([^}]*)\}/.exec(this.pattern.slice(this.pos));
      if (!name || !CATEGORIES.has(name[1]!)) throw new Undecidable(`the Unicode category or block '\\${c}{${name?.[1] ?? ''}}'`);
      // Whether IgnoreCase widens \p{Lu}, \p{Ll} and \p{Lt} differs between .NET versions.
      if (ignoreCase && /^L[ult]$/.test(name[1]!)) throw new Undecidable(`'\\${c}{${name[1]}}' when case-insensitive`);
      this.pos += name[0].length;
      const category = name[1]!;
      return { test: (code) => inCategory(code, category), negate: c === 'P' };
    }
    if (c === 'x' || c === 'u') {
      const digits = c === 'x' ? 2 : 4;
      const hex = this.pattern.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) throw new PsRuleThrows(`insufficient hexadecimal digits in '${this.pattern}'`);
      this.pos += digits;
      return parseInt(hex, 16);
    }
    if (c === 'c') {
      const control = this.pattern[this.pos++];
      if (control === undefined || !/[@-_a-z]/.test(control)) throw new PsRuleThrows(`illegal \\c in '${this.pattern}'`);
      return control.toUpperCase().charCodeAt(0) - 64;
    }
    // Backreferences, octal escapes, \k<name> and \G: not modelled. Other letters, digits and '_' .NET rejects.
    if (/[0-9kG]/.test(c)) throw new Undecidable(`the escape '\\${c}'`);
    if (/[A-Za-z_]/.test(c)) throw new PsRuleThrows(`unrecognized escape sequence \\${c} in '${this.pattern}'`);
    return c.charCodeAt(0);
  }

  private charClass(flags: Flags): Node {
    const negate = this.peek() === '^';
    if (negate) this.pos++;
    const members: ((code: number) => boolean)[] = [];
    for (let first = true; ; first = false) {
      const c = this.peek();
      if (c === undefined) throw new PsRuleThrows(`unterminated [] set in '${this.pattern}'`);
      if (c === ']' && !first) break;
      if (c === '[' && this.peek(1) === ':') throw new Undecidable("'[:' in a character class");
      if (c === '-' && this.peek(1) === '[') throw new Undecidable('character class subtraction');
      this.pos++;
      const low = c === '\\' ? this.classEscape(flags.ignoreCase, true) : c.charCodeAt(0);
      if (typeof low !== 'number') {
        if (this.peek() === '-' && this.peek(1) !== ']') throw new Undecidable('a range after a class escape');
        members.push(low.negate ? (code) => !low.test(code) : low.test);
        continue;
      }
      let high = low;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const next = this.pattern[this.pos++]!;
        const end = next === '\\' ? this.classEscape(flags.ignoreCase, true) : next.charCodeAt(0);
        if (typeof end !== 'number') throw new PsRuleThrows(`cannot include a class in a character range in '${this.pattern}'`);
        if (end < low) throw new PsRuleThrows(`[x-y] range in reverse order in '${this.pattern}'`);
        high = end;
      }
      // With IgnoreCase a non-ASCII member may be case-equivalent to an ASCII letter (K and the Kelvin sign).
      if (flags.ignoreCase && high >= 0x80) throw new Undecidable('a case-insensitive class with non-ASCII members');
      members.push((code) => code >= low && code <= high);
    }
    this.pos++;
    return charNode((code) => members.some((member) => member(code)), flags.ignoreCase, negate);
  }
}

function endOrFinalNewline(text: string, pos: number): boolean {
  return pos === text.length || (pos === text.length - 1 && text[pos] === '\n');
}

class Matcher {
  private steps = 0;
  constructor(private readonly text: string) {}

  match(node: Node, pos: number, next: (pos: number) => boolean): boolean {
    if (++this.steps > STEP_BUDGET) throw new Undecidable('the regular expression needs too many steps');
    const text = this.text;
    switch (node.t) {
      case 'char':
        return pos < text.length && node.test(text.charCodeAt(pos)) && next(pos + 1);
      case 'seq': {
        const step = (index: number, at: number): boolean => (index === node.items.length ? next(at) : this.match(node.items[index]!, at, (after) => step(index + 1, after)));
        return step(0, pos);
      }
      case 'alt':
        return node.alts.some((alt) => this.match(alt, pos, next));
      case 'repeat':
        return this.repeat(node, pos, 0, next);
      case 'assert':
        return node.test(text, pos) && next(pos);
      case 'look': {
        let found = false;
        if (!node.behind) {
          found = this.match(node.body, pos, () => true);
        } else {
          for (let start = pos; start >= 0 && !found; start--) found = this.match(node.body, start, (end) => end === pos);
        }
        return found !== node.negate && next(pos);
      }
      case 'atomic': {
        let end = -1;
        return this.match(node.body, pos, (after) => ((end = after), true)) && next(end);
      }
    }
  }

  /** .NET stops a loop on an empty iteration once the minimum is met. */
  private repeat(node: Extract<Node, { t: 'repeat' }>, pos: number, count: number, next: (pos: number) => boolean): boolean {
    if (count < node.min) return this.match(node.body, pos, (after) => this.repeat(node, after, count + 1, next));
    const more = () => count < node.max && this.match(node.body, pos, (after) => after !== pos && this.repeat(node, after, count + 1, next));
    return node.lazy ? next(pos) || more() : more() || next(pos);
  }
}

/** Patterns already parsed: a group's pattern is matched against every finding's name (a few hundred, unbounded). */
const parsedPatterns = new Map<string, Node>();
const MAX_PARSED_PATTERNS = 256;

function parsed(pattern: string, ignoreCase: boolean): Node {
  const key = `${ignoreCase ? 'i' : 'c'}${pattern}`;
  let root = parsedPatterns.get(key);
  if (!root) {
    root = new Parser(pattern).parse(ignoreCase);
    if (parsedPatterns.size >= MAX_PARSED_PATTERNS) parsedPatterns.clear();
    parsedPatterns.set(key, root);
  }
  return root;
}

/** Regex.IsMatch(subject, pattern, ignoreCase ? IgnoreCase : None). Throws Undecidable or PsRuleThrows. */
export function dotnetRegexIsMatch(pattern: string, subject: string, ignoreCase: boolean): boolean {
  if (subject.length > MAX_SUBJECT) throw new Undecidable('a very long value');
  try {
    const root = parsed(pattern, ignoreCase);
    const matcher = new Matcher(subject);
    for (let start = 0; start <= subject.length; start++) if (matcher.match(root, start, () => true)) return true;
    return false;
  } catch (error) {
    if (error instanceof RangeError) throw new Undecidable('the regular expression nests too deeply');
    throw error;
  }
}
