/**
 * ARM's date functions that do not depend on the deployment: dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch, in
 * UTC, as the docs give them (template-functions-date.md). Times are kept as 100 ns ticks since 1970, .NET's precision.
 * What the docs leave open (a time with a UTC offset or without a zone, fractions of a second in the default format,
 * most .NET format strings) is unknown, never guessed.
 */
import { num, str, unknown, type Value } from '../value';
import { asNumber, asString, strict, wrongType, type CallContext, type Fn } from './functionKit';

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MS = 10_000n;
/** .NET's DateTime range, 0001-01-01 to 9999-12-31T23:59:59.9999999, in ticks since 1970 */
const [MIN_TICKS, MAX_TICKS] = [-62_135_596_800n * TICKS_PER_SECOND, 253_402_300_800n * TICKS_PER_SECOND - 1n];

interface Instant {
  ticks: bigint;
  /** 'Z', or the UTC offset as written */
  zone: string;
}

export const DATE_FUNCTIONS: Record<string, Fn> = {
  datetimeadd: strict(([a, b, c], context) => {
    const [base, duration, format] = [asString(a!), asString(b!), c === undefined ? undefined : asString(c)];
    if (base === undefined || duration === undefined || (c !== undefined && format === undefined)) return wrongType(context, 'a date and time, a duration and an optional format');
    const instant = parseDateTime(base);
    if (!instant) return unreadableTime(context, base);
    if (instant.zone !== 'Z') return unknown(`dateTimeAdd() of a time with a UTC offset ('${base}'): the docs do not say in which zone Azure writes the result`);
    const added = parseDuration(duration);
    if (added === undefined) return unknown(`dateTimeAdd() reads durations such as 'P1Y', '-P9D' or 'PT1H30M'; '${duration}' is not evaluated`);
    const ticks = instant.ticks + added;
    if (ticks < MIN_TICKS || ticks > MAX_TICKS) return unknown(`dateTimeAdd() gives a time outside .NET's range of dates (years 1 to 9999)`);
    const text = format === undefined ? defaultFormat(ticks) : formatTicks(ticks, format);
    return typeof text === 'string' ? str(text, context.origin) : unknown(`dateTimeAdd() ${text.error}`);
  }, [2, 3]),
  datetimefromepoch: strict(([a], context) => {
    const seconds = asNumber(a!);
    if (seconds === undefined) return wrongType(context, 'an integer number of seconds');
    const ticks = BigInt(seconds) * TICKS_PER_SECOND;
    if (ticks < MIN_TICKS || ticks > MAX_TICKS) return unknown(`dateTimeFromEpoch() of ${seconds} is outside .NET's range of dates (years 1 to 9999)`);
    return str(defaultFormat(ticks) as string, context.origin);
  }, [1, 1]),
  datetimetoepoch: strict(([a], context) => {
    const text = asString(a!);
    if (text === undefined) return wrongType(context, 'a date and time');
    const instant = parseDateTime(text);
    if (!instant) return unreadableTime(context, text);
    // Whole seconds, rounded down as .NET's ToUnixTimeSeconds does.
    const seconds = instant.ticks / TICKS_PER_SECOND - (instant.ticks % TICKS_PER_SECOND < 0n ? 1n : 0n);
    return num(Number(seconds), context.origin);
  }, [1, 1]),
};

const unreadableTime = (context: CallContext, text: string): Value =>
  unknown(`${context.call.name}() reads dates and times such as '2023-05-02T15:16:13Z' or '2023-05-02 15:16:13Z' (with 'Z' or a UTC offset); '${text}' is not evaluated`);

/** 'yyyy-MM-ddTHH:mm:ss[.fffffff]' (or with a space for 'T'), ending in 'Z' or a UTC offset. */
function parseDateTime(text: string): Instant | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  // Date rolls an impossible day or hour over into the next; .NET refuses it.
  if (year < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = match[8]!;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const fraction = BigInt((match[7] ?? '').padEnd(7, '0'));
  return { ticks: BigInt(date.getTime() - offsetMinutes * 60_000) * TICKS_PER_MS + fraction, zone };
}

/**
 * An ISO 8601 duration in ticks, read as .NET's XmlConvert.ToTimeSpan reads it: a year is 365 days and a month 30,
 * which is what the docs' leap-year examples show (2024-01-01 + P1Y = 2024-12-31). Weeks are not part of that form.
 */
function parseDuration(text: string): bigint | undefined {
  const match = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,7}))?S)?)?$/.exec(text);
  if (!match || /^-?P$/.test(text) || text.endsWith('T')) return undefined;
  const [years, months, days, hours, minutes, seconds] = match.slice(2, 8).map((part) => BigInt(part ?? '0')) as bigint[];
  const totalSeconds = ((years! * 365n + months! * 30n + days!) * 24n + hours!) * 3600n + minutes! * 60n + seconds!;
  const ticks = totalSeconds * TICKS_PER_SECOND + BigInt((match[8] ?? '').padEnd(7, '0'));
  return match[1] ? -ticks : ticks;
}

/**
 * The form the docs show for results without a format: dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y') is
 * '2024-01-01T00:00:00Z' and dateTimeFromEpoch gives '2023-05-02T15:16:13Z'. How fractions of a second are written
 * there is not documented.
 */
function defaultFormat(ticks: bigint): string | { error: string } {
  if (ticks % TICKS_PER_SECOND !== 0n) return { error: 'gives a time with fractions of a second, whose default format the docs do not show' };
  return formatTicks(ticks, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'");
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** .NET's standard formats whose invariant-culture pattern is fixed ('d' is the docs' utcNow('d') = '03/05/2019'). */
const STANDARD: Record<string, string> = { d: 'MM/dd/yyyy', s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss", u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'" };

/**
 * A UTC time in a .NET date format string, in the invariant culture: the standard formats above, and custom formats
 * of y, M, d, H, h, m, s, f, F and t, quoted text and escapes. Anything else ('o', 'K', 'z', 'g', ...) depends on how
 * Azure parsed the time, or is not evaluated: an error says which.
 */
function formatTicks(ticks: bigint, format: string): string | { error: string } {
  const pattern = format.length === 1 ? STANDARD[format] : format;
  if (pattern === undefined) return { error: `uses the standard date format '${format}', which is not evaluated` };
  const ms = ticks / TICKS_PER_MS - (ticks % TICKS_PER_MS < 0n ? 1n : 0n);
  const date = new Date(Number(ms));
  const fraction = String(((ticks % TICKS_PER_SECOND) + TICKS_PER_SECOND) % TICKS_PER_SECOND).padStart(7, '0');
  const [year, month, day, hour] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours()];
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    let ch = pattern[i]!;
    if (ch === "'" || ch === '"') {
      const end = pattern.indexOf(ch, i + 1);
      if (end < 0) return { error: `has an unclosed quote in the date format '${format}'` };
      out += pattern.slice(i + 1, end).replace(/\\(.)/g, '$1');
      i = end + 1;
      continue;
    }
    if ((ch === '\\' || ch === '%') && (i + 1 >= pattern.length || (ch === '%' && pattern[i + 1] === '%'))) return { error: `has a misplaced '${ch}' in the date format '${format}'` };
    if (ch === '\\') {
      out += pattern[i + 1];
      i += 2;
      continue;
    }
    // '%x' is the one-letter custom format x; otherwise a run of one letter is one specifier.
    const single = ch === '%';
    if (single) ch = pattern[++i]!;
    let n = 1;
    while (!single && pattern[i + n] === ch) n++;
    i += n;
    const two = Math.min(n, 2);
    switch (ch) {
      case 'y': out += n === 1 ? String(year % 100) : pad(n === 2 ? year % 100 : year, n); break;
      case 'M': out += n <= 2 ? pad(month + 1, n) : n === 3 ? MONTHS[month]!.slice(0, 3) : MONTHS[month]; break;
      case 'd': out += n <= 2 ? pad(day, n) : n === 3 ? DAYS[date.getUTCDay()]!.slice(0, 3) : DAYS[date.getUTCDay()]; break;
      case 'H': out += pad(hour, two); break;
      case 'h': out += pad(hour % 12 || 12, two); break;
      case 'm': out += pad(date.getUTCMinutes(), two); break;
      case 's': out += pad(date.getUTCSeconds(), two); break;
      case 't': out += (hour < 12 ? 'AM' : 'PM').slice(0, two); break;
      case 'f':
      case 'F': {
        if (n > 7) return { error: `has more than seven '${ch}' in the date format '${format}'` };
        const digits = ch === 'f' ? fraction.slice(0, n) : fraction.slice(0, n).replace(/0+$/, '');
        // .NET drops the decimal point before an 'F' that writes nothing.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 'g': case 'K': case 'z':
        return { error: `uses '${ch}' in the date format '${format}', which is not evaluated` };
      default: out += ch.repeat(n);
    }
  }
  return out;
}
