/**
 * `conversation add|record|list|edit|remove` and `excerpt add|edit|remove`:
 * structured conversations and quotable excerpts.
 */
import { type Command, Option } from 'commander';
import {
  addRemoveCommand,
  createdId,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { clearedSections, collect, collectPairs, defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

export function registerConversationCommands(program: Command, env: CliEnvironment): void {
  const conversation = program
    .command('conversation')
    .description('structured conversations with case-group members');

  withReviewOption(
    conversation
      .command('add')
      .description(
        "record a structured conversation (held, or --scheduled), with notes under the model's sections",
      )
      .requiredOption('--participant <participant>', 'the case-group member, by id (PT-4) or name')
      .requiredOption('--date <date>', 'the day it was held (or is planned), e.g. 10/02/2026')
      .option('--scheduled', 'it is planned, not yet held', false)
      .option(
        '--by <participant>',
        'who held it, by id or name; repeatable (e.g. the lead reviewers)',
        collect,
      )
      .option(
        '--section <section=notes>',
        'notes for one conversation section, repeatable',
        collectPairs,
      )
      .option('--id <id>', 'a stable id such as CV-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview conversation add --participant PT-4 --date 2026-02-10 --by PT-1 --section overview="Saw the family weekly…"\n  tunnelview conversation add --participant PT-5 --date 2026-02-17 --scheduled',
      ),
  ).action(async (_opts, command: Command) => {
    const { recordConversation } = await import('../../app/conversations.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        recordConversation(
          ws,
          reviewId,
          defined({
            participantId: o.participant,
            date: o.date,
            status: o.scheduled ? 'scheduled' : 'held',
            conductedBy: o.by,
            sections: o.section,
          }),
          o.id as string | undefined,
        ),
      (result) => `Recorded conversation ${createdId(result)}`,
    );
  });

  withReviewOption(
    conversation
      .command('record')
      .description('record that a scheduled conversation was held, adding its notes')
      .argument('<id>', 'the conversation, e.g. CV-2')
      .option('--date <date>', 'the day it was held, if not the day planned')
      .option(
        '--by <participant>',
        'who held it, by id or name, repeatable; replaces any planned list',
        collect,
      )
      .option(
        '--section <section=notes>',
        'notes for one conversation section, repeatable; other sections keep their notes',
        collectPairs,
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview conversation record CV-2 --by PT-1 --section overview="Covered for a colleague on leave…" --section mindset="Thought the bruise was accidental"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { updateConversation } = await import('../../app/conversations.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        updateConversation(
          ws,
          reviewId,
          id,
          defined({ status: 'held', date: o.date, conductedBy: o.by, sections: o.section }),
        ),
      () => `Recorded conversation ${id} as held`,
    );
  });

  withReviewOption(
    conversation.command('list').description('list conversations and their excerpts'),
  ).action(async (_opts, command: Command) => {
    const { listConversations } = await import('../../app/conversations.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const conversations = await listConversations(ws, reviewId);
      if (o.json) return printJson(env.output, conversations);
      printTable(env.output, conversations, [
        { header: 'ID', value: (c) => c.id },
        { header: 'DATE', value: (c) => c.date },
        { header: 'WITH', value: (c) => c.participantName },
        { header: 'STATUS', value: (c) => c.status },
        { header: 'SECTIONS', value: (c) => String(Object.keys(c.sections).length) },
        { header: 'EXCERPTS', value: (c) => c.excerpts.map((e) => e.id).join(', ') },
      ]);
    });
  });

  withReviewOption(
    conversation
      .command('edit')
      .description(
        'correct a conversation: who it was with, when, its status, who held it, its notes',
      )
      .argument('<id>', 'the conversation, e.g. CV-2')
      .option('--participant <id>', 'the case-group member it was with')
      .option('--date <YYYY-MM-DD>', 'when it was held (or is planned)')
      .addOption(
        new Option('--status <status>', 'held or scheduled').choices(['held', 'scheduled']),
      )
      .option('--by <id>', 'who held it, repeatable; replaces the list', collect)
      .option(
        '--section <section=notes>',
        'replace the notes of one section, repeatable; other sections keep theirs',
        collectPairs,
      )
      .option('--clear-section <section>', 'clear the notes of one section, repeatable', collect)
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview conversation edit CV-2 --date 2026-02-11 --section mindset="Thought the bruise was accidental" --clear-section queries',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editConversation } = await import('../../app/conversations.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => {
        const sections = { ...clearedSections(o.clearSection), ...(o.section as object) };
        return editConversation(
          ws,
          reviewId,
          id,
          defined({
            participantId: o.participant,
            date: o.date,
            status: o.status,
            conductedBy: o.by,
            sections: Object.keys(sections).length > 0 ? sections : undefined,
          }),
        );
      },
      (result) => `Edited conversation ${createdId(result)}`,
    );
  });

  addRemoveCommand(conversation, env, {
    description:
      'remove a conversation (its id is never used again); refused while excerpts from it remain',
    argument: 'the conversation, e.g. CV-2',
    noun: 'conversation',
    example:
      'tunnelview conversation remove CV-3 --reason "Recorded against the wrong participant; see CV-4"',
    load: async () => (await import('../../app/conversations.ts')).removeConversation,
  });

  const excerpt = program.command('excerpt').description('quotable excerpts from conversations');
  withReviewOption(
    excerpt
      .command('add')
      .description('add an excerpt from a conversation, to cite as evidence')
      .requiredOption('--conversation <id>', 'the conversation, e.g. CV-2')
      .requiredOption('--section <id>', 'the conversation section it comes from')
      .requiredOption('--text <text>', 'the words')
      .option('--quotable', 'the participant agreed it may be quoted (pseudonymised)', false)
      .option('--id <id>', 'a stable id such as EX-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview excerpt add --conversation CV-2 --section mindset --text "We thought the risk was the housing." --quotable',
      ),
  ).action(async (_opts, command: Command) => {
    const { addExcerpt } = await import('../../app/conversations.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addExcerpt(
          ws,
          reviewId,
          {
            conversationId: o.conversation,
            sectionId: o.section,
            text: o.text,
            quotable: o.quotable,
          },
          o.id as string | undefined,
        ),
      (result) => `Added excerpt ${createdId(result)}`,
    );
  });

  withReviewOption(
    excerpt
      .command('edit')
      .description("correct an excerpt's words, section, conversation or consent to quote")
      .argument('<id>', 'the excerpt, e.g. EX-3')
      .option('--conversation <id>', 'the conversation it comes from')
      .option('--section <id>', 'the conversation section it comes from')
      .option('--text <text>', 'the words')
      .option('--quotable', 'the participant agreed it may be quoted (pseudonymised)')
      .option('--no-quotable', 'it may not be quoted')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview excerpt edit EX-3 --text "We thought the risk was the housing, not the baby." --no-quotable',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editExcerpt } = await import('../../app/conversations.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editExcerpt(
          ws,
          reviewId,
          id,
          defined({
            conversationId: o.conversation,
            sectionId: o.section,
            text: o.text,
            quotable: o.quotable,
          }),
        ),
      (result) => `Edited excerpt ${createdId(result)}`,
    );
  });

  addRemoveCommand(excerpt, env, {
    description:
      'remove an excerpt (its id is never used again); refused while factor links cite it as evidence',
    argument: 'the excerpt, e.g. EX-3',
    noun: 'excerpt',
    force: 'detach it from the evidence of the factor links that cite it',
    example: 'tunnelview excerpt remove EX-3 --reason "The participant withdrew it" --force',
    load: async () => (await import('../../app/conversations.ts')).removeExcerpt,
  });
}
