// A live meeting under test: a served review with its sample records, a case group of four
// (two practitioners, two managers), a scheduled joint meeting, the lead reviewer's account,
// and invite links issued through the use-case. Plus a plain HTTP reader of a page's live
// stream, since fastify.inject never returns on a stream that stays open.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { onTestFinished } from 'vitest';
import { issueInvite } from '../../src/app/meeting-invites.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { addParticipant } from '../../src/app/register.ts';
import { type Served, served } from './web.ts';
import { buildSampleReview } from './workspace.ts';

export const CASE_GROUP = [
  { name: 'Sam Okafor', profession: 'Health visitor', session: 'all' },
  { name: 'Priya Nandra', profession: 'Nursery manager', session: 'all' },
  { name: 'Tomasz Wrenfield', profession: 'Social worker', session: 'all' },
  { name: 'Halima Brook', profession: 'GP', session: 'all' },
] as const;

export interface LiveMeeting extends Served {
  meetingId: string;
  lead: { name: string; password: string };
  /** Participant ids by name. */
  ids: Record<string, string>;
  /** A personal invite link (path and token) for `name`, or for the room's screen. */
  link(name: string | 'presenter', session?: string): Promise<{ path: string; token: string }>;
}

export async function liveMeeting(options: { clock?: () => Date } = {}): Promise<LiveMeeting> {
  const s = await served(options);
  await buildSampleReview(s.ws, s.reviewId);
  const ids: Record<string, string> = {};
  for (const p of CASE_GROUP.slice(1)) {
    await addParticipant(s.ws, s.reviewId, {
      name: p.name,
      role: 'case-group',
      profession: p.profession,
    });
  }
  const state = await s.ws.load(s.reviewId);
  for (const p of Object.values(state.participants)) ids[p.name] = p.id;
  const { state: after } = await recordMeeting(s.ws, s.reviewId, {
    type: 'joint-meeting-1',
    date: '2026-01-15',
    status: 'scheduled',
  });
  const meetingId = Object.keys(after.meetings).at(-1) as string;
  const password = await s.account('amara.okafor', 'lead-reviewer', s.reviewId);
  return {
    ...s,
    meetingId,
    ids,
    lead: { name: 'amara.okafor', password },
    link: async (name, session) => {
      const { token } = await issueInvite(s.ws, s.reviewId, {
        meeting: meetingId,
        ...(name === 'presenter' ? { purpose: 'presenter' } : { participant: name }),
        ...(session ? { session } : {}),
      });
      return { path: `/join/${s.reviewId}/${token}`, token };
    },
  };
}

export interface StreamEvent {
  id: string;
  event: string;
  data: string;
}

/** A live stream read over plain HTTP: its status, headers and the events as they come. */
export interface StreamReader {
  response: IncomingMessage;
  events: StreamEvent[];
  /** Resolves with the first event (from now on, or already received) that `match` accepts. */
  next(match?: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

export function readStream(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<StreamReader> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest(
      url,
      { agent: false, headers: { accept: 'text/event-stream', ...headers } },
      (response) => {
        const events: StreamEvent[] = [];
        const waiters: { match: (e: StreamEvent) => boolean; done: (e: StreamEvent) => void }[] =
          [];
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const event: StreamEvent = { id: '', event: 'message', data: '' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) event.id = line.slice(4);
              else if (line.startsWith('event: ')) event.event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length === 0) continue;
            event.data = data.join('\n');
            events.push(event);
            for (const w of [...waiters]) {
              if (w.match(event)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.done(event);
              }
            }
          }
        });
        const reader: StreamReader = {
          response,
          events,
          next: (match = () => true, timeoutMs = 5000) => {
            const seen = events.find(match);
            if (seen) return Promise.resolve(seen);
            return new Promise((done, fail) => {
              const timer = setTimeout(
                () => fail(new Error(`no matching event within ${timeoutMs} ms`)),
                timeoutMs,
              );
              waiters.push({
                match,
                done: (e) => {
                  clearTimeout(timer);
                  done(e);
                },
              });
            });
          },
          close: () => req.destroy(),
        };
        onTestFinished(() => {
          req.destroy();
        });
        resolve(reader);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
