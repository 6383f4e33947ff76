/** One formatter for the process: building an Intl.DateTimeFormat costs more than using it. */
const UK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in the UK (YYYY-MM-DD): the day agencies and reviewers mean by "today". */
export function ukToday(now: Date): string {
  return UK_DAY.format(now);
}
