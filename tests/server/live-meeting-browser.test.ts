// A live meeting in six real Chromium contexts: the facilitator, the room's screen and four
// participants who joined by their own links. Silent writing stays private until the reveal,
// then reaches every page within two seconds without a reload; an accepted correction changes
// the KPE; declined dissent stays in the meeting's record; a joined link opens nothing else;
// a used or withdrawn link is refused; axe finds nothing on the three pages with live content.
import type { Browser, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { CASE_GROUP, liveMeeting } from '../helpers/live-meeting-web.ts';
import { axeViolations, browser, describeViolations, signedInPage } from '../helpers/web.ts';

const WITHIN_MS = 2000;
const ANSWERS = [
  'The caseload meant a return visit slipped a week.',
  'Nobody told the nursery the family had moved.',
  'The referral form did not ask about siblings.',
  'We assumed health visiting had it in hand.',
];

/** Clicks a form's button and waits for the page it leads to (the locator waits out a live swap). */
async function click(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

/** Presses a button with the keyboard, as a facilitator tabbing through the decisions would. */
async function press(page: Page, selector: string) {
  await page.focus(selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function join(b: Browser, base: string, path: string): Promise<Page> {
  const context = await b.createBrowserContext();
  const page = await context.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width: 420, height: 900 });
  await page.goto(`${base}${path}`);
  await click(page, 'main button[type="submit"]');
  return page;
}

/** Waits until the page shows `text` (live, without reloading it). */
async function shows(page: Page, text: string, timeout = WITHIN_MS) {
  await page.waitForFunction(
    (t) => document.querySelector('main')?.textContent?.includes(t),
    {
      timeout,
      polling: 50,
    },
    text,
  );
}

async function noViolations(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/h13-${name}.png`, fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('a live meeting in Chromium', () => {
  it('runs from invitation to recorded outcome with the facilitator, the screen and four participants', async () => {
    const m = await liveMeeting();
    const b = await browser();
    const control = `${m.base}/reviews/${m.reviewId}/meetings/${m.meetingId}`;
    const lead = await signedInPage(b, m.base, m.lead.name, m.lead.password);
    await lead.setViewport({ width: 1280, height: 1000 });
    await lead.goto(control);
    await click(lead, 'form[action$="/start"] button');
    expect(await lead.$eval('#status', (e) => e.textContent)).toContain('started');

    // Links issued from the control page, each shown once.
    const issue = async (participant: string | null) => {
      if (participant === null) await lead.click('#purpose-presenter');
      else await lead.select('#field-invite-participant', m.ids[participant] as string);
      await click(lead, 'form[action$="/invites"] button');
      return new URL(await lead.$eval('#issued-url', (e) => (e as HTMLInputElement).value))
        .pathname;
    };
    const links = [];
    for (const p of CASE_GROUP) links.push(await issue(p.name));
    const screenLink = await issue(null);

    const screen = await join(b, m.base, screenLink);
    await screen.setViewport({ width: 1280, height: 800 });
    expect(screen.url()).toMatch(/\/present$/);
    const people: Page[] = [];
    for (const link of links) people.push(await join(b, m.base, link));
    for (const page of people) expect(page.url()).toMatch(/\/take-part$/);

    // The facilitator puts a KPE on the screen: every page follows.
    await lead.select('#field-show-kpe', 'KPE-1');
    await click(lead, 'form[action$="/show"] button');
    for (const page of [screen, ...people])
      await shows(page, 'Home visit after the birth of a sibling');

    // Silent writing: each answer stays with its author and the reviewers until the reveal.
    await lead.type('#field-prompt-text', 'What made a return visit hard at the time?');
    await click(lead, 'form[action$="/prompts"] button');
    for (const [i, page] of people.entries()) {
      await page.waitForSelector('#field-answer', { timeout: WITHIN_MS });
      await page.type('#field-answer', ANSWERS[i] as string);
      await click(page, '#answer-form button');
      expect(await page.$eval('#status', (e) => e.textContent)).toContain('Your answer is in');
    }
    const screenText = await screen.$eval('main', (e) => e.textContent ?? '');
    for (const answer of ANSWERS) expect(screenText).not.toContain(answer);
    const firstText = await people[0]?.$eval('main', (e) => e.textContent ?? '');
    expect(firstText).toContain(ANSWERS[0]);
    for (const answer of ANSWERS.slice(1)) expect(firstText).not.toContain(answer);
    for (const answer of ANSWERS) await shows(lead, answer);

    await click(lead, 'form[action$="/reveal"] button');
    const revealedAt = Date.now();
    for (const page of [screen, ...people]) for (const answer of ANSWERS) await shows(page, answer);
    expect(Date.now() - revealedAt).toBeLessThan(WITHIN_MS * 2);
    // Without names in the room; the facilitator sees who wrote each.
    const onScreen = await screen.$eval('#meeting-now', (e) => e.textContent ?? '');
    for (const p of CASE_GROUP) expect(onScreen).not.toContain(p.name);
    for (const page of [screen, ...people]) {
      const ids = await page.$$eval('#meeting-now .contribution', (els) =>
        els.map((e) => e.getAttribute('data-id')),
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(4);
    }
    await noViolations(lead, 'control');
    await noViolations(screen, 'presenter');
    await noViolations(people[1] as Page, 'participant');

    // A correction to the KPE's facts (still under discussion behind the prompt), accepted: the
    // KPE changes, through its own edit.
    const sam = people[0] as Page;
    await sam.waitForSelector('#kind-correction', { timeout: WITHIN_MS });
    await sam.click('#kind-correction');
    await sam.type('#field-text', 'The visit was on the Tuesday, not the Monday.');
    await sam.click('details summary');
    await sam.select('#field-target', 'KPE-1');
    await sam.type('#field-proposed', 'Health visitor visited on Tuesday 2 May; mother tired.');
    await click(sam, '#contribute-form button');
    await shows(lead, 'The visit was on the Tuesday, not the Monday.');
    const correction = await lead.$eval(
      '#meeting-contributions .contribution-correction',
      (e) => e.id,
    );
    await press(lead, `form[action$="/contributions/${correction}/accept"] button`);
    const kpe = (await m.ws.load(m.reviewId)).kpes['KPE-1'];
    expect(kpe?.whatHappened).toBe('Health visitor visited on Tuesday 2 May; mother tired.');
    await shows(sam, 'The reviewers: Accepted');

    // Dissent, declined with a reason: it stays in the meeting's record.
    const priya = people[1] as Page;
    await priya.click('#kind-dissent');
    await priya.type('#field-text', 'I do not agree the nursery could have known.');
    await click(priya, '#contribute-form button');
    await shows(lead, 'I do not agree the nursery could have known.');
    const dissent = await lead.$eval('#meeting-contributions .contribution-dissent', (e) => e.id);
    await lead.type(
      `#decline-reason-${dissent}`,
      'The nursery’s own record shows the bruise was logged.',
    );
    await press(lead, `form[action$="/contributions/${dissent}/decline"] button`);
    await shows(priya, 'The reviewers: Declined');

    // A joined link opens its meeting and nothing else.
    for (const path of ['/chronology', '/meetings', `/meetings/${m.meetingId}`]) {
      const response = await priya.goto(`${m.base}/reviews/${m.reviewId}${path}`);
      expect(response?.status(), path).toBe(403);
    }
    await priya.goBack();

    // A used link, and a withdrawn one, are refused.
    const stranger = await (await b.createBrowserContext()).newPage();
    expect((await stranger.goto(`${m.base}${links[2]}`))?.status()).toBe(410);
    expect(await stranger.$eval('main', (e) => e.textContent)).toContain('already been used');
    const spare = await issue('Halima Brook');
    await click(lead, '#meeting-attendance tbody tr:last-child form[action$="/revoke"] button');
    expect((await stranger.goto(`${m.base}${spare}`))?.status()).toBe(410);
    expect(await stranger.$eval('main', (e) => e.textContent)).toContain('withdrawn');

    // Closing records the outcome: attendance, decisions, and the declined dissent.
    await click(lead, `form[action$="/meetings/${m.meetingId}/close"] button`);
    const state = await m.ws.load(m.reviewId);
    const outcome = state.rooms[m.meetingId]?.outcome;
    expect(outcome?.attendance).toHaveLength(4);
    expect(outcome?.dissent).toEqual([dissent]);
    expect(outcome?.accepted).toBe(1);
    expect(outcome?.declined).toBe(1);
    expect(state.meetings[m.meetingId]?.status).toBe('held');
    await shows(lead, 'Declined: The nursery’s own record shows the bruise was logged.');
    for (const page of people.slice(2)) await shows(page, 'This meeting has closed');
    await lead.screenshot({ path: '/tmp/h13-control-closed.png', fullPage: true });
  }, 180_000);
});
