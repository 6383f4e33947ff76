/** `person`, `agency`, `participant`: who is in the case, which agencies, who takes part. */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { problemJson, problemLocation } from '../../chronology/import-problem.ts';
import { readReturn } from '../../chronology/read-return.ts';
import { AGENCY_SECTORS } from '../../domain/agency.ts';
import { PARTICIPANT_ROLES } from '../../domain/participant.ts';
import { readRegister } from '../../publish/read-register.ts';
import { byId } from '../../service/display-order.ts';
import { createdId, optionsOf, runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { EXIT_USER_ERROR } from '../exit-codes.ts';
import { collect, defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

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
      .option('--dob <YYYY-MM-DD>', 'date of birth')
      .option('--address <address>', 'address')
      .option('--phone <number>', 'phone number, repeatable', collect)
      .option('--id <id>', 'a stable id such as P-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview person add --name "Maisie Thorne" --label "Child A" --role "subject child" --dob 2021-08-05',
      ),
  ).action(async (_opts, command: Command) => {
    await runChange(
      env,
      command,
      (service, reviewId, o) =>
        service.addPerson(
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

  withReviewOption(
    person
      .command('import')
      .description('import the pseudonym register from a CSV, XLSX or JSON file, all or nothing')
      .argument(
        '<file>',
        'headings real_name, aliases, date_of_birth, address, phone, role, publication_label',
      )
      .addHelpText(
        'after',
        '\nAliases and phone numbers are separated by |.\n\nExample:\n  tunnelview person import register.csv --review R-7K2M9Q',
      ),
  ).action(async (file: string, _opts, command: Command) => {
    const o = optionsOf(command);
    // Read and check the whole file before opening the workspace.
    const table = await readReturn(resolve(env.cwd, file));
    const read = readRegister(table);
    if (read.problems.length > 0) {
      if (o.json) {
        printJson(env.output, { imported: 0, errors: read.problems.map(problemJson) });
      } else {
        env.output.err(`Nothing imported from ${table.file}; fix these and import it again:`);
        for (const p of read.problems) env.output.err(`  - ${problemLocation(p)}: ${p.message}`);
      }
      process.exitCode = EXIT_USER_ERROR;
      return;
    }
    await runChange(
      env,
      command,
      (service, reviewId) =>
        service.importPersons(
          reviewId,
          read.persons.map(({ record: _r, ...p }) => p),
        ),
      (result) => {
        const ids = result.events.map((e) => (e.payload as { id: string }).id);
        return `Imported ${ids.length} people from ${table.file}: ${ids.join(', ')}`;
      },
    );
  });

  withReviewOption(person.command('list').description('list the register')).action(
    async (_opts, command: Command) => {
      await runRead(env, command, async (service, reviewId, o) => {
        const persons = byId((await service.load(reviewId)).persons);
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
    await runChange(
      env,
      command,
      (service, reviewId, o) =>
        service.addAgency(reviewId, { name: o.name, sector: o.sector }, o.id as string | undefined),
      (result) => `Added agency ${createdId(result)}`,
    );
  });

  withReviewOption(agency.command('list').description('list agencies')).action(
    async (_opts, command: Command) => {
      await runRead(env, command, async (service, reviewId, o) => {
        const agencies = byId((await service.load(reviewId)).agencies);
        if (o.json) return printJson(env.output, agencies);
        printTable(env.output, agencies, [
          { header: 'ID', value: (a) => a.id },
          { header: 'NAME', value: (a) => a.name },
          { header: 'SECTOR', value: (a) => a.sector },
        ]);
      });
    },
  );
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
      .option('--agency <id>', 'their agency, e.g. AG-2')
      .option('--profession <profession>', 'e.g. "health visitor"')
      .option('--label <label>', 'how they appear in a publication, e.g. "Health Visitor 1"')
      .option('--id <id>', 'a stable id such as PT-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview participant add --name "Priya Calder" --role case-group --agency AG-1 --profession "health visitor"',
      ),
  ).action(async (_opts, command: Command) => {
    await runChange(
      env,
      command,
      (service, reviewId, o) =>
        service.addParticipant(
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
      await runRead(env, command, async (service, reviewId, o) => {
        const state = await service.load(reviewId);
        const participants = byId(state.participants);
        if (o.json) return printJson(env.output, participants);
        printTable(env.output, participants, [
          { header: 'ID', value: (p) => p.id },
          { header: 'NAME', value: (p) => p.name },
          { header: 'ROLE', value: (p) => p.role },
          {
            header: 'AGENCY',
            value: (p) => (p.agencyId ? (state.agencies[p.agencyId]?.name ?? p.agencyId) : ''),
          },
          { header: 'PROFESSION', value: (p) => p.profession ?? '' },
        ]);
      });
    },
  );
}
