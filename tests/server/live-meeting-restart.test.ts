// A server restarted mid-meeting loses nothing: pages in Chromium reconnect by themselves with
// Last-Event-ID to the next server (a new process would open the same workspace file; here a
// new workspace over it), and each shows every contribution exactly once — those made before
// the stop, while it was down, and after.
import type { Browser, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { contribute, showItem, startMeeting } from '../../src/app/live-meetings.ts';
import { redeemInvite } from '../../src/app/meeting-invites.ts';
import { Workspace } from '../../src/app/workspace.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { buildServer } from '../../src/server/server.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import { liveMeeting } from '../helpers/live-meeting-web.ts';
import { browser } from '../helpers/web.ts';
import { pinnedClock } from '../helpers/workspace.ts';

async function join(b: Browser, base: string, path: string): Promise<Page> {
  const page = await (await b.createBrowserContext()).newPage();
  await page.goto(`${base}${path}`);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  return page;
}

/** The ids of the contributions a page shows, as many times as it shows each. */
function shownIds(page: Page): Promise<string[]> {
  return page.$$eval('#meeting-room-contributions .contribution', (els) =>
    els.map((e) => e.getAttribute('data-id') ?? ''),
  );
}

describe('restarting the server during a meeting', () => {
  it('loses nothing: each page reconnects and shows every contribution once', async () => {
    const m = await liveMeeting();
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-1' });
    const b = await browser();
    const pages = [
      await join(b, m.base, (await m.link('Priya Nandra')).path),
      await join(b, m.base, (await m.link('Tomasz Wrenfield')).path),
      await join(b, m.base, (await m.link('presenter')).path),
    ];
    // A writer who is not a page here: the contributions come through the use-case.
    const { token } = await m.link('Halima Brook');
    const writer = (await redeemInvite(m.ws, m.reviewId, token)).session;
    const say = (text: string) => contribute(m.ws, writer, { kind: 'context', text });
    const expectOnEveryPage = async (count: number) => {
      for (const page of pages) {
        await page.waitForFunction(
          (n) => document.querySelectorAll('#meeting-room-contributions .contribution').length >= n,
          { timeout: 10_000, polling: 100 },
          count,
        );
        const ids = await shownIds(page);
        expect(ids).toHaveLength(count);
        expect(new Set(ids).size).toBe(count);
      }
    };

    await say('Before the stop: the caseload was 40 families.');
    await expectOnEveryPage(1);

    const port = new URL(m.base).port;
    const seqAtStop = (await m.ws.load(m.reviewId)).seq;
    await m.app.close();
    await say('While it was down: nobody had the nursery’s number.');
    await say('Also while down: the referral form was new that month.');

    // The next server: a fresh workspace over the same file, as a new process would open it.
    const store = openWorkspace(m.path, { create: false });
    const ws = new Workspace({
      store,
      accounts: store.accounts(),
      loadModel: (id) => loadModel(id),
      clock: pinnedClock('2026-01-15T11:00:00.000Z'),
      actor: 'Test Reviewer',
    });
    const next = await buildServer({ workspace: ws, host: '127.0.0.1', allowedHosts: [] });
    const resumedFrom: string[] = [];
    next.addHook('onRequest', async (request) => {
      if (request.url.includes('/live')) resumedFrom.push(String(request.headers['last-event-id']));
    });
    await next.listen({ host: '127.0.0.1', port: Number(port) });
    try {
      await expectOnEveryPage(3);
      // Each page resumed from the last event it had been sent before the stop.
      expect(resumedFrom).toEqual(pages.map(() => String(seqAtStop)));
      await contribute(ws, writer, { kind: 'context', text: 'After the restart: we did ask.' });
      await expectOnEveryPage(4);
      for (const page of pages) {
        expect(await page.$eval('[data-live]', (e) => e.getAttribute('data-live-state'))).toBe(
          'open',
        );
      }
    } finally {
      await next.close();
      store.close();
    }
  }, 120_000);
});
