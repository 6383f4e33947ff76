/** Times as people in the UK read them: the moment an event was recorded, in UK local time. */
const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "4 Dec 2026, 14:05" for an ISO instant; the text as given when it is not one. */
export function ukDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : UK_DATE_TIME.format(date);
}
