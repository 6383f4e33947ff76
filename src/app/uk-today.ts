/** Today's date in the UK (YYYY-MM-DD): the day agencies and reviewers mean by "today". */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}
