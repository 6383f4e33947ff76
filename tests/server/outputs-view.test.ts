// The outputs' view-models on their own: where an issue stands, the map in words, and the
// render jobs' table (owned by the account that asked, files deleted after download or an hour).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserSession } from '../../src/app/browser-session.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { mapOutline, placesOfIssue } from '../../src/server/outputs-view.ts';
import { JOB_LIFETIME_MS, RenderJobs } from '../../src/server/render-jobs.ts';

describe('placesOfIssue', () => {
  it('links each id that names a record, and falls back to the path', () => {
    expect(placesOfIssue('R-1', { ids: ['KPE-2', 'CF-1', 'nonsense'], path: [] })).toEqual([
      { id: 'KPE-2', href: '/reviews/R-1/kpes/KPE-2' },
      { id: 'CF-1', href: '/reviews/R-1/factors/CF-1' },
    ]);
    expect(placesOfIssue('R-1', { path: ['findings', 'F-3', 'statement'] })).toEqual([
      { id: 'F-3', href: '/reviews/R-1/findings/F-3' },
    ]);
  });
});

describe('mapOutline', () => {
  it('lists each node with its link and what joins it, both ways', () => {
    const outline = mapOutline('R-1', {
      reviewTitle: 'T',
      focus: null,
      kpes: [{ id: 'KPE-1', title: 'Visit', when: 'May 2023', rating: null, good: true }],
      heads: [{ id: 'h', name: 'Head', factorIds: ['CF-1'] }],
      factors: [{ id: 'CF-1', text: 'Caseloads', headId: 'h' }],
      findings: [{ id: 'F-1', number: 1, statement: 'Pressure' }],
      edges: [
        { from: 'KPE-1', to: 'CF-1', kind: 'explains' },
        { from: 'CF-1', to: 'F-1', kind: 'supports' },
      ],
    });
    expect(outline.map((g) => g.heading)).toEqual([
      'Key practice episodes',
      'Contributory factors',
      'Findings',
    ]);
    const [kpe, factor, finding] = outline.map((g) => g.nodes[0]);
    expect(kpe).toMatchObject({ id: 'KPE-1', good: true, href: '/reviews/R-1/kpes/KPE-1' });
    expect(kpe?.explainedBy.map((n) => n.id)).toEqual(['CF-1']);
    expect(factor?.explains.map((n) => n.id)).toEqual(['KPE-1']);
    expect(factor?.supports.map((n) => n.id)).toEqual(['F-1']);
    expect(finding?.supportedBy.map((n) => n.href)).toEqual(['/reviews/R-1/factors/CF-1']);
    expect(finding?.label).toBe('Finding 1: Pressure');
    expect(finding?.trace).toBe('/reviews/R-1/findings/F-1/trace');
    expect(kpe?.trace).toBeNull();
  });
});

describe('RenderJobs', () => {
  const browser = { close: async () => undefined } as unknown as BrowserSession;
  const ws = (actor: string) => ({ actor }) as unknown as Workspace;
  const settle = (jobs: RenderJobs, id: string, account: string) =>
    (async () => {
      for (let i = 0; i < 100; i++) {
        const job = jobs.get(id, account, 'R-1');
        if (job && job.state !== 'waiting' && job.state !== 'running') return job;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('never finished');
    })();

  it('shows a job only to its account on its review, and deletes its file after an hour', async () => {
    let now = 1_000_000;
    const jobs = new RenderJobs(
      browser,
      async (_ws, reviewId, request) => {
        await writeFile(request.outFile, 'pdf');
        return {
          review: reviewId,
          edition: request.edition,
          format: request.format,
          file: request.outFile,
          pages: 1,
          blocked: { count: 0, urls: [] },
        };
      },
      () => now,
    );
    const job = jobs.start(ws('lena.lead'), 'R-1', 'confidential', 'pdf');
    const done = await settle(jobs, job.id, 'lena.lead');
    expect(done.state).toBe('done');
    expect(done.file && existsSync(done.file)).toBe(true);
    expect(jobs.get(job.id, 'tom.team', 'R-1')).toBeUndefined();
    expect(jobs.get(job.id, 'lena.lead', 'R-2')).toBeUndefined();
    now += JOB_LIFETIME_MS - 1;
    await jobs.sweep();
    expect(jobs.get(job.id, 'lena.lead', 'R-1')).toBeDefined();
    now += 2;
    await jobs.sweep();
    expect(jobs.get(job.id, 'lena.lead', 'R-1')).toBeUndefined();
    expect(existsSync(done.file ?? '')).toBe(false);
    await jobs.close();
  });

  it('keeps a refusal’s issues and writes no file', async () => {
    const jobs = new RenderJobs(browser, async () => {
      throw new ValidationError([
        { code: 'leak-name', path: ['KPE-1 title'], message: 'a name', ids: ['KPE-1'] },
      ]);
    });
    const job = jobs.start(ws('pat.manager'), 'R-1', 'publication', 'pdf');
    const refused = await settle(jobs, job.id, 'pat.manager');
    expect(refused.state).toBe('refused');
    expect(refused.issues.map((i) => i.ids)).toEqual([['KPE-1']]);
    expect(refused.file).toBeNull();
    await jobs.close();
  });
});
