/**
 * Excel dates as text: the wall-clock date and time a spreadsheet cell holds,
 * in the ISO form the date parser reads ("2023-03-14", "2023-03-14 10:30",
 * "10:30" for a time-only cell), and bare serial numbers read the same way.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const MINUTE = 60_000;

/**
 * An Excel date as text. Excel stores wall-clock times with no zone and
 * exceljs hands them over as UTC, so the UTC fields are the recorded ones.
 * Seconds are rounded away (Excel often stores 10:30 as 10:29:59.999).
 */
export function excelDateText(value: Date): string {
  const d = new Date(Math.round(value.getTime() / MINUTE) * MINUTE);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  // Excel's day zero: a cell holding only a time.
  if (d.getUTCFullYear() === 1899 && d.getUTCMonth() === 11 && d.getUTCDate() === 30) return time;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return time === '00:00' ? date : `${date} ${time}`;
}

/**
 * A date stored as a bare Excel serial number (45048 for 02/05/2023), as
 * happens when a date lands in a cell formatted as text. Only five-digit
 * serials (1954–2119) are read this way; anything else is returned as written.
 */
export function fromExcelSerial(cell: string): string {
  const serial = /^\s*\d{5}(\.\d+)?\s*$/.test(cell) ? Number(cell) : Number.NaN;
  if (!(serial >= 20_000 && serial <= 80_000)) return cell;
  // Excel's day 25569 is 1970-01-01.
  return excelDateText(new Date(Math.round((serial - 25_569) * 86_400_000)));
}
