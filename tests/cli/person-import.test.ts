// `tunnelview person import`, end to end on a temp workspace: ids and labels given in the file
// kept as given (the others allocated after the highest), columns the register does not read
// listed (or refused with --strict), and an id clash — with the register or within the file —
// refused naming both rows, the store unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPerson, removePerson } from '../../src/app/register.ts';
import { importSetUp } from '../helpers/import-cli.ts';

interface ImportedJson {
  ids: string[];
  unusedColumns: string[];
}

interface RefusedJson {
  imported: 0;
  errors: { file: string; record: number | null; column: string | null; message: string }[];
  unusedColumns: string[];
}

async function setUp() {
  const h = await importSetUp();
  const register = (content: string) => {
    const path = join(h.dir, 'register.csv');
    writeFileSync(path, content);
    return path;
  };
  const persons = async () => (await h.ws.load(h.reviewId)).persons;
  return { ...h, register, persons };
}

const WITH_IDS = [
  'id,real_name,role,publication_label,NHS number,school',
  'P-4,Jaylen Brooks,subject child,Child A,943 476 5919,Larch Primary',
  ',Danielle Brooks,mother,Mother,,',
  'p-02,Kyle Marsh,maternal uncle,Relative 1,,',
  '',
].join('\n');

describe('person import: ids, labels and columns', () => {
  it('keeps the ids and labels given, allocates the others after the highest, and lists the columns not read', async () => {
    const { run, register, persons } = await setUp();
    const path = register(WITH_IDS);
    const result = await run('person', 'import', path, '--json');
    expect(result.code, result.err).toBe(0);
    const out = result.json<ImportedJson>();
    expect(out.ids).toEqual(['P-4', 'P-5', 'P-2']);
    expect(out.unusedColumns).toEqual(['NHS number', 'school']);
    const register_ = await persons();
    expect(register_['P-4']).toMatchObject({
      realName: 'Jaylen Brooks',
      publicationLabel: 'Child A',
    });
    expect(register_['P-5']).toMatchObject({
      realName: 'Danielle Brooks',
      publicationLabel: 'Mother',
    });
    expect(register_['P-2']).toMatchObject({
      realName: 'Kyle Marsh',
      publicationLabel: 'Relative 1',
    });
  });

  it('says in the report which columns were not imported', async () => {
    const { run, register } = await setUp();
    const result = await run('person', 'import', register(WITH_IDS));
    expect(result.code, result.err).toBe(0);
    expect(result.stdout).toEqual([
      'Imported 3 people from register.csv: P-4, P-5, P-2',
      'Not imported: the columns "NHS number", "school", which the register does not read (--strict refuses such a file).',
    ]);
  });

  it('with --strict refuses a file with columns it does not read, naming each; the store is unchanged', async () => {
    const { run, register, position } = await setUp();
    const before = await position();
    const result = await run('person', 'import', register(WITH_IDS), '--strict', '--json');
    expect(result.code).toBe(1);
    expect(result.json<RefusedJson>().errors).toEqual([
      {
        file: 'register.csv',
        record: null,
        column: 'NHS number',
        message:
          'The register does not read the column "NHS number", so nothing in it would be imported. Fix: remove the column, or rename it to one the register reads (id, real_name, aliases, initials, date_of_birth, address, phone, role, publication_label); leave out --strict.',
      },
      expect.objectContaining({ column: 'school' }),
    ]);
    expect(await position()).toEqual(before);
  });

  it('refuses an id the register already holds, naming the record and the person who holds it; the store is unchanged', async () => {
    const { run, register, position, ws, reviewId } = await setUp();
    await addPerson(ws, reviewId, {
      realName: 'Owen Reeve',
      roleInCase: 'father',
      publicationLabel: 'Father',
    });
    await addPerson(ws, reviewId, {
      realName: 'Lydia Reeve',
      roleInCase: 'mother',
      publicationLabel: 'Mother',
    });
    await removePerson(ws, reviewId, 'P-2', 'entered twice');
    const before = await position();
    const path = register(
      'id,real_name,role,publication_label\nP-1,Jaylen Brooks,subject child,Child A\nP-2,Kyle Marsh,uncle,Relative 1\nP-3,Jo Pritchard,grandmother,Relative 2\n',
    );
    const result = await run('person', 'import', path);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      'Nothing imported from register.csv; fix these and import it again:',
      '  - record 1 (line 2): The record gives the id P-1 to Jaylen Brooks ("Child A"), but the register already holds P-1: Owen Reeve ("Father", father). Fix: if this is someone else, give the record another id (the next free one is P-4) or leave its id empty to have one allocated; if it is the same person, leave the record out.',
      '  - record 2 (line 3): The record gives the id P-2 to Kyle Marsh ("Relative 1"), but P-2 was used for someone since removed from the register (entered twice); stable ids are never reused. Fix: if this is someone else, give the record another id (the next free one is P-4) or leave its id empty to have one allocated; if it is them again, leave the id empty.',
    ]);
    expect(await position()).toEqual(before);
  });

  it('refuses two records giving the same id, or an id that is not a person id, naming both records', async () => {
    const { run, register, position } = await setUp();
    const before = await position();
    const path = register(
      'id,real_name,role,publication_label\nP-7,Jaylen Brooks,subject child,Child A\nP-07,Kyle Marsh,uncle,Relative 1\nCH-3,Jo Pritchard,grandmother,Relative 2\n',
    );
    const result = await run('person', 'import', path, '--json');
    expect(result.code).toBe(1);
    expect(result.json<RefusedJson>().errors).toEqual([
      {
        file: 'register.csv',
        record: 2,
        column: 'id',
        message:
          'P-7 is also the id of record 1 (line 2). Fix: give each person their own id, or leave the cell empty to have one allocated.',
      },
      {
        file: 'register.csv',
        record: 3,
        column: 'id',
        message:
          '"CH-3" is not a person id. Fix: write the id as P- and a number (P-3), or leave the cell empty to have one allocated.',
      },
    ]);
    expect(await position()).toEqual(before);
  });

  it('without an id column allocates the next ids as before', async () => {
    const { run, register, ws, reviewId } = await setUp();
    await addPerson(ws, reviewId, {
      realName: 'Owen Reeve',
      roleInCase: 'father',
      publicationLabel: 'Father',
    });
    const result = await run(
      'person',
      'import',
      register('real_name,role,publication_label\nJaylen Brooks,subject child,Child A\n'),
      '--json',
    );
    expect(result.code, result.err).toBe(0);
    expect(result.json<ImportedJson>()).toMatchObject({ ids: ['P-2'], unusedColumns: [] });
  });
});
