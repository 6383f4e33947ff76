// People and agencies through the web (fastify.inject over a real workspace): the page for a
// reader, each change for an analyst with the account as actor, refusals naming the field with
// the store unchanged, wrong roles refused, hostile text inert, edits based on a version.
import { describe, expect, it } from 'vitest';
import { addAgency, addPerson, editAgency } from '../../src/app/register.ts';
import { setReportText } from '../../src/app/reviews.ts';
import { type Served, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];

async function signedIn(s: Served, name: string, role: Parameters<Served['account']>[1]) {
  const password = await s.account(name, role);
  const client = new WebClient(s.app);
  await client.signIn(name, password);
  return client;
}

async function post(
  client: WebClient,
  formUrl: string,
  url: string,
  fields: Record<string, string>,
) {
  const _csrf = await client.csrfFor(formUrl);
  return client.post(url, { _csrf, ...fields });
}

function expectInert(body: string) {
  for (const raw of HOSTILE) expect(body).not.toContain(raw);
}

describe('the People and agencies page', () => {
  it('shows agencies with counts, participants, the register marked confidential, and rows with record anchors, to an observer', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    const client = await signedIn(s, 'olu.observer', 'observer');
    const page = await client.get(`/reviews/${s.reviewId}/register`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confidential');
    expect(page.body).toContain('<tr id="AG-1">');
    expect(page.body).toContain('<tr id="PT-2">');
    expect(page.body).toContain('<tr id="P-1">');
    expect(page.body).toContain('Maisie Thorne');
    expect(page.body).toContain('Fenwick Vale Health Visiting');
    // An observer sees no controls that change anything.
    expect(page.body).not.toContain('/register/agencies/new');
    expect(page.body).not.toContain('/edit"');
  });

  it('lists a name the text uses that the register lacks, linked to where it stands, with a form that opens the add-person form filled in', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    await setReportText(
      s.ws,
      s.reviewId,
      'case-summary',
      'Child A lived with Kyle Marsh in a flat.',
    );
    const client = await signedIn(s, 'rita.team', 'review-team');
    const page = await client.get(`/reviews/${s.reviewId}/register`);
    expect(page.body).toContain('<th scope="row">Kyle Marsh</th>');
    expect(page.body).toContain(
      `<form method="get" action="/reviews/${s.reviewId}/register/persons/new"`,
    );
    expect(page.body).toContain('name="realName" value="Kyle Marsh"');
    const form = await client.get(
      `/reviews/${s.reviewId}/register/persons/new?realName=Kyle%20Marsh`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(
      'id="field-realName" name="realName" type="text" value="Kyle Marsh"',
    );
  });
});

describe('changes', () => {
  it('adds, edits and removes an agency, a participant and a person, as the signed-in account', async () => {
    const s = await served();
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    let res = await post(
      client,
      `/reviews/${r}/register/agencies/new`,
      `/reviews/${r}/register/agencies`,
      {
        name: 'Harrowgate Police',
        sector: 'police',
      },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${r}/register?saved=AG-1#AG-1`);
    const shown = await client.get(res.headers.location as string);
    expect(shown.body).toContain('AG-1 saved');
    res = await post(
      client,
      `/reviews/${r}/register/participants/new`,
      `/reviews/${r}/register/participants`,
      {
        name: 'Jo Pell',
        role: 'case-group',
        agencyId: 'AG-1',
        profession: 'Detective constable',
        publicationLabel: 'Police Officer 1',
      },
    );
    expect(res.statusCode).toBe(303);
    res = await post(
      client,
      `/reviews/${r}/register/persons/new`,
      `/reviews/${r}/register/persons`,
      {
        realName: 'Tilly Brook',
        aliases: 'Tils\nT-Bone',
        initials: 'T.B.',
        dateOfBirth: '2020-03-04',
        phones: '07700 900123',
        address: '',
        roleInCase: 'subject child',
        publicationLabel: 'Child A',
      },
    );
    expect(res.statusCode).toBe(303);
    let state = await s.ws.load(r);
    expect(state.agencies['AG-1']).toMatchObject({ name: 'Harrowgate Police', sector: 'police' });
    expect(state.participants['PT-1']).toMatchObject({
      agencyId: 'AG-1',
      publicationLabel: 'Police Officer 1',
    });
    expect(state.persons['P-1']).toMatchObject({
      aliases: ['Tils', 'T-Bone'],
      phones: ['07700 900123'],
    });
    expect(state.persons['P-1']?.address).toBeUndefined();

    // Edit: the form carries the version; the participant's agency is cleared.
    const edit = await client.get(`/reviews/${r}/register/participants/PT-1/edit`);
    const version = /name="version" value="([^"]+)"/.exec(edit.body)?.[1] ?? '';
    expect(version).not.toBe('');
    res = await post(
      client,
      `/reviews/${r}/register/participants/PT-1/edit`,
      `/reviews/${r}/register/participants/PT-1`,
      {
        version,
        name: 'Jo Pell',
        role: 'case-group',
        agencyId: '',
        profession: '',
        publicationLabel: 'Police Officer 1',
      },
    );
    expect(res.statusCode).toBe(303);
    state = await s.ws.load(r);
    expect(state.participants['PT-1']?.agencyId).toBeUndefined();
    expect(state.participants['PT-1']?.profession).toBeUndefined();

    res = await post(
      client,
      `/reviews/${r}/register/persons/P-1/remove`,
      `/reviews/${r}/register/persons/P-1/remove`,
      {
        reason: 'Entered twice',
      },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${r}/register?removed=P-1`);
    const events = await s.store.readEvents(r);
    const mine = events.filter((e) => /^(agency|participant|person)\./.test(e.type));
    expect(mine.map((e) => e.type)).toEqual([
      'agency.added',
      'participant.added',
      'person.added',
      'participant.edited',
      'person.removed',
    ]);
    for (const e of mine) expect(e.actor).toBe('amara.lead');
  });

  it('refuses an agency removal that something names, then removes it anyway, detaching, from the second form', async () => {
    const s = await served();
    await addAgency(s.ws, s.reviewId, { name: 'Elmbridge Housing', sector: 'housing' });
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    await post(
      client,
      `/reviews/${r}/register/participants/new`,
      `/reviews/${r}/register/participants`,
      {
        name: 'Ola Fenn',
        role: 'case-group',
        agencyId: 'AG-1',
        profession: '',
        publicationLabel: '',
      },
    );
    const before = await logPosition(s.store, r);
    const refused = await post(
      client,
      `/reviews/${r}/register/agencies/AG-1/remove`,
      `/reviews/${r}/register/agencies/AG-1/remove`,
      {
        reason: 'Not involved after all',
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('AG-1 is named by');
    expect(refused.body).toContain('Remove AG-1 anyway, detaching');
    expect(refused.body).toContain('name="force" value="yes"');
    expect(refused.body).toContain('name="reason" value="Not involved after all"');
    expect(await logPosition(s.store, r)).toEqual(before);
    const forced = await post(
      client,
      `/reviews/${r}/register/agencies/AG-1/remove`,
      `/reviews/${r}/register/agencies/AG-1/remove`,
      {
        reason: 'Not involved after all',
        force: 'yes',
      },
    );
    expect(forced.statusCode).toBe(303);
    const state = await s.ws.load(r);
    expect(state.agencies['AG-1']).toBeUndefined();
    expect(state.participants['PT-1']?.agencyId).toBeUndefined();
  });

  it('re-renders a refused form naming the field and keeping what was typed, with the store unchanged', async () => {
    const s = await served();
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    const before = await logPosition(s.store, r);
    const res = await post(
      client,
      `/reviews/${r}/register/persons/new`,
      `/reviews/${r}/register/persons`,
      {
        realName: 'Tilly Brook',
        dateOfBirth: '31/31/2020',
        roleInCase: '',
        publicationLabel: 'Child A',
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-dateOfBirth"');
    expect(res.body).toContain('href="#field-roleInCase"');
    expect(res.body).toContain('value="Tilly Brook"');
    expect(res.body).toContain('value="31/31/2020"');
    const agency = await post(
      client,
      `/reviews/${r}/register/agencies/new`,
      `/reviews/${r}/register/agencies`,
      {
        name: 'Harrowgate Police',
        sector: 'constabulary',
      },
    );
    expect(agency.statusCode).toBe(400);
    expect(agency.body).toContain('href="#field-sector"');
    expect(agency.body).toContain('use one of health');
    const removal = await post(
      client,
      `/reviews/${r}/register/agencies/new`,
      `/reviews/${r}/register/agencies/AG-9/remove`,
      {
        reason: '',
      },
    );
    expect(removal.statusCode).toBe(400);
    expect(await logPosition(s.store, r)).toEqual(before);
  });

  it('shows both versions with 409 when someone saved first, keeping what this person typed', async () => {
    const s = await served();
    await addAgency(s.ws, s.reviewId, { name: 'Elmbridge Housing', sector: 'housing' });
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    const edit = await client.get(`/reviews/${r}/register/agencies/AG-1/edit`);
    const version = /name="version" value="([^"]+)"/.exec(edit.body)?.[1] ?? '';
    await editAgency(s.ws.as('someone.else'), r, 'AG-1', { name: 'Elmbridge Homes' });
    const before = await logPosition(s.store, r);
    const res = await post(
      client,
      `/reviews/${r}/register/agencies/AG-1/edit`,
      `/reviews/${r}/register/agencies/AG-1`,
      {
        version,
        name: 'Elmbridge Housing Trust',
        sector: 'housing',
      },
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<dd>Elmbridge Homes</dd>');
    expect(res.body).toContain('value="Elmbridge Housing Trust"');
    const newVersion = /name="version" value="([^"]+)"/.exec(res.body)?.[1];
    expect(newVersion).not.toBe(version);
    expect(await logPosition(s.store, r)).toEqual(before);
    const again = await client.post(`/reviews/${r}/register/agencies/AG-1`, {
      _csrf: await client.csrfFor(`/reviews/${r}/register`),
      version: newVersion ?? '',
      name: 'Elmbridge Housing Trust',
      sector: 'housing',
    });
    expect(again.statusCode).toBe(303);
    expect((await s.ws.load(r)).agencies['AG-1']?.name).toBe('Elmbridge Housing Trust');
  });
});

describe('refusals', () => {
  it('refuses a change without the session’s CSRF token, and edits a person with it', async () => {
    const s = await served();
    await addPerson(s.ws, s.reviewId, {
      realName: 'Tilly Brook',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
      dateOfBirth: '2020-03-04',
    });
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    const edit = await client.get(`/reviews/${r}/register/persons/P-1/edit`);
    const version = /name="version" value="([^"]+)"/.exec(edit.body)?.[1] ?? '';
    const fields = {
      version,
      realName: 'Tilly Brooke',
      aliases: '',
      initials: 'T.B.',
      dateOfBirth: '',
      address: '',
      phones: '',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    };
    const before = await logPosition(s.store, r);
    expect((await client.post(`/reviews/${r}/register/persons/P-1`, fields)).statusCode).toBe(403);
    expect(
      (await client.post(`/reviews/${r}/register/persons/P-1/remove`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect(await logPosition(s.store, r)).toEqual(before);
    const saved = await client.post(`/reviews/${r}/register/persons/P-1`, {
      _csrf: await client.csrfFor(`/reviews/${r}/register`),
      ...fields,
    });
    expect(saved.statusCode).toBe(303);
    const person = (await s.ws.load(r)).persons['P-1'];
    expect(person).toMatchObject({ realName: 'Tilly Brooke', initials: ['T.B.'] });
    expect(person?.dateOfBirth).toBeUndefined();
  });

  it('refuses every form and every change to a role that may not analyse, with the store unchanged', async () => {
    const s = await served();
    await addAgency(s.ws, s.reviewId, { name: 'Elmbridge Housing', sector: 'housing' });
    await addPerson(s.ws, s.reviewId, {
      realName: 'Tilly Brook',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    });
    const client = await signedIn(s, 'bea.board', 'board-member');
    const r = s.reviewId;
    const _csrf = await client.csrfFor(`/reviews/${r}/register`);
    const before = await logPosition(s.store, r);
    for (const url of [
      `/reviews/${r}/register/agencies/new`,
      `/reviews/${r}/register/participants/new`,
      `/reviews/${r}/register/persons/new`,
      `/reviews/${r}/register/agencies/AG-1/edit`,
      `/reviews/${r}/register/persons/P-1/remove`,
    ]) {
      expect((await client.get(url)).statusCode, url).toBe(403);
    }
    for (const [url, fields] of [
      [`/reviews/${r}/register/agencies`, { name: 'X Trust', sector: 'health' }],
      [`/reviews/${r}/register/participants`, { name: 'Jo Pell', role: 'case-group' }],
      [
        `/reviews/${r}/register/persons`,
        { realName: 'Kyle Marsh', roleInCase: 'uncle', publicationLabel: 'Adult B' },
      ],
      [`/reviews/${r}/register/agencies/AG-1`, { name: 'Y', sector: 'health', version: 'x' }],
      [`/reviews/${r}/register/agencies/AG-1/remove`, { reason: 'gone', force: 'yes' }],
      [`/reviews/${r}/register/persons/P-1/remove`, { reason: 'gone' }],
    ] as const) {
      expect((await client.post(url, { _csrf, ...fields })).statusCode, url).toBe(403);
    }
    expect(await logPosition(s.store, r)).toEqual(before);
  });

  it('renders hostile text typed into every field inert, on the page and in a refused form', async () => {
    const s = await served();
    const client = await signedIn(s, 'amara.lead', 'lead-reviewer');
    const r = s.reviewId;
    for (const [i, hostile] of HOSTILE.entries()) {
      await post(client, `/reviews/${r}/register/agencies/new`, `/reviews/${r}/register/agencies`, {
        name: `${hostile} ${i}`,
        sector: 'health',
      });
      await post(client, `/reviews/${r}/register/persons/new`, `/reviews/${r}/register/persons`, {
        realName: `${hostile} ${i}`,
        aliases: hostile,
        initials: hostile,
        phones: hostile,
        address: hostile,
        roleInCase: hostile,
        publicationLabel: `${hostile} label ${i}`,
      });
      await post(
        client,
        `/reviews/${r}/register/participants/new`,
        `/reviews/${r}/register/participants`,
        {
          name: hostile,
          role: 'case-group',
          agencyId: 'AG-1',
          profession: hostile,
          publicationLabel: hostile,
        },
      );
    }
    const state = await s.ws.load(r);
    expect(Object.keys(state.agencies)).toHaveLength(2);
    expect(Object.keys(state.persons)).toHaveLength(2);
    expect(Object.keys(state.participants)).toHaveLength(2);
    await setReportText(s.ws, r, 'case-summary', `Seen with Kyle Marsh ${HOSTILE.join(' ')}`);
    const page = await client.get(`/reviews/${r}/register`);
    expectInert(page.body);
    for (const escaped of ESCAPED) expect(page.body).toContain(escaped);
    for (const url of [
      `/reviews/${r}/register/persons/P-1/edit`,
      `/reviews/${r}/register/participants/PT-1/edit`,
      `/reviews/${r}/register/agencies/AG-1/edit`,
    ]) {
      const form = await client.get(url);
      expectInert(form.body);
      expect(form.body).toContain(ESCAPED[0]);
    }
    // A refused form gives back what was typed, escaped.
    for (const hostile of HOSTILE) {
      const refused = await post(
        client,
        `/reviews/${r}/register/persons/new`,
        `/reviews/${r}/register/persons`,
        {
          realName: hostile,
          aliases: hostile,
          initials: hostile,
          dateOfBirth: hostile,
          phones: hostile,
          address: hostile,
          roleInCase: hostile,
          publicationLabel: hostile,
        },
      );
      expect(refused.statusCode).toBe(400);
      expectInert(refused.body);
      const removal = await post(
        client,
        `/reviews/${r}/register/agencies/AG-1/remove`,
        `/reviews/${r}/register/agencies/AG-1/remove`,
        { reason: hostile },
      );
      expectInert(removal.body);
    }
  });
});
