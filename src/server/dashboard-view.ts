/**
 * The review dashboard as a page shows it: the stage, each gate with its shortfalls and the
 * link that fixes each, the clocks with what is overdue said in words, the next meeting, the
 * advance and reopen forms, and the count of each part the review holds with its page.
 */
import type { summariseReview } from '../app/summarise-review.ts';
import type { Issue } from '../domain/issue.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { ReviewStatus } from '../workflow/review-status.ts';
import { partHref, type ReviewPart, recordHref, reviewHref } from './review-frame.ts';
import { webFix } from './web-fix.ts';

/** What the workflow forms held when they were sent: kept when a move is refused. */
export interface WorkflowForms {
  advance: { outcome: string; date: string };
  reopen: { to: string; reason: string; date: string };
}

export const EMPTY_FORMS: WorkflowForms = {
  advance: { outcome: '', date: '' },
  reopen: { to: '', reason: '', date: '' },
};

/** A refusal of one of the forms: which form, and its issues. */
export interface Refused {
  form: 'advance' | 'reopen';
  issues: readonly Issue[];
}

/** Where each count of what the review holds is kept on the web. */
const COUNT_PAGES: Record<string, (reviewId: string) => string> = {
  'research questions': (r) => partHref(r, 'settings'),
  people: (r) => partHref(r, 'register'),
  agencies: (r) => partHref(r, 'register'),
  participants: (r) => partHref(r, 'register'),
  'chronology entries': (r) => partHref(r, 'chronology'),
  conversations: (r) => partHref(r, 'conversations'),
  excerpts: (r) => partHref(r, 'conversations'),
  KPEs: (r) => partHref(r, 'kpes'),
  factors: (r) => partHref(r, 'factors'),
  'KPE–factor links': (r) => partHref(r, 'factors'),
  findings: (r) => partHref(r, 'findings'),
  meetings: (r) => reviewHref(r, '/meetings'),
  'time entries': (r) => reviewHref(r, '/time'),
};

/** The form field each issue path names, for the link from the problem summary. */
const FIELD_OF: Record<Refused['form'], Record<string, string>> = {
  advance: { outcome: 'field-outcome', date: 'field-advance-date' },
  reopen: { to: 'field-to', reason: 'field-reason', date: 'field-reopen-date' },
};

function problemsOf(
  refused: Refused | null,
  form: Refused['form'],
  reviewId: string,
  gateIds: ReadonlySet<string>,
  model: MethodologyModel,
) {
  const issues = refused?.form === form ? refused.issues : [];
  const list = issues.map((i) => {
    const field = FIELD_OF[form][String(i.path[0] ?? '')];
    // An unmet gate's shortfall names the stage and the gate; it links to the gate on the page.
    const gate = String(i.path[1] ?? '');
    const href = field ? `#${field}` : gateIds.has(gate) ? `#gate-${gate}` : '#gates-heading';
    const fix = i.fix ? webFix(i.fix, reviewId, model) : null;
    return { message: i.message, href, fix };
  });
  const byField = Object.fromEntries(
    Object.entries(FIELD_OF[form]).map(([path]) => [
      path,
      issues
        .filter((i) => i.path[0] === path)
        .map((i) => i.message)
        .join(' '),
    ]),
  );
  return { any: list.length > 0, list, byField };
}

export function dashboardView(input: {
  status: ReviewStatus;
  model: MethodologyModel;
  summary: ReturnType<typeof summariseReview>;
  /** May the account move the review (and is it not a view as at an earlier event)? */
  canRun: boolean;
  forms?: WorkflowForms;
  refused?: Refused | null;
  /** Rewrites a link into the review (to keep a view as at an earlier event). */
  link?: (href: string) => string;
}) {
  const { status, model, summary, canRun } = input;
  const forms = input.forms ?? EMPTY_FORMS;
  const refused = input.refused ?? null;
  const link = input.link ?? ((href: string) => href);
  const reviewId = status.review.id;
  const stageName = (id: string) => model.stages.find((s) => s.id === id)?.name ?? id;
  const exits = status.exits.map((e) => ({
    value: e.outcome ?? '',
    label: e.name ? `${e.name} (to ${e.toName})` : e.toName,
    selected: (e.outcome ?? '') === forms.advance.outcome,
  }));
  const unmet = status.gates.filter((g) => !g.met);
  const gateIds = new Set(status.gates.map((g) => g.id));
  return {
    title: status.review.title,
    stage: status.stage,
    today: status.today,
    enteredAfterTheFact: status.enteredAfterTheFact
      ? {
          ...status.enteredAfterTheFact,
          notTracked: status.enteredAfterTheFact.notTracked.map((s) => s.name).join(', '),
        }
      : null,
    gates: status.gates.map((g) => ({
      id: g.id,
      description: g.description,
      met: g.met,
      shortfalls: g.shortfalls.map((s) => {
        const fix = s.fix ? webFix(s.fix, reviewId, model) : null;
        // A shortfall's message restates its gate first; the page shows the gate just above.
        const lead = `${g.description.replace(/\.$/, '')} — `;
        return {
          message: s.message.startsWith(lead) ? s.message.slice(lead.length) : s.message,
          fix: fix ? { text: fix.text, href: fix.href ? link(fix.href) : null } : null,
        };
      }),
    })),
    unmetCount: unmet.length,
    canAdvance: status.canAdvance,
    clocks: status.clocks.map((c) => ({
      name: c.name,
      message: c.message,
      statutory: c.statutory,
      overdue: c.status === 'overdue',
      dueToday: c.status === 'due-today',
    })),
    nextMeeting: status.nextMeeting
      ? {
          ...status.nextMeeting,
          href: link(recordHref(reviewId, 'meeting', status.nextMeeting.id)),
        }
      : null,
    advance: {
      shown: canRun && !status.stage.final && status.exits.length > 0,
      chooseOutcome: exits.length > 1,
      exits,
      only: exits.length === 1 ? (exits[0]?.label ?? null) : null,
      form: forms.advance,
      problems: problemsOf(refused, 'advance', reviewId, gateIds, model),
    },
    reopen: {
      shown: canRun && status.reopenTo.length > 0,
      stages: status.reopenTo.map((id) => ({
        id,
        name: stageName(id),
        selected: id === forms.reopen.to,
      })),
      form: forms.reopen,
      problems: problemsOf(refused, 'reopen', reviewId, gateIds, model),
    },
    counts: Object.entries(summary.counts).map(([label, count]) => ({
      label: `${label.charAt(0).toUpperCase()}${label.slice(1)}`,
      count,
      href: link((COUNT_PAGES[label] ?? ((r: string) => reviewHref(r)))(reviewId)),
    })),
    events: summary.events,
    historyHref: link(partHref(reviewId, 'history' satisfies ReviewPart)),
    settingsHref: link(partHref(reviewId, 'settings')),
    advanceAction: reviewHref(reviewId, '/advance'),
    reopenAction: reviewHref(reviewId, '/reopen'),
  };
}
