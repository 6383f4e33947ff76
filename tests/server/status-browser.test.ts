// The status line in real Chromium: a banner in the flow at the top of <main>, above the page's
// heading, covering nothing however the page scrolls; empty and taking no room when there is
// nothing to say; still a polite live region; axe finds nothing on either page, nor on the
// Not found page of a removed record.
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview } from '../helpers/workspace.ts';

describe('the status line in Chromium', () => {
  it('sits at the top of main above the heading, covers nothing, and is empty when quiet', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    const password = await s.account('amara.okafor', 'lead-reviewer');
    const page = await signedInPage(await browser(), s.base, 'amara.okafor', password);
    await page.setViewport({ width: 1100, height: 700 });
    const settings = `${s.base}/reviews/${s.reviewId}/settings`;

    await page.goto(settings);
    const quiet = await page.$eval('#status', (e) => ({
      text: e.textContent,
      height: e.getBoundingClientRect().height,
      role: e.getAttribute('role'),
      live: e.getAttribute('aria-live'),
      inMain: e.parentElement?.id === 'main' && e.parentElement.firstElementChild === e,
    }));
    expect(quiet).toEqual({ text: '', height: 0, role: 'status', live: 'polite', inMain: true });

    await page.goto(`${settings}?saved=settings`);
    await page.screenshot({ path: '/tmp/h12-polish-status.png' });
    const shown = await page.$eval('#status', (e) => {
      const box = e.getBoundingClientRect();
      const h1 = document.querySelector('main h1')?.getBoundingClientRect();
      // What is drawn at the banner's centre is the banner itself, not something over it.
      const atCentre = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return {
        text: e.textContent,
        position: getComputedStyle(e).position,
        visible: box.height > 0 && box.width > 0,
        aboveHeading: h1 !== undefined && box.bottom <= h1.top,
        onTop: atCentre === e,
      };
    });
    expect(shown).toEqual({
      text: 'The settings were saved.',
      position: 'static',
      visible: true,
      aboveHeading: true,
      onTop: true,
    });
    // Scrolled to the bottom, nothing is fixed over the page's last content.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const covered = await page.evaluate(() => {
      const all = document.querySelectorAll('main *');
      const last = all[all.length - 1] as HTMLElement;
      const box = last.getBoundingClientRect();
      const at = document.elementFromPoint(box.x + 2, box.y + box.height / 2);
      return at !== null && !last.contains(at) && !at.contains(last);
    });
    expect(covered).toBe(false);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows a missing record’s Not found page with no accessibility violations', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    const password = await s.account('amara.okafor', 'lead-reviewer');
    const page = await signedInPage(await browser(), s.base, 'amara.okafor', password);
    const response = await page.goto(`${s.base}/reviews/${s.reviewId}/kpes/KPE-3`);
    expect(response?.status()).toBe(404);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Not found');
    await page.screenshot({ path: '/tmp/h12-polish-not-found.png' });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
