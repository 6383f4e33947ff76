// The chronology pages through real HTTP handling (fastify.inject) over a real workspace: the
// timeline and its filters, an entry's page, an agency's return uploaded as multipart with its
// report (one bad row named, all-or-none as the CLI, or the good rows with skip-invalid), the
// column-mapping form, an oversized file refused, the CSRF token of a multipart form, roles,
// hostile text escaped, perspectives and duplicate decisions.
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { wordDocument } from '../helpers/word-files.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

interface FilePart {
  name: string;
  filename: string;
  content: string | Buffer;
}

/** A multipart body: the fields, then the file, as a browser sends a form. */
function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = '----tunnelviewTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function setUp(role: 'lead-reviewer' | 'observer' | 'review-team' = 'lead-reviewer') {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const password = await s.account('amara.okafor', role);
  const client = new WebClient(s.app);
  await client.signIn('amara.okafor', password);
  const importUrl = `/reviews/${s.reviewId}/chronology/import`;
  /** Uploads as the form does: the token in the action's query (unless `csrf` says otherwise). */
  const upload = async (
    fields: Record<string, string>,
    file?: FilePart,
    given?: string | false,
  ) => {
    const csrf = given ?? (role === 'observer' ? 'x' : csrfIn((await client.get('/')).body));
    const body = multipart(fields, file);
    const session = client.cookie('tv_session');
    return s.app.inject({
      method: 'POST',
      url: csrf === false ? importUrl : `${importUrl}?_csrf=${encodeURIComponent(csrf)}`,
      payload: body.payload,
      headers: { host: 'localhost', cookie: `tv_session=${session}`, ...body.headers },
    });
  };
  return { ...s, client, upload, importUrl };
}

const RETURN_WITH_BAD_ROW = [
  'Date,Details,Officer',
  '03/05/2023,Police welfare check at the flat; no answer.,PC 1123',
  '31/02/2023,Call from neighbour about shouting.,PC 1123',
  '05/05/2023,Second visit; mother spoke at the door.,PC 2011',
].join('\n');

const csv = (content: string, filename = 'police-return.csv'): FilePart => ({
  name: 'file',
  filename,
  content,
});

describe('the timeline', () => {
  it('lists every entry with its agency, dates, text and source, and links each to its page', async () => {
    const { client, reviewId } = await setUp('observer');
    const page = await client.get(`/reviews/${reviewId}/chronology`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="CH-1"');
    expect(page.body).toContain(`href="/reviews/${reviewId}/chronology/CH-1"`);
    expect(page.body).toContain('Fenwick Vale Health Visiting');
    expect(page.body).toContain('02/05/2023');
    expect((await client.get(`/reviews/${reviewId}/chronology/CH-999`)).statusCode).toBe(404);
    const entry = await client.get(`/reviews/${reviewId}/chronology/CH-1`);
    expect(entry.statusCode).toBe(200);
    expect(entry.body).toContain('Chronology entry CH-1');
    expect(entry.body).toContain('What links to it');
  });

  it('filters by agency, dates and text through a GET form', async () => {
    const { client, reviewId } = await setUp('observer');
    const all = await client.get(`/reviews/${reviewId}/chronology`);
    const byText = await client.get(`/reviews/${reviewId}/chronology?q=mother+tired`);
    expect(byText.body).toContain('mother tired');
    const count = (body: string) => (body.match(/<tr id="CH-/g) ?? []).length;
    expect(count(byText.body)).toBeLessThan(count(all.body));
    const byAgency = await client.get(`/reviews/${reviewId}/chronology?agency=AG-2`);
    expect(byAgency.body).not.toContain('Fenwick Vale Health Visiting</td>');
    const none = await client.get(`/reviews/${reviewId}/chronology?from=01/01/2030`);
    expect(count(none.body)).toBe(0);
    const bad = await client.get(`/reviews/${reviewId}/chronology?from=not+a+day`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-from"');
  });

  it('shows the perspectives side by side and the duplicate clusters to a reader', async () => {
    const { client, reviewId } = await setUp('observer');
    const side = await client.get(`/reviews/${reviewId}/chronology/perspectives`);
    expect(side.statusCode).toBe(200);
    expect(side.body).toContain('<th scope="col">Fenwick Vale Health Visiting</th>');
    const dups = await client.get(`/reviews/${reviewId}/chronology/duplicates`);
    expect(dups.statusCode).toBe(200);
    expect(dups.body).toContain('Possible duplicates');
  });

  it('shows entries confirmed as one event as one row of the timeline, marked in the perspectives', async () => {
    const { client, reviewId, ws } = await setUp('review-team');
    const state = await ws.load(reviewId);
    const [a, b] = Object.values(state.chronology).filter(
      (e, _i, all) => e.agencyId !== all[0]?.agencyId || e === all[0],
    );
    const token = await client.csrfFor(`/reviews/${reviewId}/chronology/duplicates`);
    const decided = await client.post(`/reviews/${reviewId}/chronology/duplicates`, {
      _csrf: token,
      entryIds: `${a?.id},${b?.id}`,
      decision: 'confirmed',
    });
    expect(decided.statusCode).toBe(303);
    const timeline = await client.get(`/reviews/${reviewId}/chronology`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.body).toContain('class="event"');
    expect(timeline.body).toContain('One event, confirmed:');
    expect(timeline.body).toContain(`href="/reviews/${reviewId}/chronology/${b?.id}"`);
    const side = await client.get(`/reviews/${reviewId}/chronology/perspectives`);
    expect(side.body).toContain('class="in-event"');
    expect(side.body).toContain(`confirmed as one event with ${b?.id}`);
  });
});

describe('uploading a return', () => {
  it('names the bad row and imports nothing by default, as the CLI does', async () => {
    const { upload, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const response = await upload(
      { agency: 'Fenwick Vale Police', sector: 'police' },
      csv(RETURN_WITH_BAD_ROW),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('police-return.csv#2');
    expect(response.body).toContain('Date');
    expect(response.body).toContain('Nothing was imported');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('with skip-invalid imports the good rows, names the bad one, and the account is the actor', async () => {
    const { upload, store, reviewId, ws, client } = await setUp();
    const response = await upload(
      { agency: 'Fenwick Vale Police', sector: 'police', skipInvalid: 'on' },
      csv(RETURN_WITH_BAD_ROW),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('police-return.csv#2');
    expect(response.body).toMatch(/2 entries: <a href="[^"]+CH-\d+"/);
    const state = await ws.load(reviewId);
    const imported = Object.values(state.chronology).filter(
      (e) => e.provenance?.file === 'police-return.csv',
    );
    expect(imported.map((e) => e.provenance?.record)).toEqual([1, 3]);
    const events = await store.readEvents(reviewId);
    expect(events.at(-1)?.actor).toBe('amara.okafor');
    const timeline = await client.get(`/reviews/${reviewId}/chronology?q=Second+visit`);
    expect(timeline.body).toContain('police-return.csv#3');
    // Nothing of the upload is left behind.
    const left = (await readdir(tmpdir())).filter((f) => f.startsWith('tunnelview-upload-'));
    expect(left).toEqual([]);
  });

  it('lists a record short of an optional cell as a warning, and the columns kept as extra', async () => {
    const { upload } = await setUp();
    const short = [
      'Date,Concern,Action taken,Officer,Beat',
      '03/05/2023,Shouting heard.,Welfare check made.,PC 1123,North',
      '04/05/2023,Door left open.,Advice given.,PC 1123',
    ].join('\n');
    const response = await upload({ agency: 'Fenwick Vale Police', sector: 'police' }, csv(short));
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/2 entries: <a href="[^"]+CH-\d+"/);
    expect(response.body).toContain('Warnings, which do not stop the import');
    expect(response.body).toContain('police-return.csv#2');
    expect(response.body).toContain(
      'the record stops after 4 of 5 cells, without &quot;Beat&quot;',
    );
    expect(response.body).toContain('<dt>Text</dt><dd>Concern, Action taken');
    expect(response.body).toContain('<dt>Kept as extra fields</dt><dd>Beat</dd>');
  });

  it('asks for the columns when the headings are not recognised, and imports with them', async () => {
    const { upload, ws, reviewId } = await setUp();
    const odd = ['Occurred,Narrative', '03/05/2023,Welfare check.'].join('\n');
    const first = await upload({ agency: 'Fenwick Vale Police', sector: 'police' }, csv(odd));
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('id="mapping"');
    expect(first.body).toContain('<option value="Occurred">Occurred</option>');
    const second = await upload(
      {
        agency: 'Fenwick Vale Police',
        sector: 'police',
        mapDate: 'Occurred',
        mapText1: 'Narrative',
      },
      csv(odd),
    );
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('1 entries');
    const state = await ws.load(reviewId);
    expect(Object.values(state.chronology).some((e) => e.text.includes('Welfare check.'))).toBe(
      true,
    );
  });

  it('imports a Word return, and refuses a table it does not hold at the table field, store unchanged', async () => {
    const { upload, store, reviewId, ws } = await setUp();
    const content = await wordDocument([
      'Fenwick Vale Police: chronology',
      {
        table: RETURN_WITH_BAD_ROW.replace('31/02/2023', '04/05/2023')
          .split('\n')
          .map((l) => l.split(',')),
      },
    ]);
    const word = { name: 'file', filename: 'police-return.docx', content };
    const before = await logPosition(store, reviewId);
    const refused = await upload(
      { agency: 'Fenwick Vale Police', sector: 'police', table: '2' },
      word,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('police-return.docx: has no table 2; it holds 1 table');
    expect(refused.body).toContain('href="#field-file"');
    const typo = await upload(
      { agency: 'Fenwick Vale Police', sector: 'police', table: 'two' },
      word,
    );
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('id="table-error"');
    expect(typo.body).toContain('the table is a whole number, counting the tables from 1');
    expect(await logPosition(store, reviewId)).toEqual(before);

    const imported = await upload({ agency: 'Fenwick Vale Police', sector: 'police' }, word);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('read as Word document, table 1');
    expect(imported.body).toContain('3 entries');
    const state = await ws.load(reviewId);
    const records = Object.values(state.chronology)
      .filter((e) => e.provenance?.file === 'police-return.docx')
      .map((e) => e.provenance?.record);
    expect(records).toEqual([1, 2, 3]);
  });

  it('refuses a file over the limit, naming it, with the store unchanged', async () => {
    const { upload, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const huge = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const response = await upload(
      { agency: 'Fenwick Vale Police', sector: 'police' },
      csv(huge as unknown as string),
    );
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('over the limit of 50 MB');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuses a multipart upload without the CSRF token, or with a wrong one', async () => {
    const { upload, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const fields = { agency: 'Fenwick Vale Police', sector: 'police', skipInvalid: 'on' };
    expect((await upload(fields, csv(RETURN_WITH_BAD_ROW), false)).statusCode).toBe(403);
    expect((await upload(fields, csv(RETURN_WITH_BAD_ROW), 'wrong')).statusCode).toBe(403);
    // A token in the body of a multipart form is not read: the check is made before the body.
    const { app, client } = await setUp();
    const token = csrfIn((await client.get('/')).body);
    const body = multipart({ _csrf: token, ...fields }, csv(RETURN_WITH_BAD_ROW));
    const inBody = await app.inject({
      method: 'POST',
      url: `/reviews/${reviewId}/chronology/import`,
      payload: body.payload,
      headers: {
        host: 'localhost',
        cookie: `tv_session=${client.cookie('tv_session')}`,
        ...body.headers,
      },
    });
    expect(inBody.statusCode).toBe(403);
    // The query is read for a multipart form only: an ordinary form's token is its field.
    const inQuery = await client.post(
      `/reviews/${reviewId}/chronology/duplicates?_csrf=${encodeURIComponent(token)}`,
      { entryIds: 'CH-1,CH-2', decision: 'split', note: '' },
    );
    expect(inQuery.statusCode).toBe(403);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('escapes hostile text in a return cell and in every form field', async () => {
    const { upload, client, reviewId } = await setUp();
    for (const hostile of HOSTILE) {
      const cell = `Date,Details\n03/05/2023,"${hostile.replaceAll('"', '""')} visit"\n`;
      const response = await upload(
        {
          agency: `Police ${hostile}`,
          sector: 'police',
          sheet: hostile,
          reason: hostile,
          mapDate: hostile,
        },
        csv(cell, `r${HOSTILE.indexOf(hostile)}.csv`),
      );
      expect(response.body).not.toContain(hostile);
      const sector = await upload({ agency: 'Police', sector: hostile }, csv(cell, 's.csv'));
      expect(sector.statusCode).toBe(400);
      expect(sector.body).not.toContain(hostile);
      expect(response.body).toContain(
        hostile.includes('<script>') ? '&lt;script&gt;' : '&quot;&gt;&lt;img',
      );
      const ok = await upload(
        { agency: `Police ${hostile}`, sector: 'police' },
        csv(cell, `ok${HOSTILE.indexOf(hostile)}.csv`),
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.body).not.toContain(hostile);
      const timeline = await client.get(
        `/reviews/${reviewId}/chronology?q=${encodeURIComponent(hostile)}`,
      );
      expect(timeline.body).not.toContain(hostile);
      expect(timeline.body).toContain('visit');
      expect(timeline.body).toContain(
        hostile.includes('<script>')
          ? '&lt;script&gt;alert(1)&lt;/script&gt; visit'
          : '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; visit',
      );
      const note = await client.post(`/reviews/${reviewId}/chronology/duplicates`, {
        _csrf: await client.csrfFor(`/reviews/${reviewId}/chronology/duplicates`),
        entryIds: hostile,
        decision: 'confirmed',
        note: hostile,
      });
      expect(note.statusCode).toBe(400);
      expect(note.body).not.toContain(hostile);
    }
  });
});

describe('roles', () => {
  it('refuses an observer the upload form, an upload and a decision, with the store unchanged', async () => {
    const { client, upload, store, reviewId, importUrl } = await setUp('observer');
    const before = await logPosition(store, reviewId);
    expect((await client.get(importUrl)).statusCode).toBe(403);
    const token = await client.csrfFor(`/reviews/${reviewId}/chronology`);
    expect(
      (
        await upload(
          { agency: 'Fenwick Vale Police', sector: 'police' },
          csv(RETURN_WITH_BAD_ROW),
          token,
        )
      ).statusCode,
    ).toBe(403);
    const decision = await client.post(`/reviews/${reviewId}/chronology/duplicates`, {
      _csrf: token,
      entryIds: 'CH-1,CH-2',
      decision: 'split',
      note: '',
    });
    expect(decision.statusCode).toBe(403);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('lets the review team record a duplicate decision as itself', async () => {
    const { client, store, reviewId, ws } = await setUp('review-team');
    const token = await client.csrfFor(`/reviews/${reviewId}/chronology/duplicates`);
    const ids = Object.keys((await ws.load(reviewId)).chronology).slice(0, 2);
    const decided = await client.post(`/reviews/${reviewId}/chronology/duplicates`, {
      _csrf: token,
      entryIds: ids.join(','),
      decision: 'split',
      note: 'Different visits',
    });
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toContain('/chronology/duplicates?decided=');
    const events = await store.readEvents(reviewId);
    expect(events.at(-1)?.type).toBe('chronology.duplicates-decided');
    expect(events.at(-1)?.actor).toBe('amara.okafor');
  });
});
