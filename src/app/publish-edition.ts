/**
 * Writes a publication edition only if it leaks nothing: the review's text is
 * pseudonymised, the edition rendered to a temporary file, its text and its
 * document properties read back and checked; a leak deletes the file and
 * refuses with every leak named by the field and id it came from. A pass is
 * recorded as an event, which the publication stage's gate looks for.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
import { EVENT_PAYLOADS } from '../domain/events.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import {
  checkPublication,
  type PublicationCheck,
  type PublishedText,
} from '../publish/check-publication.ts';
import { type PublicationState, publicationState } from '../publish/publication-state.ts';
import type { Seal } from '../store/seal.ts';
import { sealAfter, sealerForChange } from './seal.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export interface EditionWriter {
  format: 'pdf' | 'docx';
  /** Renders the (already pseudonymised) state to `file`; returns the HTML if there was one. */
  write(state: ReviewState, file: string): Promise<{ html?: string; pages?: number }>;
  /** The visible text of a written file, as a reader would get it. */
  readText(file: string): Promise<string>;
  /** The file's document properties (title, subject, keywords, author…) as text. */
  readProperties?(file: string): Promise<string>;
}

const OUTPUT_NAMES = { pdf: 'publication PDF', docx: 'publication Word document' } as const;

export interface PublishedEdition {
  file: string;
  pages?: number;
  sha256: string;
  check: PublicationCheck;
  publication: PublicationState;
  /** The seals of the head the publication's record left, when a seal key is configured. */
  seals?: Seal[];
}

export async function publishEdition(
  ws: Workspace,
  reviewId: string,
  outFile: string,
  writer: EditionWriter,
): Promise<PublishedEdition> {
  // A seal key that cannot be used, or a log that does not verify, refuses now, before
  // anything is rendered or recorded.
  const sealer = await sealerForChange(ws, reviewId);
  const state = await ws.load(reviewId);
  const publication = publicationState(state);
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.checking`);
  let written: { html?: string; pages?: number };
  let check: PublicationCheck;
  try {
    written = await writer.write(publication.state, temp);
    const name = OUTPUT_NAMES[writer.format];
    const outputs: PublishedText[] = [];
    if (written.html !== undefined) {
      outputs.push({ source: 'publication HTML', text: written.html, format: 'html' });
    }
    outputs.push({ source: name, text: await writer.readText(temp) });
    if (writer.readProperties) {
      outputs.push({ source: `${name} properties`, text: await writer.readProperties(temp) });
    }
    check = checkPublication(publication, outputs);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (check.leaks.length > 0) {
    await rm(temp, { force: true });
    throw new ValidationError(
      check.leaks.map((leak) => ({ ...leak, path: [leak.source] })),
      `The publication edition was not written: ${check.leaks.length} identifier${check.leaks.length === 1 ? '' : 's'} would be published`,
    );
  }
  await rename(temp, outFile);
  const sha256 = createHash('sha256')
    .update(await readFile(outFile))
    .digest('hex');
  const recorded = await recordLeakCheck(ws, reviewId, {
    format: writer.format,
    file: basename(outFile),
    sha256,
    checkedSeq: state.seq,
    warnings: check.warnings.length,
  });
  const { seals } = await sealAfter(ws, recorded, sealer);
  return {
    file: outFile,
    ...(written.pages !== undefined ? { pages: written.pages } : {}),
    sha256,
    check,
    publication,
    ...(seals ? { seals } : {}),
  };
}

/** Records that a publication edition passed the leak check (the publication stage's gate). */
export function recordLeakCheck(
  ws: Workspace,
  reviewId: string,
  check: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(EVENT_PAYLOADS['publication.leak-check-passed'], check);
  return ws.run(reviewId, () => [{ type: 'publication.leak-check-passed', payload: parsed }]);
}
