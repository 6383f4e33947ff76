// The conversation and excerpt forms read into the use-cases' input, and refusals mapped back.
import { describe, expect, it } from 'vitest';
import {
  conversationChanges,
  conversationFormField,
  conversationInput,
  excerptInput,
  onConversationForm,
  readConversationForm,
} from '../../src/server/conversation-view.ts';

const SECTIONS = ['overview', 'mindset'];

describe('the conversation form', () => {
  it('reads notes per section, leaving empty ones out when recording and clearing them when editing', () => {
    const form = readConversationForm(
      {
        participantId: 'PT-2',
        date: '2026-02-10',
        status: 'held',
        conductedBy: ['PT-1', ''],
        'notes-overview': 'Caseload was high.',
        'notes-mindset': '  ',
        'notes-unknown': 'ignored',
      },
      SECTIONS,
    );
    expect(conversationInput(form)).toEqual({
      participantId: 'PT-2',
      date: '2026-02-10',
      status: 'held',
      conductedBy: ['PT-1'],
      sections: { overview: 'Caseload was high.' },
    });
    expect(conversationChanges(form).sections).toEqual({
      overview: 'Caseload was high.',
      mindset: null,
    });
  });

  it('maps a section’s issue to its notes field, naming it', () => {
    expect(conversationFormField(['sections', 'mindset'])).toBe('notes-mindset');
    expect(conversationFormField(['conductedBy', 0])).toBe('conductedBy');
    expect(
      onConversationForm([{ code: 'invalid-value', path: ['date'], message: 'no date' }]),
    ).toMatchObject([{ path: ['date'], message: 'Date: no date' }]);
  });

  it('takes an excerpt as quotable only when the box is ticked', () => {
    expect(
      excerptInput('CV-1', { sectionId: 'overview', text: 'T', quotable: 'yes', version: '' }),
    ).toMatchObject({ conversationId: 'CV-1', quotable: true });
    expect(
      excerptInput('CV-1', { sectionId: 'overview', text: 'T', quotable: '', version: '' }),
    ).toMatchObject({ quotable: false });
  });
});
