/**
 * Sealing a review's head: an Ed25519 signature, by whoever holds a private key kept outside
 * the workspace, that the review's log had reached it. A key pair is made once; meetings
 * closed and publications written seal on their own when a key is configured.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { IntegrityError, ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { HASH_SCHEME } from '../store/hash-chain.ts';
import { keyFingerprint, type Seal, signSeal } from '../store/seal.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** The public key's file beside a private key's. */
export function publicKeyFileOf(privateKeyFile: string): string {
  return `${privateKeyFile}.pub`;
}

/**
 * Makes a new key pair: the private key (PKCS#8 PEM) readable by its owner alone, the public
 * key (SPKI PEM) beside it, to give to whoever checks the seals. Refuses to replace a key.
 */
export function createSealKey(privateKeyFile: string) {
  const publicKeyFile = publicKeyFileOf(privateKeyFile);
  for (const file of [privateKeyFile, publicKeyFile]) {
    if (existsSync(file)) {
      throw new ValidationError([
        issue(
          'file-exists',
          ['newKey'],
          `${file} already exists; a key is never replaced, since the seals it made could no longer be checked — choose another file`,
        ),
      ]);
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), {
      mode: 0o644,
      flag: 'wx',
    });
  } catch (cause) {
    throw new ValidationError([
      issue(
        'unwritable-file',
        ['newKey'],
        `cannot write the key pair at ${privateKeyFile}: ${(cause as Error).message}`,
      ),
    ]);
  }
  return { privateKeyFile, publicKeyFile, fingerprint: keyFingerprint(publicKey) };
}

function keyIssue(field: string, file: string, why: string, publicKey: boolean) {
  return new ValidationError([
    issue(
      'seal-key-unusable',
      [field],
      `${file} cannot be used as a ${publicKey ? 'public' : 'private'} key for seals: ${why}`,
      publicKey ? {} : { fix: { kind: 'create-seal-key' } },
    ),
  ]);
}

function readKeyText(field: string, file: string, publicKey: boolean): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw keyIssue(field, file, (cause as Error).message, publicKey);
  }
}

function ed25519(key: KeyObject, field: string, file: string, publicKey: boolean): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw keyIssue(
      field,
      file,
      `it is a ${key.asymmetricKeyType ?? 'symmetric'} key, and seals are made with Ed25519 keys`,
      publicKey,
    );
  }
  return key;
}

/** A private key file for sealing, read and checked; `field` is where it was given. */
export function readSealPrivateKey(file: string, field = 'key'): KeyObject {
  const text = readKeyText(field, file, false);
  try {
    return ed25519(createPrivateKey(text), field, file, false);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw keyIssue(field, file, 'it is not a private key in PEM form', false);
  }
}

/** A public key file to check seals with (a private key's file gives its public key too). */
export function readSealPublicKey(file: string, field = 'publicKey'): KeyObject {
  const text = readKeyText(field, file, true);
  try {
    return ed25519(createPublicKey(text), field, file, true);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw keyIssue(field, file, 'it is not a public key in PEM form', true);
  }
}

/** Signs reviews' heads with a key already read. */
export interface Sealer {
  fingerprint: string;
  /** Seals each review's head; `verified` when the chains were verified just before. */
  seal(
    ws: Workspace,
    reviewIds: readonly string[],
    options?: { verified?: boolean },
  ): Promise<Seal[]>;
}

async function verifyBeforeSealing(ws: Workspace, reviewIds: readonly string[]) {
  const issues = (await Promise.all(reviewIds.map((id) => ws.store.verify(id)))).flat();
  if (issues.length > 0) throw new IntegrityError(issues);
}

/**
 * A sealer for a private key: each review's chain is verified first (a seal over a damaged
 * log would vouch for the damage), then its head is signed, once per head and key.
 */
export function sealerFor(privateKey: KeyObject): Sealer {
  const fingerprint = keyFingerprint(privateKey);
  return {
    fingerprint,
    async seal(ws, reviewIds, options = {}) {
      if (!options.verified) await verifyBeforeSealing(ws, reviewIds);
      const heads = new Map((await ws.store.heads()).map((h) => [h.reviewId, h]));
      const sealedAt = ws.clock().toISOString();
      const made: Seal[] = [];
      for (const reviewId of reviewIds) {
        const head = heads.get(reviewId);
        if (!head) continue;
        const already = (await ws.store.seals(reviewId)).find(
          (s) => s.seq === head.seq && s.headHash === head.hash && s.keyFingerprint === fingerprint,
        );
        if (already) {
          made.push(already);
          continue;
        }
        const draft = signSeal(
          {
            reviewId,
            seq: head.seq,
            headHash: head.hash,
            hashScheme: HASH_SCHEME,
            sealedAt,
            actor: ws.actor,
            keyFingerprint: fingerprint,
          },
          privateKey,
        );
        made.push(await ws.store.addSeal(draft));
      }
      return made;
    },
  };
}

/**
 * For a change that seals (a meeting closed, a publication written): the sealer of the key the
 * workspace is configured with, or undefined without one. The key is read and the review's chain
 * verified now, so that either failing refuses the change before anything is written.
 */
export async function sealerForChange(
  ws: Workspace,
  reviewId: string,
): Promise<Sealer | undefined> {
  if (ws.sealKeyFile === undefined) return undefined;
  const sealer = sealerFor(readSealPrivateKey(ws.sealKeyFile, 'sealKey'));
  await verifyBeforeSealing(ws, [(await ws.load(reviewId)).review.id]);
  return sealer;
}

/** A change's result with the seal of the head it left, when there is a sealer. */
export async function sealAfter(
  ws: Workspace,
  result: CommandResult,
  sealer: Sealer | undefined,
): Promise<CommandResult> {
  if (!sealer) return result;
  // The chain was verified before the change, and the change appended through the store.
  const seals = await sealer.seal(ws, [result.state.review.id], { verified: true });
  return { ...result, seals };
}

/**
 * Seals the heads of one review (or every review) with the private key in `keyFile`, or the
 * key the workspace is configured with.
 */
export async function sealReviews(
  ws: Workspace,
  options: { keyFile?: string; reviewId?: string },
): Promise<Seal[]> {
  const keyFile = options.keyFile ?? ws.sealKeyFile;
  if (keyFile === undefined) {
    throw new ValidationError([
      issue(
        'seal-key-required',
        ['key'],
        'sealing needs a private key, kept outside the workspace, and none was given or configured',
        { fix: { kind: 'create-seal-key' } },
      ),
    ]);
  }
  const sealer = sealerFor(readSealPrivateKey(keyFile, options.keyFile ? 'key' : 'sealKey'));
  const reviewIds = options.reviewId
    ? [(await ws.load(options.reviewId)).review.id]
    : (await ws.listReviews()).map((r) => r.id);
  return sealer.seal(ws, reviewIds);
}
