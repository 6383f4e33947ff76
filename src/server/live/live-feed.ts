/**
 * A live meeting's stream: each open page holds one server-sent event stream, woken whenever
 * the review's log grows. The log is the truth and the stream only a wake-up: on every append
 * each page is sent the regions that changed for its viewer, with the log's position as the
 * event's id, so a page that reconnects (`Last-Event-ID`, or the position it was rendered at)
 * is sent the regions as they stand now, once, and misses nothing — even across a restart.
 */
import type {} from '@fastify/sse';
import type { FastifyReply } from 'fastify';
import type { Workspace } from '../../app/workspace.ts';
import {
  announce,
  meetingRegions,
  RegionMemo,
  type RoomFacts,
  type Viewer,
} from '../meeting-view.ts';
import type { Views } from '../views.ts';

/** How long a browser waits before reconnecting after the stream drops (a restart, say). */
const RECONNECT_MS = 1000;
/**
 * How often the log is looked at for changes another process wrote (the facilitator's command
 * line, a second server): this server's own changes wake the pages at once.
 */
const OTHER_WRITERS_MS = 1000;

interface LiveStream {
  reviewId: string;
  meetingId: string;
  viewer: Viewer;
  reply: FastifyReply;
  /** The regions as the page shows them, by id. */
  shown: Map<string, string>;
  facts: RoomFacts | null;
}

/** What a page is sent: the regions that changed, and what to announce (if anything). */
export interface LiveUpdate {
  regions: { id: string; html: string }[];
  announce: string | null;
  /** The viewer's session has ended (they left, the link was withdrawn, the meeting closed). */
  ended: boolean;
}

export class LiveFeed {
  private readonly streams = new Map<string, Set<LiveStream>>();
  private readonly memos = new Map<string, RegionMemo>();
  /** One flush at a time per review, in order, so a page never goes back in time. */
  private readonly flushing = new Map<string, Promise<void>>();
  private readonly woken = new Set<string>();
  /** The log position each review's pages were last brought up to. */
  private readonly flushedSeq = new Map<string, number>();
  private readonly stopListening: () => void;
  private readonly polling: NodeJS.Timeout;

  constructor(
    private readonly ws: Workspace,
    private readonly views: Views,
  ) {
    this.stopListening = ws.onAppended((reviewId) => this.wake(reviewId));
    this.polling = setInterval(() => void this.lookForOtherWriters(), OTHER_WRITERS_MS);
    this.polling.unref();
  }

  private async lookForOtherWriters(): Promise<void> {
    for (const reviewId of this.streams.keys()) {
      try {
        const state = await this.ws.load(reviewId);
        if (state.seq > (this.flushedSeq.get(reviewId) ?? state.seq)) this.wake(reviewId);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** How many pages are following a review now. */
  following(reviewId: string): number {
    return this.streams.get(reviewId)?.size ?? 0;
  }

  /**
   * Opens a page's stream. `since` is the log position its page was rendered at (or the last
   * event it received, when reconnecting); if the log has moved on, the page is sent its
   * regions as they stand at once.
   */
  async open(
    reply: FastifyReply,
    stream: { reviewId: string; meetingId: string; viewer: Viewer; since: number | undefined },
  ): Promise<void> {
    const sse = reply.sse;
    sse.keepAlive();
    sse.sendHeaders();
    // Headers and the reconnect delay go out now, not with the first event (which may be long).
    reply.raw.write(`retry: ${RECONNECT_MS}\n\n`);
    const live: LiveStream = { ...stream, reply, shown: new Map(), facts: null };
    // Joined before the first look at the log, so no append can fall between the two.
    let set = this.streams.get(stream.reviewId);
    if (!set) {
      set = new Set();
      this.streams.set(stream.reviewId, set);
    }
    set.add(live);
    sse.onClose(() => this.drop(live));
    const state = await this.ws.load(stream.reviewId);
    if (!this.flushedSeq.has(stream.reviewId)) this.flushedSeq.set(stream.reviewId, state.seq);
    const found = this.regionsFor(live, state);
    if (!found) return this.end(live);
    if (stream.since === undefined || stream.since < state.seq) {
      await this.send(live, state.seq, found.regions, null, false);
    } else {
      for (const r of found.regions) live.shown.set(r.id, r.html);
    }
    live.facts = found.facts;
  }

  /** Ends every stream (the server is stopping; the pages reconnect to the next one). */
  close(): void {
    this.stopListening();
    clearInterval(this.polling);
    for (const set of this.streams.values()) for (const live of set) this.end(live);
    this.streams.clear();
  }

  private wake(reviewId: string): void {
    if (!this.streams.has(reviewId) || this.woken.has(reviewId)) return;
    this.woken.add(reviewId);
    const previous = this.flushing.get(reviewId) ?? Promise.resolve();
    const next = previous
      .then(() => {
        this.woken.delete(reviewId);
        return this.flush(reviewId);
      })
      .catch((error) => console.error(error));
    this.flushing.set(reviewId, next);
  }

  private async flush(reviewId: string): Promise<void> {
    const set = this.streams.get(reviewId);
    if (!set || set.size === 0) return;
    const state = await this.ws.load(reviewId);
    this.flushedSeq.set(reviewId, state.seq);
    for (const live of set) {
      const found = this.regionsFor(live, state);
      if (!found) {
        this.end(live);
        continue;
      }
      const changed = found.regions.filter((r) => live.shown.get(r.id) !== r.html);
      const words = announce(live.facts, found.facts);
      live.facts = found.facts;
      const ended = this.sessionEnded(live, state);
      if (changed.length > 0 || ended) await this.send(live, state.seq, changed, words, ended);
      if (ended) this.end(live);
    }
  }

  private regionsFor(live: LiveStream, state: Awaited<ReturnType<Workspace['load']>>) {
    const key = `${live.reviewId}/${live.meetingId}`;
    let memo = this.memos.get(key);
    if (!memo) {
      memo = new RegionMemo();
      this.memos.set(key, memo);
    }
    return meetingRegions(
      this.views,
      state,
      this.ws.modelOf(state),
      live.meetingId,
      live.viewer,
      memo,
    );
  }

  private sessionEnded(live: LiveStream, state: Awaited<ReturnType<Workspace['load']>>): boolean {
    if (live.viewer.kind === 'reviewer') return false;
    if (live.viewer.kind === 'presenter')
      return state.rooms[live.meetingId]?.closedAt !== undefined;
    const invite = state.invites[live.viewer.invite.inviteId];
    return (
      !invite ||
      invite.revokedAt !== undefined ||
      invite.leftAt !== undefined ||
      state.rooms[live.meetingId]?.closedAt !== undefined
    );
  }

  private async send(
    live: LiveStream,
    seq: number,
    regions: { id: string; html: string }[],
    words: string | null,
    ended: boolean,
  ): Promise<void> {
    if (!live.reply.sse.isConnected) return;
    for (const r of regions) live.shown.set(r.id, r.html);
    const update: LiveUpdate = { regions, announce: words, ended };
    try {
      await live.reply.sse.send({ id: String(seq), event: 'update', data: update });
    } catch {
      this.drop(live);
    }
  }

  private end(live: LiveStream): void {
    this.drop(live);
    try {
      live.reply.sse.close();
    } catch {
      // Already gone.
    }
  }

  private drop(live: LiveStream): void {
    const set = this.streams.get(live.reviewId);
    set?.delete(live);
    if (set && set.size === 0) {
      this.streams.delete(live.reviewId);
      this.flushedSeq.delete(live.reviewId);
      for (const key of this.memos.keys()) {
        if (key.startsWith(`${live.reviewId}/`)) this.memos.delete(key);
      }
    }
  }
}
