/** `person`, `agency`, `participant`: who is in the case, which agencies, who takes part. */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { problemLocation } from '../../chronology/import-problem.ts';
import { AGENCY_SECTORS } from '../../domain/agency.ts';
import { PARTICIPANT_ROLES } from '../../domain/participant.ts';
import {
  addRemoveCommand,
  createdId,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { EXIT_USER_ERROR } from '../exit-codes.ts';
import { problemJsonOf, problemMessage, strippedLine } from '../format-import-report.ts';
import { importLimitsOf, withImportLimitOptions } from '../import-options.ts';
import { clearable, cleared, collect, defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

const PERSON_CLEARABLE = { dob: 'dateOfBirth', address: 'address' };

const PARTICIPANT_CLEARABLE = {
  agency: 'agencyId',
  profession: 'profession',
  label: 'publicationLabel',
};

export function registerPersonCommands(program: Command, env: CliEnvironment): void {
  const person = program
    .command('person')
    .description('the pseudonym register: real identifiers and their publication labels');

  withReviewOption(
    person
      .command('add')
      .description('register a person in the case with their publication label')
      .requiredOption('--name <real name>', 'the real name (never published)')
      .requiredOption('--label <label>', 'the publication label, e.g. "Child A"')
      .requiredOption('--role <role>', 'their part in the case, e.g. "subject child"')
      .option('--alias <alias>', 'another name they are known by, repeatable', collect)
      .option('--initials <initials>', 'initials used in records, repeatable', collect)
      .option('--dob <date>', 'date of birth, e.g. 05/08/2021 or 2021-08-05')
      .option('--address <address>', 'address')
      .option('--phone <number>', 'phone number, repeatable', collect)
      .option('--id <id>', 'a stable id such as P-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview person add --name "Maisie Thorne" --label "Child A" --role "subject child" --dob 2021-08-05',
      ),
  ).action(async (_opts, command: Command) => {
    const { addPerson } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addPerson(
          ws,
          reviewId,
          defined({
            realName: o.name,
            publicationLabel: o.label,
            roleInCase: o.role,
            aliases: o.alias,
            initials: o.initials,
            dateOfBirth: o.dob,
            address: o.address,
            phones: o.phone,
          }),
          o.id as string | undefined,
        ),
      (result) => `Registered ${createdId(result)}`,
    );
  });

  withImportLimitOptions(
    withReviewOption(
      person
        .command('import')
        .description('import the pseudonym register from a CSV, XLSX or JSON file, all or nothing')
        .argument(
          '<file>',
          'headings id, real_name, aliases, initials, date_of_birth, address, phone, role, publication_label',
        )
        .option(
          '--strict',
          'refuse a file with columns the register does not read, instead of listing them',
        )
        .addHelpText(
          'after',
          '\nAliases and phone numbers are separated by |. An id given (P-3) is kept as given, and\nrefused if the review has used it; people without one get the next ids after the highest.\n\nExample:\n  tunnelview person import register.csv --review R-7K2M9Q',
        ),
    ),
  ).action(async (file: string, _opts, command: Command) => {
    const { importRegister } = await import('../../app/import-register.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const read = await importRegister(ws, reviewId, resolve(env.cwd, file), {
        limits: importLimitsOf(o),
        stripControls: Boolean(o.stripControls),
        strict: Boolean(o.strict),
      });
      if (read.stripped && !o.json) env.output.out(strippedLine(read.stripped));
      const unused = read.unusedColumns.map((c) => `"${c}"`).join(', ');
      if (!read.imported) {
        if (o.json) {
          printJson(env.output, {
            imported: 0,
            errors: read.problems.map(problemJsonOf),
            unusedColumns: read.unusedColumns,
          });
        } else {
          env.output.err(`Nothing imported from ${read.file}; fix these and import it again:`);
          for (const p of read.problems) {
            env.output.err(`  - ${problemLocation(p)}: ${problemMessage(p)}`);
          }
          if (unused && !o.strict) {
            env.output.err(`The register does not read the columns ${unused}.`);
          }
        }
        process.exitCode = EXIT_USER_ERROR;
        return;
      }
      const ids = read.result.events.map((e) => (e.payload as { id: string }).id);
      const message = `Imported ${ids.length} people from ${read.file}: ${ids.join(', ')}`;
      if (o.json) {
        printJson(env.output, {
          review: reviewId,
          ids,
          unusedColumns: read.unusedColumns,
          strippedControls: read.stripped ?? null,
          events: read.result.events.map((e) => ({ seq: e.seq, type: e.type, hash: e.hash })),
          message,
        });
      } else {
        env.output.out(message);
        if (unused) {
          env.output.out(
            `Not imported: the columns ${unused}, which the register does not read (--strict refuses such a file).`,
          );
        }
      }
    });
  });

  withReviewOption(person.command('list').description('list the register')).action(
    async (_opts, command: Command) => {
      const { listPersons } = await import('../../app/register.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const persons = await listPersons(ws, reviewId);
        if (o.json) return printJson(env.output, persons);
        printTable(env.output, persons, [
          { header: 'ID', value: (p) => p.id },
          { header: 'LABEL', value: (p) => p.publicationLabel },
          { header: 'NAME', value: (p) => p.realName },
          { header: 'ROLE', value: (p) => p.roleInCase },
        ]);
      });
    },
  );

  withReviewOption(
    person
      .command('edit')
      .description('correct someone in the register; they keep their id, and fields not given stay')
      .argument('<id>', 'the person, e.g. P-2')
      .option('--name <real name>', 'the real name (never published)')
      .option('--label <label>', 'the publication label')
      .option('--role <role>', 'their part in the case')
      .option('--alias <alias>', 'another name, repeatable; replaces the list', collect)
      .option('--initials <initials>', 'initials, repeatable; replaces the list', collect)
      .option('--dob <YYYY-MM-DD>', 'date of birth')
      .option('--address <address>', 'address')
      .option('--phone <number>', 'phone number, repeatable; replaces the list', collect)
      .option('--clear <option>', 'clear dob or address, repeatable', clearable(PERSON_CLEARABLE))
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview person edit P-2 --alias "Maisie T" --alias "M. Thorne" --dob 2021-08-06',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editPerson } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editPerson(ws, reviewId, id, {
          ...defined({
            realName: o.name,
            publicationLabel: o.label,
            roleInCase: o.role,
            aliases: o.alias,
            initials: o.initials,
            dateOfBirth: o.dob,
            address: o.address,
            phones: o.phone,
          }),
          ...cleared(o.clear, PERSON_CLEARABLE),
        }),
      (result) => `Edited ${createdId(result)}`,
    );
  });

  addRemoveCommand(person, env, {
    description: 'take someone out of the register (their id is never used again)',
    argument: 'the person, e.g. P-2',
    noun: 'person',
    reason: 'why they are removed (kept in the log)',
    example: 'tunnelview person remove P-4 --reason "Registered twice; P-2 is the same person"',
    load: async () => (await import('../../app/register.ts')).removePerson,
  });
}

export function registerAgencyCommands(program: Command, env: CliEnvironment): void {
  const agency = program.command('agency').description('agencies that worked with the family');

  withReviewOption(
    agency
      .command('add')
      .description('add an agency')
      .requiredOption('--name <name>', 'the agency name')
      .requiredOption('--sector <sector>', `one of ${AGENCY_SECTORS.join(', ')}`)
      .option('--id <id>', 'a stable id such as AG-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview agency add --name "Fenwick Vale Health Visiting" --sector health',
      ),
  ).action(async (_opts, command: Command) => {
    const { addAgency } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addAgency(ws, reviewId, { name: o.name, sector: o.sector }, o.id as string | undefined),
      (result) => `Added agency ${createdId(result)}`,
    );
  });

  withReviewOption(agency.command('list').description('list agencies')).action(
    async (_opts, command: Command) => {
      const { listAgencies } = await import('../../app/register.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const agencies = await listAgencies(ws, reviewId);
        if (o.json) return printJson(env.output, agencies);
        printTable(env.output, agencies, [
          { header: 'ID', value: (a) => a.id },
          { header: 'NAME', value: (a) => a.name },
          { header: 'SECTOR', value: (a) => a.sector },
        ]);
      });
    },
  );

  withReviewOption(
    agency
      .command('edit')
      .description("correct an agency's name or sector")
      .argument('<id>', 'the agency, e.g. AG-2')
      .option('--name <name>', 'the agency name')
      .option('--sector <sector>', `one of ${AGENCY_SECTORS.join(', ')}`)
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview agency edit AG-2 --name "Fenwick Vale Police (Public Protection Unit)"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editAgency } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editAgency(ws, reviewId, id, defined({ name: o.name, sector: o.sector })),
      (result) => `Edited agency ${createdId(result)}`,
    );
  });

  addRemoveCommand(agency, env, {
    description:
      'remove an agency (its id is never used again); refused while KPEs, participants or chronology entries name it',
    argument: 'the agency, e.g. AG-2',
    noun: 'agency',
    force: 'detach the KPEs and participants that name it, in the same change',
    example:
      'tunnelview agency remove AG-4 --reason "Added by mistake; the school is AG-3" --force',
    load: async () => (await import('../../app/register.ts')).removeAgency,
  });
}

export function registerParticipantCommands(program: Command, env: CliEnvironment): void {
  const participant = program
    .command('participant')
    .description('lead reviewers, review team, case group, family and Board members');

  withReviewOption(
    participant
      .command('add')
      .description('add a participant')
      .requiredOption('--name <name>', 'their name')
      .requiredOption('--role <role>', `one of ${PARTICIPANT_ROLES.join(', ')}`)
      .option('--agency <agency>', 'their agency, by id (AG-2) or name')
      .option('--profession <profession>', 'e.g. "health visitor"')
      .option('--label <label>', 'how they appear in a publication, e.g. "Health Visitor 1"')
      .option('--id <id>', 'a stable id such as PT-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview participant add --name "Priya Calder" --role case-group --agency AG-1 --profession "health visitor"',
      ),
  ).action(async (_opts, command: Command) => {
    const { addParticipant } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addParticipant(
          ws,
          reviewId,
          defined({
            name: o.name,
            role: o.role,
            agencyId: o.agency,
            profession: o.profession,
            publicationLabel: o.label,
          }),
          o.id as string | undefined,
        ),
      (result) => `Added participant ${createdId(result)}`,
    );
  });

  withReviewOption(participant.command('list').description('list participants')).action(
    async (_opts, command: Command) => {
      const { listParticipants } = await import('../../app/register.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const participants = await listParticipants(ws, reviewId);
        if (o.json) return printJson(env.output, participants);
        printTable(env.output, participants, [
          { header: 'ID', value: (p) => p.id },
          { header: 'NAME', value: (p) => p.name },
          { header: 'ROLE', value: (p) => p.role },
          { header: 'AGENCY', value: (p) => p.agencyName ?? '' },
          { header: 'PROFESSION', value: (p) => p.profession ?? '' },
        ]);
      });
    },
  );

  withReviewOption(
    participant
      .command('edit')
      .description("correct a participant's details; fields not given stay as they are")
      .argument('<id>', 'the participant, e.g. PT-4')
      .option('--name <name>', 'their name')
      .option('--role <role>', `one of ${PARTICIPANT_ROLES.join(', ')}`)
      .option('--agency <id or name>', 'their agency')
      .option('--profession <profession>', 'their profession')
      .option('--label <label>', 'how they appear in a publication')
      .option(
        '--clear <option>',
        'clear agency, profession or label, repeatable',
        clearable(PARTICIPANT_CLEARABLE),
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview participant edit PT-4 --agency AG-2 --label "Police Officer 1"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editParticipant } = await import('../../app/register.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editParticipant(ws, reviewId, id, {
          ...defined({
            name: o.name,
            role: o.role,
            agencyId: o.agency,
            profession: o.profession,
            publicationLabel: o.label,
          }),
          ...cleared(o.clear, PARTICIPANT_CLEARABLE),
        }),
      (result) => `Edited participant ${createdId(result)}`,
    );
  });

  addRemoveCommand(participant, env, {
    description:
      'remove a participant (their id is never used again); refused while conversations, meetings or time entries name them',
    argument: 'the participant, e.g. PT-4',
    noun: 'participant',
    force:
      'detach them from the conversations they held and the meetings they attended, in the same change',
    reason: 'why they are removed (kept in the log)',
    example:
      'tunnelview participant remove PT-6 --reason "Added twice; PT-5 is the same person" --force',
    load: async () => (await import('../../app/register.ts')).removeParticipant,
  });
}
