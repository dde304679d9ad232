/** The .NET semantics under PSRule's match, like and comparisons: Regex.IsMatch, PowerShell wildcards, TryParse, casing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dotnetRegexIsMatch } from '../../server/src/core/psrule/dotnetRegex';
import { INT64, PsRuleThrows, Undecidable, lettersAllInCase, ordinalEquals, parseDotnetBool, parseDotnetInteger, wildcardMatch } from '../../server/src/core/psrule/dotnetText';

test('.NET regular expressions where JavaScript differs, and the constructs that stay undecidable', () => {
  const cases: [string, string, boolean, boolean | 'undecidable' | 'throws'][] = [
    ['^a.b$', 'a\rb', false, true],
    ['^a.b$', 'a\nb', false, false],
    ['reg$', 'reg\n', false, true],
    ['reg\\z', 'reg\n', false, false],
    ['reg\\Z', 'reg\n', false, true],
    ['[]a]', ']', false, true],
    ['x{,2}', 'x{,2}', false, true],
    ['\\d', '\u0663', false, true], // Arabic-Indic three is a decimal digit
    ['^\\w+$', 'h\u00e9llo', false, true],
    ['\\s', '\u0085', false, true],
    ['\\s', '\ufeff', false, false],
    ['(?i)ABC', 'abc', false, true],
    ['a(?-i)B', 'Ab', true, false],
    ['a(?i)b|c', 'C', false, true], // an inline option lasts to the end of the group, across alternatives
    ['\\bdev\\b', 'my-dev-reg', false, true],
    ['(?<=a)b', 'ab', false, true],
    ['(?<!a)b', 'ab', false, false],
    ['(?>a*)a', 'aaa', false, false],
    ['[^a]', 'A', true, false], // the set is folded before it is negated
    ['a+?b', 'aab', false, true],
    ['^a{2}$', 'aaa', false, false],
    ['(?#note)dev', 'dev', false, true],
    ['[a-]', '-', false, true],
    ['\\x41\\u0042', 'AB', false, true],
    ['\\p{Lu}', 'A', false, true],
    ['\\P{Lu}', 'A', false, false],
    ['^dev', 'd\u00e9v', true, false],
    ['\\_', 'x', false, 'throws'],
    ['a**', 'a', false, 'throws'],
    ['*a', 'a', false, 'throws'],
    ['(a', 'a', false, 'throws'],
    ['a)', 'a', false, 'throws'],
    ['[z-a]', 'a', false, 'throws'],
    ['\\x4', 'a', false, 'throws'],
    ['(a)\\1', 'aa', false, 'undecidable'],
    ['\\p{IsGreek}', 'a', false, 'undecidable'],
    ['(?x) a', 'a', false, 'undecidable'],
    ['\\p{Lu}', 'a', true, 'undecidable'],
    ['k', '\u212a', true, 'undecidable'], // the Kelvin sign folds to k in .NET
    ['k', '\u212a', false, false],
    ['\u00e9', '\u00c9', true, 'undecidable'],
    ['[\\d-z]', '5', false, 'undecidable'],
  ];
  for (const [pattern, subject, ignoreCase, expected] of cases) {
    let actual: boolean | string;
    try {
      actual = dotnetRegexIsMatch(pattern, subject, ignoreCase);
    } catch (error) {
      actual = error instanceof Undecidable ? 'undecidable' : error instanceof PsRuleThrows ? 'throws' : String(error);
    }
    assert.equal(actual, expected, `${pattern} on ${JSON.stringify(subject)}${ignoreCase ? ' (IgnoreCase)' : ''}`);
  }
});

test('a pattern that backtracks catastrophically, or nests groups 100,000 deep, ends as undecidable within a second', () => {
  const deepGroups = `${'('.repeat(100_000)}a${')'.repeat(100_000)}`;
  for (const [pattern, subject] of [['^(a+)+$', `${'a'.repeat(40)}b`], ['a*a*a*a*a*a*c', 'a'.repeat(256)], ['^(.*)*$', 'x'.repeat(9999)], [deepGroups, 'a']] as const) {
    const start = Date.now();
    assert.throws(() => dotnetRegexIsMatch(pattern, subject, true), Undecidable, pattern);
    assert.ok(Date.now() - start < 1000, `${pattern} took ${Date.now() - start} ms`);
  }
});

test('PowerShell wildcards: *, ?, sets, backtick escapes, whole-value matching', () => {
  const cases: [string, string, boolean, boolean | 'undecidable' | 'throws'][] = [
    ['devRegistry01', 'dev*', false, true],
    ['dev', 'dev*', false, true],
    ['', '*', false, true],
    ['', '', false, true],
    ['a', '', false, false],
    ['abc', 'a?c', false, true],
    ['ac', 'a?c', false, false],
    ['Abc', '[a-c]bc', false, true],
    ['Abc', '[a-c]bc', true, false],
    ['a*', 'a`*', false, true],
    ['ab', 'a`*', false, false],
    ['abcabc', '*abc', false, true],
    ['abcab', '*abc', false, false],
    ['mississippi', 'm*iss*ppi', false, true],
    ['x', 'x[', false, 'throws'],
    ['x', '[]x]', false, 'undecidable'],
    ['!', '[!a]', false, true], // no negation in PowerShell's sets
    ['x', '[^a]', false, false],
    ['b', '[c-a]', false, 'throws'],
    ['\u00e9', '\u00e9', false, 'undecidable'],
  ];
  for (const [value, pattern, caseSensitive, expected] of cases) {
    let actual: boolean | string;
    try {
      actual = wildcardMatch(value, pattern, caseSensitive);
    } catch (error) {
      actual = error instanceof Undecidable ? 'undecidable' : error instanceof PsRuleThrows ? 'throws' : String(error);
    }
    assert.equal(actual, expected, `${JSON.stringify(value)} like ${JSON.stringify(pattern)}`);
  }
});

test('.NET parsing and casing: bool.TryParse, long.TryParse, OrdinalIgnoreCase, IsLower', () => {
  assert.equal(parseDotnetBool(' True\0'), true);
  assert.equal(parseDotnetBool('yes'), undefined);
  assert.equal(parseDotnetBool('1'), undefined);
  assert.equal(parseDotnetInteger(' -5 ', INT64), -5n);
  assert.equal(parseDotnetInteger('+007', INT64), 7n);
  for (const text of ['5.0', '0x10', '1e3', '9223372036854775808', '\u0663', '- 5']) assert.equal(parseDotnetInteger(text, INT64), undefined, text);
  assert.equal(ordinalEquals('ABC', 'abc', false), true);
  assert.equal(ordinalEquals('ABC', 'abc', true), false);
  assert.equal(ordinalEquals('\u00e9', '\u00c9', false), true);
  assert.equal(ordinalEquals('stra\u00dfe', 'STRASSE', false), false); // simple case mapping keeps ß
  assert.throws(() => ordinalEquals('\u0131', 'I', false), Undecidable); // dotless i
  assert.equal(lettersAllInCase('abc-1', false), true);
  assert.equal(lettersAllInCase('abC', false), false);
  assert.equal(lettersAllInCase('\u540d', false), false); // a letter without case is neither lower nor upper
});

test('on ASCII text without line breaks, where .NET and JavaScript agree, the matcher agrees with RegExp (3,000 random patterns)', () => {
  let seed = 12345;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  const atoms = ['a', 'b', 'A', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '-', '1', ' ', '\\b', '^', '$'];
  const quantifiers = ['*', '+', '?', '{1,2}', '*?', '{2}'];
  const pattern = (depth: number): string => {
    let out = '';
    for (let n = 1 + random(4); n > 0; n--) {
      let atom = depth < 2 && random(5) === 0 ? `(${pattern(depth + 1)}${random(3) === 0 ? `|${pattern(depth + 1)}` : ''})` : atoms[random(atoms.length)]!;
      if (!['^', '$', '\\b'].includes(atom) && random(3) === 0) atom += quantifiers[random(quantifiers.length)];
      out += atom;
    }
    return out;
  };
  for (let i = 0; i < 3000; i++) {
    const source = pattern(0);
    let subject = '';
    for (let n = random(8); n > 0; n--) subject += 'abAB1- _'[random(8)];
    const ignoreCase = random(2) === 1;
    assert.equal(dotnetRegexIsMatch(source, subject, ignoreCase), new RegExp(source, ignoreCase ? 'i' : '').test(subject), `${source} on ${JSON.stringify(subject)}`);
  }
});
