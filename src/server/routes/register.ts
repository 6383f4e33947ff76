/**
 * People and agencies: the agencies, the participants, the pseudonym register and the names in
 * the review's text the register lacks. Anyone on the review reads it; analysts change it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { basedOn } from '../../app/edit-version.ts';
import {
  addAgency,
  addParticipant,
  addPerson,
  editAgency,
  editParticipant,
  editPerson,
  listAgencies,
  registerOverview,
  registerRecord,
  removeAgency,
  removeParticipant,
  removePerson,
} from '../../app/register.ts';
import { showReview } from '../../app/reviews.ts';
import type { CommandResult, Workspace } from '../../app/workspace.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import type { Issue } from '../../domain/issue.ts';
import { ID_PREFIXES, type IdKind } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE, CAN_READ } from '../../domain/roles.ts';
import { fieldProblems } from '../form-problems.ts';
import { refuse, sendPage } from '../pages.ts';
import {
  AGENCY_FIELDS,
  AgencyForm,
  agencyFormOf,
  agencyInput,
  agencyOptions,
  fieldsShown,
  PARTICIPANT_FIELDS,
  ParticipantForm,
  PERSON_FIELDS,
  PersonForm,
  participantFormOf,
  participantInput,
  participantRoleOptions,
  personFormOf,
  personInput,
  RemoveForm,
  sectorOptions,
  unregisteredView,
  VersionForm,
} from '../register-view.ts';
import { partHref, recordHref, reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';
import { webFix } from '../web-fix.ts';
import { reviewIdOf } from './reviews.ts';

type Form = Record<string, string>;
type Agencies = { id: string; name: string }[];

/** What differs between agencies, participants and persons; the routes are the same. */
interface Kind {
  segment: 'agencies' | 'participants' | 'persons';
  idKind: IdKind;
  page: string;
  /** "an agency", for headings. */
  noun: string;
  fields: string[];
  parse(body: unknown): Form;
  /** A blank form, or one filled from the query (a name found in the text). */
  blank(query: unknown): Form;
  fromRecord(record: object): Form;
  options(form: Form, agencies: Agencies): object;
  add(ws: Workspace, reviewId: string, form: Form): Promise<CommandResult>;
  edit(ws: Workspace, reviewId: string, id: string, form: Form): Promise<CommandResult>;
  remove(
    ws: Workspace,
    reviewId: string,
    id: string,
    reason: string,
    force: boolean,
  ): Promise<CommandResult>;
}

const PersonQuery = z.object({ realName: z.string().max(2000).default('') });

const KINDS: Kind[] = [
  {
    segment: 'agencies',
    idKind: 'agency',
    page: 'register-agency',
    noun: 'an agency',
    fields: AGENCY_FIELDS,
    parse: (body) => AgencyForm.parse(body),
    blank: () => ({ name: '', sector: '' }),
    fromRecord: (r) => agencyFormOf(r as Parameters<typeof agencyFormOf>[0]),
    options: (form) => ({ sectors: sectorOptions(form.sector ?? '') }),
    add: (ws, reviewId, form) => addAgency(ws, reviewId, agencyInput(form as AgencyForm)),
    edit: (ws, reviewId, id, form) => editAgency(ws, reviewId, id, agencyInput(form as AgencyForm)),
    remove: (ws, reviewId, id, reason, force) => removeAgency(ws, reviewId, id, reason, { force }),
  },
  {
    segment: 'participants',
    idKind: 'participant',
    page: 'register-participant',
    noun: 'a participant',
    fields: PARTICIPANT_FIELDS,
    parse: (body) => ParticipantForm.parse(body),
    blank: () => ({
      name: '',
      role: 'case-group',
      agencyId: '',
      profession: '',
      publicationLabel: '',
    }),
    fromRecord: (r) => participantFormOf(r as Parameters<typeof participantFormOf>[0]),
    options: (form, agencies) => ({
      roles: participantRoleOptions(form.role ?? ''),
      agencies: agencyOptions(agencies, form.agencyId ?? ''),
    }),
    add: (ws, reviewId, form) =>
      addParticipant(ws, reviewId, participantInput(form as ParticipantForm, false)),
    edit: (ws, reviewId, id, form) =>
      editParticipant(ws, reviewId, id, participantInput(form as ParticipantForm, true)),
    remove: (ws, reviewId, id, reason, force) =>
      removeParticipant(ws, reviewId, id, reason, { force }),
  },
  {
    segment: 'persons',
    idKind: 'person',
    page: 'register-person',
    noun: 'a person to the register',
    fields: PERSON_FIELDS,
    parse: (body) => PersonForm.parse(body),
    blank: (query) => ({
      ...PersonForm.parse({}),
      realName: PersonQuery.safeParse(query ?? {}).data?.realName ?? '',
    }),
    fromRecord: (r) => personFormOf(r as Parameters<typeof personFormOf>[0]),
    options: () => ({}),
    add: (ws, reviewId, form) => addPerson(ws, reviewId, personInput(form as PersonForm, false)),
    edit: (ws, reviewId, id, form) =>
      editPerson(ws, reviewId, id, personInput(form as PersonForm, true)),
    remove: (ws, reviewId, id, reason) => removePerson(ws, reviewId, id, reason),
  },
];

const RecordParams = z.object({ reviewId: z.string().max(100), id: z.string().max(100) });
const Saved = z.object({
  saved: z
    .string()
    .regex(/^(AG|PT|P)-\d+$/)
    .optional(),
  removed: z
    .string()
    .regex(/^(AG|PT|P)-\d+$/)
    .optional(),
});

/** The status line after a save or a removal, from the address it redirected to. */
function statusOf(query: unknown): string | null {
  const parsed = Saved.safeParse(query ?? {});
  if (!parsed.success) return null;
  if (parsed.data.saved) return `${parsed.data.saved} saved`;
  if (parsed.data.removed) return `${parsed.data.removed} removed`;
  return null;
}

/** Issues whose path names no field of the form go to the summary under the form's name. */
function problemsFor(issues: readonly Issue[], fields: readonly string[], reviewId: string) {
  return fieldProblems(
    issues.map((i) =>
      fields.includes(String(i.path[0] ?? '')) ? i : { ...i, path: ['form', ...i.path] },
    ),
    [...fields, 'form'],
    reviewId,
  );
}

export function registerRegisterRoutes(app: FastifyInstance, context: ServerContext): void {
  const actorWs = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);

  app.get(
    '/reviews/:reviewId/register',
    { config: { access: { allow: CAN_READ } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const overview = await registerOverview(context.ws, reviewId);
      const canChange = admits(sessionOf(request).account.grants, CAN_ANALYSE, reviewId);
      const edit = (segment: string, id: string) =>
        reviewHref(reviewId, `/register/${segment}/${encodeURIComponent(id)}`);
      return sendPage(
        reply,
        context,
        request,
        'register',
        {
          canChange,
          newPersonHref: reviewHref(reviewId, '/register/persons/new'),
          newAgencyHref: reviewHref(reviewId, '/register/agencies/new'),
          newParticipantHref: reviewHref(reviewId, '/register/participants/new'),
          agencies: overview.agencies.map((a) => ({
            id: a.id,
            name: a.name,
            sector: a.sector.replaceAll('-', ' '),
            entries: a.entries,
            chronologyHref: partHref(reviewId, 'chronology'),
            editHref: `${edit('agencies', a.id)}/edit`,
            removeHref: `${edit('agencies', a.id)}/remove`,
          })),
          participants: overview.participants.map((p) => ({
            id: p.id,
            name: p.name,
            role: p.role.replaceAll('-', ' '),
            agencyName: p.agencyName ?? null,
            agencyHref: p.agencyId ? recordHref(reviewId, 'agency', p.agencyId) : null,
            profession: p.profession ?? null,
            publicationLabel: p.publicationLabel ?? null,
            editHref: `${edit('participants', p.id)}/edit`,
            removeHref: `${edit('participants', p.id)}/remove`,
          })),
          persons: overview.persons.map((p) => ({
            id: p.id,
            realName: p.realName,
            aliases: p.aliases.join(', '),
            initials: p.initials.join(', '),
            dateOfBirth: p.dateOfBirth ?? null,
            phones: p.phones.join(', '),
            address: p.address ?? null,
            roleInCase: p.roleInCase,
            publicationLabel: p.publicationLabel,
            editHref: `${edit('persons', p.id)}/edit`,
            removeHref: `${edit('persons', p.id)}/remove`,
          })),
          unregistered: unregisteredView(reviewId, overview.unregistered),
        },
        'People and agencies',
        { review: reviewFrame(overview.review, 'register'), status: statusOf(request.query) },
      );
    },
  );

  for (const kind of KINDS) {
    const base = `/reviews/:reviewId/register/${kind.segment}`;
    const back = (reviewId: string) => partHref(reviewId, 'register');

    const formPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      view: {
        form: Form;
        id: string | null;
        version: string | null;
        issues: readonly Issue[];
        theirs?: object | undefined;
        code?: number;
      },
    ) => {
      const reviewId = reviewIdOf(request);
      const agencies = await listAgencies(context.ws, reviewId);
      const overviewReview = (await showReview(context.ws, reviewId)).review;
      const heading = view.id ? `Edit ${view.id}` : `Add ${kind.noun}`;
      const action = view.id
        ? reviewHref(reviewId, `/register/${kind.segment}/${encodeURIComponent(view.id)}`)
        : reviewHref(reviewId, `/register/${kind.segment}`);
      return sendPage(
        reply,
        context,
        request,
        kind.page,
        {
          heading,
          action,
          backHref: back(reviewId),
          form: view.form,
          version: view.version,
          problems: problemsFor(view.issues, kind.fields, reviewId),
          conflict: view.theirs ? { theirs: fieldsShown(kind.fromRecord(view.theirs)) } : null,
          ...kind.options(view.form, agencies),
        },
        heading,
        {
          review: reviewFrame(overviewReview, 'register'),
          ...(view.code ? { code: view.code } : {}),
        },
      );
    };

    app.get(`${base}/new`, { config: { access: { allow: CAN_ANALYSE } } }, async (request, reply) =>
      formPage(request, reply, {
        form: kind.blank(request.query),
        id: null,
        version: null,
        issues: [],
      }),
    );

    app.post(base, { config: { access: { allow: CAN_ANALYSE } } }, async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const form = kind.parse(request.body ?? {});
      try {
        const result = await kind.add(actorWs(request), reviewId, form);
        const id = result.events[0]?.payload && (result.events[0].payload as { id?: string }).id;
        return reply.redirect(
          `${back(reviewId)}?saved=${encodeURIComponent(id ?? '')}#${encodeURIComponent(id ?? '')}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return formPage(request, reply, {
          form,
          id: null,
          version: null,
          issues: error.issues,
          code: 400,
        });
      }
    });

    app.get(
      `${base}/:id/edit`,
      { config: { access: { allow: CAN_ANALYSE } } },
      async (request, reply) => {
        const { reviewId, id } = RecordParams.parse(request.params);
        const found = await registerRecord(context.ws, reviewId, id);
        if (!found || !id.startsWith(idPrefix(kind))) {
          return refuse(reply, context, request, 404, 'not-found');
        }
        return formPage(request, reply, {
          form: kind.fromRecord(found.record),
          id,
          version: found.version,
          issues: [],
        });
      },
    );

    app.post(
      `${base}/:id`,
      { config: { access: { allow: CAN_ANALYSE } } },
      async (request, reply) => {
        const { reviewId, id } = RecordParams.parse(request.params);
        const form = kind.parse(request.body ?? {});
        const { version } = VersionForm.parse(request.body ?? {});
        try {
          await kind.edit(basedOn(actorWs(request), id, version), reviewId, id, form);
          return reply.redirect(
            `${back(reviewId)}?saved=${encodeURIComponent(id)}#${encodeURIComponent(id)}`,
            303,
          );
        } catch (error) {
          if (error instanceof EditConflictError) {
            const now = await registerRecord(context.ws, reviewId, id);
            if (!now) return refuse(reply, context, request, 404, 'not-found');
            return formPage(request, reply, {
              form,
              id,
              version: now.version,
              issues: error.issues,
              theirs: now.record,
              code: 409,
            });
          }
          if (!(error instanceof ValidationError)) throw error;
          return formPage(request, reply, { form, id, version, issues: error.issues, code: 400 });
        }
      },
    );

    const removePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      view: { id: string; reason: string; issues: readonly Issue[]; code?: number },
    ) => {
      const reviewId = reviewIdOf(request);
      const overviewReview = (await showReview(context.ws, reviewId)).review;
      const heading = `Remove ${view.id}`;
      // Detaching is offered only when it would be enough: nothing belongs to the record.
      const forceFix = view.issues.some((i) => i.fix?.kind === 'remove-first')
        ? undefined
        : view.issues.find((i) => i.fix?.kind === 'force-remove')?.fix;
      return sendPage(
        reply,
        context,
        request,
        'register-remove',
        {
          heading,
          id: view.id,
          action: reviewHref(
            reviewId,
            `/register/${kind.segment}/${encodeURIComponent(view.id)}/remove`,
          ),
          backHref: back(reviewId),
          reason: view.reason,
          problems: problemsFor(view.issues, ['reason'], reviewId),
          fixes: view.issues.flatMap((i) =>
            i.fix && i.fix.kind !== 'force-remove' ? [webFix(i.fix, reviewId)] : [],
          ),
          force: forceFix ? { text: webFix(forceFix, reviewId).text } : null,
        },
        heading,
        {
          review: reviewFrame(overviewReview, 'register'),
          ...(view.code ? { code: view.code } : {}),
        },
      );
    };

    app.get(
      `${base}/:id/remove`,
      { config: { access: { allow: CAN_ANALYSE } } },
      async (request, reply) => {
        const { reviewId, id } = RecordParams.parse(request.params);
        const found = await registerRecord(context.ws, reviewId, id);
        if (!found || !id.startsWith(idPrefix(kind))) {
          return refuse(reply, context, request, 404, 'not-found');
        }
        return removePage(request, reply, { id, reason: '', issues: [] });
      },
    );

    app.post(
      `${base}/:id/remove`,
      { config: { access: { allow: CAN_ANALYSE } } },
      async (request, reply) => {
        const { reviewId, id } = RecordParams.parse(request.params);
        const { reason, force } = RemoveForm.parse(request.body ?? {});
        try {
          await kind.remove(actorWs(request), reviewId, id, reason, force === 'yes');
          return reply.redirect(`${back(reviewId)}?removed=${encodeURIComponent(id)}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return removePage(request, reply, { id, reason, issues: error.issues, code: 400 });
        }
      },
    );
  }
}

function idPrefix(kind: Kind): string {
  return `${ID_PREFIXES[kind.idKind]}-`;
}
