/**
 * ARM's CIDR functions, parseCidr, cidrSubnet and cidrHost, for IPv4 and IPv6, as the docs give them
 * (template-functions-cidr.md): an IPv4 network reserves its first address (the network) and its last (broadcast);
 * an IPv6 network has no broadcast and its first usable address is the network itself, yet cidrHost(net, 0) is the
 * address after the network for both. Addresses are written as .NET writes them (IPv6 in RFC 5952 form).
 */
import { num, objectValue, str, unknown } from '../value';
import { asNumber, asString, strict, wrongType, type CallContext, type Fn } from './functionKit';

interface Network {
  version: 4 | 6;
  /** address bits: 32 or 128 */
  bits: number;
  prefix: number;
  /** the network address (host bits cleared) */
  network: bigint;
  /** the last address of the range */
  last: bigint;
}

const NOT_A_NETWORK = "a network in CIDR notation, such as '10.144.0.0/20' or 'fdad:3236:5555::/48'";

/** The usable addresses of an IPv4 /31 or /32 are not documented, so nothing that depends on them is guessed. */
const tinyIpv4 = (context: CallContext, network: Network) =>
  unknown(`${context.call.name}() of an IPv4 /${network.prefix} network: the docs do not say which of its addresses are usable`);

export const NETWORK_FUNCTIONS: Record<string, Fn> = {
  parsecidr: strict(([a], context) => {
    const network = parseNetwork(asString(a!));
    if (!network) return wrongType(context, NOT_A_NETWORK);
    if (network.version === 4 && network.prefix >= 31) return tinyIpv4(context, network);
    const reserved = network.version === 4 ? 1n : 0n;
    const addresses: [string, bigint][] = [
      ['network', network.network],
      ['netmask', mask(network.bits, network.prefix)],
      ...(network.version === 4 ? [['broadcast', network.last] as [string, bigint]] : []),
      ['firstUsable', network.network + reserved],
      ['lastUsable', network.last - reserved],
    ];
    const written = addresses.map(([name, address]) => ({ name, text: format(network, address) }));
    if (written.some((w) => w.text === undefined)) return embeddedIpv4(context);
    const members = written.map(({ name, text }) => ({ name, value: str(text!, context.origin) }));
    return objectValue([...members, { name: 'cidr', value: num(network.prefix, context.origin) }], context.origin);
  }, [1, 1]),
  cidrsubnet: strict(([a, b, c], context) => {
    const network = parseNetwork(asString(a!));
    const [newPrefix, index] = [asNumber(b!), asNumber(c!)];
    if (!network || newPrefix === undefined || index === undefined) return wrongType(context, `${NOT_A_NETWORK}, a new CIDR and a subnet index`);
    if (newPrefix < network.prefix || newPrefix > network.bits) {
      return unknown(`cidrSubnet() needs a new CIDR from ${network.prefix} to ${network.bits}, got ${newPrefix}`);
    }
    const count = 1n << BigInt(newPrefix - network.prefix);
    if (index < 0 || BigInt(index) >= count) return unknown(`cidrSubnet() subnet index ${index} is out of range: ${cidr(network)} has ${count} subnets of /${newPrefix}`);
    const subnet = format(network, network.network + (BigInt(index) << BigInt(network.bits - newPrefix)));
    return subnet === undefined ? embeddedIpv4(context) : str(`${subnet}/${newPrefix}`, context.origin);
  }, [3, 3]),
  cidrhost: strict(([a, b], context) => {
    const network = parseNetwork(asString(a!));
    const index = asNumber(b!);
    if (!network || index === undefined) return wrongType(context, `${NOT_A_NETWORK} and a host index`);
    if (network.version === 4 && network.prefix >= 31) return tinyIpv4(context, network);
    const lastUsable = network.last - (network.version === 4 ? 1n : 0n);
    const host = network.network + 1n + BigInt(index);
    if (index < 0 || host > lastUsable) {
      return unknown(`cidrHost() host index ${index} is out of range: ${cidr(network)} has ${lastUsable - network.network} host addresses`);
    }
    const address = format(network, host);
    return address === undefined ? embeddedIpv4(context) : str(address, context.origin);
  }, [2, 2]),
};

const embeddedIpv4 = (context: CallContext) =>
  unknown(`${context.call.name}() gives an IPv6 address that .NET writes with an embedded IPv4 address, which is not evaluated`);

/** The network as CIDR, for messages. */
const cidr = (network: Network) => `${format(network, network.network) ?? 'the network'}/${network.prefix}`;

const mask = (bits: number, prefix: number) => ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);

/** 'address/prefix'; undefined unless both parts are plainly written (no zone, no leading zeros in IPv4 octets). */
function parseNetwork(text: string | undefined): Network | undefined {
  const match = text === undefined ? null : /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const version = match[1]!.includes(':') ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const address = version === 4 ? parseIpv4(match[1]!) : parseIpv6(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > bits) return undefined;
  const network = address & mask(bits, prefix);
  return { version, bits, prefix, network, last: network | ((1n << BigInt(bits - prefix)) - 1n) };
}

function parseIpv4(text: string): bigint | undefined {
  // A leading zero would make .NET read the octet as octal: not guessed.
  const octets = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text)?.slice(1).map(Number);
  if (!octets || octets.some((o) => o > 255)) return undefined;
  return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  // An IPv4 address may end the address (::ffff:10.0.0.1): its two 16-bit words.
  const tail = groups[groups.length - 1]!;
  if (tail.length > 0 && tail[tail.length - 1]!.includes('.')) {
    const dotted = parseIpv4(tail.pop()!);
    if (dotted === undefined) return undefined;
    tail.push((dotted >> 16n).toString(16), (dotted & 0xffffn).toString(16));
  }
  if (groups.flat().some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  const written = groups.flat().length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const words = halves.length === 1 ? groups[0]! : [...groups[0]!, ...Array<string>(8 - written).fill('0'), ...groups[1]!];
  return words.reduce((value, word) => (value << 16n) | BigInt(parseInt(word, 16)), 0n);
}

/** An address as .NET writes it; undefined for the IPv6 forms .NET writes with an embedded IPv4 address. */
function format(network: Network, address: bigint): string | undefined {
  if (network.version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  // .NET's ShouldHaveIpv4Embedded: ::a.b.c.d, ::ffff:a.b.c.d, ::ffff:0:a.b.c.d and ISATAP (x:x:x:x:0:5efe:a.b.c.d).
  const leadingZeros = words.slice(0, 4).every((w) => w === 0) && words[6] !== 0;
  if ((leadingZeros && ((words[4] === 0 && (words[5] === 0 || words[5] === 0xffff)) || (words[4] === 0xffff && words[5] === 0))) || (words[4] === 0 && words[5] === 0x5efe)) {
    return undefined;
  }
  // RFC 5952: the longest run of two or more zero words (the first of equal runs) becomes '::'.
  let [start, length] = [-1, 0];
  for (let i = 0; i < 8; ) {
    let end = i;
    while (end < 8 && words[end] === 0) end++;
    if (end - i > length && end - i > 1) [start, length] = [i, end - i];
    i = end === i ? i + 1 : end;
  }
  const hex = words.map((w) => w.toString(16));
  return start < 0 ? hex.join(':') : `${hex.slice(0, start).join(':')}::${hex.slice(start + length).join(':')}`;
}
