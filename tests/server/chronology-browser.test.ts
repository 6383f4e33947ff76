// The chronology pages in real Chromium over a filled review: a lead reviewer uploads a return
// with one bad row through the form (keyboard-reachable controls), sees the row named and the
// good rows imported, follows an entry to its page; axe finds nothing on any chronology page.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview, tempDir } from '../helpers/workspace.ts';

async function expectAccessible(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/chronology-${name}.png`, fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('the chronology in a browser', () => {
  it('uploads a return with one bad row, names it, and every page passes axe', async () => {
    const { base, reviewId, ws, account } = await served();
    await buildSampleReview(ws, reviewId);
    // The nursery's account of the health visitor's visit: a cluster to confirm or split.
    await addChronologyEntry(ws, reviewId, {
      agencyId: 'AG-2',
      date: { precision: 'day', start: '2023-05-02', original: '02/05/2023' },
      text: 'Health visitor home visit reported; mother tired, flat untidy.',
    });
    const password = await account('amara.okafor', 'lead-reviewer');
    const b = await browser();
    const page = await signedInPage(b, base, 'amara.okafor', password);
    const chronology = `${base}/reviews/${reviewId}/chronology`;

    await page.goto(chronology);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Chronology');
    await expectAccessible(page, 'timeline');

    await page.goto(`${chronology}/import`);
    await expectAccessible(page, 'upload');
    const dir = await tempDir();
    const file = join(dir, 'police-return.csv');
    await writeFile(
      file,
      [
        'Date,Details,Officer',
        '03/05/2023,Police welfare check at the flat; no answer.,PC 1123',
        '31/02/2023,Call from neighbour about shouting.,PC 1123',
        '05/05/2023,Second visit; mother spoke at the door.,PC 2011',
      ].join('\n'),
    );
    await page.focus('#field-agency');
    await page.keyboard.type('Fenwick Vale Police');
    await page.select('#field-sector', 'police');
    await page.focus('#field-skipInvalid');
    await page.keyboard.press('Space');
    const input = await page.$('#field-file');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    await page.focus('button[type="submit"].button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const report = await page.$eval('main', (m) => m.textContent ?? '');
    expect(report).toContain('police-return.csv#2');
    expect(report).toContain('2 entries');
    await expectAccessible(page, 'report');

    const bad = ['Occurred,Narrative', '03/05/2023,Welfare check.'].join('\n');
    const odd = join(dir, 'odd.csv');
    await writeFile(odd, bad);
    await page.goto(`${chronology}/import`);
    await page.type('#field-agency', 'Fenwick Vale Police');
    const again = await page.$('#field-file');
    await (again as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(odd);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].button')]);
    expect(await page.$('#mapping')).not.toBeNull();
    await expectAccessible(page, 'mapping');

    await page.goto(`${chronology}?q=Second+visit`);
    await Promise.all([page.waitForNavigation(), page.click('tbody th a')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toMatch(/^Chronology entry CH-\d+$/);
    await expectAccessible(page, 'entry');

    await page.goto(`${chronology}/perspectives`);
    await expectAccessible(page, 'perspectives');
    await page.goto(`${chronology}/duplicates`);
    expect(await page.$('.cluster form')).not.toBeNull();
    await expectAccessible(page, 'duplicates');
    await page.type('#field-note-1', 'Same visit, told by both');
    await Promise.all([page.waitForNavigation(), page.click('button[value="confirmed"]')]);
    expect(await page.$eval('#status', (s) => s.textContent)).toContain('Decision recorded');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('(confirmed)');
    await expectAccessible(page, 'duplicates-confirmed');
  }, 90_000);
});
