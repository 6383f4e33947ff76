// Bundles: a review's whole log as JSON. Export → import round-trips exactly; a bundle edited
// by hand, cut, or not JSON at all is refused naming the file and event, with nothing written.
import { describe, expect, it } from 'vitest';
import { type Bundle, checkBundle, exportBundle, storeBundle } from '../../src/app/bundle.ts';
import { addKpe } from '../../src/app/kpes.ts';
import { createReview } from '../../src/app/reviews.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { foldEvents } from '../../src/store/fold-events.ts';
import {
  buildSampleReview,
  issueLines,
  logPosition,
  newId,
  openTestWorkspace,
  PINNED_TIME,
  refusal,
  SAMPLE_REVIEW_EVENTS,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const models = (id: string) => loadModel(id);

/** A workspace with the sample review, and its bundle as the text `export` writes. */
async function exported() {
  const source = await workspaceWithReview();
  const live = await buildSampleReview(source.ws, source.reviewId);
  const bundle = await exportBundle(source.store, source.reviewId, PINNED_TIME);
  return { source, live, bundle, text: `${JSON.stringify(bundle, null, 2)}\n` };
}

/** A copy of the bundle's JSON for hand-editing. */
function editable(bundle: Bundle): { events: { seq: number; payload: Record<string, unknown> }[] } {
  return JSON.parse(JSON.stringify(bundle));
}

describe('exportBundle', () => {
  it('holds the review’s whole log with its format, version and review id', async () => {
    const { bundle, source } = await exported();
    expect(bundle).toMatchObject({
      format: 'tunnelview-bundle',
      version: 2,
      hashScheme: 2,
      exportedAt: PINNED_TIME,
      reviewId: source.reviewId,
      head: { seq: 1 + SAMPLE_REVIEW_EVENTS, hash: bundle.events.at(-1)?.hash },
      seals: [],
      migrations: [],
    });
    expect(bundle.head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.events).toHaveLength(1 + SAMPLE_REVIEW_EVENTS);
    expect(bundle.events[0]?.type).toBe('review.created');
  });
});

describe('checkBundle and storeBundle', () => {
  it('round-trips into a second workspace with the same folded state and the same hashes', async () => {
    const { bundle, text, live, source } = await exported();
    const target = openTestWorkspace();
    const checked = checkBundle(text, 'child-a.bundle.json', models);
    expect(checked.state).toStrictEqual(live);

    const stored = await storeBundle(target.store, checked, 'child-a.bundle.json');
    expect(stored).toStrictEqual(live);

    const events = await target.store.readEvents(source.reviewId);
    expect(events.map((e) => e.hash)).toEqual(bundle.events.map((e) => e.hash));
    expect(events).toEqual(bundle.events);
    expect(foldEvents(events)).toStrictEqual(live);
    expect(await target.ws.load(source.reviewId)).toStrictEqual(live);
    expect(await target.store.verify()).toEqual([]);
    expect(await target.store.listReviews()).toEqual(await source.store.listReviews());
  });

  it('lets the imported review carry on where it left off, with the next stable ids', async () => {
    const { text, source } = await exported();
    const target = openTestWorkspace();
    await storeBundle(target.store, checkBundle(text, 'b.json', models), 'b.json');
    const { events } = await addKpe(target.ws, source.reviewId, {
      title: 'A later episode',
      period: { from: '2023-09-01' },
      whatHappened: 'Something later.',
    });
    expect(newId({ events })).toBe('KPE-4');
    expect(events[0]?.seq).toBe(2 + SAMPLE_REVIEW_EVENTS);
    expect(await target.store.verify()).toEqual([]);
  });

  it('refuses a bundle whose payload text was changed, naming the file and the event, and adds no review', async () => {
    const { bundle, source } = await exported();
    const target = openTestWorkspace();
    await createReview(target.ws, { title: 'Already here', kind: 'scr' }, 'R-HERE01');
    const before = await logPosition(target.store, 'R-HERE01');

    const json = editable(bundle);
    const kpe = json.events.find((e) => e.payload.id === 'KPE-1');
    if (!kpe) throw new Error('the sample has KPE-1');
    kpe.payload.whatHappened = 'Nothing of concern was seen.';
    const error = await refusal(() =>
      checkBundle(JSON.stringify(json), 'child-a.bundle.json', models),
    );
    expect(issueLines(error)).toEqual([
      `child-a.bundle.json.review.${source.reviewId}.event.${kpe.seq}: event ${kpe.seq} (kpe.added) of review ${source.reviewId} was altered after it was written: its content no longer matches its hash; the bundle was changed after export — import the original file`,
    ]);
    expect(await logPosition(target.store, 'R-HERE01')).toEqual(before);
    expect(await target.store.hasReview(source.reviewId)).toBe(false);
  });

  it('refuses a bundle with an event removed from the middle', async () => {
    const { bundle, source } = await exported();
    const json = editable(bundle);
    json.events.splice(13, 1);
    const error = await refusal(() => checkBundle(JSON.stringify(json), 'cut.json', models));
    expect(error.issues[0]?.code).toBe('chain-sequence-broken');
    expect(error.message).toContain(
      `event 14 of review ${source.reviewId} is missing or out of order: found seq 15 where seq 14 was expected`,
    );
    expect(error.message).toContain('cut.json');
  });

  it('refuses a bundle whose last events were cut off, against the head it records', async () => {
    const { bundle } = await exported();
    const json = editable(bundle);
    json.events.splice(-2, 2);
    const error = await refusal(() => checkBundle(JSON.stringify(json), 'short.json', models));
    expect(error.issues[0]?.code).toBe('chain-truncated');
    expect(error.message).toContain(
      `review log ends at event ${bundle.head.seq - 2}, but its recorded last event is event ${bundle.head.seq}`,
    );
  });

  it('refuses a bundle without its first event', async () => {
    const { bundle } = await exported();
    const json = editable(bundle);
    json.events.shift();
    const error = await refusal(() => checkBundle(JSON.stringify(json), 'headless.json', models));
    expect(error.message).toContain('found seq 2 where seq 1 was expected');
  });

  it('refuses a bundle whose events were renumbered to hide a removal', async () => {
    const { bundle, source } = await exported();
    const json = editable(bundle);
    json.events.splice(13, 1);
    json.events.forEach((e, i) => {
      e.seq = i + 1;
    });
    const error = await refusal(() => checkBundle(JSON.stringify(json), 'renumbered.json', models));
    expect(error.message).toContain(`of review ${source.reviewId}`);
    expect(error.issues[0]?.path.slice(0, 1)).toEqual(['renumbered.json']);
  });

  it('refuses to import a review the workspace already has, and changes nothing', async () => {
    const { text, source } = await exported();
    const before = await logPosition(source.store, source.reviewId);
    const checked = checkBundle(text, 'again.json', models);
    const error = await refusal(() => storeBundle(source.store, checked, 'again.json'));
    expect(issueLines(error)).toEqual([
      `again.json.reviewId: review ${source.reviewId} already exists in ${source.store.location}; import it into another workspace`,
    ]);
    expect(error.issues[0]?.fix).toEqual({ kind: 'give', field: 'workspace' });
    expect(await logPosition(source.store, source.reviewId)).toEqual(before);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const error = await refusal(() =>
      checkBundle('Review notes\nnot a bundle', 'notes.txt', models),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.code).toBe('bundle-not-json');
    const [line] = issueLines(error);
    expect(line).toMatch(/^notes\.txt: is not JSON \(.+\); give a bundle file as it was exported$/);
  });

  it('refuses JSON that is not a bundle, saying what the format must be', async () => {
    const error = await refusal(() =>
      checkBundle(JSON.stringify({ hello: 'world' }), 'other.json', models),
    );
    expect(error.message).toContain('other.json');
    expect(error.message).toContain(
      'not a bundle of a review\'s log: "format" must be "tunnelview-bundle"',
    );
  });

  it('refuses a bundle whose events break the model, even with a recomputed chain', async () => {
    // An edit that keeps the chain intact (hashes recomputed) is still checked event by event.
    const target = await workspaceWithReview();
    await addKpe(target.ws, target.reviewId, {
      title: 'Episode',
      period: { from: '2023-05-02' },
      whatHappened: 'x',
    });
    const bundle = await exportBundle(target.store, target.reviewId, PINNED_TIME);
    const other = openTestWorkspace();
    const { canonicalJson, hashEvent, GENESIS_HASH } = await import(
      '../../src/store/hash-chain.ts'
    );
    const json = editable(bundle) as unknown as Bundle;
    let prev = GENESIS_HASH;
    for (const e of json.events) {
      if (e.type === 'kpe.added') e.payload.agencyIds = ['AG-7'];
      e.prevHash = prev;
      e.hash = hashEvent({ ...e, payloadJson: canonicalJson(e.payload) });
      prev = e.hash;
    }
    json.head = { seq: json.events.length, hash: prev };
    const error = await refusal(() => checkBundle(JSON.stringify(json), 'forged.json', models));
    expect(issueLines(error)).toEqual([
      `forged.json.events.1.agencyIds.0: AG-7 does not exist in review ${target.reviewId}`,
    ]);
    expect(error.issues[0]?.fix).toEqual({ kind: 'list', record: 'agency' });
    expect(await other.store.listReviews()).toEqual([]);
  });
});
