/**
 * How a return's date column is read, decided from all its values before any
 * record is built — which way round numbered dates go (one day over 12 proves
 * it), whether five-digit numbers are Excel serials, the format stated — and,
 * once every cell is read, the report of what was found: the forms with a
 * sample each, the order and why, the centuries chosen for two-digit years,
 * and the cells no form reads.
 */
import { type CompiledDateFormat, compileDateFormat } from './date-format.ts';
import { type DateParse, monthNumber, parseEventDate } from './parse-event-date.ts';

/** One non-empty date cell as written. */
export interface DateCell {
  record: number;
  text: string;
}

/** What every date of the column is read with. */
export interface DateReading {
  dayFirst: boolean;
  serials: boolean;
  format?: CompiledDateFormat;
  /** Today (YYYY-MM-DD): decides the century of two-digit years. */
  today: string;
}

export interface DateOrder {
  dayFirst: boolean;
  /**
   * `format`: the stated format says (MM/DD/YYYY); `option`: --month-first;
   * `proven`: some dates read only this way and none only the other;
   * `assumed`: no date proves it (UK day first, or as the mapping says);
   * `mixed`: dates prove both ways.
   */
  basis: 'format' | 'option' | 'proven' | 'assumed' | 'mixed';
  /** Numbered dates that read only day first (18/03/2023): how many, and the first. */
  dayFirstOnly?: { count: number; first: DateCell };
  /** Numbered dates that read only month first (03/18/2023). */
  monthFirstOnly?: { count: number; first: DateCell };
  /** Numbered dates that read either way (03/04/2023). */
  ambiguous: number;
}

export interface DateColumnReport {
  column: string;
  /** Non-empty date cells. */
  cells: number;
  /** Cells read as a date (a date after today included: that is refused on its own). */
  read: number;
  /** The format stated by the mapping (`dateFormat`), if any. */
  stated?: string;
  /** The forms the cells were written in, most common first, in the `date-format.ts` notation. */
  forms: { form: string; count: number; sample: DateCell }[];
  /** Cells read in an uncertain form (a range, "?/03/2023", "unknown"), which has no format. */
  uncertain: number;
  /** Present when the column has numbered dates (dd/mm or mm/dd). */
  order?: DateOrder;
  /** Five-digit numbers were read as Excel serial dates. */
  serials: boolean;
  /** Two-digit years, by the century chosen. */
  twoDigitYears: { century: number; count: number; sample: DateCell; year: number }[];
  /** Cells in no form read: how many, the first, and a format that would read it, when one is found. */
  unreadable: { count: number; sample?: DateCell; suggestion?: string };
}

const SERIAL = /^\s*\d{5}(\.\d+)?\s*$/;
const NUMBERED = /(?:^|[\s~(])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/g;

/** Whether `day` falls in `month` (1–12) of `year` (a two-digit year taken as 20yy: leap years agree). */
function isRealDay(day: number, month: number, year: number): boolean {
  const full = year < 100 ? 2000 + year : year;
  return day <= new Date(Date.UTC(full, month, 0)).getUTCDate();
}

/**
 * Decides how the column's dates are read. The order stated (`orderStated`,
 * or a format such as MM/DD/YYYY) is kept; otherwise dates that can be read
 * only one way decide it, and with none, `dayFirst` (the mapping's, UK by default).
 */
export function decideDateReading(
  cells: readonly DateCell[],
  options: {
    dayFirst: boolean;
    orderStated: boolean;
    format?: CompiledDateFormat;
    /** A workbook: five-digit numbers in it are serial dates whatever the rest hold. */
    xlsx: boolean;
    today: string;
  },
): { reading: DateReading; order?: DateOrder } {
  let ambiguous = 0;
  let dayFirstOnly: DateOrder['dayFirstOnly'];
  let monthFirstOnly: DateOrder['monthFirstOnly'];
  for (const cell of cells) {
    for (const m of cell.text.matchAll(NUMBERED)) {
      const [first, second] = [Number(m[1]), Number(m[3])];
      // Only a real day proves an order: 31/02/2023 is a mistake, not day-first evidence.
      const year = Number(m[4]);
      if (first > 12 && second >= 1 && second <= 12 && isRealDay(first, second, year)) {
        dayFirstOnly = {
          count: (dayFirstOnly?.count ?? 0) + 1,
          first: dayFirstOnly?.first ?? cell,
        };
      } else if (second > 12 && first >= 1 && first <= 12 && isRealDay(second, first, year)) {
        monthFirstOnly = {
          count: (monthFirstOnly?.count ?? 0) + 1,
          first: monthFirstOnly?.first ?? cell,
        };
      } else if (first <= 12 && second <= 12) ambiguous += 1;
    }
  }
  const evidence = {
    ...(dayFirstOnly ? { dayFirstOnly } : {}),
    ...(monthFirstOnly ? { monthFirstOnly } : {}),
    ambiguous,
  };
  const statedOrder = options.format?.dayFirst;
  const order: DateOrder | undefined =
    ambiguous + (dayFirstOnly?.count ?? 0) + (monthFirstOnly?.count ?? 0) === 0
      ? undefined
      : statedOrder !== undefined
        ? { dayFirst: statedOrder, basis: 'format', ...evidence }
        : options.orderStated
          ? { dayFirst: options.dayFirst, basis: 'option', ...evidence }
          : dayFirstOnly && monthFirstOnly
            ? { dayFirst: options.dayFirst, basis: 'mixed', ...evidence }
            : dayFirstOnly || monthFirstOnly
              ? { dayFirst: Boolean(dayFirstOnly), basis: 'proven', ...evidence }
              : { dayFirst: options.dayFirst, basis: 'assumed', ...evidence };
  const serialCells = cells.filter((c) => SERIAL.test(c.text)).length;
  const reading: DateReading = {
    dayFirst: order?.dayFirst ?? statedOrder ?? options.dayFirst,
    serials: options.xlsx || Boolean(options.format?.excel) || serialCells * 2 > cells.length,
    ...(options.format ? { format: options.format } : {}),
    today: options.today,
  };
  return { reading, ...(order ? { order } : {}) };
}

/** A date cell and what it was read as. */
export interface DateRead extends DateCell {
  parsed: DateParse;
}

/** What the column's cells were read as, for the import report. */
export function reportDateColumn(
  column: string,
  reading: DateReading,
  order: DateOrder | undefined,
  reads: readonly DateRead[],
): DateColumnReport {
  const forms = new Map<string, { form: string; count: number; sample: DateCell }>();
  const centuries = new Map<number, DateColumnReport['twoDigitYears'][number]>();
  const unreadable: DateCell[] = [];
  let read = 0;
  let uncertain = 0;
  for (const { parsed, ...cell } of reads) {
    if (!parsed.ok) {
      if (parsed.kind === 'unreadable') unreadable.push(cell);
      continue;
    }
    read += 1;
    if (parsed.form === undefined) uncertain += 1;
    else {
      const seen = forms.get(parsed.form);
      if (seen) seen.count += 1;
      else forms.set(parsed.form, { form: parsed.form, count: 1, sample: cell });
    }
    if (parsed.twoDigitYear !== undefined) {
      const century = Math.floor(parsed.twoDigitYear / 100) * 100;
      const seen = centuries.get(century);
      if (seen) seen.count += 1;
      else centuries.set(century, { century, count: 1, sample: cell, year: parsed.twoDigitYear });
    }
  }
  const sample = unreadable[0];
  const suggestion = sample ? suggestDateFormat(sample.text, reading) : undefined;
  return {
    column,
    cells: reads.length,
    read,
    ...(reading.format ? { stated: reading.format.text } : {}),
    forms: [...forms.values()].sort((a, b) => b.count - a.count),
    uncertain,
    ...(order ? { order } : {}),
    serials: reading.serials,
    twoDigitYears: [...centuries.values()].sort((a, b) => b.century - a.century),
    unreadable: {
      count: unreadable.length,
      ...(sample ? { sample } : {}),
      ...(suggestion ? { suggestion } : {}),
    },
  };
}

/**
 * Whether the column is unreadable as a whole: most of its dates, and at least
 * three, in no form read. Then one message about the column says more than a
 * message on every record.
 */
export function mostlyUnreadable(report: DateColumnReport): boolean {
  return report.unreadable.count >= 3 && report.unreadable.count * 2 > report.cells;
}

const AMPM = /^(am|pm|a\.m\.|p\.m\.)$/i;
const WEEKDAY = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?$/i;

/**
 * A date format that reads `text`, guessed from its shape: numbers from left
 * to right as day, month (either way round), year, hour, minutes, seconds;
 * words as month names, weekdays and am/pm, or matched as written. Checked by
 * reading `text` with it; undefined when no guess reads it.
 * @example suggestDateFormat('18/Mar/2023 16h05', reading) // 'DD/MMM/YYYY HH"h"mm'
 */
export function suggestDateFormat(text: string, reading: DateReading): string | undefined {
  const pieces = text.trim().match(/\d+|[a-z]+|[^a-z\d]+/gi) ?? [];
  const hasMonthWord = pieces.some((p) => /^[a-z]{3,}$/i.test(p) && monthNumber(p) !== undefined);
  const hasLongYear = pieces.some((p) => /^\d{4}$/.test(p));
  const twelveHour = pieces.some((p) => AMPM.test(p));
  const guess = (dayFirst: boolean): string => {
    const date = hasMonthWord ? ['DD'] : dayFirst ? ['DD', 'MM'] : ['MM', 'DD'];
    if (!hasLongYear) date.push('YY');
    const time = [twelveHour ? 'hh' : 'HH', 'mm', 'ss'];
    let yearDone = false;
    return pieces
      .map((p) => {
        if (/^\d+$/.test(p)) {
          if (p.length === 8 && !yearDone) {
            yearDone = true;
            return /^(19|20)/.test(p) ? 'YYYYMMDD' : dayFirst ? 'DDMMYYYY' : 'MMDDYYYY';
          }
          if (p.length === 4 && !yearDone) {
            yearDone = true;
            return 'YYYY';
          }
          if (p.length === 4 && time.length === 3) {
            time.splice(0, 2);
            return twelveHour ? 'hhmm' : 'HHmm';
          }
          const next = date.shift() ?? time.shift();
          if (next === 'YY') yearDone = true;
          return next ?? p;
        }
        if (/^[a-z]+$/i.test(p)) {
          if (monthNumber(p) !== undefined) return 'MMM';
          if (WEEKDAY.test(p)) return 'dddd';
          if (AMPM.test(p)) return 'A';
          return `"${p}"`;
        }
        return p;
      })
      .join('');
  };
  for (const dayFirst of [reading.dayFirst, !reading.dayFirst]) {
    const format = guess(dayFirst);
    const compiled = compileDateFormat(format);
    if (!compiled.ok) continue;
    const parsed = parseEventDate(text, { today: reading.today, format: compiled.format });
    if (parsed.ok && parsed.form === format) return format;
  }
  return undefined;
}
