import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DB_KINDS, type TestContext } from '../../../../test/support/context.js';
import {
  consistencyProof,
  consistencyProofOver,
  fromHex,
  inclusionProof,
  inclusionProofOver,
  merkleRoot,
  toHex,
} from '../../../shared/merkle.js';
import { hashAlgorithmOf, recordEvent, SYSTEM_ACTOR } from './audit.js';
import { merkleHash } from './hash.js';
import { storedRanges } from './merkle-store.js';

describe.each(DB_KINDS)('the stored subtrees of the audit tree on %s', (kind) => {
  let ctx: TestContext;
  let leaves: Uint8Array[];

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    // Enough events for several stored levels (256, 512, 1024 leaves).
    const have = (await ctx.db.selectFrom('audit_event').select('seq').execute()).length;
    for (let i = have; i < 1_300; i++) {
      await recordEvent(ctx.db, SYSTEM_ACTOR, {
        action: 'test.tick',
        entity: 'test',
        entityId: String(i),
        data: { meta: i },
      });
    }
    leaves = (await ctx.db.selectFrom('audit_event').select('hash').orderBy('seq').execute()).map(
      (r) => fromHex(r.hash),
    );
  }, 120_000);
  afterAll(() => ctx.close());

  it('gives the root every event hash gives, for sizes around the stored levels', async () => {
    const algorithm = hashAlgorithmOf(ctx.db);
    const ranges = storedRanges(ctx.db, algorithm);
    for (const size of [1, 2, 255, 256, 257, 511, 512, 513, 1024, 1025, leaves.length]) {
      expect(toHex(await ranges(0, size))).toBe(
        toHex(await merkleRoot(leaves.slice(0, size), merkleHash(algorithm))),
      );
    }
    const stored = await ctx.db.selectFrom('merkle_node').select(['level', 'idx']).execute();
    expect(stored.some((n) => n.level === 8)).toBe(true);
    expect(stored.some((n) => n.level === 10)).toBe(true);
  });

  it('gives the same inclusion and consistency proofs as the whole list of hashes', async () => {
    const algorithm = hashAlgorithmOf(ctx.db);
    const ranges = storedRanges(ctx.db, algorithm);
    const hash = merkleHash(algorithm);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: leaves.length }),
        fc.nat(),
        fc.nat(),
        async (size, i, m) => {
          const index = i % size;
          const oldSize = m % (size + 1);
          const prefix = leaves.slice(0, size);
          expect((await inclusionProofOver(index, size, ranges)).map(toHex)).toEqual(
            (await inclusionProof(index, prefix, hash)).map(toHex),
          );
          expect((await consistencyProofOver(oldSize, size, ranges)).map(toHex)).toEqual(
            (await consistencyProof(oldSize, prefix, hash)).map(toHex),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
