// The view-models of the dashboard, settings and history pages, over a real review's status,
// settings and log: what the pages are given to show.
import { describe, expect, it } from 'vitest';
import { reviewLog } from '../../src/app/log.ts';
import { showReview, updateReview } from '../../src/app/reviews.ts';
import { statusOf } from '../../src/app/workflow.ts';
import { withAt } from '../../src/server/as-at.ts';
import { dashboardView } from '../../src/server/dashboard-view.ts';
import { EVENTS_PER_PAGE, historyView } from '../../src/server/history-view.ts';
import { settingsChanges, settingsFormOf } from '../../src/server/settings-view.ts';
import { ukDateTime } from '../../src/server/uk-time.ts';
import { workspaceWithReview } from '../helpers/workspace.ts';

describe('the dashboard view', () => {
  it('gives each shortfall its fix as a link without restating the gate, and forms only to those who may move the review', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const { status, model } = await statusOf(ws, reviewId);
    const summary = await showReview(ws, reviewId);
    const view = dashboardView({ status, model, summary, canRun: true });
    const gate = view.gates.find((g) => g.id === 'notification-recorded');
    expect(gate?.met).toBe(false);
    expect(gate?.shortfalls[0]?.message).not.toContain(gate?.description.replace(/\.$/, ''));
    expect(gate?.shortfalls[0]?.fix).toEqual({
      text: 'Record the key date “Notification”',
      href: `/reviews/${reviewId}/settings`,
    });
    expect(view.advance.shown).toBe(true);
    expect(view.reopen.shown).toBe(false);
    expect(view.counts.find((c) => c.label === 'KPEs')).toEqual({
      label: 'KPEs',
      count: 0,
      href: `/reviews/${reviewId}/kpes`,
    });
    const reader = dashboardView({
      status,
      model,
      summary,
      canRun: false,
      link: (href) => withAt(href, 1),
    });
    expect(reader.advance.shown).toBe(false);
    expect(reader.gates[0]?.shortfalls[0]?.fix?.href).toBe(`/reviews/${reviewId}/settings?at=1`);
  });
});

describe('the settings form', () => {
  it('changes only what differs, leaving an emptied key date as recorded', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await updateReview(ws, reviewId, { keyDates: { notification: '2026-01-08' } });
    const state = await ws.load(reviewId);
    const model = ws.modelOf(state);
    const form = settingsFormOf(
      {
        title: state.review.title,
        subjectLabel: '',
        'keyDate-notification': '',
        'keyDate-decision': ' 2026-01-12 ',
        'keyDate-not-a-key-date': '2026-01-01',
      },
      model,
    );
    expect(settingsChanges(state.review, form)).toEqual({ keyDates: { decision: '2026-01-12' } });
  });
});

describe('the history view', () => {
  it('pages the log newest first and opens each event but the last as at it', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    for (let i = 1; i <= EVENTS_PER_PAGE; i++) {
      await updateReview(ws, reviewId, { title: `Learning review: Child ${i}` });
    }
    const state = await ws.load(reviewId);
    const events = await reviewLog(ws, reviewId);
    const first = historyView({ reviewId, events, model: ws.modelOf(state), page: 1 });
    expect(first).toMatchObject({ total: 51, pages: 2, first: 2, last: 51, newer: null });
    expect(first.older).toBe(`/reviews/${reviewId}/history?page=2`);
    expect(first.rows[0]).toMatchObject({
      seq: 51,
      latest: true,
      asAtHref: `/reviews/${reviewId}`,
    });
    expect(first.rows[1]).toMatchObject({
      seq: 50,
      what: 'Review settings changed',
      details: ['title: Learning review: Child 48 → Learning review: Child 49'],
      asAtHref: `/reviews/${reviewId}?at=50`,
    });
    const beyond = historyView({ reviewId, events, model: ws.modelOf(state), page: 9 });
    expect(beyond.rows.map((r) => r.seq)).toEqual([1]);
    expect(beyond.rows[0]?.what).toBe('Review started');
  });

  it('tells the time in the UK: summer time in July, GMT in January', () => {
    expect(ukDateTime('2026-07-04T13:05:00.000Z')).toBe('4 Jul 2026, 14:05');
    expect(ukDateTime('2026-01-04T13:05:00.000Z')).toBe('4 Jan 2026, 13:05');
  });
});
