// The outputs pages in real Chromium over a filled review: the map's nodes are links reached
// with the keyboard, and axe finds nothing on the map, trace, check and render pages (the
// render's job page and its download included). Screenshots go to /tmp for a look.
import { describe, expect, it } from 'vitest';
import { editKpe } from '../../src/app/kpes.ts';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview, pinnedClock } from '../helpers/workspace.ts';

describe('the outputs pages in Chromium', () => {
  it('map, trace, check and render: keyboard-reachable links and forms, no axe violations', {
    timeout: 120_000,
  }, async () => {
    const s = await served({ clock: pinnedClock('2026-11-27T10:00:00Z') });
    await buildSampleReview(s.ws, s.reviewId);
    await editKpe(s.ws, s.reviewId, 'KPE-2', {
      appraisal: { rating: 'mixed', text: 'The health visitor failed to book a return visit.' },
    });
    const password = await s.account('lena.lead', 'lead-reviewer', s.reviewId);
    const b = await browser();
    const page = await signedInPage(b, s.base, 'lena.lead', password);
    await page.setViewport({ width: 1280, height: 900 });
    const review = `${s.base}/reviews/${s.reviewId}`;

    await page.goto(`${review}/map`);
    const links = await page.$$eval('svg a', (as) =>
      as.map((a) => ({ href: a.getAttribute('href'), name: a.getAttribute('aria-label') })),
    );
    expect(links.map((l) => l.href)).toEqual(
      expect.arrayContaining([
        `/reviews/${s.reviewId}/kpes/KPE-1`,
        `/reviews/${s.reviewId}/factors/CF-1`,
        `/reviews/${s.reviewId}/findings/F-2`,
      ]),
    );
    for (const l of links)
      expect(l.name).toMatch(/^(Key practice episode|Contributory factor|Finding) /);
    // Tabbing from the map's heading reaches a node of the map.
    await page.focus('h1');
    await page.evaluate(() =>
      (document.querySelector('h1') as HTMLElement).setAttribute('tabindex', '-1'),
    );
    await page.focus('h1');
    let reached: string | null = null;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() =>
        document.activeElement?.closest('svg') ? document.activeElement.getAttribute('href') : null,
      );
    }
    expect(reached).toMatch(/\/(kpes|factors|findings)\//);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/outputs-map.png', fullPage: true });

    await page.goto(`${review}/findings/F-1/trace`);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/outputs-trace.png', fullPage: true });

    await page.goto(`${review}/check`);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/outputs-check.png', fullPage: true });
    // Accept the flag with the keyboard: type the justification, press Enter on the button.
    await page.focus('textarea[name="justification"]');
    await page.keyboard.type('Quotes the agency’s own record word for word.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.$eval('#status', (e) => e.textContent)).toContain('Accepted');
    expect(await page.content()).toContain('by lena.lead');

    await page.goto(`${review}/render`);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/outputs-render.png', fullPage: true });
    await page.click('#edition-confidential');
    await page.click('#format-pdf');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(page.url()).toMatch(/\/render\/jobs\/[0-9a-f]{32}$/);
    // htmx polls the job and swaps in the download link when the PDF is ready.
    await page.waitForSelector('a[href$="/download"]', { timeout: 90_000 });
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/outputs-render-job.png', fullPage: true });
  });
});
