// The factor and finding pages in real Chromium over a filled review: a lead reviewer adds a
// factor under a head of the model, links it to a KPE with evidence, and adds a finding
// supported by it with an Issue for the Board — by keyboard-reachable controls, with axe
// reporting no WCAG 2.2 AA violation on any of the pages, refusals and conflict included.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { showFactor } from '../../src/app/factors.ts';
import { showFinding } from '../../src/app/findings.ts';
import {
  axeViolations,
  browser,
  describeViolations,
  served,
  signedInPage,
} from '../helpers/web.ts';
import { buildSampleReview } from '../helpers/workspace.ts';

async function expectAccessible(page: Page, name: string) {
  const violations = await axeViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  await page.screenshot({ path: `/tmp/tv-findings-${name}.png`, fullPage: true });
}

/** Submits the form holding `selector` from the keyboard: focus its button, press Enter. */
async function submitWith(page: Page, button: string) {
  await page.focus(button);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('factors and findings in the browser', () => {
  it('add a factor, link it to a KPE, add a finding supported by it; every page passes axe', async () => {
    const { base, account, ws, reviewId } = await served();
    await buildSampleReview(ws, reviewId);
    const password = await account('amara.okafor', 'lead-reviewer', reviewId);
    const b = await browser();
    const page = await signedInPage(b, base, 'amara.okafor', password);
    const review = `${base}/reviews/${reviewId}`;

    await page.goto(`${review}/factors`);
    await expectAccessible(page, 'factors-list');
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/factors/new"]')]);
    // A refusal first: the error summary and the field's message must pass too.
    await submitWith(page, 'button[type="submit"].button');
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toContain('the factor');
    await expectAccessible(page, 'factor-refused');
    await page.select('#field-head', 'conditions-of-work');
    await page.type('#field-text', 'Health visitors covered two vacant caseloads');
    await page.click('#scope-generic');
    await submitWith(page, 'button[type="submit"].button');
    expect(page.url()).toContain('/factors/CF-4');
    expect(await page.$eval('#status', (e) => e.textContent)).toContain('CF-4 saved');
    await expectAccessible(page, 'factor-show');

    await Promise.all([page.waitForNavigation(), page.click('a[href$="/factors/CF-4/link"]')]);
    await expectAccessible(page, 'factor-link');
    await page.select('#field-kpeId', 'KPE-1');
    await page.type('#field-evidence', 'EX-1, CH-1');
    await submitWith(page, 'button[type="submit"].button');
    expect(await page.$eval('main', (e) => e.textContent)).toContain('KPE-1');
    expect((await showFactor(ws, reviewId, 'CF-4')).links).toEqual([
      { kpeId: 'KPE-1', factorId: 'CF-4', evidence: ['EX-1', 'CH-1'] },
    ]);

    await Promise.all([page.waitForNavigation(), page.click('a[href$="/factors/CF-4/edit"]')]);
    await expectAccessible(page, 'factor-edit');

    await page.goto(`${review}/findings`);
    await expectAccessible(page, 'findings-list');
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/findings/new"]')]);
    await expectAccessible(page, 'finding-new');
    await page.type('#field-statement', 'Vacant posts are covered by stretching caseloads.');
    await page.select('#field-category', 'human-management-system-operation');
    await page.type('#field-section-introduction', 'Cover arrangements recur across agencies.');
    await page.click('#factor-CF-4');
    await page.click('#factor-CF-1');
    await page.type('#field-questions', 'How does the Board know vacancies are covered safely?');
    await submitWith(page, 'button[type="submit"].button');
    expect(page.url()).toContain('/findings/F-3');
    await expectAccessible(page, 'finding-show');
    const { finding } = await showFinding(ws, reviewId, 'F-3');
    expect(finding.factorIds).toEqual(['CF-1', 'CF-4']);
    expect(finding.boardIssues).toEqual([
      { id: 'BI-3', question: 'How does the Board know vacancies are covered safely?' },
    ]);
    expect(await page.$eval('main', (e) => e.innerHTML)).toContain(`/factors/CF-4"`);

    await page.goto(`${review}/findings/F-3/edit`);
    await expectAccessible(page, 'finding-edit');
    await page.goto(`${review}/findings/board-issues/BI-3`);
    await expectAccessible(page, 'board-issue');
    await page.goto(`${review}/findings/board-issues/BI-3/edit`);
    await expectAccessible(page, 'board-issue-edit');

    // A conflict: someone saves the factor while this form is open.
    await page.goto(`${review}/factors/CF-4/edit`);
    const { editFactor } = await import('../../src/app/factors.ts');
    await editFactor(ws.as('lee.team'), reviewId, 'CF-4', { text: 'Their wording' });
    await page.$eval('#field-text', (e) => {
      (e as HTMLTextAreaElement).value = 'My wording';
    });
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('button[type="submit"].button'),
    ]);
    expect(response?.status()).toBe(409);
    expect(await page.$eval('.conflict', (e) => e.textContent)).toContain('Their wording');
    await expectAccessible(page, 'factor-conflict');
  });
});
