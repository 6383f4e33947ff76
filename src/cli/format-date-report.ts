/**
 * The import report's account of the date column, for the command line: the
 * forms found with a sample each, which way round numbered dates were read
 * and why, the century chosen for two-digit years, and how to state the
 * format (`dateFormat` in a mapping, or --date-format).
 */
import {
  type DateCell,
  type DateColumnReport,
  type DateOrder,
  mostlyUnreadable,
} from '../chronology/read-date-column.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const cell = (c: DateCell) => `"${c.text}" (record ${c.record})`;
const formName = (form: string) => (form === 'excel' ? 'Excel serial numbers' : form);

/** The line that says which way round 03/04/2023 was read, and why. */
export function orderLine(order: DateOrder, stated: string | undefined): string {
  const example = order.dayFirst ? '03/04/2023 is 3 April 2023' : '03/04/2023 is March 4, 2023';
  const way = order.dayFirst ? 'day first' : 'month first';
  switch (order.basis) {
    case 'format':
      return `Dates read ${way}, as the date format ${stated} says: ${example}.`;
    case 'option':
      return `Dates read ${way}: ${example}.`;
    case 'proven': {
      const proof = order.dayFirst ? order.dayFirstOnly : order.monthFirstOnly;
      const others = proof && proof.count > 1 ? ` and ${plural(proof.count - 1, 'other')}` : '';
      return `Dates read ${way}: ${proof ? cell(proof.first) : 'a date'}${others} can only be read that way, and none the other way, so ${example}.`;
    }
    case 'mixed': {
      const [day, month] = [order.dayFirstOnly?.first, order.monthFirstOnly?.first];
      return `Dates read ${way}, though some read only day first${day ? `, e.g. ${cell(day)},` : ''} and some only month first${month ? `, e.g. ${cell(month)}` : ''}: check the records refused.`;
    }
    case 'assumed':
      return order.dayFirst
        ? `Dates read day first, the UK order, as no date proves otherwise: ${example} (--month-first reads it as March 4).`
        : `Dates read month first, as the mapping says (no date proves the order): ${example}.`;
  }
}

/** The date column's lines, indented under the columns. */
export function dateReportLines(dates: DateColumnReport): string[] {
  const lines: string[] = [];
  const read = dates.cells === 0 ? 'no dates' : `${dates.read} of ${dates.cells} read`;
  const stated = dates.stated ? `, date format stated: ${formName(dates.stated)}` : '';
  lines.push(`Dates in "${dates.column}" (${read}${stated}):`);
  const width = Math.max(0, ...dates.forms.map((f) => formName(f.form).length));
  for (const f of dates.forms) {
    lines.push(
      `  ${formName(f.form).padEnd(width)}  ${String(f.count).padStart(4)}, e.g. ${cell(f.sample)}`,
    );
  }
  if (dates.uncertain > 0) {
    lines.push(
      `  ${plural(dates.uncertain, 'date')} in an uncertain form (a range, part of a month, "unknown")`,
    );
  }
  if (dates.unreadable.count > 0 && dates.unreadable.sample) {
    lines.push(
      `  ${plural(dates.unreadable.count, 'date')} in no form read, e.g. ${cell(dates.unreadable.sample)}`,
    );
  }
  if (dates.order) lines.push(`  ${orderLine(dates.order, dates.stated)}`);
  for (const y of dates.twoDigitYears) {
    lines.push(
      `  Warning: ${plural(y.count, 'two-digit year')} read in the ${y.century}s, e.g. ${cell(y.sample)} as ${y.year}; if that is the wrong century, write the year in four digits.`,
    );
  }
  // A column mostly unreadable has its own problem, which says so.
  if (dates.unreadable.count > 0 && !mostlyUnreadable(dates)) {
    lines.push(
      '  To read the column in one form only, set dateFormat in a mapping file or give --date-format.',
    );
  }
  return lines;
}
