// For workflow tests: for each gate check, the review data that meets it, added through the
// review service as a reviewer would. Also says when a variant waives a gate altogether.
import type { Gate, MethodologyModel, Variant } from '../../src/model/methodology-model.ts';
import type { ReviewService } from '../../src/service/review-service.ts';

type Satisfier = (
  service: ReviewService,
  reviewId: string,
  gate: Gate,
  variant: Variant,
  model: MethodologyModel,
) => Promise<void>;

const DAY = '2026-02-02';

async function ensureKpes(service: ReviewService, reviewId: string): Promise<string[]> {
  const state = await service.load(reviewId);
  const ids = Object.keys(state.kpes);
  if (ids.length >= 2) return ids;
  for (const title of [
    'Home visit after missed appointments',
    'Referral closed at the front door',
  ]) {
    await service.addKpe(reviewId, {
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
  return Object.keys((await service.load(reviewId)).kpes);
}

export const SATISFIERS: Record<string, Satisfier> = {
  'key-date-recorded': async (service, reviewId, gate) => {
    await service.updateReview(reviewId, { keyDates: { [String(gate.params.keyDate)]: DAY } });
  },
  'participants-identified': async (service, reviewId, gate) => {
    await service.addParticipant(reviewId, { name: `Someone ${gate.id}`, role: gate.params.role });
  },
  'research-questions-agreed': async (service, reviewId) => {
    await service.addResearchQuestion(reviewId, 'How did agencies share what they knew?');
  },
  'conversations-held': async (service, reviewId, _gate, variant) => {
    let state = await service.load(reviewId);
    let caseGroup = Object.values(state.participants).filter((p) => p.role === 'case-group');
    if (caseGroup.length === 0) {
      for (const name of ['Practitioner One', 'Practitioner Two']) {
        await service.addParticipant(reviewId, { name, role: 'case-group' });
      }
      state = await service.load(reviewId);
      caseGroup = Object.values(state.participants).filter((p) => p.role === 'case-group');
    }
    const limit = variant.requires.conversations?.max ?? caseGroup.length;
    for (const p of caseGroup.slice(0, limit)) {
      await service.recordConversation(reviewId, { participantId: p.id, date: DAY });
    }
  },
  'meetings-held': async (service, reviewId, gate, variant) => {
    const type = String(gate.params.meetingType);
    const fallback = typeof gate.params.default === 'number' ? gate.params.default : 1;
    const needed = variant.requires.meetings[type] ?? fallback;
    for (let i = 0; i < needed; i++) await service.recordMeeting(reviewId, { type, date: DAY });
  },
  'kpes-appraised-and-explained': async (service, reviewId) => {
    await ensureKpes(service, reviewId);
  },
  'findings-supported': async (service, reviewId, _gate, _variant, model) => {
    const kpes = await ensureKpes(service, reviewId);
    const head = model.factorFramework.levels[0]?.heads[0]?.id as string;
    const factor = await service.addFactor(reviewId, { head, text: 'Caseloads above the ceiling' });
    const factorId = String((factor.events[0]?.payload as { id?: string } | undefined)?.id);
    for (const kpeId of kpes.slice(0, 2)) await service.linkFactor(reviewId, { kpeId, factorId });
    const typology = model.typologies.find((t) => t.id === model.defaultTypology);
    await service.addFinding(
      reviewId,
      {
        statement: 'Handovers lose the history of concerns.',
        category: typology?.categories[0]?.id,
      },
      { factorIds: [factorId] },
    );
  },
  'findings-have-board-issues': async (service, reviewId) => {
    for (const f of Object.values((await service.load(reviewId)).findings)) {
      if (f.boardIssues.length === 0)
        await service.addBoardIssue(reviewId, f.id, 'How does the Board know?');
    }
  },
  'leak-check-passed': async (service, reviewId) => {
    const state = await service.load(reviewId);
    await service.recordLeakCheck(reviewId, {
      format: 'pdf',
      file: 'publication.pdf',
      sha256: '0'.repeat(64),
      checkedSeq: state.seq,
      warnings: 0,
    });
  },
  'report-sections-written': async (service, reviewId, _gate, _variant, model) => {
    const state = await service.load(reviewId);
    const walk = (sections: MethodologyModel['report']['outline']): string[] =>
      sections.flatMap((s) => [
        ...(s.content === 'text' && !s.defaultText && s.children.length === 0 ? [s.id] : []),
        ...walk(s.children),
      ]);
    for (const id of walk(model.report.outline)) {
      if (!state.texts[id]) await service.setReportText(reviewId, id, `Text for ${id}.`);
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
