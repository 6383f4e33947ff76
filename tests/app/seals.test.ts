// Seals: an Ed25519 signature over a review's head, by a key kept outside the workspace. A seal
// made and checked with the public key holds; one signed by another key, or vouching for a head
// that is not on the chain (forged, or the history rewritten after it), is refused. Meetings
// closed and publications written seal on their own when a key is configured.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundle, exportBundle, storeBundle } from '../../src/app/bundle.ts';
import { verifyWorkspace } from '../../src/app/log.ts';
import { recordMeeting, updateMeeting } from '../../src/app/meetings.ts';
import { type EditionWriter, publishEdition } from '../../src/app/publish-edition.ts';
import {
  createSealKey,
  readSealPrivateKey,
  readSealPublicKey,
  sealReviews,
} from '../../src/app/seal.ts';
import { IntegrityError, InternalError } from '../../src/domain/errors.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { keyFingerprint, signSeal } from '../../src/store/seal.ts';
import {
  buildSampleReview,
  logPosition,
  openTestWorkspace,
  refusal,
  rehashLog,
  runCli,
  tamper,
  tempDir,
  tempWorkspacePath,
  workspaceWithReview,
} from '../helpers/workspace.ts';

/** A key pair in a folder of its own, outside any workspace. */
function keyPair(name = 'lead.key') {
  return createSealKey(join(tempDir(), name));
}

async function sealedSample() {
  const path = tempWorkspacePath();
  const handle = await workspaceWithReview(path);
  await buildSampleReview(handle.ws, handle.reviewId);
  const key = keyPair();
  const [seal] = await sealReviews(handle.ws, { keyFile: key.privateKeyFile });
  if (!seal) throw new Error('one review, one seal');
  return { ...handle, key, seal };
}

describe('createSealKey', () => {
  it('writes the private key for its owner alone and the public key beside it; never replaces one', async () => {
    const dir = tempDir();
    const made = createSealKey(join(dir, 'lead.key'));
    expect(made.publicKeyFile).toBe(join(dir, 'lead.key.pub'));
    expect(statSync(made.privateKeyFile).mode & 0o777).toBe(0o600);
    expect(statSync(made.publicKeyFile).mode & 0o777).toBe(0o644);
    expect(readFileSync(made.privateKeyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(made.publicKeyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(made.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const before = readFileSync(made.privateKeyFile, 'utf8');
    const error = await refusal(() => createSealKey(made.privateKeyFile));
    expect(error.issues[0]).toMatchObject({ code: 'file-exists', path: ['newKey'] });
    expect(error.message).toContain('a key is never replaced');
    expect(readFileSync(made.privateKeyFile, 'utf8')).toBe(before);
  });
});

describe('sealing and checking seals', () => {
  it('signs the head, and verify with the public key finds the seal genuine and on its chain', async () => {
    const { ws, reviewId, key, seal, store } = await sealedSample();
    const head = (await store.heads())[0];
    expect(seal).toMatchObject({
      id: 1,
      reviewId,
      seq: head?.seq,
      headHash: head?.hash,
      hashScheme: 2,
      actor: 'Test Reviewer',
      keyFingerprint: key.fingerprint,
    });
    const result = await verifyWorkspace(ws, undefined, undefined, {
      publicKeyFiles: [key.publicKeyFile],
    });
    expect(result).toMatchObject({ ok: true, seals: 1, signaturesChecked: true, issues: [] });
    // The same head is sealed once per key; a new head gets its own seal.
    expect(await sealReviews(ws, { keyFile: key.privateKeyFile })).toEqual([seal]);
    expect(await store.seals()).toHaveLength(1);
  });

  it('refuses a seal signed by another key in the name of this one', async () => {
    const { store, reviewId, key, seal, ws } = await sealedSample();
    const other = generateKeyPairSync('ed25519');
    const { id: _id, signature: _s, ...claimed } = seal;
    // A forger's signature over the same statement, claiming the real key's fingerprint.
    await store.addSeal(
      signSeal({ ...claimed, sealedAt: '2026-02-01T09:00:00.000Z' }, other.privateKey),
    );
    const result = await verifyWorkspace(ws, undefined, undefined, {
      publicKeyFiles: [key.publicKeyFile],
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'seal-forged', path: ['review', reviewId, 'seal', 2] }),
    ]);
    expect(result.issues[0]?.message).toContain(
      `seal 2 of review ${reviewId} (event ${seal.seq}, 2026-02-01T09:00:00.000Z, key ${key.fingerprint}) does not carry that key's signature`,
    );
  });

  it('refuses a seal made with a key that was not given, naming the key', async () => {
    const { store, seal, ws, key } = await sealedSample();
    const other = generateKeyPairSync('ed25519');
    const { id: _id, signature: _s, ...claimed } = seal;
    await store.addSeal(
      signSeal({ ...claimed, keyFingerprint: keyFingerprint(other.publicKey) }, other.privateKey),
    );
    const result = await verifyWorkspace(ws, undefined, undefined, {
      publicKeyFiles: [key.publicKeyFile],
    });
    expect(result.issues.map((i) => i.code)).toEqual(['seal-key-unknown']);
    expect(result.issues[0]?.fix).toEqual({ kind: 'give', field: 'publicKey' });
  });

  it('refuses a genuinely signed seal whose head is not on the chain', async () => {
    const { path, reviewId, key, seal, store } = await sealedSample();
    const privateKey = readSealPrivateKey(key.privateKeyFile);
    // Signed with the real key, over a head the log never had.
    const fake = signSeal(
      { ...seal, seq: 5, headHash: 'e'.repeat(64), sealedAt: '2026-02-01T09:00:00.000Z' },
      privateKey,
    );
    await expect(store.addSeal(fake)).rejects.toBeInstanceOf(InternalError);
    tamper(path, (db) =>
      db
        .prepare(
          'INSERT INTO seals (review_id, seq, head_hash, hash_scheme, sealed_at, actor, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          reviewId,
          5,
          fake.headHash,
          2,
          fake.sealedAt,
          fake.actor,
          fake.keyFingerprint,
          fake.signature,
        ),
    );
    const issues = await store.verify(undefined, {
      sealKeys: [readSealPublicKey(key.publicKeyFile)],
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'seal-off-chain', path: ['review', reviewId, 'seal', 2] }),
    ]);
    expect(issues[0]?.message).toContain(`vouches for event 5 with hash ${'e'.repeat(64)}`);
  });

  it('catches history rewritten and re-hashed after the seal, even without the key', async () => {
    const { path, reviewId, seal, key } = await sealedSample();
    tamper(path, (db) => {
      db.prepare(
        "UPDATE events SET payload = json_set(payload, '$.whatHappened', 'Nothing of note happened.') WHERE review_id = ? AND type = 'kpe.added'",
      ).run(reviewId);
      rehashLog(db, reviewId);
    });
    const run = await runCli(['verify', '--workspace', path]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `review.${reviewId}.seal.1: seal 1 of review ${reviewId} (event ${seal.seq}`,
    );
    expect(run.err).toContain(
      'the history was rewritten after it was sealed, or the seal was forged',
    );
    const withKey = await runCli([
      'verify',
      '--public-key',
      key.publicKeyFile,
      '--workspace',
      path,
    ]);
    expect(withKey.code).toBe(1);
    expect(withKey.err).toContain('seal 1 of review');
  });

  it('refuses to seal without a key, or with a file that is not an Ed25519 private key', async () => {
    const { ws, reviewId, store } = await workspaceWithReview();
    const missing = await refusal(() => sealReviews(ws, {}));
    expect(missing.issues[0]).toMatchObject({
      code: 'seal-key-required',
      fix: { kind: 'create-seal-key' },
    });
    const rsa = join(tempDir(), 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
    );
    const wrong = await refusal(() => sealReviews(ws, { keyFile: rsa }));
    expect(wrong.message).toContain(
      `${rsa} cannot be used as a private key for seals: it is a rsa key, and seals are made with Ed25519 keys`,
    );
    const key = keyPair();
    const publicOnly = await refusal(() => sealReviews(ws, { keyFile: key.publicKeyFile }));
    expect(publicOnly.message).toContain('it is not a private key in PEM form');
    expect(await store.seals(reviewId)).toEqual([]);
  });
});

describe('seals made on their own', () => {
  it('seal the head when a meeting is closed, and not when one is only scheduled', async () => {
    const key = keyPair();
    const path = tempWorkspacePath();
    const { reviewId } = await workspaceWithReview(path);
    const { ws, store } = openTestWorkspace(path, { sealKeyFile: key.privateKeyFile });
    const planned = await recordMeeting(ws, reviewId, {
      type: 'review-team',
      date: '2026-02-03',
      status: 'scheduled',
    });
    expect(planned.seals).toBeUndefined();
    const held = await updateMeeting(ws, reviewId, 'M-1', { status: 'held', outcome: 'Agreed' });
    expect(held.seals).toEqual([
      expect.objectContaining({ seq: held.state.seq, headHash: held.state.head }),
    ]);
    const added = await recordMeeting(ws, reviewId, { type: 'review-team', date: '2026-02-10' });
    expect(added.seals?.[0]?.seq).toBe(added.state.seq);
    expect(await store.seals(reviewId)).toHaveLength(2);
    expect(
      (await verifyWorkspace(ws, undefined, undefined, { publicKeyFiles: [key.publicKeyFile] }))
        .issues,
    ).toEqual([]);
  });

  it('refuse the meeting before anything is written when the configured key cannot be used', async () => {
    const path = tempWorkspacePath();
    const { reviewId } = await workspaceWithReview(path);
    const missing = join(tempDir(), 'no-such.key');
    const { ws, store } = openTestWorkspace(path, { sealKeyFile: missing });
    const before = await logPosition(store, reviewId);
    const error = await refusal(() =>
      recordMeeting(ws, reviewId, { type: 'review-team', date: '2026-02-03' }),
    );
    expect(error.issues[0]).toMatchObject({ code: 'seal-key-unusable', path: ['sealKey'] });
    expect(error.message).toContain(`${missing} cannot be used as a private key for seals`);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuse to close a meeting on a log that does not verify, writing nothing', async () => {
    const key = keyPair();
    const path = tempWorkspacePath();
    const { reviewId } = await workspaceWithReview(path);
    tamper(path, (db) =>
      db
        .prepare("UPDATE events SET actor = 'Mallory' WHERE review_id = ? AND seq = 1")
        .run(reviewId),
    );
    const { ws, store } = openTestWorkspace(path, { sealKeyFile: key.privateKeyFile });
    const before = await logPosition(store, reviewId);
    await expect(
      recordMeeting(ws, reviewId, { type: 'review-team', date: '2026-02-03' }),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(await logPosition(store, reviewId)).toEqual(before);
    expect(await store.seals()).toEqual([]);
  });

  it('seal the head a publication leaves, once its passing check is recorded', async () => {
    const key = keyPair();
    const path = tempWorkspacePath();
    const { reviewId } = await workspaceWithReview(path);
    const { ws } = openTestWorkspace(path, { sealKeyFile: key.privateKeyFile });
    const writer: EditionWriter = {
      format: 'pdf',
      async write(state, file) {
        writeFileSync(file, `${state.review.title}\n`);
        return {};
      },
      readText: async (file) => readFileSync(file, 'utf8'),
    };
    const published = await publishEdition(ws, reviewId, join(tempDir(), 'pub.pdf'), writer);
    const state = await ws.load(reviewId);
    expect(state.leakChecks).toHaveLength(1);
    expect(published.seals).toEqual([
      expect.objectContaining({
        seq: state.seq,
        headHash: state.head,
        keyFingerprint: key.fingerprint,
      }),
    ]);
  });
});

describe('seals in bundles', () => {
  it('travel with the review, are checked against its chain on import, and verify after', async () => {
    const { store, reviewId, key, seal } = await sealedSample();
    const bundle = await exportBundle(store, reviewId, '2026-02-01T09:00:00.000Z');
    expect(bundle.seals).toEqual([
      {
        seq: seal.seq,
        headHash: seal.headHash,
        hashScheme: 2,
        sealedAt: seal.sealedAt,
        actor: seal.actor,
        keyFingerprint: key.fingerprint,
        signature: seal.signature,
      },
    ]);
    const target = openTestWorkspace();
    await storeBundle(
      target.store,
      checkBundle(JSON.stringify(bundle), 'b.json', loadModel),
      'b.json',
    );
    const publicKey = readSealPublicKey(key.publicKeyFile);
    expect(await target.store.verify(undefined, { sealKeys: [publicKey] })).toEqual([]);
    expect(await target.store.seals()).toHaveLength(1);

    const edited = { ...bundle, seals: [{ ...bundle.seals[0], seq: 3 }] };
    const error = await refusal(() =>
      checkBundle(JSON.stringify(edited), 'edited.json', loadModel),
    );
    expect(error.issues[0]).toMatchObject({
      code: 'seal-off-chain',
      path: ['edited.json', 'seals', 0],
    });
  });
});

describe('tunnelview seal', () => {
  it('makes a key pair, seals with it, and verify --public-key checks the seals', async () => {
    const dir = tempDir();
    const path = join(dir, 'ws.db');
    await (await workspaceWithReview(path)).store.close();
    const made = await runCli(['seal', '--new-key', 'keys/lead.key'], { cwd: dir });
    expect(made.code).toBe(1);
    expect(made.err).toContain('cannot write the key pair');
    const madeHere = await runCli(['seal', '--new-key', 'lead.key', '--json'], { cwd: dir });
    expect(madeHere.code).toBe(0);
    expect(madeHere.json()).toMatchObject({
      privateKeyFile: join(dir, 'lead.key'),
      publicKeyFile: join(dir, 'lead.key.pub'),
    });

    const sealed = await runCli(['seal', '--key', 'lead.key', '--workspace', 'ws.db'], {
      cwd: dir,
    });
    expect(sealed.code).toBe(0);
    expect(sealed.stdout[0]).toMatch(/^SEAL\s+REVIEW\s+SEQ\s+HEAD HASH\s+KEY$/);
    expect(sealed.stdout[1]).toMatch(/^1\s+R-TEST01\s+1\s+[0-9a-f]{64}\s+sha256:[0-9a-f]{64}$/);

    const checked = await runCli(
      ['verify', '--public-key', 'lead.key.pub', '--workspace', 'ws.db'],
      { cwd: dir },
    );
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('every seal (1) is signed by a key given and lies on its chain');

    // A meeting closed with the key configured seals on its own, and says so.
    const meeting = await runCli(
      ['meeting', 'add', '--type', 'review-team', '--date', '2026-02-03', '--workspace', 'ws.db'],
      { cwd: dir, env: { TUNNELVIEW_ACTOR: 'Test Reviewer', TUNNELVIEW_SEAL_KEY: 'lead.key' } },
    );
    expect(meeting.code).toBe(0);
    expect(meeting.stdout[1]).toMatch(
      /^Sealed event 2 of review R-TEST01 \(head [0-9a-f]{64}\) with key sha256:/,
    );

    const other = createSealKey(join(dir, 'other.key'));
    const wrongKey = await runCli(
      ['verify', '--public-key', other.publicKeyFile, '--workspace', 'ws.db'],
      { cwd: dir },
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('was made with a key other than the public keys given');
    expect(wrongKey.err).toContain('give --public-key');

    const noKey = await runCli(['seal', '--workspace', 'ws.db'], { cwd: dir });
    expect(noKey.code).toBe(1);
    expect(noKey.err).toContain(
      'make a key pair, kept outside the workspace, with: tunnelview seal --new-key FILE; then give --key FILE, or set TUNNELVIEW_SEAL_KEY=FILE',
    );
  });
});
