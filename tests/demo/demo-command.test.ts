// The README's first quick-start line, end to end: `tunnelview demo` builds the fictional review
// into a fresh workspace and writes a findings PDF whose text follows the model's outline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load-model.ts';
import { pdfHasOutline, pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { runCli, tempDir } from '../helpers/workspace.ts';

describe('tunnelview demo', () => {
  it('writes a fresh workspace and a tagged findings PDF with the outline, every finding and its Issues for the Board', async () => {
    const dir = tempDir();
    // Today after the demo's last record, so none of its returns is dated in the future.
    const clock = () => new Date('2026-11-26T09:00:00Z');
    const run = await runCli(['demo', '--out', dir, '--json'], { cwd: dir, clock });
    expect(run.code, run.err).toBe(0);
    const result = run.json<{ review: string; workspace: string; pdf: string; events: number }>();
    expect(result.workspace).toBe(join(dir, 'tunnelview.db'));
    expect(existsSync(result.pdf)).toBe(true);

    const info = await pdfInfo(result.pdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toContain('Fenwick Vale');
    expect(await pdfHasOutline(result.pdf)).toBe(true);
    expect(readFileSync(result.pdf, 'latin1')).toContain('/Lang (en-GB)');

    const model = loadModel('learning-together');
    const text = (await pdfText(result.pdf, { layout: true })).replace(/\s+/g, ' ');
    let cursor = -1;
    for (const section of model.report.outline) {
      const at = text.indexOf(section.heading, cursor + 1);
      expect(at, `"${section.heading}" in order`).toBeGreaterThan(cursor);
      cursor = at;
    }
    // The contents list every finding too; the report body starts at the executive summary.
    const body = text.slice(
      text.indexOf('Executive summary', text.indexOf('Executive summary') + 1),
    );
    const findings = body.split(/Finding \d+ /).slice(1);
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const finding of findings) {
      for (const s of model.findingSections) expect(finding).toContain(s.title);
      expect(finding).toContain('Issues for the Board');
    }

    // The demo review sits at a realistic stage: writing the report, waiting on the Board.
    const status = await runCli(['status', '--workspace', result.workspace, '--json']);
    const parsed = status.json<{
      stage: { id: string };
      gates: { id: string; met: boolean }[];
      clocks: { id: string; status: string }[];
      nextMeeting: { type: string } | null;
    }>();
    expect(parsed.stage.id).toBe('report');
    expect(parsed.gates.filter((g) => !g.met).map((g) => g.id)).toEqual(['board-meeting-held']);
    expect(parsed.clocks.map((c) => c.id)).toEqual([
      'notification',
      'rapid-review',
      'lcspr',
      'pre-publication',
    ]);
    expect(parsed.clocks.find((c) => c.id === 'notification')?.status).toBe('met');

    // The workspace it leaves verifies, and a second run starts again from nothing.
    const verify = await runCli(['verify', '--workspace', result.workspace]);
    expect(verify.code).toBe(0);
    const again = await runCli(['demo', '--out', dir, '--json'], { cwd: dir, clock });
    expect(again.json<{ events: number }>().events).toBe(result.events);
  });
});
