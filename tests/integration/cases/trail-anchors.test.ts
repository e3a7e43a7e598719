import { execFile } from 'node:child_process';
import path from 'node:path';
import { sm2 } from 'sm-crypto';
import { appendEntries, type TrailEntry } from '../../../runtime/trail';
import { leafHash, rootFromProof, type ProofStep } from '../../../runtime/trail/merkle';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { auditTrails, formatAudit } from '../../../server/trail-anchors/audit';
import { ApiClient } from '../../support/client';
import { testDatabaseUri, useTestDatabase } from '../../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../../support/server';
import {
  approvedItem,
  caseWorld,
  COMPANY,
  must,
  windowCase,
  workItemAt,
  type World,
} from './world';

interface Verify {
  ok: boolean;
  firstBadSeq?: number;
  reason?: string;
  message: string;
  anchoredSeq?: number;
  anchorProblems?: string[];
}
interface PublicAnchor {
  no: number;
  at: string;
  leafCount: number;
  root: string;
  prev: string | null;
  signature: string;
  hash: string;
  statement: string;
}

/** RUN-7: trails anchored outside the database — signed Merkle roots, proofs, the audit. */
describe('trail anchors (RUN-7)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;
  let anonymous: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief', 'admin']);
    itemId = await approvedItem(world);
    anonymous = new ApiClient(server.baseUrl);
  });
  afterAll(() => server.close());

  /** A case with four entries: apply, accept, claim, complete (opinion 符合条件 at seq 4). */
  async function handledCase(): Promise<{ id: string; caseNo: string }> {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept', opinion: '予以受理' });
    const review = await workItemAt(world, 'aj.officer', id, 'review');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: review });
    world.clock.minutes(30);
    await must(world, 'aj.officer', id, {
      type: 'complete',
      workItemId: review,
      opinion: '符合条件',
    });
    return { id, caseNo: accepted.caseNo! };
  }

  const raw = () => server.cases.store.collection;
  /** Entries of a case's trail: its commands and the notices recorded after them (RUN-10). */
  const trailLength = async (id: string) => (await server.cases.store.fresh(id))!.trail.length;
  const verify = async (id: string) =>
    (await world.as['aj.chief']!.get(`/api/cases/${id}/trail/verify`)).body as Verify;
  const anchorNow = async () => {
    // Notices made after a command are recorded on their case: anchor once they are in.
    await server.cases.projector.settled();
    const res = await world.as.admin!.post('/api/trail-anchors', {});
    expect(res.status).toBe(200);
    return res.body as { anchored: boolean; no?: number; leafCount?: number };
  };

  /**
   * What someone with write access to the database does: changes entry 2's opinion (受理意见),
   * recomputes every later hash, and sets the document's head and, if asked, the state's head.
   */
  async function rewriteOpinion(id: string, options: { stateHead: boolean }) {
    const doc = (await server.cases.store.fresh(id))!;
    const first = doc.trail.slice(0, 1);
    const rest = doc.trail
      .slice(1)
      .map(({ seq: _s, hash: _h, prevHash: _p, caseId: _c, ...e }) => e);
    rest[0]!.process!.opinion = '篡改后的意见';
    const rebuilt: TrailEntry[] = [
      ...first,
      ...appendEntries({ caseId: id, head: { seq: 1, hash: first[0]!.hash } }, rest as never),
    ];
    const head = { seq: rebuilt.length, hash: rebuilt[rebuilt.length - 1]!.hash };
    const stored = (await raw().findOne({ _id: id }))!;
    const state = JSON.parse(stored.state) as { trailHead: unknown };
    if (options.stateHead) state.trailHead = head;
    await raw().updateOne(
      { _id: id },
      {
        $set: {
          trail: rebuilt.map((e) => JSON.stringify(e)),
          trailHead: head,
          state: JSON.stringify(state),
        },
      },
    );
    expect(rebuilt[1]!.hash).not.toBe(doc.trail[1]!.hash);
  }

  test('RUN-7: anchoring is for administrators; an anchor covers the cases whose trail grew, once', async () => {
    const res = await world.as['aj.chief']!.post('/api/trail-anchors', {});
    expect(res.status).toBe(403);
    const { id } = await handledCase();
    const first = await anchorNow();
    expect(first).toMatchObject({ anchored: true, no: 1 });
    expect(first.leafCount).toBeGreaterThanOrEqual(1);
    expect(await anchorNow()).toMatchObject({ anchored: false });
    expect(await verify(id)).toMatchObject({ ok: true, anchoredSeq: await trailLength(id) });
    const clean = await auditTrails(t.connection, new PersonalDataCipher(TEST_DATA_KEY));
    expect(clean).toMatchObject({ chainProblems: [], failures: [] });
    expect(formatAudit(clean)).toContain('校验通过');
  });

  test('RUN-7: an opinion rewritten with the chain, the document head and the state head recomputed is named at its entry once anchored', async () => {
    const { id } = await handledCase();
    await anchorNow();
    expect(await verify(id)).toMatchObject({ ok: true, anchoredSeq: await trailLength(id) });
    await rewriteOpinion(id, { stateHead: true });
    const result = await verify(id);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'anchorMismatch' });
    expect(result.message).toContain('第 2 条');
  });

  test('RUN-7: before any anchor, a rewritten chain whose state head was left is found by the state head, not passed', async () => {
    const { id } = await handledCase();
    await rewriteOpinion(id, { stateHead: false });
    const result = await verify(id);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 1, reason: 'stateHeadMismatch' });
    expect(result.message).toContain('尚无锚定');
  });

  test('RUN-7: audit:trails names the case and the altered entry, as a function and as the command', async () => {
    const { id, caseNo } = await handledCase();
    await anchorNow();
    await rewriteOpinion(id, { stateHead: true });
    const report = await auditTrails(t.connection, new PersonalDataCipher(TEST_DATA_KEY));
    expect(report.failures).toContainEqual(
      expect.objectContaining({ caseId: id, caseNo, firstBadSeq: 2, reason: 'anchorMismatch' }),
    );

    const uri = new URL(testDatabaseUri());
    uri.pathname = `/${t.connection.name}`;
    const root = path.join(__dirname, '..', '..', '..');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        path.join(root, 'node_modules', '.bin', 'tsx'),
        ['server/trail-anchors/audit-main.ts'],
        {
          cwd: root,
          env: { ...process.env, MONGODB_URI: uri.toString(), DATA_KEY: TEST_DATA_KEY },
          timeout: 60_000,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number(err.code ?? -1) : 0, stdout, stderr }),
      ),
    );
    expect(run.stderr).not.toContain('审计失败');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`办件 ${caseNo}（${id}）：第 2 条，anchorMismatch`);
    expect(run.stdout).toContain('校验未通过');
  }, 90_000);

  test('RUN-7: anchor signatures verify with the published public key; a case’s proof leads to a published root', async () => {
    const { id, caseNo } = await handledCase();
    await anchorNow();
    const list = await anonymous.get('/api/transparency/anchors?pageSize=50');
    expect(list.status).toBe(200);
    const { publicKey, items } = list.body as { publicKey: string; items: PublicAnchor[] };
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const a of items) {
      expect(JSON.parse(a.statement)).toEqual({
        at: a.at,
        leafCount: a.leafCount,
        no: a.no,
        prev: a.prev,
        root: a.root,
        scheme: 'trail-anchor/sm3-sm2/v1',
      });
      expect(sm2.doVerifySignature(a.statement, a.signature, publicKey, { hash: true })).toBe(true);
      // The signature is over the statement: another root does not verify.
      const forged = a.statement.replace(a.root, 'f'.repeat(64));
      expect(sm2.doVerifySignature(forged, a.signature, publicKey, { hash: true })).toBe(false);
    }
    // Each anchor links to the one before.
    for (const a of items) {
      const before = items.find((b) => b.no === a.no - 1);
      if (before) expect(a.prev).toBe(before.hash);
    }

    const proofRes = await anonymous.get(
      `/api/transparency/proof?caseNo=${encodeURIComponent(caseNo)}`,
    );
    expect(proofRes.status).toBe(200);
    const proof = proofRes.body as {
      caseId: string;
      records: {
        anchor: PublicAnchor;
        leaf: { caseId: string; seq: number; hashes: string[] };
        proof: ProofStep[];
      }[];
    };
    expect(proof.caseId).toBe(id);
    expect(JSON.stringify(proof)).not.toContain(COMPANY.idNumber);
    expect(JSON.stringify(proof)).not.toContain(COMPANY.name);
    const [record] = proof.records;
    // The auditor's side: the leaf from the case's own trail, the root from the published list.
    const trail = (await server.cases.store.fresh(id))!.trail;
    const leaf = { caseId: id, seq: trail.length, hashes: trail.map((e) => e.hash) };
    expect(record!.leaf).toEqual(leaf);
    const published = items.find((a) => a.no === record!.anchor.no)!;
    expect(rootFromProof(leafHash(leaf), record!.proof)).toBe(published.root);
    const altered = { ...leaf, hashes: [...leaf.hashes.slice(0, -1), 'a'.repeat(64)] };
    expect(rootFromProof(leafHash(altered), record!.proof)).not.toBe(published.root);

    expect((await anonymous.get('/api/transparency/proof?caseNo=NOPE')).status).toBe(404);
    expect((await anonymous.get('/api/transparency/proof')).status).toBe(400);
  });

  test('RUN-7: the transparency page is plain HTML without scripts and lists the signed roots', async () => {
    const res = await fetch(`${server.baseUrl}/portal/transparency`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(page).not.toMatch(/<script/i);
    const { publicKey, items } = (await anonymous.get('/api/transparency/anchors')).body as {
      publicKey: string;
      items: PublicAnchor[];
    };
    expect(page).toContain(publicKey);
    for (const a of items) {
      expect(page).toContain(a.root);
      expect(page).toContain(a.signature);
    }
    expect(page).toContain('<caption>');
    expect((await fetch(`${server.baseUrl}/portal/transparency?page=0`)).status).toBe(400);
  });

  test('RUN-7: a deleted anchor is detected, by the chain check and by the cases it held', async () => {
    const { id } = await handledCase();
    const made = await anchorNow();
    // A later anchor links to it.
    await handledCase();
    await anchorNow();
    await server.trailAnchors.checkChain().then((c) => expect(c.problems).toEqual([]));
    await t.connection.collection('trailAnchors').deleteOne({ _id: made.no as never });
    const chain = await server.trailAnchors.checkChain();
    expect(chain.problems).toContainEqual(expect.stringContaining(`第 ${made.no} 号锚定不在库中`));
    const result = await verify(id);
    expect(result).toMatchObject({ ok: false, reason: 'anchorRecords' });
    expect(result.message).toContain(`第 ${made.no} 号锚定`);
    const report = await auditTrails(t.connection, new PersonalDataCipher(TEST_DATA_KEY));
    expect(report.chainProblems.length).toBeGreaterThan(0);
    expect(report.failures).toContainEqual(
      expect.objectContaining({ caseId: id, reason: 'anchorRecords' }),
    );
  });
});
