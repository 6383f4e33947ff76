// The publication edition end to end, short of Chromium: the review's text through the register,
// the leak check over fields and the written output, refusal that writes nothing, and the event
// that the publication stage's gate looks for.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { addExcerpt, recordConversation } from '../../src/app/conversations.ts';
import { addFactor } from '../../src/app/factors.ts';
import { addFinding, editFinding } from '../../src/app/findings.ts';
import { addKpe } from '../../src/app/kpes.ts';
import { type EditionWriter, publishEdition } from '../../src/app/publish-edition.ts';
import { addAgency, addParticipant, addPerson } from '../../src/app/register.ts';
import { addResearchQuestion, updateReview } from '../../src/app/reviews.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { checkPublication } from '../../src/publish/check-publication.ts';
import { publicationState } from '../../src/publish/publication-state.ts';
import { leakCheckPassed } from '../../src/workflow/gates/checks/leak-check-passed.ts';
import { logPosition, runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

/** A review whose register is planted, in many forms, through chronology, excerpts and findings. */
async function plantedReview() {
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  await updateReview(ws, reviewId, { keyDates: { 'became-aware': '2026-03-02' } });
  await addPerson(ws, reviewId, {
    realName: 'Jaylen Brooks',
    aliases: ['JJ'],
    initials: ['J.B.'],
    dateOfBirth: '2021-08-05',
    address: '14 Larch Road, Brackley, QX1 2AB',
    phones: ['07700 900123'],
    roleInCase: 'subject child',
    publicationLabel: 'Child B',
  });
  await addPerson(ws, reviewId, {
    realName: 'Danielle Brooks',
    roleInCase: 'mother',
    publicationLabel: 'Mother',
  });
  await addAgency(ws, reviewId, { name: 'Brackley Health Visiting', sector: 'health' });
  await addParticipant(ws, reviewId, {
    name: 'Priya Calder',
    role: 'case-group',
    agencyId: 'AG-1',
    publicationLabel: 'Health Visitor 1',
  });
  await addChronologyEntry(ws, reviewId, {
    agencyId: 'AG-1',
    date: { precision: 'day', start: '2025-01-10', original: '10/01/2025' },
    text: 'Visit to Jaylen’s home at 14 Larch Rd. JJ (DOB 05/08/21) seen with Danielle. Mum’s mobile 07700900123. Postcode QX1 2AB.',
  });
  await recordConversation(ws, reviewId, { participantId: 'PT-1', date: '2026-04-01' });
  await addExcerpt(ws, reviewId, {
    conversationId: 'CV-1',
    sectionId: 'mindset',
    text: "Priya Calder said: I thought Jaylen's mum was coping; J.B. was born 5 August 2021.",
    quotable: true,
  });
  await addKpe(ws, reviewId, {
    title: 'Home visit to Jaylen Brooks',
    period: { from: '2025-01-10' },
    whatHappened: 'Health visitor saw BROOKS family at Larch Road.',
  });
  await addFactor(ws, reviewId, { head: 'family', text: 'Danielle’s openness' });
  await addFinding(
    ws,
    reviewId,
    {
      statement: 'Records about Jaylen were split across teams.',
      category: 'human-tool-operation',
    },
    {
      factorIds: ['CF-1'],
      boardQuestions: ['How does the Board know records about 2021-08-05 births join up?'],
    },
  );
  return handle;
}

function textWriter(): EditionWriter {
  // Writes the edition's visible text, as a renderer would, so the check reads back real output.
  return {
    format: 'pdf',
    async write(state, file) {
      const text = [
        state.review.title,
        ...Object.values(state.chronology).map((e) => e.text),
        ...Object.values(state.excerpts).map((x) => x.text),
        ...Object.values(state.kpes).map((k) => `${k.title}: ${k.whatHappened}`),
        ...Object.values(state.findings).flatMap((f) => [
          f.statement,
          ...f.boardIssues.map((b) => b.question),
        ]),
      ].join('\n');
      writeFileSync(file, text);
      return {};
    },
    readText: async (file) => readFileSync(file, 'utf8'),
  };
}

describe('publicationState', () => {
  it('replaces every planted form with labels or removal notes, leaving no leak', async () => {
    const { ws, reviewId } = await plantedReview();
    const state = await ws.load(reviewId);
    const pub = publicationState(state);
    const chronology = Object.values(pub.state.chronology)[0]?.text ?? '';
    expect(chronology).not.toMatch(/Jaylen|Larch|JJ|07700|05\/08\/21|QX1|Danielle/);
    expect(chronology).toContain('Child B');
    expect(Object.values(pub.state.excerpts)[0]?.text).toMatch(
      /^Health Visitor 1 said: I thought Child B's mum/,
    );
    expect(pub.state.kpes['KPE-1']?.title).toBe('Home visit to Child B');
    expect(pub.state.persons).toEqual({});
    expect(checkPublication(pub, []).leaks).toEqual([]);
  });

  it('files an entry dated on a date of birth under its month, with no time of day', async () => {
    const { ws, reviewId } = await plantedReview();
    await addChronologyEntry(ws, reviewId, {
      agencyId: 'AG-1',
      date: { precision: 'time', start: '2021-08-05', time: '03:42', original: '05/08/2021 03:42' },
      text: 'Birth recorded by the maternity unit.',
    });
    const pub = publicationState(await ws.load(reviewId));
    expect(pub.state.chronology['CH-2']?.date).toEqual({
      precision: 'month',
      start: '2021-08-01',
      end: '2021-08-31',
      original: '[aged 4 years] 03:42',
    });
    // An entry on any other day keeps its date.
    expect(pub.state.chronology['CH-1']?.date).toMatchObject({
      precision: 'day',
      start: '2025-01-10',
    });
  });

  it('catches an identifier the register does not hold, naming the field and id', async () => {
    const { ws, reviewId } = await plantedReview();
    // 943 476 5919 has a valid NHS check digit.
    await editFinding(ws, reviewId, 'F-1', {
      statement: 'The NHS number 943 476 5919 was quoted.',
    });
    const pub = publicationState(await ws.load(reviewId));
    const { leaks } = checkPublication(pub, []);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ kind: 'nhs-number', source: 'F-1 statement', ids: ['F-1'] });
  });
});

describe('publishEdition', () => {
  it('writes the edition and records the passing check, which meets the gate', async () => {
    const { ws, reviewId, store } = await plantedReview();
    const out = join(tempDir(), 'publication.pdf');
    const result = await publishEdition(ws, reviewId, out, textWriter());
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).not.toContain('Jaylen');
    const state = await ws.load(reviewId);
    expect(state.leakChecks.at(-1)).toMatchObject({
      file: 'publication.pdf',
      sha256: result.sha256,
    });
    const model = loadModel('learning-together');
    const gate = { id: 'g', description: 'd', check: 'leak-check-passed', params: {} };
    const variant = model.variants[0] as (typeof model.variants)[number];
    expect(leakCheckPassed({ state, model, variant, gate })).toEqual([]);
    // A later change to the content needs a new check.
    await addResearchQuestion(ws, reviewId, 'How did records follow the family?');
    const changed = await ws.load(reviewId);
    expect(leakCheckPassed({ state: changed, model, variant, gate })[0]?.message).toContain(
      'the review changed after the last passing leak check',
    );
    await store.close();
  });

  it('writes nothing and records nothing when the output leaks, listing each leak', async () => {
    const { ws, reviewId, store } = await plantedReview();
    const before = await logPosition(store, reviewId);
    const out = join(tempDir(), 'publication.pdf');
    // A renderer that adds an identifier of its own (say, in a figure) is caught on read-back.
    const leaky: EditionWriter = {
      ...textWriter(),
      async write(state, file) {
        writeFileSync(file, `${state.review.title}\nCall 01632 960555 for details.`);
        return {};
      },
    };
    const error = await publishEdition(ws, reviewId, out, leaky).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({
      kind: 'phone',
      path: ['publication PDF'],
    });
    expect(existsSync(out)).toBe(false);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('tunnelview person import', () => {
  it('imports a register whole, aliases and phones split on |', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws.db');
    await runCli(['review', 'create', '--title', 'T', '--kind', 'lcspr', '--workspace', ws]);
    const file = join(dir, 'register.csv');
    writeFileSync(
      file,
      'real_name,aliases,date_of_birth,address,phone,role,publication_label\n' +
        'Tamsin Reeve,Tam|T. Reeve,05/08/2021,"14 Larch Road, Brackley",07700 900123|01632 960555,subject child,Child B\n',
    );
    const run = await runCli(['person', 'import', file, '--workspace', ws]);
    expect(run.code, run.err).toBe(0);
    const persons = (await runCli(['person', 'list', '--workspace', ws, '--json'])).json<
      { aliases: string[]; phones: string[]; dateOfBirth: string }[]
    >();
    expect(persons[0]).toMatchObject({
      aliases: ['Tam', 'T. Reeve'],
      phones: ['07700 900123', '01632 960555'],
      dateOfBirth: '2021-08-05',
    });
  });

  it('refuses a register with a bad row, naming record, column and fix, and imports nobody', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws.db');
    await runCli(['review', 'create', '--title', 'T', '--kind', 'lcspr', '--workspace', ws]);
    const file = join(dir, 'register.csv');
    writeFileSync(
      file,
      'real_name,date_of_birth,role,publication_label\nOwen Reeve,03/02/1990,father,Father\nLydia Reeve,31/02/1991,mother,\n',
    );
    const run = await runCli(['person', 'import', file, '--workspace', ws]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'record 2 (line 3), column "date_of_birth": "31/02/1991" is not a real date: February 1991 has 28 days',
    );
    expect(run.err).toContain('record 2 (line 3), column "publication_label": The cell is empty');
    const persons = (await runCli(['person', 'list', '--workspace', ws, '--json'])).json<
      unknown[]
    >();
    expect(persons).toEqual([]);
  });
});
