// People and agencies in real Chromium: an analyst registers a name found in the text with the
// keyboard, and a refused removal; axe finds no WCAG 2.2 AA violation on any of the pages.
import { describe, expect, it } from 'vitest';
import { setReportText } from '../../src/app/reviews.ts';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview } from '../helpers/workspace.ts';

describe('People and agencies in a browser', () => {
  it('registers a name found in the text from the keyboard, refuses a removal visibly, and passes axe', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    await setReportText(
      s.ws,
      s.reviewId,
      'case-summary',
      'Child A lived with her mother and Kyle Marsh in Fenwick Vale.',
    );
    const password = await s.account('amara.lead', 'lead-reviewer');
    const b = await browser();
    const page = await signedInPage(b, s.base, 'amara.lead', password);
    await page.setViewport({ width: 1280, height: 900 });
    const register = `${s.base}/reviews/${s.reviewId}/register`;
    await page.goto(register);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('People and agencies');
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/register-page.png', fullPage: true });

    // The "Register" button of the name found in the text, reached and pressed from the keyboard.
    await page.focus('form[action$="/register/persons/new"] button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.$eval('#field-realName', (i) => (i as HTMLInputElement).value)).toBe(
      'Kyle Marsh',
    );
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.focus('#field-roleInCase');
    await page.keyboard.type("mother's partner");
    await page.keyboard.press('Tab');
    await page.keyboard.type('Adult B');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].button')]);
    expect(page.url()).toContain('?saved=P-2#P-2');
    expect(await page.$eval('#status', (e) => e.textContent)).toBe('P-2 saved');
    expect(await page.$eval('#P-2', (e) => e.textContent)).toContain('Kyle Marsh');
    expect(
      await page.$$eval('#unregistered-heading + p + table th[scope="row"]', (ths) =>
        ths.map((t) => t.textContent),
      ),
    ).not.toContain('Kyle Marsh');

    // A removal with no reason is refused, naming the field.
    await page.goto(`${register}/agencies/AG-1/remove`);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].button')]);
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toContain('reason');
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/register-remove-refused.png', fullPage: true });

    // With a reason: refused, since chronology entries belong to AG-1 and a participant names it.
    await page.type('#field-reason', 'Not involved after all');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].button')]);
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toContain('AG-1');
    // Detaching would not be enough while CH-1 belongs to it, so it is not offered.
    expect(await page.$('form.force')).toBeNull();
    expect(await page.$eval('.fixes', (e) => e.textContent)).toContain('Remove or move CH-1 first');
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/register-remove-in-use.png', fullPage: true });

    await page.goto(`${register}/participants/PT-2/edit`);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.goto(`${register}/agencies/new`);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: '/tmp/register-agency-new.png', fullPage: true });
  }, 60_000);
});
