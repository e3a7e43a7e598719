import { sm3 } from 'sm-crypto';
import { canonicalJson } from './canonical-json';

/**
 * The SM3 Merkle tree that anchors trails outside the database (RUN-7, docs/transparency.md).
 * Leaves and inner nodes are hashed with different first bytes (0x00, 0x01), as RFC 6962 does,
 * so no inner node can pass for a leaf. A level with an odd number of nodes promotes its last
 * node unchanged to the next level (it is never paired with itself), so each root has one tree.
 */

/** What one case contributes to an anchor: every head its trail had since its previous anchor. */
export interface AnchorLeaf {
  caseId: string;
  /** The head's seq: the last entry anchored. */
  seq: number;
  /** Hashes of entries seq − hashes.length + 1 … seq, in order; the last is the head's hash. */
  hashes: string[];
}

export type ProofStep = { side: 'left' | 'right'; hash: string };

const HASH_RE = /^[0-9a-f]{64}$/;
const utf8 = new TextEncoder();
const hexBytes = (hex: string): number[] => {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
};

/** A leaf as it is hashed: the canonical JSON of {caseId, hashes, seq}. */
export function leafText(leaf: AnchorLeaf): string {
  return canonicalJson({ caseId: leaf.caseId, hashes: leaf.hashes, seq: leaf.seq });
}

/** Why a leaf cannot be anchored, or undefined. */
export function leafProblem(leaf: AnchorLeaf): string | undefined {
  if (typeof leaf.caseId !== 'string' || !leaf.caseId) return '缺少办件标识';
  if (!Array.isArray(leaf.hashes) || !leaf.hashes.length) return '没有摘要';
  if (!leaf.hashes.every((h) => typeof h === 'string' && HASH_RE.test(h))) return '摘要格式无效';
  if (!Number.isInteger(leaf.seq) || leaf.seq < leaf.hashes.length) return '序号无效';
  return undefined;
}

/** SM3(0x00 ‖ UTF-8 of the leaf's canonical JSON). */
export function leafHash(leaf: AnchorLeaf): string {
  return sm3([0, ...utf8.encode(leafText(leaf))]);
}

/** SM3(0x01 ‖ left ‖ right), each hash as its 32 bytes. */
export function nodeHash(left: string, right: string): string {
  return sm3([1, ...hexBytes(left), ...hexBytes(right)]);
}

/** Every level of the tree, leaves first; the last level holds the root alone. */
function levels(leafHashes: readonly string[]): string[][] {
  if (!leafHashes.length) throw new Error('没有叶子的默克尔树没有根');
  const all = [[...leafHashes]];
  let level = all[0]!;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    all.push(next);
    level = next;
  }
  return all;
}

export function merkleRoot(leafHashes: readonly string[]): string {
  const all = levels(leafHashes);
  return all[all.length - 1]![0]!;
}

/** The root and, for every leaf, the siblings from the leaf up (a promoted node has none). */
export function merkleTree(leafHashes: readonly string[]): { root: string; proofs: ProofStep[][] } {
  const all = levels(leafHashes);
  const proofs = leafHashes.map((_, leaf) => {
    const steps: ProofStep[] = [];
    let i = leaf;
    for (const level of all.slice(0, -1)) {
      const sibling = i ^ 1;
      if (sibling < level.length)
        steps.push({ side: sibling < i ? 'left' : 'right', hash: level[sibling]! });
      i >>= 1;
    }
    return steps;
  });
  return { root: all[all.length - 1]![0]!, proofs };
}

/** The root a leaf hash and its proof lead to. */
export function rootFromProof(leaf: string, proof: readonly ProofStep[]): string {
  return proof.reduce(
    (acc, step) => (step.side === 'left' ? nodeHash(step.hash, acc) : nodeHash(acc, step.hash)),
    leaf,
  );
}
