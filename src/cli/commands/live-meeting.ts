/**
 * Running a meeting live from the command line: `meeting invite|invites|revoke-invite` for the
 * personal links, `meeting start|show|names|prompt|prompts|reveal|close-prompt` for the room,
 * `meeting contributions|accept|decline` for the reviewers' decisions and `meeting close`.
 * The case group takes part through the web page their link opens, never here.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandResult } from '../../app/workspace.ts';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import {
  createdId,
  type Options,
  printSeals,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { collect, defined, integer } from '../options.ts';
import { printJson, printTable } from '../output.ts';

/** The server `tunnelview serve` starts by default, where links point unless told otherwise. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4400';
/** The environment variable naming where the web workspace is reached (for links). */
export const BASE_URL_VARIABLE = 'TUNNELVIEW_URL';

const MEETING_ARG = 'the meeting, e.g. M-3';

/** A web address links can start with: http or https, nothing after a `?` or `#`. */
function readBaseUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.search || url.hash) return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

const BASE_URL_FORM = 'an http or https address such as https://tunnelview.example.org';

function baseUrlOption(value: string): string {
  const url = readBaseUrl(value);
  if (!url) throw new InvalidArgumentError(`"${value}" is not ${BASE_URL_FORM}`);
  return url;
}

/** Where links point: --base-url, else $TUNNELVIEW_URL, else the default `serve` address. */
function baseUrlOf(env: CliEnvironment, o: Options): string {
  if (typeof o.baseUrl === 'string') return o.baseUrl;
  const set = env.env[BASE_URL_VARIABLE];
  if (set === undefined || set.trim() === '') return DEFAULT_BASE_URL;
  const url = readBaseUrl(set);
  if (url) return url;
  throw new ValidationError([
    issue('invalid-option', [BASE_URL_VARIABLE], `${JSON.stringify(set)} is not ${BASE_URL_FORM}`),
  ]);
}

/** An instant as the log shows it, to the minute, with its zone said. */
function when(iso: string | undefined): string {
  return iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : '-';
}

/** `FROM` or `FROM..TO`, days as the rest of the command line takes them. */
function period(value: string): { from: string; to?: string } {
  const [from, to, ...more] = value.split('..').map((d) => d.trim());
  if (!from || more.length > 0 || to === '') {
    throw new InvalidArgumentError(
      `expected a day or two days joined by "..", e.g. 2023-05-01..2023-06-30; found "${value}"`,
    );
  }
  return to === undefined ? { from } : { from, to };
}

/** Refuses a command given none of the options it needs one of. */
function needOneOf(flags: string[], what: string): never {
  const options = flags.join(', ').replace(/, ([^,]*)$/, ' or $1');
  throw new ValidationError([issue('invalid-option', [options], `say ${what}`)]);
}

/** The option of a group that excludes the others. */
function oneOf(flags: string, description: string, others: string[]): Option {
  return new Option(flags, description).conflicts(others);
}

function example(...lines: string[]): string {
  return `\nExample:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** The `meeting` subcommands for a meeting run live (registered by `registerMeetingCommands`). */
export function registerLiveMeetingCommands(meeting: Command, env: CliEnvironment): void {
  registerInviteCommands(meeting, env);
  registerRoomCommands(meeting, env);
  registerDecisionCommands(meeting, env);
}

function registerInviteCommands(meeting: Command, env: CliEnvironment): void {
  withReviewOption(
    meeting
      .command('invite')
      .description('issue a personal link to a meeting run live (shown once; no account needed)')
      .argument('<meeting>', MEETING_ARG)
      .addOption(
        oneOf('--participant <participant>', 'who the link is for, by id or name', ['presenter']),
      )
      .option('--presenter', "a link for the room's screen: it shows the meeting, writes nothing")
      .option('--session <name>', 'a session of the meeting, e.g. managers (default: all)')
      .option(
        '--base-url <url>',
        `where the web workspace is reached (default: $${BASE_URL_VARIABLE} or ${DEFAULT_BASE_URL})`,
        baseUrlOption,
      )
      .addHelpText(
        'after',
        example(
          'tunnelview meeting invite M-3 --participant PT-4 --base-url https://reviews.example.org',
          'tunnelview meeting invite M-3 --participant "Sam Okafor" --session practitioners --json',
          'tunnelview meeting invite M-3 --presenter',
        ),
      ),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { issueInvite } = await import('../../app/meeting-invites.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      // Read first: a link issued with nowhere to point would be lost.
      const base = baseUrlOf(env, o);
      const issued = await issueInvite(
        ws,
        reviewId,
        defined({
          meeting: meetingId,
          participant: o.participant as string | undefined,
          purpose: o.presenter ? 'presenter' : 'participant',
          session: o.session as string | undefined,
        }),
      );
      const { invite, token, expires, result } = issued;
      const url = `${base}/join/${result.state.review.id}/${token}`;
      const participant = invite.participantId ?? null;
      if (o.json) return printJson(env.output, { participant, url, expires });
      const who =
        participant === null
          ? "the room's screen"
          : `${result.state.participants[participant]?.name ?? participant} (${participant})`;
      env.output.out(
        `Invite ${invite.id} to meeting ${invite.meetingId} (session ${invite.session}) for ${who}:`,
      );
      env.output.out(`  ${url}`);
      env.output.out(`It works once, until ${when(expires)} or until the meeting closes.`);
      env.output.out(
        `This link is shown only now (tunnelview keeps no copy): send it to ${participant === null ? 'the person running the screen' : 'them'} alone. If it goes astray, withdraw it with tunnelview meeting revoke-invite ${invite.id} --reason "…" and issue another.`,
      );
    });
  });

  withReviewOption(
    meeting
      .command('invites')
      .description("a meeting's invite links: who each is for, and whether it was used")
      .argument('<meeting>', MEETING_ARG)
      .addHelpText('after', example('tunnelview meeting invites M-3')),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { listInvites } = await import('../../app/meeting-invites.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const invites = await listInvites(ws, reviewId, meetingId);
      if (o.json) return printJson(env.output, invites);
      printTable(env.output, invites, [
        { header: 'ID', value: (i) => i.id },
        { header: 'FOR', value: (i) => i.participantName ?? "the room's screen", max: 30 },
        { header: 'SESSION', value: (i) => i.session },
        { header: 'PURPOSE', value: (i) => i.purpose },
        { header: 'ISSUED', value: (i) => when(i.issuedAt) },
        {
          header: 'STATUS',
          value: (i) => {
            switch (i.status) {
              case 'unused':
                return `unused; expires ${when(i.expires)}`;
              case 'joined':
                return `joined ${when(i.redeemedAt)}`;
              case 'left':
                return `left ${when(i.leftAt)}`;
              case 'revoked':
                return `withdrawn ${when(i.revokedAt)}: ${i.revokeReason ?? ''}`;
              case 'expired':
                return `expired ${when(i.expires)}`;
              case 'closed':
                return 'unused; the meeting has closed';
            }
          },
        },
      ]);
    });
  });

  withReviewOption(
    meeting
      .command('revoke-invite')
      .description('withdraw an invite link (and end the session it was used for)')
      .argument('<id>', 'the invite, e.g. MI-2')
      .requiredOption('--reason <text>', 'why it is withdrawn (kept in the log)')
      .addHelpText(
        'after',
        example('tunnelview meeting revoke-invite MI-2 --reason "Sent to the wrong address"'),
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { revokeInvite } = await import('../../app/meeting-invites.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => revokeInvite(ws, reviewId, id, o.reason),
      (result) => `Withdrew invite ${createdId(result)}; the link no longer works`,
    );
  });
}

function registerRoomCommands(meeting: Command, env: CliEnvironment): void {
  withReviewOption(
    meeting
      .command('start')
      .description('open the meeting room, for everyone invited or one session')
      .argument('<meeting>', MEETING_ARG)
      .option('--session <name>', 'the session in the room now (default: all)')
      .addHelpText(
        'after',
        example('tunnelview meeting start M-3', 'tunnelview meeting start M-3 --session managers'),
      ),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { startMeeting } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => startMeeting(ws, reviewId, meetingId, o.session),
      (result) =>
        `Started meeting ${createdId(result)} (session ${result.state.rooms[createdId(result)]?.session ?? 'all'})`,
    );
  });

  withReviewOption(
    meeting
      .command('show')
      .description(
        'put a KPE, a finding, a period of the timeline or a prompt in front of the room',
      )
      .argument('<meeting>', MEETING_ARG)
      .addOption(oneOf('--kpe <id>', 'a key practice episode', ['finding', 'period', 'prompt']))
      .addOption(oneOf('--finding <id>', 'a draft finding', ['kpe', 'period', 'prompt']))
      .addOption(
        oneOf('--period <from..to>', 'a stretch of the timeline: a day, or two joined by ".."', [
          'kpe',
          'finding',
          'prompt',
        ]).argParser(period),
      )
      .addOption(oneOf('--prompt <id>', 'a prompt opened earlier', ['kpe', 'finding', 'period']))
      .addHelpText(
        'after',
        example(
          'tunnelview meeting show M-3 --kpe KPE-2',
          'tunnelview meeting show M-3 --period 01/05/2023..30/06/2023',
        ),
      ),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { showItem } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => showItem(ws, reviewId, meetingId, itemOf(o)),
      (result) => `Showing ${shownLabel(result)} in meeting ${meetingIdOf(result)}`,
    );
  });

  withReviewOption(
    meeting
      .command('names')
      .description('whether the room sees who wrote what (the reviewers always do)')
      .argument('<meeting>', MEETING_ARG)
      .addOption(oneOf('--on', 'show authors to the room', ['off']))
      .addOption(oneOf('--off', 'hide them again', ['on']))
      .addHelpText('after', example('tunnelview meeting names M-3 --on')),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { showNames } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => {
        if (!o.on && !o.off) needOneOf(['--on', '--off'], 'whether the room sees names');
        return showNames(ws, reviewId, meetingId, Boolean(o.on));
      },
      (result) =>
        `The room ${result.state.rooms[meetingIdOf(result)]?.namesShown ? 'now sees' : 'no longer sees'} who wrote what in meeting ${meetingIdOf(result)}`,
    );
  });

  withReviewOption(
    meeting
      .command('prompt')
      .description('open a silent-writing prompt, or a vote, and put it on the screen')
      .argument('<meeting>', MEETING_ARG)
      .requiredOption('--text <text>', 'the question everyone answers privately')
      .option('--vote', 'a vote among findings or factors rather than writing')
      .option('--option <id>', 'a finding (F-n) or factor (CF-n) to vote for; repeatable', collect)
      .option(
        '--max-choices <n>',
        'how many options each person may choose (default: all)',
        integer,
      )
      .addHelpText(
        'after',
        example(
          'tunnelview meeting prompt M-3 --text "What made a return visit hard?"',
          'tunnelview meeting prompt M-3 --text "Which matters most?" --vote --option F-1 --option F-2,CF-4 --max-choices 1',
        ),
      ),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { openPrompt } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        openPrompt(
          ws,
          reviewId,
          meetingId,
          defined({
            text: o.text,
            kind: o.vote ? 'vote' : 'writing',
            options: o.option,
            maxChoices: o.maxChoices,
          }),
        ),
      (result) => {
        const id = createdId(result);
        const prompt = result.state.prompts[id];
        return `Opened ${prompt?.kind === 'vote' ? 'vote' : 'prompt'} ${id} for session ${prompt?.session ?? 'all'}; it is on the screen. Reveal the answers with tunnelview meeting reveal ${id}`;
      },
    );
  });

  withReviewOption(
    meeting
      .command('prompts')
      .description("a meeting's prompts, with the answers and votes so far")
      .argument('<meeting>', MEETING_ARG)
      .addHelpText('after', example('tunnelview meeting prompts M-3')),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { listPrompts } = await import('../../app/live-meetings.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const prompts = await listPrompts(ws, reviewId, meetingId);
      if (o.json) return printJson(env.output, prompts);
      printTable(env.output, prompts, [
        { header: 'ID', value: (p) => p.id },
        { header: 'SESSION', value: (p) => p.session },
        { header: 'KIND', value: (p) => p.kind },
        { header: 'TEXT', value: (p) => p.text, max: 50 },
        {
          header: 'STATE',
          value: (p) =>
            [p.open ? 'open' : 'closed', ...(p.revealed ? ['revealed'] : [])].join(', '),
        },
        { header: 'ANSWERED', value: (p) => String(p.answered) },
        {
          header: 'VOTES',
          value: (p) =>
            p.kind === 'vote' ? p.options.map((v) => `${v.id}: ${v.votes ?? 0}`).join(', ') : '-',
        },
      ]);
    });
  });

  withReviewOption(
    meeting
      .command('reveal')
      .description("show everyone's answers (or the votes counted) at once")
      .argument('<id>', 'the prompt, e.g. MP-2')
      .addHelpText('after', example('tunnelview meeting reveal MP-2')),
  ).action(async (id: string, _opts, command: Command) => {
    const { revealPrompt } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId) => revealPrompt(ws, reviewId, id),
      (result) => `Revealed the answers to ${createdId(result)}`,
    );
  });

  withReviewOption(
    meeting
      .command('close-prompt')
      .description('stop a prompt taking answers')
      .argument('<id>', 'the prompt, e.g. MP-2')
      .addHelpText('after', example('tunnelview meeting close-prompt MP-2')),
  ).action(async (id: string, _opts, command: Command) => {
    const { closePrompt } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId) => closePrompt(ws, reviewId, id),
      (result) => `Closed prompt ${createdId(result)}`,
    );
  });

  withReviewOption(
    meeting
      .command('close')
      .description(
        'close the meeting run live: record who came and for how long, and what was said',
      )
      .argument('<meeting>', MEETING_ARG)
      .addHelpText('after', example('tunnelview meeting close M-3')),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { closeLiveMeeting } = await import('../../app/live-meetings.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const result = await closeLiveMeeting(ws, reviewId, meetingId);
      const { outcome, state } = result;
      const id = meetingIdOf(result);
      const attendance = outcome.attendance.map((a) => ({
        ...a,
        name: state.participants[a.participantId]?.name ?? a.participantId,
      }));
      if (o.json) {
        return printJson(env.output, {
          review: state.review.id,
          meeting: id,
          outcome: { ...outcome, attendance },
          ...(result.seals ? { seals: result.seals.map((s) => ({ id: s.id, seq: s.seq })) } : {}),
        });
      }
      env.output.out(
        `Closed meeting ${id}: ${outcome.contributions} contribution${outcome.contributions === 1 ? '' : 's'} (${outcome.accepted} accepted, ${outcome.declined} declined, ${outcome.undecided} undecided)`,
      );
      env.output.out(
        `Dissent: ${outcome.dissent.length > 0 ? `${outcome.dissent.join(', ')} (kept in the record, whatever is decided)` : 'none'}`,
      );
      env.output.out('Attendance (time logged for each):');
      printTable(
        env.output,
        attendance,
        [
          { header: 'WHO', value: (a) => `${a.name} (${a.participantId})`, max: 40 },
          { header: 'SESSION', value: (a) => a.session },
          { header: 'JOINED', value: (a) => when(a.joinedAt) },
          { header: 'LEFT', value: (a) => when(a.leftAt) },
          { header: 'MINUTES', value: (a) => String(a.minutes) },
        ],
        '(nobody joined by a link)',
      );
      if (outcome.undecided > 0) {
        env.output.out(
          `Decide the rest with tunnelview meeting contributions ${id} --undecided, then meeting accept or decline.`,
        );
      }
      printSeals(env, result);
    });
  });
}

function registerDecisionCommands(meeting: Command, env: CliEnvironment): void {
  withReviewOption(
    meeting
      .command('contributions')
      .description('what the case group contributed, as the reviewers see it, with the decisions')
      .argument('<meeting>', MEETING_ARG)
      .option('--undecided', 'only those not yet accepted or declined')
      .addHelpText('after', example('tunnelview meeting contributions M-3 --undecided')),
  ).action(async (meetingId: string, _opts, command: Command) => {
    const { listContributions } = await import('../../app/live-meetings.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const rows = await listContributions(ws, reviewId, meetingId, {
        undecided: Boolean(o.undecided),
      });
      if (o.json) return printJson(env.output, rows);
      printTable(env.output, rows, [
        { header: 'ID', value: (c) => c.id },
        { header: 'KIND', value: (c) => c.label, max: 26 },
        { header: 'AUTHOR', value: (c) => c.author ?? '', max: 30 },
        { header: 'ABOUT', value: (c) => c.about ?? '-', max: 30 },
        { header: 'TEXT', value: (c) => c.text, max: 50 },
        {
          header: 'CORRECTION',
          value: (c) => (c.correction ? `${c.correction.target}: ${c.correction.proposed}` : '-'),
          max: 40,
        },
        {
          header: 'DECISION',
          value: (c) =>
            c.decision === null
              ? 'undecided'
              : c.decision.outcome === 'accepted'
                ? `accepted by ${c.decision.by}${c.decision.note ? `: ${c.decision.note}` : ''}`
                : `declined by ${c.decision.by}: ${c.decision.reason}`,
          max: 60,
        },
      ]);
    });
  });

  withReviewOption(
    meeting
      .command('accept')
      .description(
        'accept a contribution; a correction is applied to its record (in your wording, with --text)',
      )
      .argument('<id>', 'the contribution, e.g. MC-4')
      .option('--note <text>', 'a note on the decision')
      .option('--text <text>', "a correction's text as it should stand, if not as proposed")
      .addHelpText(
        'after',
        example(
          'tunnelview meeting accept MC-4 --note "Confirmed by the nursery log"',
          'tunnelview meeting accept MC-5 --text "The health visitor saw the family at home on 2 May."',
        ),
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { acceptContribution } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        acceptContribution(ws, reviewId, id, defined({ note: o.note, text: o.text })),
      (result) => {
        const corrected = result.events.find(
          (e) => e.type === 'kpe.edited' || e.type === 'chronology.entry-edited',
        )?.payload as { id?: string } | undefined;
        return `Accepted ${createdId(result)}${corrected?.id ? `; corrected ${corrected.id}` : ''}`;
      },
    );
  });

  withReviewOption(
    meeting
      .command('decline')
      .description(
        'decline a contribution, for a reason; it stays in the record (dissent above all)',
      )
      .argument('<id>', 'the contribution, e.g. MC-4')
      .requiredOption('--reason <text>', 'why (kept in the log)')
      .addHelpText(
        'after',
        example(
          'tunnelview meeting decline MC-6 --reason "The records show the visit was on 4 May"',
        ),
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { declineContribution } = await import('../../app/live-meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => declineContribution(ws, reviewId, id, o.reason),
      (result) => `Declined ${createdId(result)}`,
    );
  });
}

/** The item `show` was given, as the use-case takes it. */
function itemOf(o: Options): unknown {
  if (typeof o.kpe === 'string') return { kind: 'kpe', id: o.kpe };
  if (typeof o.finding === 'string') return { kind: 'finding', id: o.finding };
  if (typeof o.prompt === 'string') return { kind: 'prompt', id: o.prompt };
  if (o.period) return { kind: 'period', ...(o.period as object) };
  return needOneOf(['--kpe', '--finding', '--period', '--prompt'], 'what to show');
}

function meetingIdOf(result: CommandResult): string {
  const payload = result.events[0]?.payload as { meetingId?: string; id?: string } | undefined;
  return payload?.meetingId ?? payload?.id ?? '';
}

function shownLabel(result: CommandResult): string {
  const payload = result.events[0]?.payload as
    | { item?: { kind: string; id?: string; from?: string; to?: string } }
    | undefined;
  const item = payload?.item;
  if (!item) return 'the item';
  if (item.kind === 'period') {
    return item.from === item.to
      ? `the timeline on ${item.from}`
      : `the timeline ${item.from} to ${item.to}`;
  }
  return item.id ?? item.kind;
}
