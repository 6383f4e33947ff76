// The analysis pages in real Chromium over a filled review: a KPE added with the keyboard only,
// and axe-core (WCAG 2.0–2.2 A/AA) finding nothing on the KPE list, a KPE's page, the form with
// errors and a conversation's page. Screenshots go to /tmp for a person to look at.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview } from '../helpers/workspace.ts';

async function expectNoViolations(page: Page, shot: string) {
  await page.screenshot({ path: `/tmp/tv-analysis-${shot}.png`, fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Tabs until the focused element matches `selector` (at most `limit` presses). */
async function tabTo(page: Page, selector: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with the keyboard`);
}

describe('the analysis pages in Chromium', () => {
  it('add a KPE with the keyboard, and pass axe on the list, the KPE, the form with errors and a conversation', async () => {
    const { base, reviewId, ws, account } = await served();
    await buildSampleReview(ws, reviewId);
    const password = await account('priya.shah', 'review-team');
    const b = await browser();
    const page = await signedInPage(b, base, 'priya.shah', password);
    await page.setViewport({ width: 1100, height: 900 });

    await page.goto(`${base}/reviews/${reviewId}/kpes`);
    await expectNoViolations(page, 'kpe-list');

    // The form with errors: sent empty.
    await page.goto(`${base}/reviews/${reviewId}/kpes/new`);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Add a KPE');
    expect(await page.$$eval('.error-summary a', (a) => a.length)).toBeGreaterThan(0);
    await expectNoViolations(page, 'kpe-form-errors');

    // The keyboard only, from the list's "Add a KPE".
    await page.goto(`${base}/reviews/${reviewId}/kpes`);
    await tabTo(page, 'a.button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await tabTo(page, '#field-title');
    await page.keyboard.type('Nursery referral after bruising');
    await tabTo(page, '#field-from');
    await page.keyboard.type('02/06/2023');
    await tabTo(page, '#agency-AG-2');
    await page.keyboard.press('Space');
    await tabTo(page, '#chronology-CH-2');
    await page.keyboard.press('Space');
    await tabTo(page, '#field-whatHappened');
    await page.keyboard.type('Nursery staff saw bruising and phoned the front door.');
    await tabTo(page, 'input[name="rating"]');
    // Arrow keys move through the ratings: not yet appraised → good practice.
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#field-appraisalText');
    await page.keyboard.type('A prompt referral. Staff failed to record the time of the call.');
    await tabTo(page, '#field-explanation');
    await page.keyboard.type('Clear local guidance and a confident key worker.');
    await tabTo(page, 'button[type="submit"].button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${base}/reviews/${reviewId}/kpes/KPE-4?saved=KPE-4`);
    const kpe = (await ws.load(reviewId)).kpes['KPE-4'];
    expect(kpe?.appraisal?.rating).toBe('good');
    expect(kpe?.agencyIds).toEqual(['AG-2']);
    expect(kpe?.chronologyRefs).toEqual(['CH-2']);
    expect(await page.$eval('#status', (s) => s.textContent)).toContain('KPE-4 saved');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('rule failed-to');
    await expectNoViolations(page, 'kpe-page');

    await page.goto(`${base}/reviews/${reviewId}/conversations/CV-1`);
    await expectNoViolations(page, 'conversation-page');
  }, 60_000);
});
