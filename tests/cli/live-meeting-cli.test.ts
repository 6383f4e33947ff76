// `tunnelview meeting invite|invites|revoke-invite|start|show|names|prompt|prompts|reveal|
// close-prompt|contributions|accept|decline|close`, run in-process over a real workspace file:
// the facilitator's side from the command line, the case group's through the use-cases their
// web page calls (they have no command line). Refusals exit 1, name the option and the fix,
// and write nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contribute, respond, vote } from '../../src/app/live-meetings.ts';
import { redeemInvite, tokenHash } from '../../src/app/meeting-invites.ts';
import { liveMeetingSetUp } from '../helpers/live-meeting.ts';
import { runCli, tempDir } from '../helpers/workspace.ts';

const LINK = /^http:\/\/127\.0\.0\.1:4400\/join\/R-TEST01\/([A-Za-z0-9_-]{43})$/;

async function cliSetUp() {
  const dir = tempDir();
  const path = join(dir, 'ws.db');
  const m = await liveMeetingSetUp(path);
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCli([...args, '--workspace', path], {
      cwd: dir,
      clock: m.clock,
      env: { TUNNELVIEW_ACTOR: 'Dana Reid', ...env },
    });
  const must = async (...args: string[]) => {
    const result = await run(args);
    expect(result.err, args.join(' ')).toBe('');
    expect(result.code, args.join(' ')).toBe(0);
    return result;
  };
  /** Runs a command that must be refused, exiting 1, with the log as it was. */
  const refused = async (...args: string[]) => {
    const before = await m.position();
    const result = await run(args);
    expect(result.code, args.join(' ')).toBe(1);
    expect(await m.position()).toEqual(before);
    return result.err;
  };
  /** Issues a link from the command line and uses it as the web page would. */
  const joinByLink = async (participant: string) => {
    const link = (await must('meeting', 'invite', m.meetingId, '--participant', participant))
      .stdout[1];
    const token = link?.trim().match(LINK)?.[1] as string;
    return (await redeemInvite(m.ws, m.reviewId, token)).session;
  };
  return { ...m, dir, run, must, refused, joinByLink };
}

describe('tunnelview meeting invite', () => {
  it('prints exactly the participant, the link and its expiry with --json', async () => {
    const c = await cliSetUp();
    const result = await c.must(
      'meeting',
      'invite',
      'm-2',
      '--participant',
      'Sam Okafor',
      '--json',
    );
    const printed = result.json<Record<string, unknown>>();
    expect(Object.keys(printed)).toEqual(['participant', 'url', 'expires']);
    expect(printed.participant).toBe('PT-2');
    expect(printed.expires).toBe('2026-01-15T23:59:59.000Z');
    const token = String(printed.url).match(LINK)?.[1] as string;
    expect(token).toHaveLength(43);
    const state = await c.ws.load(c.reviewId);
    expect(state.invites['MI-1']?.tokenHash).toBe(tokenHash(token));
    expect(JSON.stringify(await c.store.readEvents(c.reviewId))).not.toContain(token);
    const { session } = await redeemInvite(c.ws, c.reviewId, token);
    expect(session).toMatchObject({ participantId: 'PT-2', meetingId: 'M-2', session: 'all' });
  });

  it('makes a presenter link, pointing where --base-url or $TUNNELVIEW_URL says', async () => {
    const c = await cliSetUp();
    const presenter = (
      await c.must(
        'meeting',
        'invite',
        'M-2',
        '--presenter',
        '--base-url',
        'https://reviews.example.org/tunnelview/',
        '--json',
      )
    ).json<{ participant: string | null; url: string }>();
    expect(presenter.participant).toBeNull();
    expect(presenter.url).toMatch(
      /^https:\/\/reviews\.example\.org\/tunnelview\/join\/R-TEST01\/[A-Za-z0-9_-]{43}$/,
    );
    const fromEnv = await c.run(
      ['meeting', 'invite', 'M-2', '--participant', 'PT-3', '--session', 'managers', '--json'],
      { TUNNELVIEW_URL: 'https://tv.example.org/' },
    );
    expect(fromEnv.json<{ url: string }>().url).toMatch(
      /^https:\/\/tv\.example\.org\/join\/R-TEST01\/[A-Za-z0-9_-]{43}$/,
    );
    expect((await c.ws.load(c.reviewId)).invites['MI-2']?.session).toBe('managers');
  });

  it('says in text whom the link is for, the link, when it lapses, and that it is shown once', async () => {
    const c = await cliSetUp();
    const { stdout } = await c.must('meeting', 'invite', 'M-2', '--participant', 'PT-3');
    expect(stdout[0]).toBe('Invite MI-1 to meeting M-2 (session all) for Priya Nandra (PT-3):');
    expect(stdout[1]?.trim()).toMatch(LINK);
    expect(stdout[2]).toBe(
      'It works once, until 2026-01-15 23:59 UTC or until the meeting closes.',
    );
    expect(stdout[3]).toContain('This link is shown only now (tunnelview keeps no copy)');
    expect(stdout[3]).toContain('tunnelview meeting revoke-invite MI-1 --reason');
  });

  it('refuses an unknown meeting or participant, no participant, both a participant and --presenter, and a bad address', async () => {
    const c = await cliSetUp();
    const unknownMeeting = await c.refused('meeting', 'invite', 'M-9', '--participant', 'PT-2');
    expect(unknownMeeting).toContain('Refused; nothing was changed');
    expect(unknownMeeting).toContain(
      'MEETING: M-9 does not exist in review R-TEST01; see what there is with: tunnelview meeting list',
    );
    const unknownParticipant = await c.refused('meeting', 'invite', 'M-2', '--participant', 'PT-9');
    expect(unknownParticipant).toMatch(/--participant: PT-9 does not exist in review R-TEST01/);
    expect(unknownParticipant).toContain('tunnelview participant list');
    const nobody = await c.refused('meeting', 'invite', 'M-2');
    expect(nobody).toContain('--participant: say which participant the link is for');
    const both = await c.refused(
      'meeting',
      'invite',
      'M-2',
      '--participant',
      'PT-2',
      '--presenter',
    );
    expect(both).toContain(
      "option '--participant <participant>' cannot be used with option '--presenter'",
    );
    const badFlag = await c.refused(
      'meeting',
      'invite',
      'M-2',
      '--participant',
      'PT-2',
      '--base-url',
      'ftp://x',
    );
    expect(badFlag).toContain('"ftp://x" is not an http or https address');
    const before = await c.position();
    const badEnv = await c.run(['meeting', 'invite', 'M-2', '--participant', 'PT-2'], {
      TUNNELVIEW_URL: 'reviews.example.org',
    });
    expect(badEnv.code).toBe(1);
    expect(badEnv.err).toContain(
      'TUNNELVIEW_URL: "reviews.example.org" is not an http or https address',
    );
    expect(await c.position()).toEqual(before);
  });
});

describe('tunnelview meeting invites and revoke-invite', () => {
  it('lists each link with whom it is for and where it stands, never a hash', async () => {
    const c = await cliSetUp();
    await c.joinByLink('PT-2');
    await c.must('meeting', 'invite', 'M-2', '--participant', 'PT-3', '--session', 'managers');
    await c.must('meeting', 'invite', 'M-2', '--presenter');
    const withdrawn = await c.must(
      'meeting',
      'revoke-invite',
      'mi-3',
      '--reason',
      'Sent to the wrong screen',
    );
    expect(withdrawn.out).toBe('Withdrew invite MI-3; the link no longer works');
    const text = (await c.must('meeting', 'invites', 'M-2')).stdout;
    expect(text[0]).toMatch(/^ID +FOR +SESSION +PURPOSE +ISSUED +STATUS$/);
    expect(text[1]).toMatch(
      /^MI-1 +Sam Okafor +all +participant +2026-01-15 \d\d:\d\d UTC +joined 2026-01-15/,
    );
    expect(text[2]).toMatch(
      /^MI-2 +Priya Nandra +managers +participant .* unused; expires 2026-01-15 23:59 UTC$/,
    );
    expect(text[3]).toMatch(
      /^MI-3 +the room's screen +all +presenter .* withdrawn .*: Sent to the wrong screen$/,
    );
    const json = (await c.must('meeting', 'invites', 'M-2', '--json')).out;
    expect(json).not.toMatch(/[0-9a-f]{64}/);
    expect(json).not.toMatch(/tokenHash|sessionHash/);
    expect(JSON.parse(json).map((i: { status: string }) => i.status)).toEqual([
      'joined',
      'unused',
      'revoked',
    ]);
  });

  it('refuses to withdraw without --reason, or a link that does not exist', async () => {
    const c = await cliSetUp();
    await c.must('meeting', 'invite', 'M-2', '--participant', 'PT-2');
    const noReason = await c.refused('meeting', 'revoke-invite', 'MI-1');
    expect(noReason).toContain("required option '--reason <text>' not specified");
    const unknown = await c.refused('meeting', 'revoke-invite', 'MI-7', '--reason', 'Lost');
    expect(unknown).toContain(
      'ID: MI-7 does not exist in review R-TEST01; see what there is with: tunnelview meeting invites M-n',
    );
    const unknownMeeting = await c.refused('meeting', 'invites', 'M-9');
    expect(unknownMeeting).toContain('MEETING: M-9 does not exist');
  });
});

describe('a meeting run from the command line', () => {
  it('starts, shows, prompts, reveals, decides and closes, with the case group writing through the web', async () => {
    const c = await cliSetUp();
    const sam = await c.joinByLink('Sam Okafor');
    const priya = await c.joinByLink('Priya Nandra');
    expect((await c.must('meeting', 'start', 'M-2')).out).toBe('Started meeting M-2 (session all)');
    expect((await c.must('meeting', 'show', 'M-2', '--kpe', 'kpe-1')).out).toBe(
      'Showing KPE-1 in meeting M-2',
    );
    expect(
      (await c.must('meeting', 'show', 'M-2', '--period', '01/05/2023..30 June 2023')).out,
    ).toBe('Showing the timeline 2023-05-01 to 2023-06-30 in meeting M-2');
    expect((await c.must('meeting', 'show', 'M-2', '--finding', 'F-2')).out).toBe(
      'Showing F-2 in meeting M-2',
    );
    expect((await c.must('meeting', 'names', 'M-2', '--on')).out).toBe(
      'The room now sees who wrote what in meeting M-2',
    );
    expect((await c.must('meeting', 'names', 'M-2', '--off')).out).toBe(
      'The room no longer sees who wrote what in meeting M-2',
    );

    const opened = await c.must(
      'meeting',
      'prompt',
      'M-2',
      '--text',
      'What made a return visit hard?',
    );
    expect(opened.out).toBe(
      'Opened prompt MP-1 for session all; it is on the screen. Reveal the answers with tunnelview meeting reveal MP-1',
    );
    await respond(c.ws, sam, { text: 'The caseload.' });
    await respond(c.ws, priya, { text: 'Nobody asked the nursery.' });
    expect((await c.must('meeting', 'reveal', 'MP-1')).out).toBe('Revealed the answers to MP-1');
    expect((await c.must('meeting', 'close-prompt', 'MP-1')).out).toBe('Closed prompt MP-1');

    await c.must(
      'meeting',
      'prompt',
      'M-2',
      '--text',
      'Which matters most?',
      '--vote',
      '--option',
      'F-1',
      '--option',
      'F-2,CF-1',
      '--max-choices',
      '1',
    );
    await vote(c.ws, sam, { prompt: 'MP-2', choices: ['F-2'] });
    await vote(c.ws, priya, { prompt: 'MP-2', choices: ['F-1'] });
    await vote(c.ws, priya, { prompt: 'MP-2', choices: ['F-2'] });
    await c.must('meeting', 'reveal', 'MP-2');
    const prompts = (await c.must('meeting', 'prompts', 'M-2')).stdout;
    expect(prompts[1]).toMatch(
      /^MP-1 +all +writing +What made a return visit hard\? +closed, revealed +2 +-$/,
    );
    expect(prompts[2]).toMatch(
      /^MP-2 +all +vote +Which matters most\? +open, revealed +2 +F-1: 0, F-2: 2, CF-1: 0$/,
    );
    await c.must('meeting', 'close-prompt', 'MP-2');

    await c.must('meeting', 'show', 'M-2', '--kpe', 'KPE-1');
    await contribute(c.ws, sam, {
      kind: 'correction',
      text: 'The baby was asleep upstairs and not seen.',
      target: 'KPE-1',
      proposed: 'The health visitor saw the family at home but not the baby.',
    });
    await contribute(c.ws, priya, {
      kind: 'dissent',
      text: 'The appraisal of KPE-1 is too harsh.',
    });
    await contribute(c.ws, priya, { kind: 'private-note', text: 'My manager was in the room.' });

    const listed = (await c.must('meeting', 'contributions', 'M-2', '--undecided')).stdout;
    expect(listed[0]).toMatch(/^ID +KIND +AUTHOR +ABOUT +TEXT +CORRECTION +DECISION$/);
    expect(listed.slice(1).map((l) => l.split(/ {2,}/).slice(0, 3))).toEqual([
      ['MC-1', 'Answer', 'Sam Okafor'],
      ['MC-2', 'Answer', 'Priya Nandra (Nursery manager)'],
      ['MC-3', 'Correction', 'Sam Okafor'],
      ['MC-4', 'Dissent', 'Priya Nandra (Nursery manager)'],
      ['MC-5', 'Note for the reviewers', 'Priya Nandra (Nursery manager)'],
    ]);
    expect(listed[3]).toContain('KPE-1: The health visitor saw the famil…  undecided');
    const json = (await c.must('meeting', 'contributions', 'M-2', '--json')).json<
      { id: string; correction: { target: string; proposed: string } | null }[]
    >();
    expect(json[2]?.correction).toMatchObject({ target: 'KPE-1' });

    const wording = 'The health visitor saw the family at home; the baby was asleep and not seen.';
    expect(
      (await c.must('meeting', 'accept', 'MC-3', '--note', 'Checked', '--text', wording)).out,
    ).toBe('Accepted MC-3; corrected KPE-1');
    expect((await c.ws.load(c.reviewId)).kpes['KPE-1']?.whatHappened).toBe(wording);
    expect(
      (await c.must('meeting', 'decline', 'MC-4', '--reason', 'The record shows no follow-up')).out,
    ).toBe('Declined MC-4');
    await c.must('meeting', 'accept', 'MC-1');
    const decided = (await c.must('meeting', 'contributions', 'M-2')).stdout;
    expect(decided[3]).toMatch(/accepted by Dana Reid: Checked$/);
    expect(decided[4]).toMatch(/declined by Dana Reid: The record shows no follow-up$/);

    c.clock.advance(40);
    const closed = (await c.must('meeting', 'close', 'M-2')).stdout;
    expect(closed[0]).toBe(
      'Closed meeting M-2: 5 contributions (2 accepted, 1 declined, 2 undecided)',
    );
    expect(closed[1]).toBe('Dissent: MC-4 (kept in the record, whatever is decided)');
    expect(closed[2]).toBe('Attendance (time logged for each):');
    expect(closed[3]).toMatch(/^WHO +SESSION +JOINED +LEFT +MINUTES$/);
    expect(closed[4]).toMatch(
      /^Sam Okafor \(PT-2\) +all +2026-01-15 \d\d:\d\d UTC +2026-01-15 \d\d:\d\d UTC +4\d$/,
    );
    expect(closed[5]).toMatch(/^Priya Nandra \(PT-3\) +all .* 4\d$/);
    expect(closed[6]).toBe(
      'Decide the rest with tunnelview meeting contributions M-2 --undecided, then meeting accept or decline.',
    );
    const time = (await c.must('time', 'list', '--json')).json<
      { participantId: string; activity: string; minutes: number }[]
    >();
    const atMeeting = time.filter((t) => t.activity === 'Meeting M-2 (joint-meeting-1)');
    expect(atMeeting.map((t) => t.participantId)).toEqual(['PT-2', 'PT-3']);
    expect(atMeeting.every((t) => t.minutes >= 40 && t.minutes < 50)).toBe(true);
    const [meeting] = (await c.must('meeting', 'list', '--json'))
      .json<{ id: string; status: string }[]>()
      .filter((x) => x.id === 'M-2');
    expect(meeting?.status).toBe('held');

    const late = await c.refused('meeting', 'show', 'M-2', '--kpe', 'KPE-1');
    expect(late).toContain('MEETING: meeting M-2 has been closed; nothing more can be added to it');
  });

  it('prints the outcome as JSON with --json', async () => {
    const c = await cliSetUp();
    const sam = await c.joinByLink('PT-2');
    await c.must('meeting', 'start', 'M-2');
    await contribute(c.ws, sam, { kind: 'dissent', text: 'The finding blames the nursery.' });
    c.clock.advance(20);
    const printed = (await c.must('meeting', 'close', 'M-2', '--json')).json<{
      review: string;
      meeting: string;
      outcome: { attendance: { participantId: string; name: string; minutes: number }[] };
    }>();
    expect(printed).toMatchObject({
      review: 'R-TEST01',
      meeting: 'M-2',
      outcome: {
        contributions: 1,
        accepted: 0,
        declined: 0,
        undecided: 1,
        dissent: ['MC-1'],
        attendance: [{ participantId: 'PT-2', name: 'Sam Okafor', session: 'all' }],
      },
    });
    expect(printed.outcome.attendance[0]?.minutes).toBe(20);
  });

  it('refuses what cannot be done, naming the option and the command that fixes it', async () => {
    const c = await cliSetUp();
    const notStarted = await c.refused('meeting', 'show', 'M-2', '--kpe', 'KPE-1');
    expect(notStarted).toContain(
      'MEETING: meeting M-2 has not been started; start it with: tunnelview meeting start M-2',
    );
    await c.must('meeting', 'start', 'M-2');
    expect(await c.refused('meeting', 'show', 'M-2')).toContain(
      '--kpe, --finding, --period or --prompt: say what to show',
    );
    expect(
      await c.refused('meeting', 'show', 'M-2', '--kpe', 'KPE-1', '--finding', 'F-1'),
    ).toContain("option '--kpe <id>' cannot be used with option '--finding <id>'");
    expect(await c.refused('meeting', 'show', 'M-2', '--finding', 'F-9')).toContain(
      '--finding: F-9 does not exist in review R-TEST01; see what there is with: tunnelview finding list',
    );
    expect(await c.refused('meeting', 'show', 'M-2', '--period', '31/02/2023')).toContain(
      '--period: "31/02/2023" is not a real date: February 2023 has 28 days',
    );
    expect(
      await c.refused('meeting', 'show', 'M-2', '--period', '2023-06-30..2023-05-01'),
    ).toContain('--period: the period ends before it starts');
    expect(await c.refused('meeting', 'names', 'M-2')).toContain(
      '--on or --off: say whether the room sees names',
    );
    expect(
      await c.refused('meeting', 'prompt', 'M-2', '--text', 'Which?', '--vote', '--option', 'F-1'),
    ).toContain('--option: a vote needs at least two findings or factors to choose between');
    expect(
      await c.refused('meeting', 'prompt', 'M-2', '--text', 'Which?', '--option', 'F-1,F-2'),
    ).toContain('--option: only a vote has options to choose between');
    expect(
      await c.refused(
        'meeting',
        'prompt',
        'M-2',
        '--text',
        'Which?',
        '--vote',
        '--option',
        'F-1,CF-9',
      ),
    ).toContain(
      '--option: CF-9 does not exist in review R-TEST01; see what there is with: tunnelview factor list',
    );
    expect(await c.refused('meeting', 'reveal', 'MP-4')).toContain(
      'ID: MP-4 does not exist in review R-TEST01; see what there is with: tunnelview meeting prompts M-n',
    );
    expect(await c.refused('meeting', 'accept', 'MC-4')).toContain(
      'see what there is with: tunnelview meeting contributions M-n',
    );
    expect(await c.refused('meeting', 'decline', 'MC-1')).toContain(
      "required option '--reason <text>' not specified",
    );
    expect(await c.refused('meeting', 'start', 'M-2', '--session', 'The Managers!')).toMatch(
      /--session: a session name is 1 to 32 lower-case letters/,
    );
    expect(await c.refused('meeting', 'close', 'M-9')).toContain('MEETING: M-9 does not exist');
  });

  it('shows an example in the help of every live-meeting command', async () => {
    const c = await cliSetUp();
    for (const command of [
      'invite',
      'invites',
      'revoke-invite',
      'start',
      'show',
      'names',
      'prompt',
      'prompts',
      'reveal',
      'close-prompt',
      'contributions',
      'accept',
      'decline',
      'close',
    ]) {
      const help = await c.run(['meeting', command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toMatch(
        new RegExp(`Example:\\n {2}tunnelview meeting ${command} `),
      );
    }
  });
});
