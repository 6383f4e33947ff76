/**
 * The conversation and excerpt forms: fields read into the use-cases' input (section notes
 * under the model's section ids, one field per section), refusals mapped back onto the
 * fields, and a saved record's values for an edit form.
 */
import { z } from 'zod';
import type { Conversation, Excerpt } from '../domain/conversation.ts';
import type { Issue } from '../domain/issue.ts';

const text = (max: number) => z.string().max(max).default('');
const many = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(1000)])
  .default([])
  .transform((v) => (typeof v === 'string' ? [v] : v).filter((s) => s.trim() !== ''));

/** Section notes arrive as `notes-<section id>`; any other field is ignored. */
export const ConversationForm = z.looseObject({
  participantId: text(100),
  date: text(100),
  status: text(100),
  conductedBy: many,
  version: text(100),
});

export interface ConversationFormValues {
  participantId: string;
  date: string;
  status: string;
  conductedBy: string[];
  version: string;
  /** Notes by section id, '' for a section without. */
  notes: Record<string, string>;
}

export const notesField = (sectionId: string) => `notes-${sectionId}`;

export function conversationFields(sectionIds: readonly string[]): string[] {
  return [
    'participantId',
    'date',
    'status',
    'conductedBy',
    'version',
    ...sectionIds.map(notesField),
  ];
}

/** The posted form, with the notes of each of the model's sections (over-long notes refused). */
export function readConversationForm(
  body: unknown,
  sectionIds: readonly string[],
): ConversationFormValues {
  const parsed = ConversationForm.parse(body ?? {});
  const notes = Object.fromEntries(
    sectionIds.map((id) => [id, text(50000).catch('').parse(parsed[notesField(id)])]),
  );
  return {
    participantId: parsed.participantId,
    date: parsed.date,
    status: parsed.status,
    conductedBy: parsed.conductedBy,
    version: parsed.version,
    notes,
  };
}

const given = (s: string) => s.trim() !== '';

/** As `recordConversation` takes it: only the sections with notes. */
export function conversationInput(f: ConversationFormValues) {
  return {
    participantId: f.participantId,
    date: f.date,
    status: f.status,
    conductedBy: f.conductedBy,
    sections: Object.fromEntries(Object.entries(f.notes).filter(([, n]) => given(n))),
  };
}

/** As `editConversation` takes it: every field replaced, an emptied section cleared. */
export function conversationChanges(f: ConversationFormValues) {
  return {
    participantId: f.participantId,
    date: f.date,
    status: f.status,
    conductedBy: f.conductedBy,
    sections: Object.fromEntries(
      Object.entries(f.notes).map(([id, n]) => [id, given(n) ? n : null]),
    ),
  };
}

export function conversationFormOf(
  c: Conversation,
  sectionIds: readonly string[],
  version: string,
): ConversationFormValues {
  return {
    participantId: c.participantId,
    date: c.date,
    status: c.status,
    conductedBy: c.conductedBy,
    version,
    notes: Object.fromEntries(sectionIds.map((id) => [id, c.sections[id] ?? ''])),
  };
}

export function emptyConversationForm(sectionIds: readonly string[]): ConversationFormValues {
  return {
    participantId: '',
    date: '',
    status: 'held',
    conductedBy: [],
    version: '',
    notes: Object.fromEntries(sectionIds.map((id) => [id, ''])),
  };
}

/** The form field an issue's path is about. */
export function conversationFormField(path: Issue['path']): string {
  const [first, second] = path.map(String);
  if (first === 'sections' && second) return notesField(second);
  if (first && ['participantId', 'date', 'status', 'conductedBy', 'version'].includes(first)) {
    return first;
  }
  return 'participantId';
}

const CONVERSATION_LABELS: Record<string, string> = {
  participantId: 'With',
  date: 'Date',
  status: 'Status',
  conductedBy: 'Conducted by',
  version: 'Version',
};

/** The issues on the form's fields, each message led by the field's name (a section's id). */
export function onConversationForm(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => {
    const field = conversationFormField(i.path);
    const label = CONVERSATION_LABELS[field] ?? `Notes, ${field.slice('notes-'.length)}`;
    return { ...i, path: [field], message: `${label}: ${i.message}` };
  });
}

/** The form's choices and sections, each with what the form holds. */
export function conversationFormView(
  f: ConversationFormValues,
  choices: {
    participants: { id: string; name: string; role: string }[];
    sections: { id: string; title: string }[];
  },
  problems: { byField: Record<string, string> },
) {
  return {
    participants: [
      { id: '', name: 'Choose a participant', role: '', selected: f.participantId === '' },
      ...choices.participants.map((p) => ({ ...p, selected: p.id === f.participantId })),
    ],
    conductors: choices.participants.map((p) => ({
      ...p,
      checked: f.conductedBy.includes(p.id),
    })),
    statuses: [
      { value: 'held', label: 'Held', checked: f.status !== 'scheduled' },
      { value: 'scheduled', label: 'Scheduled', checked: f.status === 'scheduled' },
    ],
    sections: choices.sections.map((s) => ({
      ...s,
      field: notesField(s.id),
      notes: f.notes[s.id] ?? '',
      problem: problems.byField[notesField(s.id)] ?? '',
    })),
  };
}

export const ExcerptForm = z.object({
  sectionId: text(100),
  text: text(20000),
  quotable: text(10),
  version: text(100),
});
export type ExcerptForm = z.infer<typeof ExcerptForm>;
export const EXCERPT_FIELDS = ['sectionId', 'text', 'quotable', 'version'];

export function excerptInput(conversationId: string, f: ExcerptForm) {
  return { conversationId, sectionId: f.sectionId, text: f.text, quotable: f.quotable === 'yes' };
}

export function excerptChanges(f: ExcerptForm) {
  return { sectionId: f.sectionId, text: f.text, quotable: f.quotable === 'yes' };
}

export function excerptFormOf(e: Excerpt, version: string): ExcerptForm {
  return { sectionId: e.sectionId, text: e.text, quotable: e.quotable ? 'yes' : '', version };
}

const EXCERPT_LABELS: Record<string, string> = {
  sectionId: 'Section',
  text: 'The words',
  quotable: 'May be quoted',
  version: 'Version',
};

export function onExcerptForm(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => {
    const first = String(i.path[0] ?? '');
    const field = EXCERPT_FIELDS.includes(first) ? first : 'text';
    return { ...i, path: [field], message: `${EXCERPT_LABELS[field]}: ${i.message}` };
  });
}

export function sectionOptions(sections: { id: string; title: string }[], chosen: string) {
  return sections.map((s) => ({ ...s, selected: s.id === chosen }));
}
