/**
 * Password hashing: node's scrypt at N=2^15, r=8, p=3 (OWASP's equal-cost alternative to N=2^17,
 * p=1, at 32 MiB of memory per hash), a 16-byte random salt, kept as one self-describing string,
 * `scrypt$15$8$3$<salt>$<hash>` (base64url), so the parameters can be raised later and old hashes
 * still verify. Asynchronous, so a hash (about a quarter of a second) does not hold up the
 * server. A password is never logged, stored or put in a message.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { InternalError } from '../domain/errors.ts';

/** The cost used for new hashes. */
export const SCRYPT_COST = { log2N: 15, r: 8, p: 3 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  log2N: number,
  r: number,
  p: number,
) {
  // scrypt needs about 128·N·r bytes; node's default ceiling (32 MiB) is just too small.
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r };
  return new Promise<Buffer>((done, fail) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? fail(error) : done(key),
    ),
  );
}

/** A new hash of `password`, with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const { log2N, r, p } = SCRYPT_COST;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, log2N, r, p);
  return ['scrypt', log2N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** The stored form; the key is 16 to 64 bytes. */
const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]{16,})\$([\w-]{22,86})$/;

/** Whether `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = STORED.exec(stored);
  if (!parts) throw new InternalError('a stored password hash is not in the scrypt$N$r$p form');
  const [log2N, r, p] = [parts[1], parts[2], parts[3]].map(Number) as [number, number, number];
  const expected = Buffer.from(parts[5] as string, 'base64url');
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const key = await derive(password, salt, expected.length, log2N, r, p);
  return timingSafeEqual(key, expected);
}
