// The dashboard, settings, history and a page as at an earlier event in real Chromium over a
// filled review: moved through with the keyboard, axe-core (WCAG 2.0–2.2 A and AA) finding
// nothing on any of them, and screenshots in /tmp to look at.
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview } from '../helpers/workspace.ts';

describe('the dashboard, settings and history in Chromium', () => {
  it('work from the keyboard and have no accessibility violations', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    const password = await s.account('amara.okafor', 'lead-reviewer');
    const page = await signedInPage(await browser(), s.base, 'amara.okafor', password);
    await page.setViewport({ width: 1100, height: 900 });
    const url = `${s.base}/reviews/${s.reviewId}`;
    const check = async (name: string) => {
      await page.screenshot({ path: `/tmp/h12-dashboard-${name}.png`, fullPage: true });
      const violations = await axeViolations(page);
      expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
    };

    await page.goto(url);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Learning review: Child A');
    await check('dashboard');

    // Move on from the keyboard: the refusal (or the move) comes back on the dashboard.
    if (await page.$('#field-advance-date')) {
      await page.focus('#field-advance-date');
      await page.keyboard.press('Tab');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const refused = await page.$('.error-summary');
      const status = await page.$eval('#status', (e) => e.textContent ?? '');
      expect(refused !== null || status.includes('moved on')).toBe(true);
      await check('dashboard-after-advance');
    }

    await page.goto(`${url}/settings`);
    await check('settings');
    await page.focus('#field-title');
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('Learning review: Child A (Fenwick Vale)');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.$eval('#status', (e) => e.textContent)).toBe('The settings were saved.');
    await check('settings-saved');

    await page.goto(`${url}/history`);
    await check('history');
    const asAt = await page.$$eval('table.history a', (links) =>
      links.map((a) => (a as HTMLAnchorElement).href).filter((h) => h.includes('at=')),
    );
    expect(asAt.length).toBeGreaterThan(0);
    await page.goto(asAt[0] as string);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Learning review: Child A');
    expect(await page.$eval('.as-at-banner', (b) => b.textContent)).toMatch(
      /as it was after event/,
    );
    expect(await page.$('form[action$="/advance"]')).toBeNull();
    await check('as-at');
    await page.goto(`${asAt[0]?.replace(/\?/, '/settings?')}`);
    expect(await page.$('#settings')).toBeNull();
    await check('as-at-settings');
  });
});
