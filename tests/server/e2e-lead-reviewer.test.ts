// Issue 12's end-to-end, in real Chromium over a real server and workspace: a lead reviewer
// signs in, starts a review through the form, registers an agency, uploads a return with one
// bad row and sees that row named, imports the valid rows, adds a KPE, a contributory factor
// linked to it and a finding supported by the factor, renders the confidential PDF and
// downloads it (its text holds the KPE's title and the finding). Then an observer, in a browser
// of their own, finds no form to change anything, and a direct POST to every change route of
// the review, with the observer's own CSRF token, is refused with 403 and nothing written.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { routeTableOf } from '../../src/server/server.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { browser, csrfIn, served, signedInPage } from '../helpers/web.ts';
import { logPosition, pinnedClock, tempDir } from '../helpers/workspace.ts';

/** Submits the form in `main` (not the masthead's sign-out) and waits for the next page. */
async function submit(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
}

/** The actions of the POST forms in `main` (the masthead's sign-out is outside it). */
async function changeForms(page: Page): Promise<(string | null)[]> {
  return page.$$eval('main form', (fs) =>
    fs
      .filter((f) => (f.getAttribute('method') ?? 'get').toLowerCase() === 'post')
      .map((f) => f.getAttribute('action')),
  );
}

async function mainText(page: Page): Promise<string> {
  return page.$eval('main', (m) => m.textContent ?? '');
}

/** `Cookie:` header of the page's browser context, for fetching as that person from Node. */
async function cookieHeader(page: Page): Promise<string> {
  const cookies = await page.browserContext().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const timings: Record<string, number> = {};
async function timed<T>(step: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await action();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

describe('a lead reviewer, end to end, and an observer who cannot change anything', () => {
  it('creates, imports, analyses, renders and downloads; the observer is refused everywhere', {
    timeout: 90_000,
  }, async () => {
    const s = await served({ clock: pinnedClock('2026-11-27T10:00:00Z') });
    const leadPassword = await s.account('iona.marsh', 'lead-reviewer');
    const observerPassword = await s.account('tobias.wren', 'observer');
    const b = await browser();

    const page = await timed('sign in', () => signedInPage(b, s.base, 'iona.marsh', leadPassword));

    // A new review, through the form.
    const reviewId = await timed('new review', async () => {
      await page.goto(`${s.base}/reviews/new`);
      await page.type('#field-title', 'Learning review: Child Q in Brackenford');
      await page.select('#field-kind', 'lcspr');
      await page.type('#field-subjectLabel', 'Child Q');
      await submit(page);
      const match = /\/reviews\/([^/?#]+)$/.exec(new URL(page.url()).pathname);
      expect(match, page.url()).not.toBeNull();
      return (match as RegExpExecArray)[1] as string;
    });
    expect(reviewId).not.toBe(s.reviewId);
    const review = `${s.base}/reviews/${reviewId}`;
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('Child Q in Brackenford');

    // The agency, on the register page.
    await timed('agency', async () => {
      await page.goto(`${review}/register/agencies/new`);
      await page.type('#field-name', 'Brackenford Community Midwifery');
      await page.select('#field-sector', 'health');
      await submit(page);
      expect(await mainText(page)).toContain('Brackenford Community Midwifery');
    });

    // A return with one bad row (31 February): named on the report, nothing imported.
    const dir = tempDir();
    const file = join(dir, 'midwifery-return.csv');
    await writeFile(
      file,
      [
        'Date,Details,Recorded by',
        '14/03/2024,Booking appointment at the Brackenford clinic; mother attended alone.,Midwife',
        '31/02/2024,Missed antenatal appointment; letter sent.,Midwife',
        '02/04/2024,Home visit; mother said she was managing.,Midwife',
      ].join('\n'),
    );
    const upload = async (skipInvalid: boolean) => {
      await page.goto(`${review}/chronology/import`);
      await page.type('#field-agency', 'Brackenford Community Midwifery');
      if (skipInvalid) await page.click('#field-skipInvalid');
      const input = await page.$('#field-file');
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
      await submit(page);
      return mainText(page);
    };
    const before = await logPosition(s.store, reviewId);
    const refused = await timed('upload (refused)', () => upload(false));
    expect(refused).toContain('midwifery-return.csv#2');
    expect(refused).toContain('Nothing was imported');
    expect(await logPosition(s.store, reviewId)).toEqual(before);
    const imported = await timed('upload (valid rows)', () => upload(true));
    expect(imported).toContain('midwifery-return.csv#2');
    expect(imported).toContain('2 entries');
    const entries = Object.values((await s.ws.load(reviewId)).chronology);
    expect(entries.map((e) => e.text).sort()).toEqual([
      'Booking appointment at the Brackenford clinic; mother attended alone.',
      'Home visit; mother said she was managing.',
    ]);

    // A KPE.
    const kpeTitle = 'Home visit at thirty weeks in Brackenford';
    const kpeId = await timed('KPE', async () => {
      await page.goto(`${review}/kpes/new`);
      await page.type('#field-title', kpeTitle);
      await page.type('#field-from', '02/04/2024');
      await page.type(
        '#field-whatHappened',
        'The community midwife visited at home; the mother said she was managing.',
      );
      await submit(page);
      expect(await page.$eval('#status', (e) => e.textContent)).toMatch(/KPE-\d+/);
      return new URL(page.url()).pathname.split('/').at(-1) as string;
    });
    expect(kpeId).toMatch(/^KPE-\d+$/);

    // A contributory factor, then linked to the KPE.
    const factorId = await timed('factor', async () => {
      await page.goto(`${review}/factors/new`);
      await page.type(
        '#field-text',
        'Home visits in Brackenford were booked without a second practitioner.',
      );
      await submit(page);
      const id = new URL(page.url()).pathname.split('/').at(-1) as string;
      expect(id).toMatch(/^CF-\d+$/);
      await page.goto(`${review}/factors/${id}/link`);
      await page.select('#field-kpeId', kpeId);
      await submit(page);
      return id;
    });
    const state = await s.ws.load(reviewId);
    expect(Object.keys(state.links)).toContain(`${kpeId}|${factorId}`);

    // A finding supported by the factor.
    const statement =
      'Practitioners in Brackenford visit alone when the service is short of staff.';
    const findingId = await timed('finding', async () => {
      await page.goto(`${review}/findings/new`);
      await page.type('#field-statement', statement);
      const categories = await page.$$eval('#field-category option', (os) =>
        os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''),
      );
      await page.select('#field-category', categories[0] as string);
      await page.click(`#factor-${factorId}`);
      await submit(page);
      return new URL(page.url()).pathname.split('/').at(-1) as string;
    });
    expect(findingId).toMatch(/^F-\d+$/);
    expect(await mainText(page)).toContain(factorId);

    // Every change was made as the signed-in lead reviewer.
    const events = await s.store.readEvents(reviewId);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['iona.marsh']));

    // The confidential PDF: rendered on the render page, downloaded with the page's cookies.
    const pdf = await timed('render and download', async () => {
      await page.goto(`${review}/render`);
      // The lead reviewer sees the form the observer must not (and the check below can fail).
      expect(await changeForms(page)).not.toEqual([]);
      await page.click('#edition-confidential');
      await page.click('#format-pdf');
      await submit(page);
      expect(page.url()).toMatch(/\/render\/jobs\/[0-9a-f]{32}$/);
      const link = await page.waitForSelector('a[href$="/download"]', { timeout: 60_000 });
      const href = await link?.evaluate((a) => (a as HTMLAnchorElement).href);
      const response = await fetch(href as string, {
        headers: { cookie: await cookieHeader(page) },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
      return Buffer.from(await response.arrayBuffer());
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfFile = join(dir, 'confidential.pdf');
    await writeFile(pdfFile, pdf);
    const text = (await pdfText(pdfFile)).replace(/\s+/g, ' ');
    expect(text).toContain(kpeTitle);
    expect(text).toContain(statement);

    // The observer: no change form on any page of the review.
    const observer = await timed('observer sign in', () =>
      signedInPage(b, s.base, 'tobias.wren', observerPassword),
    );
    const readPages = [
      '',
      '/settings',
      '/history',
      '/register',
      '/chronology',
      `/chronology/${entries[0]?.id}`,
      '/chronology/perspectives',
      '/chronology/duplicates',
      '/kpes',
      `/kpes/${kpeId}`,
      '/factors',
      `/factors/${factorId}`,
      '/findings',
      `/findings/${findingId}`,
      `/findings/${findingId}/trace`,
      '/conversations',
      '/map',
      '/check',
      '/render',
    ];
    await timed('observer pages', async () => {
      for (const path of readPages) {
        const response = await observer.goto(`${review}${path}`);
        expect(response?.status(), path).toBe(200);
        const forms = await changeForms(observer);
        expect(forms, `change forms on ${path}`).toEqual([]);
        const editLinks = await observer.$$eval(
          'main a[href$="/new"], main a[href$="/edit"], main a[href$="/link"], main a[href$="/import"]',
          (as) => as.map((a) => a.getAttribute('href')),
        );
        expect(editLinks, `links to change forms on ${path}`).toEqual([]);
      }
      // The forms themselves are refused.
      for (const path of ['/kpes/new', '/factors/new', '/findings/new', '/chronology/import']) {
        const response = await observer.goto(`${review}${path}`);
        expect(response?.status(), path).toBe(403);
      }
    });

    // Direct POSTs to every change route, with the observer's own CSRF token.
    const token = csrfIn(await observer.content());
    const cookie = await cookieHeader(observer);
    const ids: Record<string, string> = {
      reviewId,
      kpeId,
      factorId,
      findingId,
      id: 'AG-1',
      entryId: entries[0]?.id as string,
      questionId: 'Q-1',
      conversationId: 'C-1',
      excerptId: 'EX-1',
      boardIssueId: 'BI-1',
      jobId: '0'.repeat(32),
      meetingId: 'M-1',
      recordId: 'MC-1',
    };
    const changeRoutes = routeTableOf(s.app).filter(
      // Public routes (signing in, using an invite link) admit anyone by design.
      (r) => r.method === 'POST' && r.access !== 'public' && r.url !== '/sign-out',
    );
    expect(changeRoutes.length).toBeGreaterThan(40);
    const positionBefore = await logPosition(s.store, reviewId);
    const otherBefore = await logPosition(s.store, s.reviewId);
    await timed('observer posts', async () => {
      for (const route of changeRoutes) {
        const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
          const value = ids[name];
          if (!value) throw new Error(`no id for :${name} in ${route.url}`);
          return value;
        });
        const response = await fetch(`${s.base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            _csrf: token,
            title: 'Changed by the observer',
            text: 'Changed by the observer',
            statement: 'Changed by the observer',
            name: 'Changed by the observer',
            kind: 'lcspr',
            reason: 'Because',
          }).toString(),
        });
        expect(response.status, `POST ${path}`).toBe(403);
      }
    });
    expect(await logPosition(s.store, reviewId)).toEqual(positionBefore);
    expect(await logPosition(s.store, s.reviewId)).toEqual(otherBefore);
    // The token was a good one: the observer's own sign-out with it works.
    const signOut = await fetch(`${s.base}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });
    expect(signOut.status).toBe(303);

    console.log(
      `e2e timings (ms): ${Object.entries(timings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${changeRoutes.length} change routes refused`,
    );
  });
});
