import { describe, expect, it } from 'vitest';
import { createReview } from '../../src/app/reviews.ts';
import {
  buildSampleReview,
  openTestWorkspace,
  runCli,
  tempWorkspacePath,
} from '../helpers/workspace.ts';

async function sampleWorkspace(reviews: string[] = ['R-CLI1']) {
  const path = tempWorkspacePath();
  const { ws } = openTestWorkspace(path);
  for (const id of reviews) {
    await createReview(ws, { title: `Learning review ${id}`, kind: 'lcspr' }, id);
    await buildSampleReview(ws, id);
  }
  const run = (...args: string[]) => runCli([...args, '--workspace', path]);
  return { path, run };
}

describe('tunnelview check', () => {
  it('prints the gaps, errors first, with what to do', async () => {
    const { run } = await sampleWorkspace();
    const result = await run('check', '--review', 'R-CLI1');
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toBe('Review R-CLI1: 3 error(s), 2 warning(s), 0 for information.');
    expect(result.out).toContain('Errors (block the no-blocking-gaps gate):');
    expect(result.out).toContain('  - [kpe-not-appraised] KPE-2 has no appraisal;');
    // Each gap one change closes says the command that makes it.
    expect(result.out).toContain(
      'against the standards of the time; record it with: tunnelview kpe edit KPE-2 --rating <rating> --appraisal "…"',
    );
    expect(result.out).toContain(
      'kept apart from the appraisal; record it with: tunnelview kpe edit KPE-2 --explanation "…"',
    );
    expect(result.out).toContain(
      'Cite the excerpts or chronology entries that show it; cite evidence with: tunnelview factor link CF-2 --kpe KPE-2 --evidence EX-n',
    );
    expect(result.out).toContain('Warnings:');
    expect(result.out).toContain(
      '[finding-from-one-agency] F-1 rests on the practice of one agency (AG-1)',
    );
  });

  it('gives the gaps as JSON with severities and counts', async () => {
    const { run } = await sampleWorkspace();
    const result = await run('check', '--json');
    const body = result.json<{
      review: string;
      counts: object;
      gaps: { code: string; severity: string; ids: string[]; fix?: unknown }[];
    }>();
    expect(body.review).toBe('R-CLI1');
    expect(body.counts).toEqual({ error: 3, warning: 2, info: 0 });
    expect(body.gaps.map((g) => [g.severity, g.code, g.ids])).toEqual([
      ['error', 'kpe-not-appraised', ['KPE-2']],
      ['error', 'kpe-not-explained', ['KPE-2']],
      ['error', 'factor-without-evidence', ['CF-2', 'F-2']],
      ['warning', 'finding-from-one-kpe', ['F-1', 'CF-1', 'KPE-1']],
      ['warning', 'finding-from-one-agency', ['F-1', 'AG-1']],
    ]);
    // The fix as data, for a script (or the web app) to act on in its own way.
    expect(body.gaps.map((g) => g.fix)).toEqual([
      { kind: 'edit', record: 'kpe', id: 'KPE-2', fields: ['appraisal'] },
      { kind: 'edit', record: 'kpe', id: 'KPE-2', fields: ['explanation'] },
      { kind: 'cite-evidence', factor: 'CF-2', kpe: 'KPE-2' },
      undefined,
      undefined,
    ]);
  });
});

describe('tunnelview patterns', () => {
  it('ranks factors and heads of one review, as text and JSON', async () => {
    const { run } = await sampleWorkspace();
    const text = await run('patterns', '--review', 'R-CLI1');
    expect(text.code).toBe(0);
    expect(text.out).toContain('Factors by reach (most KPEs, then most agencies):');
    expect(text.out).toMatch(/CF-1\s+1\s+1\s+Conditions of work\s+F-1 F-2/);
    expect(text.out).toContain('Candidate findings');
    const json = (await run('patterns', '--review', 'R-CLI1', '--json')).json<{
      factors: { id: string }[];
      heads: { head: string }[];
      by: { id: string };
    }>();
    expect(json.by.id).toBe('heads');
    expect(json.factors.map((f) => f.id)).toEqual(['CF-1', 'CF-2']);
    expect(json.heads.map((h) => h.head)).toEqual(['conditions-of-work', 'inter-agency-team']);
  });

  it('regroups by a cross-walk, and names the choices for an unknown one', async () => {
    const { run } = await sampleWorkspace();
    const seips = (await run('patterns', '--review', 'R-CLI1', '--by', 'seips', '--json')).json<{
      heads: { head: string }[];
    }>();
    expect(seips.heads.map((h) => h.head)).toEqual(['organisation', 'tools-and-technology']);
    const wrong = await run('patterns', '--review', 'R-CLI1', '--by', 'sieps');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(
      '"sieps" is not a vocabulary the model can regroup by (did you mean "seips"?)',
    );
  });

  it('looks across every review in the workspace without --review', async () => {
    const { run } = await sampleWorkspace(['R-CLI1', 'R-CLI2']);
    const text = await run('patterns');
    expect(text.code).toBe(0);
    expect(text.stdout[0]).toBe(
      'Patterns across 2 review(s), practice from 2023-05-02 to 2023-06-30',
    );
    expect(text.out).toMatch(/human-management-system-operation \*\s/);
    const json = (await run('patterns', '--json')).json<{
      categories: { category: string; reviewIds: string[]; recurring: boolean }[];
    }>();
    expect(json.categories.map((c) => [c.category, c.reviewIds, c.recurring])).toEqual([
      ['human-management-system-operation', ['R-CLI1', 'R-CLI2'], true],
      ['multi-agency-assessment-and-longer-term-work', ['R-CLI1', 'R-CLI2'], true],
    ]);
    const where = await run('patterns', '--category', 'human-management-system-operation');
    expect(where.out).toContain('R-CLI2  F-1      Caseload pressure crowds out return visits.');
    const conflict = await run('patterns', '--review', 'R-CLI1', '--category', 'tools');
    expect(conflict.code).toBe(1);
  });
});

describe('tunnelview trace', () => {
  it('prints the tree from a finding to its evidence', async () => {
    const { run } = await sampleWorkspace();
    const result = await run('trace', 'F-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      'F-1  Caseload pressure crowds out return visits.',
      '    category: Human–management system operation',
      '    asks the Board (BI-1): How does the Board know caseloads are safe?',
      '└─ CF-1 [Conditions of work] Health visiting caseloads far above the ceiling',
      '   └─ KPE-1 Home visit after the birth of a sibling (mixed; 2023-05-02; AG-1)',
      '      ├─ EX-1 from CV-1 (PT-2, AG-1) (cited for the link): "I had 420 families and no time to go back."',
      '      └─ CH-1 2023-05-02 · AG-1 (cited for the link): Health visitor home visit; mother tired, flat untidy.',
      '',
      'Agencies:',
      '  AG-1  Fenwick Vale Health Visiting',
    ]);
  });

  it('gives every path as JSON, and refuses an unknown finding with the choices', async () => {
    const { run } = await sampleWorkspace();
    const json = (await run('trace', 'F-2', '--json')).json<{ paths: unknown[] }>();
    expect(json.paths).toEqual([
      {
        findingId: 'F-2',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'EX-1',
        relation: 'link-evidence',
      },
      {
        findingId: 'F-2',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'CH-1',
        relation: 'link-evidence',
      },
      { findingId: 'F-2', factorId: 'CF-2', kpeId: 'KPE-2' },
    ]);
    const unknown = await run('trace', 'F-7');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      'F-7 is not a finding of review R-CLI1; its findings are F-1, F-2',
    );
  });
});

describe('graph commands --help', () => {
  it('ends with an Example block on check, patterns and trace', async () => {
    for (const command of ['check', 'patterns', 'trace']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out.trimEnd(), command).toMatch(/Example:\n( {2}tunnelview .+\n?)+$/);
    }
  });
});
