/**
 * The date column's report in words both front doors share: which way round
 * numbered dates were read and why, the century chosen for two-digit years,
 * and a form's name. What puts a reading right (an option, a form field) is
 * left to the front door.
 */
import type { DateCell, DateColumnReport, DateOrder } from './read-date-column.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A cell for a sentence: `"18/03/2023" (record 3)`. */
export const cellText = (c: DateCell) => `"${c.text}" (record ${c.record})`;

/** A form as a reader is told it: the notation, or what `excel` means. */
export const formName = (form: string) => (form === 'excel' ? 'Excel serial numbers' : form);

/**
 * Which way round 03/04/2023 was read, and why, in one sentence (without its
 * full stop, so a front door can add how to read it the other way).
 * @example dateOrderSentence({ dayFirst: true, basis: 'assumed', ambiguous: 2 }, undefined)
 * // 'Dates read day first, the UK order, as no date proves otherwise: 03/04/2023 is 3 April 2023'
 */
export function dateOrderSentence(order: DateOrder, stated: string | undefined): string {
  const example = order.dayFirst ? '03/04/2023 is 3 April 2023' : '03/04/2023 is March 4, 2023';
  const way = order.dayFirst ? 'day first' : 'month first';
  switch (order.basis) {
    case 'format':
      return `Dates read ${way}, as the date format ${stated} says: ${example}`;
    case 'option':
      return `Dates read ${way}: ${example}`;
    case 'proven': {
      const proof = order.dayFirst ? order.dayFirstOnly : order.monthFirstOnly;
      const others = proof && proof.count > 1 ? ` and ${plural(proof.count - 1, 'other')}` : '';
      return `Dates read ${way}: ${proof ? cellText(proof.first) : 'a date'}${others} can only be read that way, and none the other way, so ${example}`;
    }
    case 'mixed': {
      const [day, month] = [order.dayFirstOnly?.first, order.monthFirstOnly?.first];
      return `Dates read ${way}, though some read only day first${day ? `, e.g. ${cellText(day)},` : ''} and some only month first${month ? `, e.g. ${cellText(month)}` : ''}: check the records refused`;
    }
    case 'assumed':
      return order.dayFirst
        ? `Dates read day first, the UK order, as no date proves otherwise: ${example}`
        : `Dates read month first, as the mapping says (no date proves the order): ${example}`;
  }
}

/** The warning for the two-digit years read in one century. */
export function twoDigitYearWarning(y: DateColumnReport['twoDigitYears'][number]): string {
  return `${plural(y.count, 'two-digit year')} read in the ${y.century}s, e.g. ${cellText(y.sample)} as ${y.year}; if that is the wrong century, write the year in four digits.`;
}
