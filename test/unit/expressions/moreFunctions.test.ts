/**
 * intersection, the URI, data URI and base64 JSON functions, the CIDR functions and the date functions: the docs'
 * examples with the outputs the docs give (MicrosoftDocs/azure-docs, articles/azure-resource-manager/templates/
 * template-functions-*.md and bicep/bicep-functions-*.md), then edges and errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, plain } from './testScope';

const result = (expression: unknown, sections = {}) => plain(evaluate(expression, sections).value);
const deploymentTime = 'unknown: reference() is evaluated at deployment time';

test('intersection(): the docs examples, for objects and arrays, with the first array deciding the order', () => {
  const variables = {
    firstObject: { one: 'a', two: 'b', three: 'c' },
    secondObject: { one: 'a', two: 'z', three: 'c' },
    firstArray: ['one', 'two', 'three'],
    secondArray: ['two', 'three'],
    array1: [1, 2, 3, 4],
    array2: [3, 2, 1],
    array3: [4, 1, 3, 2],
  };
  assert.deepEqual(result("[intersection(variables('firstObject'), variables('secondObject'))]", { variables }), { one: 'a', three: 'c' });
  assert.deepEqual(result("[intersection(variables('firstArray'), variables('secondArray'))]", { variables }), ['two', 'three']);
  assert.deepEqual(result("[intersection(variables('array1'), variables('array2'), variables('array3'))]", { variables }), [1, 2, 3]);
  assert.deepEqual(result("[intersection(variables('array2'), variables('array3'), variables('array1'))]", { variables }), [3, 2, 1]);
});

test('intersection(): keys compare case-insensitively and keep the first name, values deeply and case-sensitively; a common value comes once', () => {
  assert.deepEqual(result("[intersection(createObject('Access', 'Disabled', 'x', 1), createObject('access', 'Disabled'), createObject('ACCESS', 'Disabled', 'y', 2))]"), { Access: 'Disabled' });
  assert.deepEqual(result("[intersection(createObject('p', createObject('a', 1)), createObject('P', createObject('A', 1)))]"), { p: { a: 1 } });
  assert.deepEqual(result("[intersection(createObject('a', 'X'), createObject('a', 'x'))]"), {});
  assert.deepEqual(result("[intersection(createArray('A', 'b'), createArray('a', 'b'))]"), ['b']);
  assert.deepEqual(result("[intersection(createArray('x', 'y', 'x', 'y'), createArray('y', 'x'))]"), ['x', 'y']);
  assert.deepEqual(result("[intersection(createArray(createObject('k', 1)), createArray(createObject('K', 1)))]"), [{ k: 1 }]);
  assert.deepEqual(result("[intersection(createArray(1), createArray())]"), []);
});

test('intersection(): an unknown part that could change the result makes it unknown; one that cannot does not', () => {
  const variables = { withReference: ["[reference('r').id]", 'x'], objectWithReference: { a: "[reference('r').id]", b: 1 } };
  assert.equal(result("[intersection(variables('withReference'), createArray('x'))]", { variables }), deploymentTime);
  assert.equal(result("[intersection(variables('objectWithReference'), createObject('a', 'x', 'b', 1))]", { variables }), deploymentTime);
  // The member with the unknown value is not in the other object, so it is not common whatever its value.
  assert.deepEqual(result("[intersection(variables('objectWithReference'), createObject('b', 1))]", { variables }), { b: 1 });
});

test('intersection(): at least two arguments, all arrays or all objects', () => {
  assert.equal(result("[intersection(createArray(1))]"), 'unknown: intersection() takes at least 2 arguments, got 1');
  assert.equal(result("[intersection(createArray(1), createObject('a', 1))]"), 'unknown: intersection() expects objects or arrays, all of one kind');
  assert.equal(result("[intersection('ab', 'b')]"), 'unknown: intersection() expects objects or arrays, all of one kind');
});

test("uri(): the docs' examples (a base that does not end in '/' loses its last segment), RFC 3986 resolution, and what is not combined", () => {
  assert.equal(result("[uri('http://contoso.org/firstpath', 'myscript.sh')]"), 'http://contoso.org/myscript.sh');
  assert.equal(result("[uri('http://contoso.org/firstpath/', 'myscript.sh')]"), 'http://contoso.org/firstpath/myscript.sh');
  assert.equal(result("[uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')]"), 'http://contoso.org/firstpath/myscript.sh');
  assert.equal(result("[uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')]"), 'http://contoso.org/firstpath/azuredeploy.json/myscript.sh');
  assert.equal(result("[uri('http://contoso.com/resources/azuredeploy.json', 'nested/azuredeploy.json')]"), 'http://contoso.com/resources/nested/azuredeploy.json');
  assert.equal(result("[uri('https://contoso.com/a/b/c.json', '../d.json?sv=1')]"), 'https://contoso.com/a/d.json?sv=1');
  assert.equal(result("[uri('https://contoso.com/a/b/c.json', '/root.json')]"), 'https://contoso.com/root.json');
  assert.equal(result("[uri('nested/', 'a.json')]"), 'unknown: uri() expects an absolute base URI of printable ASCII characters');
  assert.equal(result("[uri('https://contoso.com/', 'a b.json')]"), 'unknown: uri() is not evaluated for a relative URI with spaces, backslashes or characters beyond ASCII');
  assert.equal(result("[uri('https://contoso.com/', 1)]"), 'unknown: uri() expects a base URI and a relative URI');
});

test('uriComponent() and uriComponentToString(): the docs example, and .NET escaping, which differs from encodeURIComponent', () => {
  const uri = 'http://contoso.com/resources/nested/azuredeploy.json';
  const encoded = 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json';
  assert.equal(result(`[uriComponent('${uri}')]`), encoded);
  assert.equal(result(`[uriComponentToString('${encoded}')]`), uri);
  // Only A-Z a-z 0-9 - _ . ~ stay; encodeURIComponent would keep ! ' ( ) *.
  assert.equal(result("[uriComponent('AZaz09-_.~')]"), 'AZaz09-_.~');
  assert.equal(result("[uriComponent('a b!''()*+,;=&?#[]@$%')]"), 'a%20b%21%27%28%29%2A%2B%2C%3B%3D%26%3F%23%5B%5D%40%24%25');
  // UTF-8 bytes, upper-case hex.
  assert.equal(result("[uriComponent('caf\u00e9 \u20ac\ud83d\udc33')]"), 'caf%C3%A9%20%E2%82%AC%F0%9F%90%B3');
  assert.equal(result("[uriComponentToString(uriComponent('caf\u00e9 \u20ac\ud83d\udc33 !*'))]"), 'caf\u00e9 \u20ac\ud83d\udc33 !*');
  assert.equal(result("[uriComponent('')]"), '');
});

test('uriComponentToString() never fails, as .NET\'s UnescapeDataString: malformed and invalid escapes stay as written', () => {
  assert.equal(result("[uriComponentToString('%c3%a9%41')]"), '\u00e9A', 'lower-case hex decodes too');
  assert.equal(result("[uriComponentToString('a+b')]"), 'a+b', "'+' is not a space");
  assert.equal(result("[uriComponentToString('100%')]"), '100%');
  assert.equal(result("[uriComponentToString('%zz%4')]"), '%zz%4');
  // A lead byte followed by something that is no continuation byte stays escaped; what follows is read on its own.
  assert.equal(result("[uriComponentToString('%C3%28')]"), '%C3(');
  assert.equal(result("[uriComponentToString('%E2%82')]"), '%E2%82', 'a truncated sequence');
  assert.equal(result("[uriComponentToString('%E2%C3%A9')]"), '%E2\u00e9');
  assert.equal(result("[uriComponentToString('%C0%AF')]"), '%C0%AF', 'an overlong form');
  assert.equal(result("[uriComponentToString('%ED%A0%80')]"), '%ED%A0%80', 'an encoded surrogate');
  assert.equal(result("[uriComponentToString('%80x')]"), '%80x', 'a continuation byte alone');
  assert.equal(result("[uriComponentToString('%F0%9F%90%B3')]"), '\ud83d\udc33');
});

test('dataUri() and dataUriToString(): the docs examples, a round trip, and what is not evaluated', () => {
  assert.equal(result("[dataUri('Hello')]"), 'data:text/plain;charset=utf8;base64,SGVsbG8=');
  assert.equal(result("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]"), 'Hello, World!');
  assert.equal(result("[dataUri('')]"), 'data:text/plain;charset=utf8;base64,');
  assert.equal(result("[dataUriToString(dataUri('caf\u00e9 \ud83d\udc33'))]"), 'caf\u00e9 \ud83d\udc33');
  assert.equal(result("[dataUriToString('data:text/plain;charset=UTF-8;base64,SGk=')]"), 'Hi');
  assert.equal(result("[dataUriToString('data:,Hello%2C%20World')]"), 'unknown: dataUriToString() evaluates only base64 data URIs');
  assert.equal(result("[dataUriToString('data:text/plain;charset=utf-16;base64,SABpAA==')]"), "unknown: dataUriToString() evaluates only UTF-8 data URIs, not charset 'utf-16'");
  assert.equal(result("[dataUriToString('SGVsbG8=')]"), "unknown: dataUriToString() expects a data URI, such as 'data:;base64,SGVsbG8='");
  assert.equal(result("[dataUriToString('data:;base64,SGVsbG8')]"), 'unknown: dataUriToString() was given a data URI whose data is not base64');
  assert.equal(result('[dataUri(1)]'), 'unknown: dataUri() expects a string');
});

test('base64ToJson() is json() of base64ToString(): the docs example; base64 read as .NET reads it', () => {
  // The docs: base64('one, two, three') is 'b25lLCB0d28sIHRocmVl'; base64ToJson(base64('{"one": "a", "two": "b"}')) is that object.
  assert.equal(result("[base64('one, two, three')]"), 'b25lLCB0d28sIHRocmVl');
  assert.deepEqual(result('[base64ToJson(base64(\'{"one": "a", "two": "b"}\'))]'), { one: 'a', two: 'b' });
  assert.deepEqual(result("[base64ToJson('eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')]"), { one: 'a', two: 'b' });
  assert.deepEqual(result("[base64ToJson(base64('[1, null, \"Disabled\"]'))]"), [1, null, 'Disabled']);
  assert.equal(result("[base64ToJson(base64('not json'))]"), 'unknown: base64ToJson() was given text that is not JSON');
  assert.equal(result("[base64ToJson('***')]"), 'unknown: base64ToJson() was given text that is not base64');
  // Convert.FromBase64String skips white space and wants whole groups of four.
  assert.equal(result("[base64ToString('SGVs bG8=')]"), 'Hello');
  assert.equal(result("[base64ToString('SGVsbG8')]"), 'unknown: base64ToString() was given text that is not base64');
  assert.equal(result("[json('{')]"), 'unknown: json() was given text that is not JSON');
});

test('parseCidr(): the docs examples for IPv4 and IPv6, with their fields in the docs order', () => {
  const v4 = result("[parseCidr('10.144.0.0/20')]");
  assert.deepEqual(v4, { network: '10.144.0.0', netmask: '255.255.240.0', broadcast: '10.144.15.255', firstUsable: '10.144.0.1', lastUsable: '10.144.15.254', cidr: 20 });
  assert.deepEqual(Object.keys(v4 as object), ['network', 'netmask', 'broadcast', 'firstUsable', 'lastUsable', 'cidr']);
  const v6 = result("[parseCidr('fdad:3236:5555::/48')]");
  assert.deepEqual(v6, { network: 'fdad:3236:5555::', netmask: 'ffff:ffff:ffff::', firstUsable: 'fdad:3236:5555::', lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff', cidr: 48 });
  assert.deepEqual(Object.keys(v6 as object), ['network', 'netmask', 'firstUsable', 'lastUsable', 'cidr']);
});

test('parseCidr(): host bits are cleared; IPv6 is written in .NET\'s RFC 5952 form; IPv4 /31 and /32 are not documented', () => {
  assert.equal(result("[parseCidr('10.144.3.7/20').network]"), '10.144.0.0');
  assert.deepEqual(result("[parseCidr('0.0.0.0/0')]"), { network: '0.0.0.0', netmask: '0.0.0.0', broadcast: '255.255.255.255', firstUsable: '0.0.0.1', lastUsable: '255.255.255.254', cidr: 0 });
  assert.deepEqual(result("[parseCidr('192.168.1.0/30')]"), { network: '192.168.1.0', netmask: '255.255.255.252', broadcast: '192.168.1.3', firstUsable: '192.168.1.1', lastUsable: '192.168.1.2', cidr: 30 });
  assert.equal(result("[parseCidr('10.0.0.0/31')]"), 'unknown: parseCidr() of an IPv4 /31 network: the docs do not say which of its addresses are usable');
  assert.equal(result("[parseCidr('10.0.0.1/32')]"), 'unknown: parseCidr() of an IPv4 /32 network: the docs do not say which of its addresses are usable');
  // IPv6 reserves nothing: a /128 is one usable address.
  assert.deepEqual(result("[parseCidr('FDAD:0:0:1::1/128')]"), { network: 'fdad:0:0:1::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', firstUsable: 'fdad:0:0:1::1', lastUsable: 'fdad:0:0:1::1', cidr: 128 });
  // The longest run of two or more zero words becomes '::' (the first of equal runs); a single zero word stays.
  assert.equal(result("[parseCidr('2001:db8:0:0:1:0:0:1/128').network]"), '2001:db8::1:0:0:1');
  assert.equal(result("[parseCidr('2001:db8:0:1:1:1:1:1/128').network]"), '2001:db8:0:1:1:1:1:1');
  assert.equal(result("[parseCidr('::/0').lastUsable]"), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  assert.equal(result("[parseCidr('::ffff:10.0.0.0/120')]"), 'unknown: parseCidr() gives an IPv6 address that .NET writes with an embedded IPv4 address, which is not evaluated');
});

test('parseCidr(), cidrSubnet() and cidrHost() refuse what is not a network in CIDR notation', () => {
  const expected = "unknown: parseCidr() expects a network in CIDR notation, such as '10.144.0.0/20' or 'fdad:3236:5555::/48'";
  for (const network of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '010.0.0.0/8', '10.0.0/8', 'fdad::1::2/64', 'fdad::/129', 'fdad:1:2:3:4:5:6:7:8/64', 'fe80::1%eth0/64']) {
    assert.equal(result(`[parseCidr('${network}')]`), expected, network);
  }
  assert.equal(result('[parseCidr(10)]'), expected);
  assert.equal(result("[cidrSubnet('10.0.0.0', 24, 0)]"), "unknown: cidrSubnet() expects a network in CIDR notation, such as '10.144.0.0/20' or 'fdad:3236:5555::/48', a new CIDR and a subnet index");
  assert.equal(result("[cidrHost('10.0.0.0/8', '1')]"), "unknown: cidrHost() expects a network in CIDR notation, such as '10.144.0.0/20' or 'fdad:3236:5555::/48' and a host index");
});

test('cidrSubnet(): the docs examples, and a new CIDR or an index out of range', () => {
  const v4 = [0, 1, 2, 3, 4].map((i) => result(`[cidrSubnet('10.144.0.0/20', 24, ${i})]`));
  assert.deepEqual(v4, ['10.144.0.0/24', '10.144.1.0/24', '10.144.2.0/24', '10.144.3.0/24', '10.144.4.0/24']);
  const v6 = [0, 1, 2, 3, 4].map((i) => result(`[cidrSubnet('fdad:3236:5555::/48', 52, ${i})]`));
  assert.deepEqual(v6, ['fdad:3236:5555::/52', 'fdad:3236:5555:1000::/52', 'fdad:3236:5555:2000::/52', 'fdad:3236:5555:3000::/52', 'fdad:3236:5555:4000::/52']);
  assert.equal(result("[cidrSubnet('10.144.0.0/20', 20, 0)]"), '10.144.0.0/20');
  assert.equal(result("[cidrSubnet('10.0.0.0/30', 32, 3)]"), '10.0.0.3/32');
  assert.equal(result("[cidrSubnet('10.144.0.0/20', 24, 15)]"), '10.144.15.0/24');
  assert.equal(result("[cidrSubnet('10.144.0.0/20', 24, 16)]"), 'unknown: cidrSubnet() subnet index 16 is out of range: 10.144.0.0/20 has 16 subnets of /24');
  assert.equal(result("[cidrSubnet('10.144.0.0/20', 24, -1)]"), 'unknown: cidrSubnet() subnet index -1 is out of range: 10.144.0.0/20 has 16 subnets of /24');
  assert.equal(result("[cidrSubnet('10.144.0.0/20', 19, 0)]"), 'unknown: cidrSubnet() needs a new CIDR from 20 to 32, got 19');
  assert.equal(result("[cidrSubnet('fdad::/48', 129, 0)]"), 'unknown: cidrSubnet() needs a new CIDR from 48 to 128, got 129');
});

test('cidrHost(): the docs examples (index 0 is the address after the network, for IPv4 and IPv6), and the range of indexes', () => {
  const v4 = [0, 1, 2, 3, 4].map((i) => result(`[cidrHost('10.144.3.0/24', ${i})]`));
  assert.deepEqual(v4, ['10.144.3.1', '10.144.3.2', '10.144.3.3', '10.144.3.4', '10.144.3.5']);
  const v6 = [0, 1, 2, 3, 4].map((i) => result(`[cidrHost('fdad:3236:5555:3000::/52', ${i})]`));
  assert.deepEqual(v6, ['fdad:3236:5555:3000::1', 'fdad:3236:5555:3000::2', 'fdad:3236:5555:3000::3', 'fdad:3236:5555:3000::4', 'fdad:3236:5555:3000::5']);
  // The docs' own: 192.168.1.0/24 has the usable addresses .1 to .254; the broadcast is not a host.
  assert.equal(result("[cidrHost('192.168.1.0/24', 0)]"), '192.168.1.1');
  assert.equal(result("[cidrHost('192.168.1.0/24', 253)]"), '192.168.1.254');
  assert.equal(result("[cidrHost('192.168.1.0/24', 254)]"), 'unknown: cidrHost() host index 254 is out of range: 192.168.1.0/24 has 254 host addresses');
  assert.equal(result("[cidrHost('192.168.1.0/24', -1)]"), 'unknown: cidrHost() host index -1 is out of range: 192.168.1.0/24 has 254 host addresses');
  // IPv6 has no broadcast: the last address is a host.
  assert.equal(result("[cidrHost('fdad::/126', 2)]"), 'fdad::3');
  assert.equal(result("[cidrHost('fdad::/126', 3)]"), 'unknown: cidrHost() host index 3 is out of range: fdad::/126 has 3 host addresses');
  assert.equal(result("[cidrHost('10.0.0.0/31', 0)]"), 'unknown: cidrHost() of an IPv4 /31 network: the docs do not say which of its addresses are usable');
});

test('dateTimeAdd(): the docs examples; a year is 365 days and a month 30, as the docs say', () => {
  assert.equal(result("[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')]"), '2024-01-01T00:00:00Z');
  assert.equal(result("[dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')]"), '2024-12-31T00:00:00Z');
  assert.equal(result("[dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')]"), '2023-03-03T00:00:00Z');
  assert.equal(result("[dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')]"), '2024-03-02T00:00:00Z');
  // The docs' base time 2020-04-07 14:53:14Z gives 4/7/2023 2:53:14 PM, 3/29/2020 2:53:14 PM and 4/7/2020 3:53:14 PM.
  assert.equal(result("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]"), '2023-04-07T14:53:14Z');
  assert.equal(result("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]"), '2020-03-29T14:53:14Z');
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H')]"), '2020-04-07T15:53:14Z');
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14Z', '-P1DT1H30M15S')]"), '2020-04-06T13:22:59Z');
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14.5Z', 'PT0.5S')]"), '2020-04-07T14:53:15Z');
});

test('dateTimeAdd() with a format: the invariant culture formats the docs show for utcNow, and custom formats', () => {
  // The docs' utcNow('d') is 03/05/2019 and utcNow('M d') is 3 5 for 2019-03-05T17:53:18Z.
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'd')]"), '03/05/2019');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'M d')]"), '3 5');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'P1D', 'u')]"), '2019-03-06 17:53:18Z');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'P1D', 's')]"), '2019-03-06T17:53:18');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'P1D', 'yyyyMMddTHHmmssZ')]"), '20190306T175318Z');
  assert.equal(result("[dateTimeAdd('2019-03-05T07:03:08Z', 'PT0S', 'h:m:s tt, ddd d MMM yy / dddd MMMM yyy')]"), '7:3:8 AM, Tue 5 Mar 19 / Tuesday March 2019');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0.25S', 'ss.fff|ss.FFF|ss.FFFFFFF')]"), '18.250|18.25|18.25');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'ss.FFF')]"), '18', "an 'F' that writes nothing drops its decimal point");
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', '''at'' HH\\h \"mm\" %d')]"), 'at 17h mm 5');
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'yyyy-MM-ddTHH:mm:ssK')]"), "unknown: dateTimeAdd() uses 'K' in the date format 'yyyy-MM-ddTHH:mm:ssK', which is not evaluated");
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'o')]"), "unknown: dateTimeAdd() uses the standard date format 'o', which is not evaluated");
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'HH ''h')]"), "unknown: dateTimeAdd() has an unclosed quote in the date format 'HH 'h'");
  assert.equal(result("[dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'ss.ffffffff')]"), "unknown: dateTimeAdd() has more than seven 'f' in the date format 'ss.ffffffff'");
});

test('dateTimeAdd(): what the docs leave open is unknown and says so', () => {
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT0.5S')]"), 'unknown: dateTimeAdd() gives a time with fractions of a second, whose default format the docs do not show');
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14+02:00', 'P1D')]"), "unknown: dateTimeAdd() of a time with a UTC offset ('2020-04-07T14:53:14+02:00'): the docs do not say in which zone Azure writes the result");
  const unread = (text: string) => `unknown: dateTimeAdd() reads dates and times such as '2023-05-02T15:16:13Z' or '2023-05-02 15:16:13Z' (with 'Z' or a UTC offset); '${text}' is not evaluated`;
  for (const base of ['2020-04-07T14:53:14', '20190305T175318Z', '2020-02-30T00:00:00Z', '2020-04-07T24:00:00Z', 'tomorrow']) {
    assert.equal(result(`[dateTimeAdd('${base}', 'P1D')]`), unread(base), base);
  }
  for (const duration of ['P1W', 'P', 'PT', '1D', 'P1.5D', 'P1DT']) {
    assert.equal(result(`[dateTimeAdd('2020-04-07T14:53:14Z', '${duration}')]`), `unknown: dateTimeAdd() reads durations such as 'P1Y', '-P9D' or 'PT1H30M'; '${duration}' is not evaluated`, duration);
  }
  assert.equal(result("[dateTimeAdd('9999-12-31T00:00:00Z', 'P1D')]"), "unknown: dateTimeAdd() gives a time outside .NET's range of dates (years 1 to 9999)");
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14Z')]"), 'unknown: dateTimeAdd() takes 2 to 3 arguments, got 1');
  assert.equal(result("[dateTimeAdd('2020-04-07T14:53:14Z', 1)]"), 'unknown: dateTimeAdd() expects a date and time, a duration and an optional format');
});

test('dateTimeFromEpoch() and dateTimeToEpoch(): the docs example both ways, offsets, and the range of dates', () => {
  assert.equal(result('[dateTimeFromEpoch(1683040573)]'), '2023-05-02T15:16:13Z');
  assert.equal(result("[dateTimeToEpoch('2023-05-02T15:16:13Z')]"), 1683040573);
  assert.equal(result("[dateTimeToEpoch('2023-05-02 17:16:13+02:00')]"), 1683040573, 'an offset names one instant');
  assert.equal(result("[dateTimeToEpoch(dateTimeFromEpoch(-1))]"), -1);
  assert.equal(result("[dateTimeToEpoch('1969-12-31T23:59:59.5Z')]"), -1, 'whole seconds, rounded down');
  assert.equal(result('[dateTimeFromEpoch(0)]'), '1970-01-01T00:00:00Z');
  assert.equal(result('[dateTimeFromEpoch(-62135596800)]'), '0001-01-01T00:00:00Z');
  assert.equal(result('[dateTimeFromEpoch(-62135596801)]'), "unknown: dateTimeFromEpoch() of -62135596801 is outside .NET's range of dates (years 1 to 9999)");
  assert.equal(result("[dateTimeFromEpoch('1683040573')]"), 'unknown: dateTimeFromEpoch() expects an integer number of seconds');
  assert.equal(result("[dateTimeToEpoch('2023-05-02T15:16:13')]"), "unknown: dateTimeToEpoch() reads dates and times such as '2023-05-02T15:16:13Z' or '2023-05-02 15:16:13Z' (with 'Z' or a UTC offset); '2023-05-02T15:16:13' is not evaluated");
});

test('references(), toLogicalZone(), toPhysicalZone() and float() are unknown and say why', () => {
  assert.equal(result("[references('registries')]"), 'unknown: references() is evaluated at deployment time');
  assert.equal(result("[toLogicalZone('sub', 'eastus', 'eastus-az1')]"), 'unknown: toLogicalZone() maps availability zones as the subscription sees them, at deployment time');
  assert.equal(result("[toPhysicalZone('sub', 'eastus', '1')]"), 'unknown: toPhysicalZone() maps availability zones as the subscription sees them, at deployment time');
  assert.equal(result("[float('1.5')]"), "unknown: float() gives a floating-point value, which is not evaluated (this engine's numbers are integers)");
});
