import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsistencyClaim,
  type HashFn,
  type InclusionClaim,
  bytesEqual,
  concatBytes,
  consistencyProof,
  emptyRoot,
  fromHex,
  hashChildren,
  hashLeaf,
  inclusionProof,
  merkleRoot,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

// ---------------------------------------------------------------------------
// Test helpers: SHA-256 and an independent, recursive reference straight from
// the RFC 6962 definitions.
// ---------------------------------------------------------------------------

function sha256Sync(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

const sha256: HashFn = async (data) => sha256Sync(data);

const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);
const leafH = (d: Uint8Array) => sha256Sync(LEAF, d);
const nodeH = (l: Uint8Array, r: Uint8Array) => sha256Sync(NODE, l, r);

/** Largest power of two strictly smaller than n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]) by the recursive definition of RFC 6962 §2.1. */
function refMth(d: readonly Uint8Array[], lo = 0, hi = d.length): Uint8Array {
  if (hi === lo) return sha256Sync();
  if (hi - lo === 1) return leafH(d[lo]!);
  const k = split(hi - lo);
  return nodeH(refMth(d, lo, lo + k), refMth(d, lo + k, hi));
}

/** PATH(m, D[lo:hi]) of RFC 6962 §2.1.1. */
function refPath(m: number, d: readonly Uint8Array[], lo = 0, hi = d.length): Uint8Array[] {
  if (hi - lo <= 1) return [];
  const k = split(hi - lo);
  return m < k
    ? [...refPath(m, d, lo, lo + k), refMth(d, lo + k, hi)]
    : [...refPath(m - k, d, lo + k, hi), refMth(d, lo, lo + k)];
}

/** SUBPROOF(m, D[lo:hi], b) of RFC 6962 §2.1.2. */
function refSubproof(
  m: number,
  d: readonly Uint8Array[],
  lo: number,
  hi: number,
  b: boolean,
): Uint8Array[] {
  if (m === hi - lo) return b ? [] : [refMth(d, lo, hi)];
  const k = split(hi - lo);
  return m <= k
    ? [...refSubproof(m, d, lo, lo + k, b), refMth(d, lo + k, hi)]
    : [...refSubproof(m - k, d, lo + k, hi, false), refMth(d, lo, lo + k)];
}

const refProof = (m: number, d: readonly Uint8Array[]) =>
  m === 0 ? [] : refSubproof(m, d, 0, d.length, true);

/**
 * Shape of the audit path for (index, size) per the RFC 6962 PATH recursion:
 * the side of each sibling, leaf level first. A root does not commit to the
 * tree size, so a proof for one (index, size) also verifies for another pair
 * exactly when the two shapes coincide (e.g. index 4 in sizes 7 and 8).
 */
function inclusionShape(index: number, size: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return `invalid`;
  let s = '';
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = split(hi - lo);
    if (index < lo + k) {
      s = 'R' + s;
      hi = lo + k;
    } else {
      s = 'L' + s;
      lo += k;
    }
  }
  return s;
}

/** Trace of the RFC 6962 SUBPROOF recursion for 0 < m <= n (same role as inclusionShape). */
function consistencyShape(m: number, n: number): string {
  if (!Number.isSafeInteger(m) || m < 1 || m > n) return 'invalid';
  let s = '';
  let complete = true;
  while (m !== n) {
    const k = split(n);
    if (m <= k) {
      s += 'L';
      n = k;
    } else {
      s += 'R';
      m -= k;
      n -= k;
      complete = false;
    }
  }
  return s + (complete ? 'T' : 'F');
}

const enc = new TextEncoder();
const makeLeaves = (n: number, tag = 'a') =>
  Array.from({ length: n }, (_, i) => enc.encode(`${tag}:${i}`));

const N = 40;
const LEAVES = makeLeaves(N);
const ROOTS: Uint8Array[] = []; // ROOTS[n] = root over LEAVES[0:n]

beforeAll(async () => {
  for (let n = 0; n <= N; n++) ROOTS.push(await merkleRoot(LEAVES.slice(0, n), sha256));
});

const hex = (b: Uint8Array) => toHex(b);

// ---------------------------------------------------------------------------
// Known answers
// ---------------------------------------------------------------------------

// Certificate Transparency reference inputs and tree heads (sizes 1..8).
const CT_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('merkle known answers', () => {
  it('empty tree root is sha256("")', async () => {
    const expected = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(hex(await merkleRoot([], sha256))).toBe(expected);
    expect(hex(await emptyRoot(sha256))).toBe(expected);
  });

  it('single leaf root is H(0x00 || leaf)', async () => {
    const a = enc.encode('a');
    expect(hex(await merkleRoot([a], sha256))).toBe(hex(sha256Sync(new Uint8Array([0, 0x61]))));
    expect(hex(await hashLeaf(a, sha256))).toBe(hex(leafH(a)));
  });

  it('3-leaf root is H(0x01 || H(0x01 || a || b) || c) over leaf hashes', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => sha256Sync(new Uint8Array([0x00]), enc.encode(s)));
    const ab = sha256Sync(new Uint8Array([0x01]), a!, b!);
    const expected = sha256Sync(new Uint8Array([0x01]), ab, c!);
    const leaves = ['a', 'b', 'c'].map((s) => enc.encode(s));
    expect(hex(await merkleRoot(leaves, sha256))).toBe(hex(expected));
    expect(hex(await hashChildren(ab, c!, sha256))).toBe(hex(expected));
  });

  it('6-leaf root splits 4 + 2 (largest power of two below n), not at the midpoint', async () => {
    const leaves = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => enc.encode(s));
    const [a, b, c, d, e, f] = leaves.map(leafH) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const rfc = nodeH(nodeH(nodeH(a, b), nodeH(c, d)), nodeH(e, f));
    const midpoint = nodeH(nodeH(nodeH(a, b), c), nodeH(nodeH(d, e), f));
    const root = await merkleRoot(leaves, sha256);
    expect(hex(root)).toBe(hex(rfc));
    expect(hex(root)).not.toBe(hex(midpoint));
  });

  it('matches the Certificate Transparency reference roots and proofs', async () => {
    for (let n = 1; n <= 8; n++) {
      expect(hex(await merkleRoot(CT_ENTRIES.slice(0, n), sha256)), `size ${n}`).toBe(
        CT_ROOTS[n - 1],
      );
    }
    expect((await inclusionProof(0, CT_ENTRIES, sha256)).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect((await inclusionProof(5, CT_ENTRIES, sha256)).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect((await consistencyProof(2, CT_ENTRIES, sha256)).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect((await consistencyProof(6, CT_ENTRIES, sha256)).map(hex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('merkleRoot agrees with the recursive RFC definition for sizes 0..64', async () => {
    const leaves = makeLeaves(64, 'ref');
    for (let n = 0; n <= 64; n++) {
      const d = leaves.slice(0, n);
      expect(hex(await merkleRoot(d, sha256)), `size ${n}`).toBe(hex(refMth(d)));
    }
  });

  it('handles 100,000 leaves without stack overflow', async () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, i);
      return b;
    });
    const root = await merkleRoot(leaves, sha256);
    expect(hex(root)).toBe(hex(refMth(leaves)));
  }, 60_000);
});

// ---------------------------------------------------------------------------
// Honest proofs
// ---------------------------------------------------------------------------

describe('inclusion proofs', () => {
  it('match RFC 6962 PATH and verify for every index of every size 1..40', async () => {
    for (let size = 1; size <= N; size++) {
      const d = LEAVES.slice(0, size);
      const root = ROOTS[size]!;
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(index, d, sha256);
        expect(proof.map(hex), `${index}/${size}`).toEqual(refPath(index, d).map(hex));
        const leaf = d[index]!;
        await expect(verifyInclusion({ index, size, leaf, proof, root }, sha256)).resolves.toBe(
          true,
        );
        const leafHash = leafH(leaf);
        await expect(verifyInclusion({ index, size, leafHash, proof, root }, sha256)).resolves.toBe(
          true,
        );
      }
    }
  });

  it('covers the size-1 and empty trees', async () => {
    const [only] = makeLeaves(1, 'solo') as [Uint8Array];
    const root = await merkleRoot([only], sha256);
    expect(hex(root)).toBe(hex(leafH(only)));
    expect(await inclusionProof(0, [only], sha256)).toEqual([]);
    expect(await verifyInclusion({ index: 0, size: 1, leaf: only, proof: [], root }, sha256)).toBe(
      true,
    );
    expect(
      await verifyInclusion({ index: 0, size: 1, leaf: enc.encode('x'), proof: [], root }, sha256),
    ).toBe(false);
    // Nothing is included in the empty tree.
    await expect(inclusionProof(0, [], sha256)).rejects.toThrow(RangeError);
    const empty = await emptyRoot(sha256);
    for (const index of [0, -1]) {
      expect(
        await verifyInclusion({ index, size: 0, leaf: only, proof: [], root: empty }, sha256),
      ).toBe(false);
    }
  });

  it('rejects out-of-range indices when generating', async () => {
    const d = LEAVES.slice(0, 5);
    for (const index of [-1, 5, 1.5, Number.NaN]) {
      await expect(inclusionProof(index, d, sha256)).rejects.toThrow(RangeError);
    }
  });
});

describe('consistency proofs', () => {
  it('match RFC 6962 PROOF and verify for every 0 < m <= n <= 40', async () => {
    for (let n = 1; n <= N; n++) {
      const d = LEAVES.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, d, sha256);
        expect(proof.map(hex), `${m}->${n}`).toEqual(refProof(m, d).map(hex));
        const claim = { oldSize: m, newSize: n, oldRoot: ROOTS[m]!, newRoot: ROOTS[n]!, proof };
        await expect(verifyConsistency(claim, sha256), `${m}->${n}`).resolves.toBe(true);
      }
    }
  });

  it('covers the empty tree and equal sizes', async () => {
    const empty = await emptyRoot(sha256);
    for (const n of [0, 1, 2, 7, N]) {
      const d = LEAVES.slice(0, n);
      expect(await consistencyProof(0, d, sha256)).toEqual([]);
      expect(await consistencyProof(n, d, sha256)).toEqual([]);
      const fromEmpty = { oldSize: 0, newSize: n, oldRoot: empty, newRoot: ROOTS[n]!, proof: [] };
      expect(await verifyConsistency(fromEmpty, sha256)).toBe(true);
      // The empty tree has exactly one root.
      if (n > 0) {
        const claim = { ...fromEmpty, oldRoot: ROOTS[1]! };
        expect(await verifyConsistency(claim, sha256)).toBe(false);
      }
      expect(await verifyConsistency({ ...fromEmpty, proof: [empty] }, sha256)).toBe(false);
    }
    const same = { oldSize: 5, newSize: 5, oldRoot: ROOTS[5]!, newRoot: ROOTS[5]!, proof: [] };
    expect(await verifyConsistency(same, sha256)).toBe(true);
    expect(await verifyConsistency({ ...same, newRoot: ROOTS[6]! }, sha256)).toBe(false);
    expect(await verifyConsistency({ ...same, proof: [ROOTS[5]!] }, sha256)).toBe(false);
    const bothEmpty = { oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: [] };
    expect(await verifyConsistency(bothEmpty, sha256)).toBe(true);
    expect(await verifyConsistency({ ...bothEmpty, newRoot: ROOTS[1]! }, sha256)).toBe(false);
  });

  it('rejects out-of-range old sizes when generating', async () => {
    const d = LEAVES.slice(0, 5);
    for (const m of [-1, 6, 2.5, Number.NaN]) {
      await expect(consistencyProof(m, d, sha256)).rejects.toThrow(RangeError);
    }
  });
});

// ---------------------------------------------------------------------------
// Tampering: exhaustive over small trees, then property-based.
// ---------------------------------------------------------------------------

describe('claims about other positions and sizes', () => {
  it('an inclusion proof verifies for another (index, size) only when the path shape is identical', async () => {
    const M = 16;
    let coincidences = 0;
    for (let size = 1; size <= M; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(index, LEAVES.slice(0, size), sha256);
        const leaf = LEAVES[index]!;
        for (let size2 = 0; size2 <= M + 4; size2++) {
          for (let index2 = -1; index2 <= size2; index2++) {
            if (index2 === index && size2 === size) continue;
            const expected = inclusionShape(index2, size2) === inclusionShape(index, size);
            if (expected) coincidences++;
            const claim = { index: index2, size: size2, leaf, proof, root: ROOTS[size]! };
            expect(
              await verifyInclusion(claim, sha256),
              `${index}/${size} as ${index2}/${size2}`,
            ).toBe(expected);
          }
        }
      }
    }
    // Such coincidences exist (e.g. index 4 of 7 vs of 8) and never involve a
    // different index within the same size.
    expect(coincidences).toBeGreaterThan(0);
    expect(inclusionShape(4, 7)).toBe(inclusionShape(4, 8));
  });

  it('a wrong index within the same size never verifies', async () => {
    for (let size = 2; size <= N; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(index, LEAVES.slice(0, size), sha256);
        for (let index2 = 0; index2 < size; index2++) {
          if (index2 === index) continue;
          const claim = { index: index2, size, leaf: LEAVES[index]!, proof, root: ROOTS[size]! };
          expect(await verifyInclusion(claim, sha256)).toBe(false);
        }
      }
    }
  });

  it('a consistency proof verifies for other sizes only when the proof shape is identical', async () => {
    const M = 16;
    let coincidences = 0;
    for (let n = 1; n <= M; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, LEAVES.slice(0, n), sha256);
        for (let n2 = 0; n2 <= M + 4; n2++) {
          for (let m2 = 0; m2 <= n2 + 1; m2++) {
            if (m2 === m && n2 === n) continue;
            const expected = consistencyShape(m2, n2) === consistencyShape(m, n);
            if (expected) coincidences++;
            const claim = {
              oldSize: m2,
              newSize: n2,
              oldRoot: ROOTS[m]!,
              newRoot: ROOTS[n]!,
              proof,
            };
            expect(await verifyConsistency(claim, sha256), `${m}->${n} as ${m2}->${n2}`).toBe(
              expected,
            );
          }
        }
      }
    }
    expect(coincidences).toBeGreaterThan(0);
  });
});

const sizeAndIndex = fc
  .integer({ min: 2, max: N })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));

const oldAndNew = fc
  .integer({ min: 2, max: N })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n)));

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** Returns a copy of `proof` with one byte of one element XOR-ed with a non-zero mask. */
function flipByte(proof: Uint8Array[], which: number, byte: number, mask: number): Uint8Array[] {
  const copy = proof.map((p) => p.slice());
  const target = copy[which % copy.length]!;
  target[byte % target.length]! ^= mask;
  return copy;
}

describe('tampered inclusion proofs (property)', () => {
  const honest = async (size: number, index: number) => {
    const proof = await inclusionProof(index, LEAVES.slice(0, size), sha256);
    return { index, size, leaf: LEAVES[index]!, proof, root: ROOTS[size]! };
  };
  const runs = { numRuns: 300 };

  it('a flipped byte in any proof element fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        sizeAndIndex,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async ([size, index], which, byte, mask) => {
          const claim = await honest(size, index);
          const proof = flipByte(claim.proof, which, byte, mask);
          expect(await verifyInclusion({ ...claim, proof }, sha256)).toBe(false);
        },
      ),
      runs,
    );
  });

  it('dropping, adding or reordering proof elements fails', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, fc.nat(), hash32, async ([size, index], at, extra) => {
        const claim = await honest(size, index);
        const len = claim.proof.length;
        const dropped = claim.proof.filter((_, i) => i !== at % len);
        const added = [...claim.proof];
        added.splice(at % (len + 1), 0, extra);
        const duplicated = [...claim.proof, claim.proof[at % len]!];
        for (const proof of [dropped, added, duplicated, claim.proof.slice(0, -1), []]) {
          expect(await verifyInclusion({ ...claim, proof }, sha256)).toBe(false);
        }
        if (len >= 2) {
          const swapped = [...claim.proof];
          const i = at % (len - 1);
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          expect(await verifyInclusion({ ...claim, proof: swapped }, sha256)).toBe(false);
        }
      }),
      runs,
    );
  });

  it('a wrong index, leaf or root fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        sizeAndIndex,
        fc.integer({ min: -5, max: 2 * N }),
        fc.uint8Array({ maxLength: 40 }),
        hash32,
        async ([size, index], index2, otherLeaf, otherRoot) => {
          const claim = await honest(size, index);
          if (index2 !== index) {
            expect(await verifyInclusion({ ...claim, index: index2 }, sha256)).toBe(false);
          }
          if (!bytesEqual(otherLeaf, claim.leaf)) {
            expect(await verifyInclusion({ ...claim, leaf: otherLeaf }, sha256)).toBe(false);
          }
          expect(await verifyInclusion({ ...claim, root: otherRoot }, sha256)).toBe(false);
          // The root of another size of the same log.
          const otherSize = ROOTS[(size % N) + 1]!;
          expect(await verifyInclusion({ ...claim, root: otherSize }, sha256)).toBe(false);
          // A leaf hash passed as if it were the leaf data.
          const { leaf, ...rest } = claim;
          expect(await verifyInclusion({ ...rest, leaf: leafH(leaf) }, sha256)).toBe(false);
        },
      ),
      runs,
    );
  });

  it('a wrong size fails unless the path shape is identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        sizeAndIndex,
        fc.integer({ min: -1, max: 4 * N }),
        async ([size, index], size2) => {
          fc.pre(size2 !== size);
          const claim = await honest(size, index);
          const expected = inclusionShape(index, size2) === inclusionShape(index, size);
          expect(await verifyInclusion({ ...claim, size: size2 }, sha256)).toBe(expected);
        },
      ),
      runs,
    );
  });
});

describe('tampered consistency proofs (property)', () => {
  const honest = async (m: number, n: number) => {
    const proof = await consistencyProof(m, LEAVES.slice(0, n), sha256);
    return { oldSize: m, newSize: n, oldRoot: ROOTS[m]!, newRoot: ROOTS[n]!, proof };
  };
  const runs = { numRuns: 300 };

  it('a flipped byte in any proof element fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        oldAndNew,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async ([m, n], which, byte, mask) => {
          const claim = await honest(m, n);
          const proof = flipByte(claim.proof, which, byte, mask);
          expect(await verifyConsistency({ ...claim, proof }, sha256)).toBe(false);
        },
      ),
      runs,
    );
  });

  it('dropping, adding or reordering proof elements fails', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, fc.nat(), hash32, async ([m, n], at, extra) => {
        const claim = await honest(m, n);
        const len = claim.proof.length;
        const dropped = claim.proof.filter((_, i) => i !== at % len);
        const added = [...claim.proof];
        added.splice(at % (len + 1), 0, extra);
        const duplicated = [...claim.proof, claim.proof[at % len]!];
        for (const proof of [dropped, added, duplicated, [], [claim.oldRoot, ...claim.proof]]) {
          expect(await verifyConsistency({ ...claim, proof }, sha256)).toBe(false);
        }
        if (len >= 2) {
          const swapped = [...claim.proof];
          const i = at % (len - 1);
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          expect(await verifyConsistency({ ...claim, proof: swapped }, sha256)).toBe(false);
        }
      }),
      runs,
    );
  });

  it('swapped roots fail', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, async ([m, n]) => {
        const claim = await honest(m, n);
        const swapped = { ...claim, oldRoot: claim.newRoot, newRoot: claim.oldRoot };
        expect(await verifyConsistency(swapped, sha256)).toBe(false);
        const reversed = { ...swapped, oldSize: n, newSize: m };
        expect(await verifyConsistency(reversed, sha256)).toBe(false);
      }),
      runs,
    );
  });

  it('an old root from a different history fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        oldAndNew,
        fc.nat(),
        fc.uint8Array({ maxLength: 40 }),
        async ([m, n], at, replacement) => {
          const claim = await honest(m, n);
          // Rewrite one leaf of the old tree.
          const rewritten = LEAVES.slice(0, m);
          const pos = at % m;
          fc.pre(!bytesEqual(rewritten[pos]!, replacement));
          rewritten[pos] = replacement;
          const forgedOld = await merkleRoot(rewritten, sha256);
          expect(await verifyConsistency({ ...claim, oldRoot: forgedOld }, sha256)).toBe(false);
          // An entirely different history of the same size.
          const otherOld = await merkleRoot(makeLeaves(m, 'b'), sha256);
          expect(await verifyConsistency({ ...claim, oldRoot: otherOld }, sha256)).toBe(false);
        },
      ),
      runs,
    );
  });

  it('a new root from a forked history fails', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, fc.nat(), async ([m, n], at) => {
        const claim = await honest(m, n);
        // Same first m leaves, then the fork rewrites one later leaf.
        const forked = LEAVES.slice(0, n);
        forked[m + (at % (n - m))] = enc.encode(`fork:${at}`);
        const forkedRoot = await merkleRoot(forked, sha256);
        expect(await verifyConsistency({ ...claim, newRoot: forkedRoot }, sha256)).toBe(false);
        // The fork's own proof does not link the old tree to the real new root.
        const forkProof = await consistencyProof(m, forked, sha256);
        expect(await verifyConsistency({ ...claim, proof: forkProof }, sha256)).toBe(false);
        // But it is consistent with its own new root, as it should be.
        const own = { ...claim, newRoot: forkedRoot, proof: forkProof };
        expect(await verifyConsistency(own, sha256)).toBe(true);
      }),
      runs,
    );
  });

  it('wrong sizes fail unless the proof shape is identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        oldAndNew,
        fc.integer({ min: -1, max: 2 * N }),
        fc.integer({ min: -1, max: 4 * N }),
        async ([m, n], m2, n2) => {
          fc.pre(m2 !== m || n2 !== n);
          const claim = await honest(m, n);
          const expected = consistencyShape(m2, n2) === consistencyShape(m, n);
          const tampered = { ...claim, oldSize: m2, newSize: n2 };
          expect(await verifyConsistency(tampered, sha256)).toBe(expected);
        },
      ),
      runs,
    );
  });
});

describe('verifiers never throw on malformed input (property)', () => {
  const field = fc.oneof(
    fc.anything(),
    fc.integer({ min: -3, max: 50 }),
    hash32,
    fc.array(fc.oneof(hash32, fc.anything()), { maxLength: 8 }),
  );

  it('verifyInclusion resolves to false', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          index: field,
          size: field,
          leaf: field,
          leafHash: field,
          proof: field,
          root: field,
        }),
        async (claim) => {
          const result = await verifyInclusion(claim as unknown as InclusionClaim, sha256);
          expect(result).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
    for (const claim of [null, undefined, 0, 'x', []]) {
      expect(await verifyInclusion(claim as unknown as InclusionClaim, sha256)).toBe(false);
    }
  });

  it('verifyConsistency resolves to false', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ oldSize: field, newSize: field, oldRoot: field, newRoot: field, proof: field }),
        async (claim) => {
          const result = await verifyConsistency(claim as unknown as ConsistencyClaim, sha256);
          expect(result).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
    for (const claim of [null, undefined, 0, 'x', []]) {
      expect(await verifyConsistency(claim as unknown as ConsistencyClaim, sha256)).toBe(false);
    }
  });

  it('short or malformed hashes are rejected, not thrown on', async () => {
    const size = 8;
    const proof = await inclusionProof(5, LEAVES.slice(0, size), sha256);
    const claim = { index: 5, size, leaf: LEAVES[5]!, proof, root: ROOTS[size]! };
    expect(await verifyInclusion({ ...claim, root: ROOTS[size]!.slice(0, 31) }, sha256)).toBe(
      false,
    );
    const shortFirst = [proof[0]!.slice(1), ...proof.slice(1)];
    expect(await verifyInclusion({ ...claim, proof: shortFirst }, sha256)).toBe(false);
    const { leaf: _leaf, ...byHash } = claim;
    const hashed = { ...byHash, leafHash: leafH(LEAVES[5]!) };
    expect(await verifyInclusion(hashed, sha256)).toBe(true);
    expect(await verifyInclusion({ ...byHash, leafHash: new Uint8Array(0) }, sha256)).toBe(false);
    // Both given but disagreeing.
    const both = { ...claim, leafHash: leafH(LEAVES[4]!) } as unknown as InclusionClaim;
    expect(await verifyInclusion(both, sha256)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Byte helpers
// ---------------------------------------------------------------------------

describe('hex and byte helpers', () => {
  it('round-trips bytes through hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toHex(bytes);
        expect(text).toMatch(/^[0-9a-f]*$/);
        expect(text).toBe(Buffer.from(bytes).toString('hex'));
        expect(fromHex(text)).toEqual(bytes);
        expect(fromHex(text.toUpperCase())).toEqual(bytes);
      }),
    );
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it.each(['0', 'abc', 'zz', '0x00', ' 00', '00 ', 'g0', '-1', '+1', '１２'])(
    'fromHex(%j) throws',
    (bad) => {
      expect(() => fromHex(bad)).toThrow(TypeError);
    },
  );

  it('fromHex rejects non-strings', () => {
    expect(() => fromHex(12 as unknown as string)).toThrow(TypeError);
  });

  it('concatBytes joins parts into a fresh array', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3]);
    const joined = concatBytes(a, new Uint8Array(0), b);
    expect(joined).toEqual(new Uint8Array([1, 2, 3]));
    joined[0] = 9;
    expect(a[0]).toBe(1);
    expect(concatBytes()).toEqual(new Uint8Array(0));
    // Views into a larger buffer are copied by their own range only.
    const view = new Uint8Array([7, 8, 9, 10]).subarray(1, 3);
    expect(concatBytes(view, a)).toEqual(new Uint8Array([8, 9, 1, 2]));
  });
});
