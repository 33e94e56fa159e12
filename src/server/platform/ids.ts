import { randomFillSync } from 'node:crypto';

/**
 * Crockford's base32 in lower case: digits before letters, so that byte order (SQLite) and
 * any PostgreSQL collation sort these strings alike.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10; // 50 bits of milliseconds: past the year 30,000
const RANDOM_CHARS = 11; // 55 random bits
const POOL_IDS = 512;

let pool = Buffer.alloc(0);
let offset = 0;

function randomBytes(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(n * POOL_IDS));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}

/**
 * A new row key: 21 characters, the time first, then randomness. Keys made later sort later,
 * so a new row lands at the right edge of its indexes instead of on a random page of a
 * county's tables (ADR 0011). Not a secret: tokens come from `nanoid`.
 */
export function newId(now: number = Date.now()): string {
  let time = '';
  let ms = Math.max(0, Math.floor(now));
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET[ms % 32]! + time;
    ms = Math.floor(ms / 32);
  }
  let random = '';
  for (const byte of randomBytes(RANDOM_CHARS)) random += ALPHABET[byte & 31]!;
  return time + random;
}
