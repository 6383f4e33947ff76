/** A section of prose the reviewers write (an executive summary, the methodology…), in paragraphs. */
import { paragraphs } from '../view-text.ts';
import type { ContentBuilder } from './content-builder.ts';

export const textSection: ContentBuilder = ({ state, edition }, section) => {
  const written = state.texts[section.id] ?? section.defaultText;
  // A parent section's text may be its subsections alone.
  const textMissing = !written && section.children.length === 0;
  return {
    text: paragraphs(written ?? ''),
    textMissing,
    prompt: textMissing && edition === 'confidential' ? (section.prompt ?? null) : null,
  };
};
