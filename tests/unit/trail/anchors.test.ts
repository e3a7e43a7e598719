import fc from 'fast-check';
import { sm3 } from 'sm-crypto';
import { appendEntries, headOf, type TrailEntry } from '../../../runtime/trail';
import { verifyAnchoredTrail } from '../../../runtime/trail/anchored';
import {
  leafHash,
  merkleRoot,
  merkleTree,
  nodeHash,
  rootFromProof,
} from '../../../runtime/trail/merkle';
import { CASE_ID, sampleEntries } from './fixtures';

const h = (n: number) => sm3(`leaf-${n}`);

describe('the SM3 Merkle tree of anchors (RUN-7)', () => {
  test('a leaf is SM3(0x00 ‖ canonical JSON), a node SM3(0x01 ‖ left ‖ right)', () => {
    const leaf = { caseId: 'c1', seq: 2, hashes: [h(1), h(2)] };
    const text = `{"caseId":"c1","hashes":["${h(1)}","${h(2)}"],"seq":2}`;
    expect(leafHash(leaf)).toBe(sm3([0, ...Buffer.from(text, 'utf8')]));
    expect(nodeHash(h(1), h(2))).toBe(
      sm3([1, ...Buffer.from(h(1), 'hex'), ...Buffer.from(h(2), 'hex')]),
    );
  });

  test('an odd last node is promoted unchanged: three leaves give node(node(a,b), c)', () => {
    expect(merkleRoot([h(1)])).toBe(h(1));
    expect(merkleRoot([h(1), h(2), h(3)])).toBe(nodeHash(nodeHash(h(1), h(2)), h(3)));
    expect(merkleRoot([h(1), h(2), h(3), h(4), h(5)])).toBe(
      nodeHash(nodeHash(nodeHash(h(1), h(2)), nodeHash(h(3), h(4))), h(5)),
    );
  });

  test('every leaf’s proof leads to the root, and no other leaf does with it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (n) => {
        const leaves = Array.from({ length: n }, (_, i) => h(i));
        const { root, proofs } = merkleTree(leaves);
        expect(root).toBe(merkleRoot(leaves));
        leaves.forEach((leaf, i) => {
          expect(rootFromProof(leaf, proofs[i]!)).toBe(root);
          expect(rootFromProof(h(1000 + i), proofs[i]!)).not.toBe(root);
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('a trail checked against its anchors (RUN-7)', () => {
  const entries = appendEntries({ caseId: CASE_ID, head: null }, sampleEntries());
  const n = entries.length;
  const anchoredAll = [{ anchor: 1, seq: n, hashes: entries.map((e) => e.hash) }];

  /** Entry k's opinion changed, and every hash from k on recomputed. */
  function rewritten(k: number): TrailEntry[] {
    const kept = entries.slice(0, k - 1);
    const rest = entries
      .slice(k - 1)
      .map(
        ({ seq: _s, hash: _h, prevHash: _p, caseId: _c, ...e }) =>
          JSON.parse(JSON.stringify(e)) as typeof e,
      );
    const target = rest[0]!;
    if (target.process) target.process.opinion = '篡改';
    else target.at = '2025-01-01T00:00:00.000Z';
    return [...kept, ...appendEntries({ caseId: CASE_ID, head: headOf(kept) }, rest as never)];
  }

  test('an intact trail passes with every head it had anchored', () => {
    const head = headOf(entries);
    expect(
      verifyAnchoredTrail(CASE_ID, entries, { head, stateHead: head, anchored: anchoredAll }),
    ).toEqual({ ok: true, head, anchoredSeq: n });
  });

  test('a recomputed chain with both heads rewritten is named exactly at the altered entry', () => {
    for (let k = 1; k <= n; k += 1) {
      const forged = rewritten(k);
      const head = headOf(forged);
      expect(
        verifyAnchoredTrail(CASE_ID, forged, { head, stateHead: head, anchored: anchoredAll }),
      ).toMatchObject({ ok: false, firstBadSeq: k, reason: 'anchorMismatch' });
    }
  });

  test('anchored in two periods: an alteration in either is named exactly', () => {
    const split = [
      { anchor: 1, seq: 2, hashes: entries.slice(0, 2).map((e) => e.hash) },
      { anchor: 2, seq: n, hashes: entries.slice(2).map((e) => e.hash) },
    ];
    const forged = rewritten(n - 1);
    const head = headOf(forged);
    expect(
      verifyAnchoredTrail(CASE_ID, forged, { head, stateHead: head, anchored: split }),
    ).toMatchObject({ firstBadSeq: n - 1, reason: 'anchorMismatch' });
  });

  test('after the last anchored entry, a state head the chain does not end in bounds the alteration', () => {
    const partial = [{ anchor: 1, seq: 2, hashes: entries.slice(0, 2).map((e) => e.hash) }];
    const forged = rewritten(4);
    expect(
      verifyAnchoredTrail(CASE_ID, forged, {
        head: headOf(forged),
        stateHead: headOf(entries),
        anchored: partial,
      }),
    ).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'stateHeadMismatch' });
  });

  test('an anchored entry removed from the end, with heads set back, is found', () => {
    const shorter = entries.slice(0, n - 1);
    const head = headOf(shorter);
    expect(
      verifyAnchoredTrail(CASE_ID, shorter, { head, stateHead: head, anchored: anchoredAll }),
    ).toMatchObject({ ok: false, firstBadSeq: n, reason: 'truncated' });
  });

  test('the chain’s own finding wins when it is earlier', () => {
    const edited = entries.map((e) => JSON.parse(JSON.stringify(e)) as typeof e);
    edited[0]!.at = '2020-01-01T00:00:00.000Z';
    const head = headOf(entries);
    expect(
      verifyAnchoredTrail(CASE_ID, edited, { head, stateHead: head, anchored: anchoredAll }),
    ).toMatchObject({ firstBadSeq: 1, reason: 'altered' });
  });
});
