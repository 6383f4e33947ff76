// The web import page and the dates a return writes, through real HTTP handling over a real
// workspace: the date column's forms shown with a sample and the order read; a column no form
// reads refused with one problem pointing at the date format field; the field used to import it;
// a format that cannot be a date named on its field; hostile text escaped; the store unchanged
// by each refusal.
import { describe, expect, it } from 'vitest';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

/** A multipart body: the fields, then the CSV file, as a browser sends the upload form. */
function multipart(fields: Record<string, string>, filename: string, content: string) {
  const boundary = '----tunnelviewDatesBoundary3k9';
  const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
  const body = [
    ...Object.entries(fields).map(([name, value]) =>
      part(`Content-Disposition: form-data; name="${name}"`, value),
    ),
    part(
      `Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv`,
      content,
    ),
    `--${boundary}--\r\n`,
  ].join('');
  return {
    payload: Buffer.from(body),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function setUp() {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const password = await s.account('amara.okafor', 'lead-reviewer');
  const client = new WebClient(s.app);
  await client.signIn('amara.okafor', password);
  const upload = async (fields: Record<string, string>, filename: string, dates: string[]) => {
    const csrf = csrfIn((await client.get('/')).body);
    const content = ['Date,Details', ...dates.map((d, i) => `"${d}",Contact ${i + 1}.`)].join('\n');
    const body = multipart(
      { agency: 'Ashgrove Hospital', sector: 'health', ...fields },
      filename,
      content,
    );
    return s.app.inject({
      method: 'POST',
      url: `/reviews/${s.reviewId}/chronology/import?_csrf=${encodeURIComponent(csrf)}`,
      payload: body.payload,
      headers: {
        host: 'localhost',
        cookie: `tv_session=${client.cookie('tv_session')}`,
        ...body.headers,
      },
    });
  };
  const position = () => logPosition(s.store, s.reviewId);
  return { ...s, upload, position };
}

describe('the import page: dates', () => {
  it('imports the hospital’s 18-Mar-2023 16:05 dates, showing each form with a sample', async () => {
    const { upload } = await setUp();
    const response = await upload({}, 'hospital.csv', [
      '18-Mar-2023 16:05',
      '19-Mar-2023 09:15',
      '03/18/2023',
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h2 id="dates">Dates read</h2>');
    expect(response.body).toContain('3 of 3 dates in “Date” read.');
    expect(response.body).toContain(
      '<tr><th scope="row"><code>DD-MMM-YYYY HH:mm</code></th><td>2</td><td>“18-Mar-2023 16:05” (record 1)</td></tr>',
    );
    expect(response.body).toContain(
      'Dates read month first: &quot;03/18/2023&quot; (record 3) can only be read that way',
    );
  });

  it('refuses a column no form reads with one problem pointing at the date format field', async () => {
    const { upload, position } = await setUp();
    const before = await position();
    const dates = ['20230318', '20230319', '20230320'];
    const refused = await upload({}, 'compact.csv', dates);
    expect(refused.statusCode).toBe(400);
    expect(refused.body.match(/<th scope="row">compact\.csv/g)).toHaveLength(1);
    expect(refused.body).toContain('3 of the 3 dates are in no form read');
    expect(refused.body).toContain(
      '<a href="#field-dateFormat">Give the date format on the form below (e.g. YYYYMMDD)</a>',
    );
    expect(refused.body).toContain('id="field-dateFormat" name="dateFormat"');
    expect(await position()).toEqual(before);

    const imported = await upload({ dateFormat: 'YYYYMMDD' }, 'compact.csv', dates);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('with the date format YYYYMMDD');
    expect(imported.body).toMatch(/3 entries: <a href="[^"]+CH-\d+"/);
  });

  it('names a date format that cannot be a date on its field, and changes nothing', async () => {
    const { upload, position } = await setUp();
    const before = await position();
    const response = await upload({ dateFormat: 'DD/MM' }, 'uk.csv', ['18/03/2023']);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="dateFormat-error"');
    expect(response.body).toContain('the date format &quot;DD/MM&quot; has no year');
    expect(await position()).toEqual(before);
  });

  it('escapes hostile text given as the date format and written as dates', async () => {
    const { upload } = await setUp();
    const hostile = '<script>alert(1)</script>';
    const field = await upload({ dateFormat: `YYYY ${hostile}` }, 'h1.csv', ['18/03/2023']);
    const cells = await upload({}, 'h2.csv', [hostile, hostile, hostile]);
    for (const response of [field, cells]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain(hostile);
      expect(response.body).toContain('&lt;script&gt;');
    }
  });
});
