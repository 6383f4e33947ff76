/**
 * The import report's account of the date column, for the command line: the
 * forms found with a sample each, which way round numbered dates were read
 * and why, the century chosen for two-digit years, and how to state the
 * format (`dateFormat` in a mapping, or --date-format).
 */
import {
  cellText as cell,
  dateOrderSentence,
  formName,
  twoDigitYearWarning,
} from '../chronology/describe-date-column.ts';
import {
  type DateColumnReport,
  type DateOrder,
  mostlyUnreadable,
} from '../chronology/read-date-column.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The order line, with the option that reads day-first dates the other way. */
function orderLine(order: DateOrder, stated: string | undefined): string {
  const sentence = dateOrderSentence(order, stated);
  return order.basis === 'assumed' && order.dayFirst
    ? `${sentence} (--month-first reads it as March 4).`
    : `${sentence}.`;
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
  for (const y of dates.twoDigitYears) lines.push(`  Warning: ${twoDigitYearWarning(y)}`);
  // A column mostly unreadable has its own problem, which says so.
  if (dates.unreadable.count > 0 && !mostlyUnreadable(dates)) {
    lines.push(
      '  To read the column in one form only, set dateFormat in a mapping file or give --date-format.',
    );
  }
  return lines;
}
