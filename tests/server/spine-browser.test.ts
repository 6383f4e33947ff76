// The web workspace's front pages in real Chromium: a lead reviewer signs in with the keyboard,
// starts a review (first with a mistake, which is named and linked to its field), lands on its
// dashboard; an observer sees the list without the button to start one. axe-core (WCAG 2.0–2.2
// A and AA) finds nothing on any of these pages.
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';

describe('the front pages in Chromium', () => {
  it('sign in, start a review, see its dashboard — each page free of WCAG 2.2 AA violations', async () => {
    const { base, account, store } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const chromium = await browser();

    const signIn = await (await chromium.createBrowserContext()).newPage();
    await signIn.setBypassCSP(true);
    await signIn.goto(`${base}/reviews/new`);
    expect(new URL(signIn.url()).pathname).toBe('/sign-in');
    expect(await axeViolations(signIn).then(describeViolations)).toBe('');
    // Keyboard only: the name field, the password field, Enter.
    await signIn.focus('#field-name');
    await signIn.keyboard.type('amara.okafor');
    await signIn.keyboard.press('Tab');
    await signIn.keyboard.type(password);
    await Promise.all([signIn.waitForNavigation(), signIn.keyboard.press('Enter')]);
    expect(new URL(signIn.url()).pathname).toBe('/reviews/new');

    const page = signIn;
    expect(await axeViolations(page).then(describeViolations)).toBe('');
    // A title of spaces is refused, named in the summary and linked to the field.
    await page.type('#field-title', '   ');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(await page.$eval('.error-summary a', (a) => a.getAttribute('href'))).toBe(
      '#field-title',
    );
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toMatch(/title/i);
    expect(await axeViolations(page).then(describeViolations)).toBe('');
    expect(await store.listReviews()).toHaveLength(1);

    await page.$eval('#field-title', (e) => {
      (e as HTMLInputElement).value = '';
    });
    await page.type('#field-title', 'Learning review: Child B <script>alert(1)</script>');
    await page.select('#field-kind', 'learning-review');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/reviews\/R-/);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(
      'Learning review: Child B <script>alert(1)</script>',
    );
    expect(await page.$$eval('main script', (s) => s.length)).toBe(0);
    expect(await axeViolations(page).then(describeViolations)).toBe('');

    await page.goto(`${base}/`);
    expect(await page.$$eval('table a', (as) => as.length)).toBe(2);
    expect(await axeViolations(page).then(describeViolations)).toBe('');
  });

  it('shows an observer the reviews without the button to start one', async () => {
    const { base, account } = await served();
    const password = await account('sam.observer', 'observer');
    const page = await signedInPage(await browser(), base, 'sam.observer', password);
    expect(await page.$$eval('a[href="/reviews/new"]', (as) => as.length)).toBe(0);
    await page.goto(`${base}/reviews/new`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Not allowed');
    expect(await axeViolations(page).then(describeViolations)).toBe('');
  });

  it('works with JavaScript off: sign in, start a review, move through its pages', async () => {
    const { base, account } = await served();
    const password = await account('amara.okafor', 'lead-reviewer');
    const page = await (await (await browser()).createBrowserContext()).newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${base}/sign-in`);
    await page.type('#field-name', 'amara.okafor');
    await page.type('#field-password', password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    await page.goto(`${base}/reviews/new`);
    await page.type('#field-title', 'Learning review: Child C');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Learning review: Child C');
    for (const label of ['KPEs', 'Chronology', 'History']) {
      const href = await page.$eval(`nav a::-p-text(${label})`, (a) => a.getAttribute('href'));
      await page.goto(`${base}${href}`);
      expect(await page.$eval('h1', (h) => h.textContent?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});
