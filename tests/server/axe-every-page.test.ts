// axe-core (WCAG 2.0–2.2 A and AA, wcag22aa included) over every page of the demo review, in
// real Chromium: the Fenwick Vale demo is built into a served workspace, then every GET route
// in fastify's route table is visited with its `:params` filled from the demo's own records
// (the new-record and edit forms, the render job page, a refused form, a page "as at" an earlier
// event and a filtered timeline included) and must
// show 0 violations. A route whose params cannot be filled is listed below with the reason.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { addAccount } from '../../src/app/accounts.ts';
import { buildDemoReview, DEMO_SCENARIO } from '../../src/app/demo/build-demo.ts';
import { issueInvite } from '../../src/app/meeting-invites.ts';
import { buildServer, routeTableOf } from '../../src/server/server.ts';
import { type AxeViolation, axeViolations, browser, describeViolations } from '../helpers/web.ts';
import { openTestWorkspace, pinnedClock } from '../helpers/workspace.ts';

/** GET routes that are not pages, or cannot be visited as one, and why. */
const SKIPPED: Record<string, string> = {
  '/reviews/:reviewId/meetings/:meetingId/take-part':
    'a participant’s page, opened by an invite link only: checked with live content in live-meeting-browser.test.ts',
  '/reviews/:reviewId/meetings/:meetingId/live': 'the live stream (server-sent events), not a page',
  '/reviews/:reviewId/render/jobs/:jobId/download':
    'sends the rendered file (a PDF or DOCX), not a page; and sending it removes the job',
};

/** The first key of a record, or undefined when it is empty. */
function first(record: Record<string, unknown>): string | undefined {
  return Object.keys(record)[0];
}

describe('axe over every page of the demo review', () => {
  it('finds 0 violations on every GET route, params filled from the demo', {
    timeout: 240_000,
  }, async () => {
    const started = performance.now();
    const clock = pinnedClock('2026-11-27T10:00:00Z');
    const { ws } = openTestWorkspace(undefined, { clock });
    const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
    const built = performance.now();
    const password = 'rowan.hale-correct-horse-battery';
    await addAccount(ws, { name: 'rowan.hale', role: 'lead-reviewer', password });
    const app = await buildServer({ workspace: ws, host: '127.0.0.1', allowedHosts: [], clock });
    await app.listen({ host: '127.0.0.1', port: 0 });
    onTestFinished(() => app.close());
    const address = app.server.address();
    const base = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;

    const state = await ws.load(reviewId);
    const findingWithIssue = Object.values(state.findings).find((f) => f.boardIssues.length > 0);
    const ids: Record<string, string | undefined> = {
      reviewId,
      kpeId: first(state.kpes),
      factorId: first(state.factors),
      findingId: first(state.findings),
      boardIssueId: findingWithIssue?.boardIssues[0]?.id,
      conversationId: first(state.conversations),
      excerptId: first(state.excerpts),
      entryId: first(state.chronology),
      meetingId: first(state.meetings),
      // An invite link's page, before it is used.
      token: (
        await issueInvite(ws, reviewId, { meeting: first(state.meetings), purpose: 'presenter' })
      ).token,
    };
    // The register's routes share `:id`; which record it is depends on the part.
    const registerIds: Record<string, string | undefined> = {
      agencies: first(state.agencies),
      participants: first(state.participants),
      persons: first(state.persons),
    };
    for (const [name, value] of Object.entries({ ...ids, ...registerIds }))
      expect(value, `the demo has no record for ${name}`).toBeDefined();

    const b = await browser();
    const page = await (await b.createBrowserContext()).newPage();
    // axe is injected into the page; the app's CSP would block it silently.
    await page.setBypassCSP(true);
    await page.setViewport({ width: 1280, height: 900 });

    const checked: string[] = [];
    const failures: string[] = [];
    const check = async (label: string, url: string, status = 200) => {
      const response = await page.goto(`${base}${url}`);
      expect(response?.status(), url).toBe(status);
      await expectClean(page, label, checked, failures);
    };

    // The sign-in page, before signing in; then sign in on the same page.
    await check('GET /sign-in', '/sign-in');
    await page.type('#field-name', 'rowan.hale');
    await page.type('#field-password', password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(new URL(page.url()).pathname).not.toBe('/sign-in');

    // A render job, so that its page can be visited.
    await page.goto(`${base}/reviews/${reviewId}/render`);
    await page.click('#edition-confidential');
    await page.click('#format-pdf');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    const job = /\/render\/jobs\/([0-9a-f]{32})$/.exec(page.url());
    expect(job, page.url()).not.toBeNull();
    ids.jobId = job?.[1];

    const unfilled: string[] = [];
    for (const route of routeTableOf(app)) {
      if (route.method !== 'GET') continue;
      if (route.url.startsWith('/assets/') || route.url === '/sign-in') continue;
      if (SKIPPED[route.url]) continue;
      const part = /^\/reviews\/:reviewId\/register\/(\w+)\//.exec(route.url)?.[1];
      let missing = false;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
        const value = name === 'id' && part ? registerIds[part] : ids[name];
        if (!value) missing = true;
        return value ?? '';
      });
      if (missing) {
        unfilled.push(route.url);
        continue;
      }
      await check(`GET ${route.url}`, url);
    }
    expect(unfilled, 'routes whose params the demo cannot fill').toEqual([]);

    // Pages in another state than the plain GET: "as at" an earlier event (the read-only
    // banner), the timeline filtered, a saved-status message.
    const review = `/reviews/${reviewId}`;
    const earlier = Math.floor(state.seq / 2);
    for (const url of [
      `${review}?at=${earlier}`,
      `${review}/kpes?at=${earlier}`,
      `${review}/history?at=${earlier}`,
      `${review}/chronology?q=visit`,
      `${review}/kpes/${ids.kpeId}?saved=${ids.kpeId}`,
    ]) {
      await check(`GET ${url.replace(reviewId, ':reviewId')}`, url);
      if (url.includes('?at='))
        expect(await page.$eval('body', (b) => b.textContent ?? '')).toContain(
          `as it was after event ${earlier}`,
        );
    }

    // The render job page again once the PDF is ready (the download link shown).
    await page.goto(`${base}/reviews/${reviewId}/render/jobs/${ids.jobId}`);
    await page.waitForSelector('a[href$="/download"]', { timeout: 90_000 });
    await expectClean(page, 'render job, done', checked, failures);

    // A refused form: the error summary and the field errors.
    await page.goto(`${base}/reviews/${reviewId}/kpes/new`);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(await page.$('.error-summary, [role="alert"]')).not.toBeNull();
    await expectClean(page, 'KPE form, refused', checked, failures);

    console.log(
      `axe: ${checked.length} pages checked, ${failures.length} with violations ` +
        `(demo built in ${Math.round(built - started)} ms, pages in ${Math.round(performance.now() - built)} ms); skipped: ${Object.entries(
          SKIPPED,
        )
          .map(([url, why]) => `${url} (${why})`)
          .join('; ')}`,
    );
    expect(failures.join('\n\n')).toBe('');
    expect(checked.length).toBeGreaterThan(40);
  });
});

async function expectClean(page: Page, label: string, checked: string[], failures: string[]) {
  const violations: AxeViolation[] = await axeViolations(page);
  checked.push(label);
  if (violations.length === 0) return;
  // The page as it looked, for a person fixing it: /tmp/axe-pages/NN.png.
  await mkdir('/tmp/axe-pages', { recursive: true });
  const shot = `/tmp/axe-pages/${String(checked.length).padStart(2, '0')}.png`;
  await page.screenshot({ path: shot, fullPage: true });
  failures.push(`${label} (${page.url()}, ${shot}):\n${describeViolations(violations)}`);
}
