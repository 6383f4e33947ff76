/**
 * Seals: a signed statement, by whoever holds an Ed25519 private key, that a review's log had
 * reached a given head. Kept outside the hash chain (adding one does not move the head it
 * vouches for) in an append-only table; anyone with the public key can check each signature
 * and that the head sealed still lies on the chain.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { type Issue, issue } from '../domain/issue.ts';
import { lengthPrefixed } from './hash-chain.ts';

export interface Seal {
  /** Its number in the workspace, to name it by. */
  id: number;
  reviewId: string;
  /** The event sealed: the review's head when the seal was made. */
  seq: number;
  headHash: string;
  /** The hash scheme `headHash` was computed under. */
  hashScheme: number;
  sealedAt: string;
  actor: string;
  /** `sha256:` and the hex SHA-256 of the public key (SPKI DER) that checks the signature. */
  keyFingerprint: string;
  /** Ed25519 signature of `sealStatement(seal)`, in base64. */
  signature: string;
}

export type SealDraft = Omit<Seal, 'id'>;

/** What a seal's signature starts with, so it can never be taken for a signature of anything else. */
export const SEAL_TAG = 'tunnelview-seal-v1';

/** The bytes a seal's signature covers: every field but the signature, length-prefixed. */
export function sealStatement(s: Omit<SealDraft, 'signature'>): Buffer {
  return Buffer.from(
    lengthPrefixed([
      SEAL_TAG,
      s.reviewId,
      String(s.seq),
      s.headHash,
      String(s.hashScheme),
      s.sealedAt,
      s.actor,
      s.keyFingerprint,
    ]),
    'utf8',
  );
}

/** A public key's fingerprint as seals record it (a private key gives its public key's). */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Signs a seal with the private key of the fingerprint it names. */
export function signSeal(draft: Omit<SealDraft, 'signature'>, privateKey: KeyObject): SealDraft {
  return { ...draft, signature: sign(null, sealStatement(draft), privateKey).toString('base64') };
}

/** Whether the seal's signature is the public key's over its statement. */
export function sealSignatureHolds(seal: SealDraft, publicKey: KeyObject): boolean {
  try {
    return verify(null, sealStatement(seal), publicKey, Buffer.from(seal.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Public keys by the fingerprint seals name them by. */
export function sealKeysByFingerprint(keys: readonly KeyObject[]): ReadonlyMap<string, KeyObject> {
  return new Map(keys.map((k) => [keyFingerprint(k), k]));
}

/**
 * One review's seals against its chain: each must vouch for a head that is the event at its
 * seq; with keys, each must carry the signature of the key it names, which must be one of them.
 */
export function checkSeals(
  seals: readonly Seal[],
  chain: readonly { seq: number; hash: string }[],
  keys: ReadonlyMap<string, KeyObject> | undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const seal of seals) {
    const where = ['review', seal.reviewId, 'seal', seal.id];
    const what = `seal ${seal.id} of review ${seal.reviewId} (event ${seal.seq}, ${seal.sealedAt}, key ${seal.keyFingerprint})`;
    if (keys) {
      const key = keys.get(seal.keyFingerprint);
      if (!key) {
        issues.push(
          issue(
            'seal-key-unknown',
            where,
            `${what} was made with a key other than the public keys given, so it cannot be checked; give that key's public key too, or treat the seal as forged`,
            { fix: { kind: 'give', field: 'publicKey' } },
          ),
        );
        continue;
      }
      if (!sealSignatureHolds(seal, key)) {
        issues.push(
          issue(
            'seal-forged',
            where,
            `${what} does not carry that key's signature over what it claims: the seal was forged or altered`,
          ),
        );
        continue;
      }
    }
    const at =
      chain[seal.seq - 1]?.seq === seal.seq
        ? chain[seal.seq - 1]
        : chain.find((e) => e.seq === seal.seq);
    if (at?.hash !== seal.headHash) {
      const now = at
        ? `event ${seal.seq} now has hash ${at.hash}`
        : `the log has no event ${seal.seq} now`;
      issues.push(
        issue(
          'seal-off-chain',
          where,
          `${what} vouches for event ${seal.seq} with hash ${seal.headHash}, but ${now}: the history was rewritten after it was sealed, or the seal was forged`,
        ),
      );
    }
  }
  return issues;
}
