/**
 * The chronology on the web: the merged timeline with its filters, one entry, an agency's return
 * uploaded (multipart, size-limited as the import is) with its report and, when the headings are
 * not recognised, a column-mapping form; the side-by-side perspectives; duplicate clusters to
 * confirm or split.
 *
 * An upload is read into memory (within the import's file size limit), written to a private
 * temporary directory this server makes (mode 0700; the file name is the upload's, reduced to
 * safe characters, never a path), imported, and the directory removed whatever happened. A
 * column mapping is chosen with the file uploaded again: nothing of an upload is kept.
 *
 * The multipart form carries its CSRF token in the query (`?_csrf=`), since the spine checks the
 * token before the body is read; the spine reads it there for multipart requests only.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { decideDuplicates } from '../../app/chronology.ts';
import {
  chronologyEntryView,
  chronologyPerspectives,
  findDuplicates,
} from '../../app/chronology-views.ts';
import { importReturn } from '../../app/import-return.ts';
import { AgencySector } from '../../domain/agency.ts';
import { ValidationError } from '../../domain/errors.ts';
import { DEFAULT_IMPORT_LIMITS, MEGABYTE } from '../../domain/import-limits.ts';
import type { Issue } from '../../domain/issue.ts';
import { admits, CAN_ANALYSE } from '../../domain/roles.ts';
import { ANALYSE as analyse, READ as read } from '../access.ts';
import {
  duplicatesPage,
  entryPage,
  importReport,
  mappingOf,
  perspectivesPage,
  timelinePage,
  type UploadForm,
  uploadPage,
  uploadProblems,
} from '../chronology-view.ts';
import { fieldProblems } from '../form-problems.ts';
import { refuse, sendPage } from '../pages.ts';
import { reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';
import { reviewIdOf } from './reviews.ts';

const text = (max: number) => z.string().max(max).default('');

const TimelineQuery = z.object({
  agency: text(100),
  from: text(100),
  to: text(100),
  q: text(500),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const PerspectivesQuery = z.object({ from: text(100), to: text(100) });

const UploadFields = z.object({
  agency: text(500),
  sector: text(100),
  sheet: text(500),
  table: text(20),
  skipInvalid: text(10),
  monthFirst: text(10),
  dateFormat: text(200),
  apply: text(10),
  reason: text(10_000),
  mapDate: text(1000),
  mapTime: text(1000),
  mapText1: text(1000),
  mapText2: text(1000),
  mapText3: text(1000),
  mapAuthor: text(1000),
  mapSourceRef: text(1000),
});

const DecisionForm = z.object({
  entryIds: text(10_000),
  decision: text(20),
  note: text(10_000),
});

const EntryParams = z.object({ reviewId: z.string().max(100), entryId: z.string().max(100) });

/** The import's own file size limit: an upload over it is refused before it is read further. */
const UPLOAD_MEGABYTES = DEFAULT_IMPORT_LIMITS.maxFileMegabytes;

const EMPTY_UPLOAD: UploadForm = UploadFields.parse({});

/** The upload's name with only safe characters, its extension kept: never a path. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '');
  return cleaned.slice(-120) || 'return';
}

interface Upload {
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer } | null;
}

/** Reads the multipart body: its fields as strings and at most one file, within the limits. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.filename) file = { name: part.filename, bytes };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, file };
}

export function registerChronologyRoutes(app: FastifyInstance, context: ServerContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: UPLOAD_MEGABYTES * MEGABYTE,
        files: 1,
        fields: 30,
        fieldSize: 20_000,
        parts: 32,
      },
    });
    routes(scope, context);
  });
}

function routes(app: FastifyInstance, context: ServerContext): void {
  app.get('/reviews/:reviewId/chronology', read, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const filter = TimelineQuery.parse(request.query ?? {});
    let problems = fieldProblems([], ['agency', 'from', 'to', 'q']);
    let view: Awaited<ReturnType<typeof chronologyPerspectives>>;
    try {
      view = await chronologyPerspectives(context.ws, reviewId, {
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        ...(filter.agency ? { agencies: [filter.agency] } : {}),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems = fieldProblems(
        error.issues.map((i) => ({
          ...i,
          path: [i.path[0] === 'agencies' ? 'agency' : (i.path[0] ?? 'from')],
        })),
        ['agency', 'from', 'to', 'q'],
        reviewId,
      );
      view = await chronologyPerspectives(context.ws, reviewId);
    }
    const page = timelinePage(reviewId, view.merged, view.agencies, filter);
    return sendPage(
      reply,
      context,
      request,
      'chronology-timeline',
      {
        ...page,
        // Only a role that may import is offered the upload (an observer gets 403 there).
        importHref: admits(sessionOf(request).account.grants, CAN_ANALYSE, view.review.id)
          ? page.importHref
          : null,
        problems,
      },
      'Chronology',
      { review: reviewFrame(view.review, 'chronology'), code: problems.any ? 400 : 200 },
    );
  });

  app.get('/reviews/:reviewId/chronology/perspectives', read, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const filter = PerspectivesQuery.parse(request.query ?? {});
    let problems = fieldProblems([], ['from', 'to']);
    let view: Awaited<ReturnType<typeof chronologyPerspectives>>;
    try {
      view = await chronologyPerspectives(context.ws, reviewId, {
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems = fieldProblems(error.issues, ['from', 'to'], reviewId);
      view = await chronologyPerspectives(context.ws, reviewId);
    }
    return sendPage(
      reply,
      context,
      request,
      'chronology-perspectives',
      { ...perspectivesPage(reviewId, view.sideBySide, filter), problems },
      'Perspectives side by side',
      { review: reviewFrame(view.review, 'chronology'), code: problems.any ? 400 : 200 },
    );
  });

  app.get('/reviews/:reviewId/chronology/duplicates', read, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const [clusters, view] = await Promise.all([
      findDuplicates(context.ws, reviewId),
      chronologyPerspectives(context.ws, reviewId),
    ]);
    const decided = z.object({ decided: text(200) }).parse(request.query ?? {}).decided;
    return sendPage(
      reply,
      context,
      request,
      'chronology-duplicates',
      { ...duplicatesPage(reviewId, clusters), problems: fieldProblems([], ['note-1']) },
      'Possible duplicates',
      {
        review: reviewFrame(view.review, 'chronology'),
        status: decided ? `Decision recorded on ${decided}` : null,
      },
    );
  });

  app.post('/reviews/:reviewId/chronology/duplicates', analyse, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const form = DecisionForm.parse(request.body ?? {});
    const ws = context.ws.as(sessionOf(request).account.name);
    const entryIds = form.entryIds
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await decideDuplicates(ws, reviewId, {
        entryIds,
        decision: form.decision,
        ...(form.note.trim() ? { note: form.note } : {}),
      });
      const decided = encodeURIComponent(entryIds.join(', '));
      return reply.redirect(reviewHref(reviewId, `/chronology/duplicates?decided=${decided}`), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const [clusters, view] = await Promise.all([
        findDuplicates(context.ws, reviewId),
        chronologyPerspectives(context.ws, reviewId),
      ]);
      return sendPage(
        reply,
        context,
        request,
        'chronology-duplicates',
        {
          ...duplicatesPage(reviewId, clusters),
          // The entries are the form's own hidden field: the summary leads to the first note.
          problems: fieldProblems(
            error.issues.map((i) => ({ ...i, path: ['note-1'] })),
            ['note-1'],
            reviewId,
          ),
        },
        'Possible duplicates',
        { review: reviewFrame(view.review, 'chronology'), code: 400 },
      );
    }
  });

  const showUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: UploadForm,
    issues: readonly Issue[],
    code: number,
    report: ReturnType<typeof importReport> | null = null,
  ) => {
    const reviewId = reviewIdOf(request);
    const view = await chronologyPerspectives(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'chronology-import',
      {
        ...uploadPage(reviewId, form, AgencySector.options, view.agencies, UPLOAD_MEGABYTES),
        problems: uploadProblems(issues, reviewId),
        report,
      },
      report ? `Import report: ${report.file}` : 'Upload a return',
      { review: reviewFrame(view.review, 'chronology'), code },
    );
  };

  app.get('/reviews/:reviewId/chronology/import', analyse, async (request, reply) =>
    showUpload(request, reply, EMPTY_UPLOAD, [], 200),
  );

  app.post('/reviews/:reviewId/chronology/import', analyse, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    if (!request.isMultipart()) {
      return showUpload(
        request,
        reply,
        EMPTY_UPLOAD,
        [uploadIssue('send the form with its file')],
        400,
      );
    }
    let upload: Upload;
    try {
      upload = await readUpload(request);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        return showUpload(
          request,
          reply,
          EMPTY_UPLOAD,
          [
            {
              code: 'file-too-large',
              path: ['file'],
              message: `The file is over the limit of ${UPLOAD_MEGABYTES} MB for a return; nothing was imported`,
              fix: { kind: 'raise-limit', limit: 'maxFileMegabytes', current: UPLOAD_MEGABYTES },
            },
          ],
          413,
        );
      }
      if (typeof code === 'string' && code.startsWith('FST_')) {
        return showUpload(
          request,
          reply,
          EMPTY_UPLOAD,
          [uploadIssue('the form had more parts than it can')],
          413,
        );
      }
      throw error;
    }
    const form = UploadFields.parse(upload.fields);
    if (!upload.file) {
      return showUpload(request, reply, form, [uploadIssue('choose the return to upload')], 400);
    }
    let imported: Awaited<ReturnType<typeof importReturn>>;
    try {
      imported = await importUpload(context, request, reviewId, form, upload.file);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return showUpload(request, reply, form, error.issues, 400);
    }
    const { plan, outcome, persons } = imported;
    const report = importReport(reviewId, plan, outcome, persons, form);
    const refused = outcome.result === 'nothing-imported' || report.refusedForProblems;
    return showUpload(request, reply, form, [], refused ? 400 : 200, report);
  });

  app.get('/reviews/:reviewId/chronology/:entryId', read, async (request, reply) => {
    const { reviewId, entryId } = EntryParams.parse(request.params);
    let view: Awaited<ReturnType<typeof chronologyEntryView>>;
    try {
      view = await chronologyEntryView(context.ws, reviewId, entryId);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refuse(reply, context, request, 404, 'not-found');
    }
    return sendPage(
      reply,
      context,
      request,
      'chronology-entry',
      entryPage(reviewId, view),
      `Chronology entry ${view.entry.id}`,
      { review: reviewFrame(view.review, 'chronology') },
    );
  });
}

/**
 * The upload written to a private directory of its own, imported from there by the one use-case,
 * and the directory removed before anything is shown, whatever happened.
 */
async function importUpload(
  context: ServerContext,
  request: FastifyRequest,
  reviewId: string,
  form: UploadForm,
  file: { name: string; bytes: Buffer },
) {
  const dir = await mkdtemp(join(tmpdir(), 'tunnelview-upload-'));
  try {
    const path = join(dir, safeFileName(file.name));
    await writeFile(path, file.bytes, { mode: 0o600, flag: 'wx' });
    const mapping = mappingOf(form);
    return await importReturn(context.ws.as(sessionOf(request).account.name), reviewId, {
      path,
      agency: form.agency,
      ...(form.sector ? { sector: form.sector } : {}),
      ...(form.sheet ? { sheet: form.sheet } : {}),
      ...(form.table.trim() ? { table: Number(form.table) } : {}),
      ...(mapping ? { mapping } : {}),
      ...(form.reason.trim() ? { removalReason: form.reason } : {}),
      monthFirst: form.monthFirst === 'on',
      ...(form.dateFormat.trim() ? { dateFormat: form.dateFormat } : {}),
      skipInvalid: form.skipInvalid === 'on',
      apply: form.apply === 'on',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function uploadIssue(message: string): Issue {
  return {
    code: 'invalid-field',
    path: ['file'],
    message: message.charAt(0).toUpperCase() + message.slice(1),
  };
}
