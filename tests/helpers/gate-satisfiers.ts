// For workflow tests: for each gate check, the review data that meets it, added through the
// review ws as a reviewer would. Also says when a variant waives a gate altogether.

import { recordConversation } from '../../src/app/conversations.ts';
import { addFactor, linkFactor } from '../../src/app/factors.ts';
import { addBoardIssue, addFinding } from '../../src/app/findings.ts';
import { addKpe } from '../../src/app/kpes.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { recordLeakCheck } from '../../src/app/publish-edition.ts';
import { addParticipant } from '../../src/app/register.ts';
import { addResearchQuestion, setReportText, updateReview } from '../../src/app/reviews.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import type { Gate, MethodologyModel, Variant } from '../../src/model/methodology-model.ts';

type Satisfier = (
  ws: Workspace,
  reviewId: string,
  gate: Gate,
  variant: Variant,
  model: MethodologyModel,
) => Promise<void>;

const DAY = '2026-02-02';

async function ensureKpes(ws: Workspace, reviewId: string): Promise<string[]> {
  const state = await ws.load(reviewId);
  const ids = Object.keys(state.kpes);
  if (ids.length >= 2) return ids;
  for (const title of [
    'Home visit after missed appointments',
    'Referral closed at the front door',
  ]) {
    await addKpe(ws, reviewId, {
      title,
      period: { from: '2025-03-01' },
      whatHappened: 'A factual account of what happened.',
      appraisal: {
        rating: 'mixed',
        text: 'Timely, though the history held elsewhere was not drawn on.',
      },
      explanation: {
        localRationality: 'It made sense given the caseload and what was known that day.',
      },
    });
  }
  return Object.keys((await ws.load(reviewId)).kpes);
}

export const SATISFIERS: Record<string, Satisfier> = {
  'key-date-recorded': async (ws, reviewId, gate) => {
    await updateReview(ws, reviewId, { keyDates: { [String(gate.params.keyDate)]: DAY } });
  },
  'participants-identified': async (ws, reviewId, gate) => {
    await addParticipant(ws, reviewId, { name: `Someone ${gate.id}`, role: gate.params.role });
  },
  'research-questions-agreed': async (ws, reviewId) => {
    await addResearchQuestion(ws, reviewId, 'How did agencies share what they knew?');
  },
  'conversations-held': async (ws, reviewId, _gate, variant) => {
    let state = await ws.load(reviewId);
    let caseGroup = Object.values(state.participants).filter((p) => p.role === 'case-group');
    if (caseGroup.length === 0) {
      for (const name of ['Practitioner One', 'Practitioner Two']) {
        await addParticipant(ws, reviewId, { name, role: 'case-group' });
      }
      state = await ws.load(reviewId);
      caseGroup = Object.values(state.participants).filter((p) => p.role === 'case-group');
    }
    const limit = variant.requires.conversations?.max ?? caseGroup.length;
    for (const p of caseGroup.slice(0, limit)) {
      await recordConversation(ws, reviewId, { participantId: p.id, date: DAY });
    }
  },
  'meetings-held': async (ws, reviewId, gate, variant) => {
    const type = String(gate.params.meetingType);
    const fallback = typeof gate.params.default === 'number' ? gate.params.default : 1;
    const needed = variant.requires.meetings[type] ?? fallback;
    for (let i = 0; i < needed; i++) await recordMeeting(ws, reviewId, { type, date: DAY });
  },
  'kpes-appraised-and-explained': async (ws, reviewId) => {
    await ensureKpes(ws, reviewId);
  },
  'findings-supported': async (ws, reviewId, _gate, _variant, model) => {
    const kpes = await ensureKpes(ws, reviewId);
    const head = model.factorFramework.levels[0]?.heads[0]?.id as string;
    const factor = await addFactor(ws, reviewId, { head, text: 'Caseloads above the ceiling' });
    const factorId = String((factor.events[0]?.payload as { id?: string } | undefined)?.id);
    for (const kpeId of kpes.slice(0, 2)) await linkFactor(ws, reviewId, { kpeId, factorId });
    const typology = model.typologies.find((t) => t.id === model.defaultTypology);
    await addFinding(
      ws,
      reviewId,
      {
        statement: 'Handovers lose the history of concerns.',
        category: typology?.categories[0]?.id,
      },
      { factorIds: [factorId] },
    );
  },
  'findings-have-board-issues': async (ws, reviewId) => {
    for (const f of Object.values((await ws.load(reviewId)).findings)) {
      if (f.boardIssues.length === 0)
        await addBoardIssue(ws, reviewId, f.id, 'How does the Board know?');
    }
  },
  'leak-check-passed': async (ws, reviewId) => {
    const state = await ws.load(reviewId);
    await recordLeakCheck(ws, reviewId, {
      format: 'pdf',
      file: 'publication.pdf',
      sha256: '0'.repeat(64),
      checkedSeq: state.seq,
      warnings: 0,
    });
  },
  'report-sections-written': async (ws, reviewId, _gate, _variant, model) => {
    const state = await ws.load(reviewId);
    const walk = (sections: MethodologyModel['report']['outline']): string[] =>
      sections.flatMap((s) => [
        ...(s.content === 'text' && !s.defaultText && s.children.length === 0 ? [s.id] : []),
        ...walk(s.children),
      ]);
    for (const id of walk(model.report.outline)) {
      if (!state.texts[id]) await setReportText(ws, reviewId, id, `Text for ${id}.`);
    }
  },
};

/** Whether the variant asks nothing of this gate, so it holds from the start. */
export function waived(gate: Gate, variant: Variant): boolean {
  // Holds unless some text trips a language rule, and the walk's texts trip none
  // (tests/language covers it blocking).
  if (gate.check === 'language-flags-resolved') return true;
  if (gate.check === 'conversations-held') return variant.requires.conversations?.max === 0;
  if (gate.check === 'meetings-held') {
    const type = String(gate.params.meetingType);
    const fallback = typeof gate.params.default === 'number' ? gate.params.default : 1;
    return (variant.requires.meetings[type] ?? fallback) === 0;
  }
  return false;
}
