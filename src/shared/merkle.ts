/**
 * RFC 6962 / RFC 9162 (Certificate Transparency) Merkle tree over byte-array
 * leaves, with an injected asynchronous hash function so the same code runs in
 * Node and in the browser.
 *
 * - empty tree:  MTH({}) = H("")
 * - leaf:        MTH({d}) = H(0x00 || d)
 * - node:        MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])),
 *                k = the largest power of two smaller than n
 *
 * Tree sizes and indices are JavaScript numbers and must be safe integers.
 * A root hash does not commit to the tree size on its own: inclusion and
 * consistency proofs are only meaningful for a (size, root) pair taken from
 * the same authenticated tree head.
 */

/** Asynchronous hash function, e.g. SHA-256 via WebCrypto or node:crypto. */
export type HashFn = (data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

// ---------------------------------------------------------------------------
// Byte helpers
// ---------------------------------------------------------------------------

const HEX_DIGITS = '0123456789abcdef';
const HEX_PATTERN = /^[0-9a-fA-F]*$/;

/** Encodes bytes as lowercase hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  return out;
}

/** Decodes a hexadecimal string (either case); throws a TypeError on odd length or bad characters. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (typeof hex !== 'string') throw new TypeError('fromHex: expected a string');
  if (hex.length % 2 !== 0) throw new TypeError('fromHex: odd number of hex digits');
  if (!HEX_PATTERN.test(hex)) throw new TypeError('fromHex: invalid hex character');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Concatenates byte arrays into a new Uint8Array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) {
    if (!(part instanceof Uint8Array))
      throw new TypeError('concatBytes: expected Uint8Array parts');
    length += part.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Byte-wise equality of two byte arrays. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Hashing primitives
// ---------------------------------------------------------------------------

/** Root of the empty tree: H(""). */
export function emptyRoot(hash: HashFn): Promise<Uint8Array> {
  return hash(new Uint8Array(0));
}

/** Leaf hash: H(0x00 || leaf). */
export function hashLeaf(leaf: Uint8Array, hash: HashFn): Promise<Uint8Array> {
  return hash(concatBytes(LEAF_PREFIX, leaf));
}

/** Interior node hash: H(0x01 || left || right). */
export function hashChildren(
  left: Uint8Array,
  right: Uint8Array,
  hash: HashFn,
): Promise<Uint8Array> {
  return hash(concatBytes(NODE_PREFIX, left, right));
}

/** Largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function checkLeaves(leaves: readonly Uint8Array[]): void {
  if (!Array.isArray(leaves)) throw new TypeError('merkle: leaves must be an array');
}

/**
 * The root of a stream of leaves, appended one by one as a CT log appends them: a stack of
 * perfect subtree roots, O(log n) memory whatever the number of leaves.
 */
export class MerkleAccumulator {
  private readonly roots: Uint8Array[] = [];
  private readonly sizes: number[] = [];
  /** Leaves appended so far. */
  count = 0;

  constructor(private readonly hash: HashFn) {}

  async push(leaf: Uint8Array): Promise<void> {
    if (!isBytes(leaf)) throw new TypeError(`merkle: leaf ${this.count} is not a Uint8Array`);
    let node = await hashLeaf(leaf, this.hash);
    let size = 1;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      this.sizes.pop();
      node = await hashChildren(this.roots.pop()!, node, this.hash);
      size *= 2;
    }
    this.roots.push(node);
    this.sizes.push(size);
    this.count++;
  }

  /** MTH of the leaves so far. */
  async root(): Promise<Uint8Array> {
    if (this.roots.length === 0) return emptyRoot(this.hash);
    // The subtrees have strictly decreasing sizes (the binary digits of the leaf count);
    // folding them right to left reproduces the RFC split.
    let root = this.roots[this.roots.length - 1]!;
    for (let i = this.roots.length - 2; i >= 0; i--) {
      root = await hashChildren(this.roots[i]!, root, this.hash);
    }
    return root;
  }
}

/** MTH(D[start:end]). */
async function rangeRoot(
  leaves: readonly Uint8Array[],
  start: number,
  end: number,
  hash: HashFn,
): Promise<Uint8Array> {
  const accumulator = new MerkleAccumulator(hash);
  for (let i = start; i < end; i++) await accumulator.push(leaves[i] as Uint8Array);
  return accumulator.root();
}

// ---------------------------------------------------------------------------
// Tree hash and proofs
// ---------------------------------------------------------------------------

/** Merkle Tree Hash of `leaves` (RFC 6962 §2.1); H("") for an empty list. */
export async function merkleRoot(leaves: readonly Uint8Array[], hash: HashFn): Promise<Uint8Array> {
  checkLeaves(leaves);
  return rangeRoot(leaves, 0, leaves.length, hash);
}

/** MTH of the leaves [lo, hi) of a tree, however they are stored. */
export type RangeRoot = (lo: number, hi: number) => Promise<Uint8Array>;

function leafRanges(leaves: readonly Uint8Array[], hash: HashFn): RangeRoot {
  return (lo, hi) => rangeRoot(leaves, lo, hi, hash);
}

/**
 * Audit path for leaf `index` in the tree over all of `leaves`
 * (RFC 6962 §2.1.1 PATH), ordered from the leaf level up to the root.
 */
export async function inclusionProof(
  index: number,
  leaves: readonly Uint8Array[],
  hash: HashFn,
): Promise<Uint8Array[]> {
  checkLeaves(leaves);
  return inclusionProofOver(index, leaves.length, leafRanges(leaves, hash));
}

/**
 * The same path in a tree of `n` leaves whose subtree roots come from `root`: every range
 * asked for is an aligned perfect subtree or ends at `n`, so a store of subtree roots
 * answers it in O(log n).
 */
export async function inclusionProofOver(
  index: number,
  n: number,
  root: RangeRoot,
): Promise<Uint8Array[]> {
  if (!isSize(index) || index >= n) {
    throw new RangeError(`inclusionProof: index ${String(index)} out of range for size ${n}`);
  }
  const path: Uint8Array[] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      path.push(await root(lo + k, hi));
      hi = lo + k;
    } else {
      path.push(await root(lo, lo + k));
      lo += k;
    }
  }
  return path.reverse();
}

/**
 * Consistency proof between the tree over the first `oldSize` leaves and the
 * tree over all of `leaves` (RFC 6962 §2.1.2 PROOF). Empty when `oldSize` is
 * 0 or equal to the current size.
 */
export async function consistencyProof(
  oldSize: number,
  leaves: readonly Uint8Array[],
  hash: HashFn,
): Promise<Uint8Array[]> {
  checkLeaves(leaves);
  return consistencyProofOver(oldSize, leaves.length, leafRanges(leaves, hash));
}

/** The same proof in a tree of `n` leaves whose subtree roots come from `root`. */
export async function consistencyProofOver(
  oldSize: number,
  n: number,
  root: RangeRoot,
): Promise<Uint8Array[]> {
  if (!isSize(oldSize) || oldSize > n) {
    throw new RangeError(`consistencyProof: oldSize ${String(oldSize)} out of range for size ${n}`);
  }
  if (oldSize === 0 || oldSize === n) return [];
  // Iterative SUBPROOF(m, D[lo:hi], b); nodes are collected from the root
  // down and reversed at the end.
  const proof: Uint8Array[] = [];
  let m = oldSize;
  let lo = 0;
  let hi = n;
  let complete = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      proof.push(await root(lo + k, hi));
      hi = lo + k;
    } else {
      proof.push(await root(lo, lo + k));
      lo += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(await root(lo, hi));
  return proof.reverse();
}

/** Claim checked by {@link verifyInclusion}: give either the leaf data or its leaf hash. */
export type InclusionClaim = {
  index: number;
  size: number;
  proof: readonly Uint8Array[];
  root: Uint8Array;
} & ({ leaf: Uint8Array; leafHash?: undefined } | { leafHash: Uint8Array; leaf?: undefined });

/**
 * Verifies an inclusion proof (RFC 9162 §2.1.3.2). Returns false for any
 * malformed or non-matching input; rejects only if the hash function does.
 */
export async function verifyInclusion(claim: InclusionClaim, hash: HashFn): Promise<boolean> {
  if (typeof claim !== 'object' || claim === null) return false;
  const { index, size, proof, root, leaf, leafHash } = claim;
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!isBytes(root) || !Array.isArray(proof) || !proof.every(isBytes)) return false;

  let r: Uint8Array;
  if (leaf !== undefined) {
    if (!isBytes(leaf)) return false;
    r = await hashLeaf(leaf, hash);
    if (leafHash !== undefined && !(isBytes(leafHash) && bytesEqual(leafHash, r))) return false;
  } else if (isBytes(leafHash)) {
    r = leafHash;
  } else {
    return false;
  }

  let fn = index;
  let sn = size - 1;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(p, r, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await hashChildren(r, p, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** Claim checked by {@link verifyConsistency}. */
export type ConsistencyClaim = {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
};

/**
 * Verifies that the tree with `oldRoot` of `oldSize` leaves is a prefix of
 * the tree with `newRoot` of `newSize` leaves (RFC 9162 §2.1.4.2). When
 * `oldSize` is 0 the proof must be empty and `oldRoot` must be the empty-tree
 * hash; when the sizes are equal the proof must be empty and the roots equal.
 * Returns false for any malformed or non-matching input; rejects only if the
 * hash function does.
 */
export async function verifyConsistency(claim: ConsistencyClaim, hash: HashFn): Promise<boolean> {
  if (typeof claim !== 'object' || claim === null) return false;
  const { oldSize, newSize, oldRoot, newRoot, proof } = claim;
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isBytes(oldRoot) || !isBytes(newRoot)) return false;
  if (!Array.isArray(proof) || !proof.every(isBytes)) return false;

  if (oldSize === 0) {
    if (proof.length !== 0 || !bytesEqual(oldRoot, await emptyRoot(hash))) return false;
    return newSize > 0 || bytesEqual(oldRoot, newRoot);
  }
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;

  // A power-of-two old tree is a complete subtree of the new one; its root is
  // the first node of the path and is not sent in the proof.
  const path: readonly Uint8Array[] = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;

  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await hashChildren(c, fr, hash);
      sr = await hashChildren(c, sr, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await hashChildren(sr, c, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
