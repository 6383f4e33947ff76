// The review's outputs on the web, through real HTTP handling (fastify.inject) over a real
// workspace: the map (every node a link, with a text alternative), a finding's trace, the
// check page with each place linked and its fix, accepting a flag as the signed-in account,
// and rendering the report with real Chromium — downloaded by whoever asked, and no one else;
// a publication edition with a planted leak refused with the leak listed and linked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editKpe } from '../../src/app/kpes.ts';
import type { Role } from '../../src/domain/roles.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { csrfIn, type Served, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition, pinnedClock, tempDir } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
// Handlebars also escapes `=` (as `&#x3D;`) where the SVG's escaping leaves it: both are inert.
const ESCAPED = ['&lt;script&gt;alert(1)&lt;/script&gt;', '&quot;&gt;&lt;img src'];
const FLAGGED = 'The health visitor failed to book a return visit.';

async function sampleServed(): Promise<Served> {
  const s = await served({ clock: pinnedClock('2026-11-27T10:00:00Z') });
  await buildSampleReview(s.ws, s.reviewId);
  await editKpe(s.ws, s.reviewId, 'KPE-2', { appraisal: { rating: 'mixed', text: FLAGGED } });
  return s;
}

async function as(s: Served, name: string, role: Role): Promise<WebClient> {
  const password = await s.account(name, role, s.reviewId);
  const client = new WebClient(s.app);
  await client.signIn(name, password);
  return client;
}

/** Polls the job's page (as the "check again" link does) until the render stops. */
async function finished(client: WebClient, jobUrl: string): Promise<string> {
  for (let i = 0; i < 240; i++) {
    const page = await client.get(jobUrl);
    expect(page.statusCode).toBe(200);
    if (!page.body.includes('In progress:')) return page.body;
    expect(page.body).toContain(`href="${jobUrl}"`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the render did not finish');
}

function hrefsIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('the map page', () => {
  it('shows the map as inline SVG, every node a named link to its record, and the map in words', async () => {
    const s = await sampleServed();
    const client = await as(s, 'olu.observer', 'observer');
    const page = await client.get(`/reviews/${s.reviewId}/map`);
    expect(page.statusCode).toBe(200);
    const svg = page.body.slice(page.body.indexOf('<svg'), page.body.indexOf('</svg>'));
    expect(svg).toContain('role="group"');
    for (const [id, path] of [
      ['KPE-1', 'kpes/KPE-1'],
      ['KPE-2', 'kpes/KPE-2'],
      ['CF-1', 'factors/CF-1'],
      ['CF-2', 'factors/CF-2'],
      ['F-1', 'findings/F-1'],
      ['F-2', 'findings/F-2'],
    ]) {
      expect(svg).toMatch(
        new RegExp(`<a href="/reviews/${s.reviewId}/${path}" aria-label="[^"]*${id}: `),
      );
    }
    // The CSP allows no inline style: the page's SVG carries none (the typeface is in web.css).
    expect(svg).not.toMatch(/<style|style=/);
    // The text alternative lists the nodes and what joins them.
    const words = page.body.slice(page.body.indexOf('The map in words'));
    expect(words).toContain(`<a href="/reviews/${s.reviewId}/factors/CF-1">CF-1</a>`);
    expect(words).toMatch(/Supported by<\/span> <a href="[^"]*factors\/CF-1">CF-1<\/a>/);
  });

  it('leaves the CLI’s map a picture with its typeface', async () => {
    const s = await sampleServed();
    const { analysisMap } = await import('../../src/app/analysis.ts');
    const { svg } = await analysisMap(s.ws, s.reviewId);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<style>');
    expect(svg).not.toContain('<a ');
  });
});

describe('the trace of a finding', () => {
  it('shows every path from the finding to its evidence, each step linked', async () => {
    const s = await sampleServed();
    const client = await as(s, 'olu.observer', 'observer');
    const page = await client.get(`/reviews/${s.reviewId}/findings/F-1/trace`);
    expect(page.statusCode).toBe(200);
    const links = hrefsIn(page.body);
    for (const path of [
      'findings/F-1',
      'factors/CF-1',
      'kpes/KPE-1',
      'conversations/excerpts/EX-1',
      'chronology/CH-1',
    ]) {
      expect(links).toContain(`/reviews/${s.reviewId}/${path}`);
    }
    expect(page.body).toContain('Caseload pressure crowds out return visits.');
  });

  it('names the findings there are for one that is not', async () => {
    const s = await sampleServed();
    const client = await as(s, 'olu.observer', 'observer');
    const page = await client.get(`/reviews/${s.reviewId}/findings/F-9/trace`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('its findings are F-1, F-2');
    expect(page.body).toContain(`href="/reviews/${s.reviewId}/findings"`);
  });
});

describe('the check page', () => {
  it('lists gaps, unmet gates and flags, each with its place linked and its fix', async () => {
    const s = await sampleServed();
    const client = await as(s, 'olu.observer', 'observer');
    const page = await client.get(`/reviews/${s.reviewId}/check`);
    expect(page.statusCode).toBe(200);
    // KPE-2 is not explained: a gap linked to KPE-2 with the fix "Edit KPE-2: …" linked there.
    expect(page.body).toMatch(
      new RegExp(`Where:</span> <a href="/reviews/${s.reviewId}/kpes/KPE-2">KPE-2</a>`),
    );
    expect(page.body).toMatch(
      new RegExp(`Fix:</span> <a href="/reviews/${s.reviewId}/kpes/KPE-2">Edit KPE-2: `),
    );
    expect(page.body).toContain('Gates not yet met at this stage');
    expect(page.body).toContain('failed to');
    expect(page.body).toContain(FLAGGED);
    // An observer may read, not accept.
    expect(page.body).not.toContain('Accept this flag');
  });

  it('accepts a flag with a justification, as the signed-in account', async () => {
    const s = await sampleServed();
    const client = await as(s, 'rita.team', 'review-team');
    const page = await client.get(`/reviews/${s.reviewId}/check`);
    expect(page.body).toContain('Accept this flag');
    const field = /name="field" value="(kpes\.KPE-2\.appraisal\.text[^"]*)"/.exec(page.body)?.[1];
    const rule = /name="rule" value="([^"]*)"/.exec(
      page.body.slice(page.body.indexOf(field ?? '')),
    )?.[1];
    expect(field).toBeDefined();
    const response = await client.post(`/reviews/${s.reviewId}/check/accept`, {
      _csrf: csrfIn(page.body),
      field: field ?? '',
      rule: rule ?? '',
      justification: 'Quotes the agency’s own record word for word.',
    });
    expect(response.statusCode).toBe(303);
    const after = await client.get(response.headers.location as string);
    expect(after.body).toContain('Accepted</span> by rita.team');
    const events = await s.store.readEvents(s.reviewId);
    expect(events.at(-1)?.type).toBe('language.flag-accepted');
    expect(events.at(-1)?.actor).toBe('rita.team');
  });

  it('refuses an empty justification naming the field, and keeps the store as it was', async () => {
    const s = await sampleServed();
    const client = await as(s, 'rita.team', 'review-team');
    const page = await client.get(`/reviews/${s.reviewId}/check`);
    const field = /name="field" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const rule = /name="rule" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const before = await logPosition(s.store, s.reviewId);
    const response = await client.post(`/reviews/${s.reviewId}/check/accept`, {
      _csrf: csrfIn(page.body),
      field,
      rule,
      justification: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('href="#field-justification"');
    expect(response.body).toContain('id="field-justification"');
    expect(response.body).toMatch(/justification/i);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('words an empty flag or justification in our words, never zod’s English', async () => {
    const s = await sampleServed();
    const client = await as(s, 'rita.team', 'review-team');
    const page = await client.get(`/reviews/${s.reviewId}/check`);
    const rule = /name="rule" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const before = await logPosition(s.store, s.reviewId);
    const response = await client.post(`/reviews/${s.reviewId}/check/accept`, {
      _csrf: csrfIn(page.body),
      field: '',
      rule,
      justification: '  ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('the flagged field is empty');
    expect(response.body).toContain('the justification is empty; write at least one character');
    expect(response.body).not.toMatch(/Too small|expected string/);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('refuses an observer’s accept with 403 and the store unchanged', async () => {
    const s = await sampleServed();
    const client = await as(s, 'olu.observer', 'observer');
    const before = await logPosition(s.store, s.reviewId);
    const response = await client.post(`/reviews/${s.reviewId}/check/accept`, {
      _csrf: await client.csrfFor(`/reviews/${s.reviewId}/check`),
      field: 'kpes.KPE-2.appraisal.text',
      rule: 'failed-to',
      justification: 'Because.',
    });
    expect(response.statusCode).toBe(403);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });
});

describe('hostile text', () => {
  it('comes back escaped on the map, trace and check pages and in a refused justification', async () => {
    const s = await sampleServed();
    const { editFactor } = await import('../../src/app/factors.ts');
    const { editFinding } = await import('../../src/app/findings.ts');
    await editKpe(s.ws, s.reviewId, 'KPE-1', { title: `Visit ${HOSTILE[0]} ${HOSTILE[1]}` });
    await editFactor(s.ws, s.reviewId, 'CF-1', { text: `Caseloads ${HOSTILE[0]} ${HOSTILE[1]}` });
    await editFinding(s.ws, s.reviewId, 'F-1', {
      statement: `Pressure ${HOSTILE[0]} ${HOSTILE[1]}`,
    });
    // The check page shows a flagged sentence whole.
    await editKpe(s.ws, s.reviewId, 'KPE-2', {
      appraisal: {
        rating: 'mixed',
        text: `The visitor failed to note ${HOSTILE[0]} ${HOSTILE[1]} then.`,
      },
    });
    const client = await as(s, 'rita.team', 'review-team');
    for (const url of ['map', 'findings/F-1/trace', 'check']) {
      const page = await client.get(`/reviews/${s.reviewId}/${url}`);
      expect(page.statusCode, url).toBe(200);
      for (const raw of HOSTILE) expect(page.body, url).not.toContain(raw);
      for (const escaped of ESCAPED) expect(page.body, url).toContain(escaped);
    }
    const page = await client.get(`/reviews/${s.reviewId}/check`);
    const refused = await client.post(`/reviews/${s.reviewId}/check/accept`, {
      _csrf: csrfIn(page.body),
      field: /name="field" value="([^"]*)"/.exec(page.body)?.[1] ?? '',
      rule: HOSTILE[1] ?? '',
      justification: HOSTILE.join(' '),
    });
    expect(refused.statusCode).toBe(400);
    for (const raw of HOSTILE) expect(refused.body).not.toContain(raw);
    expect(refused.body).toContain(ESCAPED[0]);
  });
});

describe('rendering the report', () => {
  it('renders the confidential PDF for whoever asked, who downloads it once; no one else can', {
    timeout: 120_000,
  }, async () => {
    const s = await sampleServed();
    const lead = await as(s, 'lena.lead', 'lead-reviewer');
    const other = await as(s, 'tom.team', 'review-team');
    const form = await lead.get(`/reviews/${s.reviewId}/render`);
    expect(form.body).toContain('value="publication"');
    const started = await lead.post(`/reviews/${s.reviewId}/render`, {
      _csrf: csrfIn(form.body),
      edition: 'confidential',
      format: 'pdf',
    });
    expect(started.statusCode).toBe(303);
    const jobUrl = started.headers.location as string;
    expect(jobUrl).toMatch(new RegExp(`^/reviews/${s.reviewId}/render/jobs/[0-9a-f]{32}$`));
    const done = await finished(lead, jobUrl);
    expect(done).toContain(`href="${jobUrl}/download"`);
    // Another account, even one allowed to render, finds nothing there.
    expect((await other.get(jobUrl)).statusCode).toBe(404);
    expect((await other.get(`${jobUrl}/download`)).statusCode).toBe(404);
    const download = await lead.get(`${jobUrl}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${s.reviewId}-confidential.pdf"`,
    );
    const file = join(tempDir(), 'downloaded.pdf');
    writeFileSync(file, download.rawPayload);
    const text = await pdfText(file);
    expect(text).toContain('Caseload pressure crowds out return visits.');
    expect(text).toContain('Dana Reid');
    // Deleted once downloaded.
    expect((await lead.get(`${jobUrl}/download`)).statusCode).toBe(404);
  });

  it('refuses a publication edition with a planted leak, listing the leak linked to where it stands', {
    timeout: 120_000,
  }, async () => {
    const s = await sampleServed();
    // "Maisie" with a Cyrillic "а": pseudonymisation misses it, the leak check does not.
    await editKpe(s.ws, s.reviewId, 'KPE-2', {
      whatHappened: 'Nursery staff saw M\u0430isie Thorne.',
    });
    const manager = await as(s, 'pat.manager', 'partnership-manager');
    const before = await logPosition(s.store, s.reviewId);
    const started = await manager.post(`/reviews/${s.reviewId}/render`, {
      _csrf: await manager.csrfFor(`/reviews/${s.reviewId}/render`),
      edition: 'publication',
      format: 'pdf',
    });
    expect(started.statusCode).toBe(303);
    const page = await finished(manager, started.headers.location as string);
    expect(page).toContain('Not written');
    expect(page).toMatch(/would be published/);
    expect(page).toContain(`<a href="/reviews/${s.reviewId}/kpes/KPE-2">KPE-2</a>`);
    expect(page).not.toContain('/download');
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('refuses the publication edition to the review team, and any render to an observer (403)', async () => {
    const s = await sampleServed();
    const team = await as(s, 'tom.team', 'review-team');
    const observer = await as(s, 'olu.observer', 'observer');
    const before = await logPosition(s.store, s.reviewId);
    const form = await team.get(`/reviews/${s.reviewId}/render`);
    expect(form.body).toContain('value="confidential"');
    expect(form.body).not.toContain('value="publication"');
    const refused = await team.post(`/reviews/${s.reviewId}/render`, {
      _csrf: csrfIn(form.body),
      edition: 'publication',
      format: 'pdf',
    });
    expect(refused.statusCode).toBe(403);
    const observed = await observer.get(`/reviews/${s.reviewId}/render`);
    expect(observed.statusCode).toBe(200);
    expect(observed.body).not.toContain('name="edition"');
    const posted = await observer.post(`/reviews/${s.reviewId}/render`, {
      _csrf: await observer.csrfFor(`/reviews/${s.reviewId}/check`),
      edition: 'confidential',
      format: 'pdf',
    });
    expect(posted.statusCode).toBe(403);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('refuses an edition or format it does not know, naming the field', async () => {
    const s = await sampleServed();
    const lead = await as(s, 'lena.lead', 'lead-reviewer');
    const response = await lead.post(`/reviews/${s.reviewId}/render`, {
      _csrf: await lead.csrfFor(`/reviews/${s.reviewId}/render`),
      edition: HOSTILE[0] ?? '',
      format: 'rtf',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#field-edition"');
    expect(response.body).toContain('href="#field-format"');
    expect(response.body).not.toContain(HOSTILE[0]);
  });
});
