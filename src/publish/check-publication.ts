/**
 * The leak check of a publication edition: every pseudonymised field (so a
 * leak is named by the field and id it came from), then the rendered HTML and
 * the PDF's own text (so nothing a template or figure adds slips through).
 */
import { findLeaks, type Leak, type NameWarning } from './find-leaks.ts';
import type { PublicationState } from './publication-state.ts';

export interface PublicationCheck {
  leaks: Leak[];
  warnings: NameWarning[];
}

/** Agency names and the like: words the report uses that are not people. */
function knownTerms(pub: PublicationState): string[] {
  const state = pub.state;
  return [
    ...Object.values(state.agencies).map((a) => a.name),
    ...Object.values(state.participants)
      .filter((p) => p.role !== 'case-group' && p.role !== 'family')
      .map((p) => p.name),
    state.review.title,
  ];
}

export function checkPublication(
  pub: PublicationState,
  rendered: { html?: string; pdfText?: string; docxText?: string },
): PublicationCheck {
  const known = knownTerms(pub);
  const leaks: Leak[] = [];
  const warnings: NameWarning[] = [];
  for (const f of pub.fields) {
    const found = findLeaks(f.text, pub.variants, {
      source: f.field,
      ids: f.ids,
      knownTerms: known,
    });
    leaks.push(...found.leaks);
  }
  const seen = new Set(leaks.map((l) => l.text.toLowerCase()));
  const outputs: [string, string | undefined, 'html' | 'text'][] = [
    ['publication HTML', rendered.html, 'html'],
    ['publication PDF', rendered.pdfText, 'text'],
    ['publication Word document', rendered.docxText, 'text'],
  ];
  for (const [source, text, format] of outputs) {
    if (text === undefined) continue;
    const found = findLeaks(text, pub.variants, { source, format, knownTerms: known });
    for (const leak of found.leaks) {
      if (seen.has(leak.text.toLowerCase())) continue;
      seen.add(leak.text.toLowerCase());
      leaks.push(leak);
    }
    // Names the register lacks are judged on the whole document, where a word
    // also written in lower case elsewhere shows itself to be an ordinary word.
    if (warnings.length === 0) warnings.push(...found.warnings);
  }
  return { leaks, warnings };
}
