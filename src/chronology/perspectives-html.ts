/**
 * The merged and side-by-side chronology as a standalone, accessible HTML
 * page: `lang`, a `<title>`, tables with a caption and `th scope`, and every
 * piece of text escaped by the `html` helper — raw markup only where our own
 * code wrote it (`raw`), never from an entry or a reviewer.
 */
import {
  type ChronologyRow,
  eventHeading,
  eventNote,
  type MergedRow,
  type MergedView,
  type SideBySideView,
  sourceOf,
  whenInPeriod,
} from './perspectives.ts';
import { mergedCount } from './perspectives-text.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Markup our own code produced; the only thing `html` inserts unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks markup as ours, to be inserted as it is. Never pass user text. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes every interpolated value unless it is
 * `SafeHtml`; arrays are joined.
 *
 * @example html`<td>${entry.text}</td>` // "<script>" arrives as "&lt;script&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += interpolate(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; font-size: 1.15rem; padding: 0.5rem 0; }
th, td { border: 1px solid #9a9a9a; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #eceff3; position: sticky; top: 0; }
tbody th { background: #f7f7f9; font-weight: 600; white-space: nowrap; }
.text { white-space: pre-wrap; }
.when { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 0.4rem; }
.source { color: #4a4a4a; font-size: 0.9em; }
.entry + .entry { margin-top: 0.6rem; padding-top: 0.6rem; border-top: 1px dashed #b5b5b5; }
.event-heading { font-weight: 600; margin: 0 0 0.3rem; }
.account + .account { margin-top: 0.4rem; }
.in-event { border-left: 3px solid #4a5d7a; padding-left: 0.4rem; }
@media print { thead th { position: static; } }
`;

function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}

function captionOf(view: { title: string; scope: string }, what: string, count: string): string {
  return `${what} for ${view.title}${view.scope ? ` (${view.scope})` : ''}: ${count}`;
}

/** A confirmed event's row: each agency's account in the agency, text and source cells, in time order. */
function eventRowHtml(r: MergedRow): SafeHtml {
  return html`<tr class="event">
<th scope="row">${r.when}</th>
<td>${r.accounts.map((a) => html`<div class="account">${a.agency}</div>`)}</td>
<td class="text"><p class="event-heading">${eventHeading(r)}</p>${r.accounts.map(
    (a) =>
      html`<div class="account"><span class="when">${a.agency}, ${a.when}:</span> <span class="text">${a.text}</span></div>`,
  )}</td>
<td class="source">${r.accounts.map((a) => html`<div class="account">${a.id}<br>${sourceOf(a)}</div>`)}</td>
</tr>`;
}

/** The merged chronology as a standalone HTML page with one accessible table. */
export function mergedHtml(view: MergedView): string {
  const rows = view.rows.map((r) =>
    r.accounts.length > 0
      ? eventRowHtml(r)
      : html`<tr>
<th scope="row">${r.when}</th>
<td>${r.agency}</td>
<td class="text">${r.text}</td>
<td class="source">${r.id}<br>${sourceOf(r)}</td>
</tr>`,
  );
  const body = html`<table>
<caption>${captionOf(view, 'Merged chronology', `${mergedCount(view)} in time order`)}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Agency</th><th scope="col">What the record says</th><th scope="col">Source</th></tr></thead>
<tbody>
${rows.length ? rows : html`<tr><td colspan="4">No entries in this period.</td></tr>`}
</tbody>
</table>`;
  return page(`Merged chronology — ${view.title}`, body);
}

function entryHtml(r: ChronologyRow, when: string): SafeHtml {
  const note = eventNote(r);
  return html`<div class="entry${note ? ' in-event' : ''}"><span class="when">${when}</span><span class="text">${r.text}</span> <span class="source">(${r.id}, ${sourceOf(r)}${note ? `; ${note}` : ''})</span></div>`;
}

/** The side-by-side view as a standalone HTML page: a column per agency, a row per period. */
export function sideBySideHtml(view: SideBySideView): string {
  const head = view.agencies.map((a) => html`<th scope="col">${a.name}</th>`);
  const rows = view.rows.map(
    (row) => html`<tr>
<th scope="row">${row.period.label}</th>
${view.agencies.map((a) => html`<td>${(row.cells[a.id] ?? []).map((r) => entryHtml(r, whenInPeriod(r, row.period)))}</td>`)}
</tr>`,
  );
  const body = html`<table>
<caption>${captionOf(view, 'Side by side', `each agency's account by ${view.rows.length} periods (days; weeks or months where dates are less precise)`)}</caption>
<thead><tr><th scope="col">Period</th>${head}</tr></thead>
<tbody>
${rows.length ? rows : html`<tr><td colspan="${view.agencies.length + 1}">No entries in this period.</td></tr>`}
</tbody>
</table>`;
  return page(`Side by side — ${view.title}`, body);
}
