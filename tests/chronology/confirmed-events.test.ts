// Entries reviewers confirmed as one event: read from the decisions (latest per pair wins),
// and shown as one event with each agency's account in the merged chronology (text, HTML,
// CSV), the side-by-side perspectives, the web timeline and the report's chronology appendix.
import { describe, expect, it } from 'vitest';
import { addChronologyEntry, decideDuplicates } from '../../src/app/chronology.ts';
import { chronologyView } from '../../src/app/chronology-views.ts';
import { addAgency } from '../../src/app/register.ts';
import { confirmedEvents } from '../../src/chronology/confirmed-events.ts';
import { mergedView, sideBySideView } from '../../src/chronology/perspectives.ts';
import { mergedCsv } from '../../src/chronology/perspectives-csv.ts';
import { mergedHtml, sideBySideHtml } from '../../src/chronology/perspectives-html.ts';
import { mergedText, sideBySideText } from '../../src/chronology/perspectives-text.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { buildReportView } from '../../src/report/build-report-view.ts';
import { docxText, renderReportDocx } from '../../src/report/docx/index.ts';
import { readZip } from '../../src/report/docx/read-zip.ts';
import { renderReportHtml } from '../../src/report/render-html.ts';
import { perspectivesPage, timelinePage } from '../../src/server/chronology-view.ts';
import { workspaceWithReview } from '../helpers/workspace.ts';

const decision = (entryIds: string[], d: 'confirmed' | 'split', seq: number) => ({
  entryIds,
  decision: d,
  seq,
});

describe('confirmedEvents', () => {
  const exists = (id: string) => id !== 'CH-99';

  it('joins entries through confirmed pairs, and lets the latest decision on a pair stand', () => {
    const events = confirmedEvents(
      [
        decision(['CH-1', 'CH-4'], 'confirmed', 3),
        decision(['CH-4', 'CH-7'], 'confirmed', 4),
        decision(['CH-2', 'CH-5'], 'confirmed', 5),
        decision(['CH-2', 'CH-5'], 'split', 9),
      ],
      exists,
    );
    expect(events.get('CH-7')).toEqual({ key: 'CH-1+CH-4+CH-7', ids: ['CH-1', 'CH-4', 'CH-7'] });
    expect(events.get('CH-1')).toBe(events.get('CH-4'));
    expect(events.has('CH-2')).toBe(false);
  });

  it('leaves out entries no longer in the chronology, and events left with one entry', () => {
    const events = confirmedEvents([decision(['CH-3', 'CH-99'], 'confirmed', 1)], exists);
    expect(events.size).toBe(0);
  });
});

async function reviewWithEvent() {
  const { ws, reviewId } = await workspaceWithReview();
  await addAgency(ws, reviewId, { name: 'Northshire Police', sector: 'police' });
  await addAgency(ws, reviewId, { name: "Children's Social Care", sector: 'children-social-care' });
  const add = (agencyId: string, date: string, text: string) =>
    addChronologyEntry(ws, reviewId, { agencyId, date, text });
  await add('AG-1', '14/03/2023 14:00', 'Strategy discussion with social care: S47 agreed.');
  await add('AG-2', '13/03/2023 10:00', 'Home visit; children seen.');
  await add('AG-2', '15/03/2023 09:20', 'Strategy discussion held with police. S47 agreed.');
  await add('AG-2', '16/03/2023', 'Core group held.');
  await decideDuplicates(ws, reviewId, { entryIds: ['CH-1', 'CH-3'], decision: 'confirmed' });
  return { ws, reviewId, state: await ws.load(reviewId) };
}

describe('the merged chronology and the perspectives', () => {
  it('shows a confirmed event as one row with each agency’s account in time order', async () => {
    const { state } = await reviewWithEvent();
    const merged = mergedView(state);
    expect(merged.rows.map((r) => r.id)).toEqual(['CH-2', 'CH-1', 'CH-4']);
    const event = merged.rows[1];
    expect(event?.accounts.map((a) => [a.id, a.agency])).toEqual([
      ['CH-1', 'Northshire Police'],
      ['CH-3', "Children's Social Care"],
    ]);
    expect(event?.event?.key).toBe('CH-1+CH-3');

    const text = mergedText(merged).join('\n');
    expect(text).toContain('4 entries, 1 event of them confirmed as one');
    expect(text).toContain(
      "One event, confirmed: Northshire Police (CH-1), Children's Social Care (CH-3)",
    );
    expect(text).toMatch(/Northshire Police, 14\/03\/2023 14:00 {2}\[CH-1, entered by hand\]/);
    expect(text).toMatch(/Children's Social Care, 15\/03\/2023 09:20 {2}\[CH-3, entered by hand\]/);

    const page = mergedHtml(merged);
    expect(page).toContain('<tr class="event">');
    expect(page).toContain('One event, confirmed:');

    // CSV keeps one record per account, side by side, each naming the event.
    const csv = mergedCsv(merged).split(/\r?\n/);
    expect(csv[0]).toMatch(/,event$/);
    expect(csv.filter((l) => l.endsWith(',CH-1+CH-3')).map((l) => l.split(',')[0])).toEqual([
      'CH-1',
      'CH-3',
    ]);
  });

  it('puts the event’s accounts in one period of the side-by-side view, each marked', async () => {
    const { state } = await reviewWithEvent();
    const side = sideBySideView(mergedView(state));
    const day = side.rows.find((r) => r.period.start === '2023-03-14');
    expect(day?.cells['AG-1']?.map((r) => r.id)).toEqual(['CH-1']);
    expect(day?.cells['AG-2']?.map((r) => r.id)).toEqual(['CH-3']);
    expect(side.rows.some((r) => r.period.start === '2023-03-15')).toBe(false);
    const text = sideBySideText(side).join('\n');
    expect(text).toMatch(/confirmed as\s+one event with CH-3 \(Children/);
    // The later account, on another day, gives its own date, not a time on this row's day.
    expect(text).toContain('15/03/2023 09:20');
    expect(sideBySideHtml(side)).toContain('class="entry in-event"');
    const web = perspectivesPage(state.review.id, side, { from: '', to: '' });
    const cell = web.rows.find((r) => r.label.includes('14 Mar'))?.cells[1];
    expect(cell?.entries[0]).toMatchObject({ id: 'CH-3', time: '15/03/2023 09:20' });
    expect(cell?.entries[0]?.event).toMatch(/^confirmed as one event with CH-1/);
  });

  it('keeps an event to the accounts a filter shows', async () => {
    const { state } = await reviewWithEvent();
    const police = mergedView(state, { agencyIds: ['AG-1'] });
    expect(police.rows.map((r) => [r.id, r.accounts.length])).toEqual([['CH-1', 0]]);
  });

  it('shows the event as one in `chronology show` and in the web timeline', async () => {
    const { ws, reviewId, state } = await reviewWithEvent();
    const shown = await chronologyView(ws, reviewId, { format: 'text' });
    expect(shown.text).toContain('One event, confirmed: Northshire Police (CH-1)');
    const timeline = timelinePage(reviewId, mergedView(state), [], {
      agency: '',
      from: '',
      to: '',
      q: 'held with police',
      page: 1,
    });
    expect(timeline.entries.map((e) => e.id)).toEqual(['CH-1']);
    expect(timeline.entries[0]?.event?.accounts.map((a) => a.id)).toEqual(['CH-1', 'CH-3']);
  });
});

describe('the report’s chronology appendix', () => {
  it('shows a confirmed event as one row with each agency’s account, every entry still an anchor', async () => {
    const { state } = await reviewWithEvent();
    const view = buildReportView(state, loadModel('learning-together'), {
      generatedAt: new Date('2026-11-26T09:00:00Z'),
    });
    const section = view.sections.find((s) => s.chronology !== null && s.chronology.length > 0);
    expect(section?.chronology?.map((r) => [r.id, r.accounts.map((a) => a.id)])).toEqual([
      ['CH-2', []],
      ['CH-1', ['CH-1', 'CH-3']],
      ['CH-4', []],
    ]);
    const html = renderReportHtml(view);
    expect(html).toContain('One event, confirmed by the reviewers: Northshire Police (CH-1)');
    expect(html).toContain('<tr id="CH-1" class="event">');
    expect(html).toContain('<span id="CH-3">CH-3</span>');
  });

  it('shows it as one row in the Word edition too, each entry bookmarked', async () => {
    const { state } = await reviewWithEvent();
    const view = buildReportView(state, loadModel('learning-together'), {
      generatedAt: new Date('2026-11-26T09:00:00Z'),
    });
    const docx = await renderReportDocx(view);
    const text = docxText(docx);
    expect(text).toContain('One event, confirmed by the reviewers: Northshire Police (CH-1)');
    expect(text).toContain("Children's Social Care: Strategy discussion held with police.");
    const document = readZip(docx).get('word/document.xml')?.toString('utf8') ?? '';
    expect(document).toMatch(/w:bookmarkStart[^>]*w:name="tv_CH_3"/);
  });
});
