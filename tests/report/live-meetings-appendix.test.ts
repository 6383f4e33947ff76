// The methodology appendix's record of the meetings run live with the case group: for each one
// closed, attendance (people, minutes), contributions by kind, accepted, declined, undecided and
// dissent — counted from the review's log, the same in both editions and never naming anyone.
import { describe, expect, it } from 'vitest';
import { createReview } from '../../src/app/reviews.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { publicationState } from '../../src/publish/publication-state.ts';
import { buildReportView, type SectionView } from '../../src/report/build-report-view.ts';
import { docxText, renderReportDocx } from '../../src/report/docx/index.ts';
import { renderReportHtml } from '../../src/report/render-html.ts';
import { movableClock } from '../helpers/live-meeting.ts';
import { runLiveMeeting } from '../helpers/live-meeting-held.ts';
import { buildSampleReview, openTestWorkspace, workspaceWithReview } from '../helpers/workspace.ts';

const model = loadModel('learning-together');
const generatedAt = new Date('2026-11-26T09:00:00Z');

async function reviewWithMeeting() {
  const clock = movableClock();
  const { ws } = openTestWorkspace(undefined, { clock });
  const { state } = await createReview(ws, { title: 'Learning review', kind: 'lcspr' }, 'R-TEST03');
  const reviewId = state.review.id;
  await buildSampleReview(ws, reviewId);
  await runLiveMeeting(ws, reviewId, { advance: clock.advance, minutes: { priya: 45, sam: 120 } });
  return ws.load(reviewId);
}

function appendix(sections: SectionView[]): SectionView {
  const found = sections.find((s) => s.id === 'appendix-live-meetings');
  if (!found) throw new Error('no appendix-live-meetings section');
  return found;
}

describe('the methodology appendix: meetings with the case group', () => {
  it('sits under the methodology appendix with the model’s heading', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const view = buildReportView(await ws.load(reviewId), model, { generatedAt });
    const methodology = view.sections.find((s) => s.id === 'appendix-methodology');
    const section = appendix(view.sections);
    expect(methodology?.number).toBe('Appendix A');
    expect(section).toMatchObject({ number: 'A.1', heading: 'Meetings with the case group' });
    expect(section.liveMeetings).toEqual([]);
    expect(section.emptyNote).toMatch(/^No meeting with the case group was run live/);
  });

  it('counts attendance, contributions by kind, decisions and dissent for each meeting closed', async () => {
    const state = await reviewWithMeeting();
    const section = appendix(buildReportView(state, model, { generatedAt }).sections);
    expect(section.emptyNote).toBeNull();
    expect(section.liveMeetings).toEqual([
      {
        id: 'M-2',
        caption: 'First joint meeting with the case group, 15 January 2026',
        counts: [
          { label: 'People attending', count: 2 },
          { label: 'Total minutes attended', count: 165 },
          { label: 'Contributions', count: 6 },
          { label: 'Accepted by the reviewers', count: 3 },
          { label: 'Declined, with a reason', count: 2 },
          { label: 'Not yet decided', count: 1 },
          { label: 'Dissent recorded', count: 2 },
        ],
        byKind: [
          { label: 'How it looked at the time', count: 2 },
          { label: 'Question', count: 1 },
          { label: 'Dissent', count: 2 },
          { label: 'Note for the reviewers', count: 1 },
        ],
      },
    ]);
  });

  it('prints the same counts in the publication edition, naming no one, in HTML and Word', async () => {
    const state = await reviewWithMeeting();
    const confidential = appendix(buildReportView(state, model, { generatedAt }).sections);
    const view = buildReportView(publicationState(state).state, model, {
      generatedAt,
      edition: 'publication',
    });
    expect(appendix(view.sections).liveMeetings).toEqual(confidential.liveMeetings);
    const html = renderReportHtml(view);
    const start = html.indexOf('id="section-appendix-live-meetings"');
    const printed = html.slice(start, html.indexOf('</section>', start));
    expect(printed).toContain(
      '<caption>First joint meeting with the case group, 15 January 2026</caption>',
    );
    expect(printed).toContain(
      '<th scope="row">Total minutes attended</th><td class="num">165</td>',
    );
    expect(printed).toContain('<th scope="row">Dissent recorded</th><td class="num">2</td>');
    for (const name of ['Sam Okafor', 'Priya Nandra', 'PT-2', 'PT-3']) {
      expect(printed).not.toContain(name);
    }
    const word = docxText(await renderReportDocx(view));
    expect(word).toContain(
      'First joint meeting with the case group, 15 January 2026: contributions by kind',
    );
    expect(word).toContain('Declined, with a reason');
  });
});
