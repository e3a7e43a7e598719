import {
  appendEntries,
  canonicalJson,
  CanonicalJsonError,
  genesisHash,
  headOf,
  readTrailData,
  sm3Hex,
  storageProblem,
  TrailError,
  verifyTrail,
  type NewTrailEntry,
  type TrailActor,
  type TrailEntry,
} from '../../../runtime/trail';
import { CASE_ID, OTHER_CASE_ID, sampleEntries } from './fixtures';

const fresh = (caseId = CASE_ID) => appendEntries({ caseId, head: null }, sampleEntries());
const copy = (entries: TrailEntry[]) => JSON.parse(JSON.stringify(entries)) as TrailEntry[];
/** What a forger with write access to the database could do: recompute an entry's own hash. */
const rehash = (e: TrailEntry): TrailEntry => {
  const { hash: _old, ...rest } = e;
  return { ...rest, hash: sm3Hex(canonicalJson(rest)) };
};

describe('RUN-7 appendEntries numbers, links and hashes entries', () => {
  test('the first entry links to the case’s genesis, each next one to the one before', () => {
    const entries = fresh();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]!.prevHash).toBe(genesisHash(CASE_ID));
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(entries.every((e) => e.caseId === CASE_ID)).toBe(true);
  });

  test('the genesis is SM3 of the case id and the scheme in canonical JSON, and differs per case', () => {
    expect(genesisHash(CASE_ID)).toBe(
      sm3Hex(`{"caseId":"${CASE_ID}","scheme":"case-trail/sm3/v1"}`),
    );
    expect(genesisHash(CASE_ID)).not.toBe(genesisHash(OTHER_CASE_ID));
  });

  test('a hash is SM3 of the canonical JSON of the stored entry without its hash — recomputable', () => {
    for (const entry of fresh()) {
      const { hash, ...rest } = entry;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(sm3Hex(canonicalJson(rest))).toBe(hash);
    }
  });

  test('appending after a head continues the same chain', () => {
    const all = fresh();
    const firstTwo = appendEntries({ caseId: CASE_ID, head: null }, sampleEntries().slice(0, 2));
    const rest = appendEntries(
      { caseId: CASE_ID, head: headOf(firstTwo) },
      sampleEntries().slice(2),
    );
    expect([...firstTwo, ...rest]).toEqual(all);
    expect(verifyTrail(CASE_ID, all)).toEqual({ ok: true, head: { seq: 5, hash: all[4]!.hash } });
  });

  test('times are stored as UTC ISO strings, whatever offset they came with', () => {
    const [apply, accept] = fresh();
    expect(apply!.at).toBe('2025-09-28T01:12:00.000Z');
    expect(apply!.application!.appliedAt).toBe('2025-09-28T01:10:00.000Z');
    expect(accept!.process!.stepStartedAt).toBe('2025-09-28T01:30:00.000Z');
    const [withDate] = appendEntries({ caseId: CASE_ID, head: null }, [
      { ...sampleEntries()[1]!, at: new Date('2025-09-28T02:00:00Z') },
    ]);
    expect(withDate!.at).toBe('2025-09-28T02:00:00.000Z');
  });

  test('form data with dotted or $ keys and nested arrays is kept as canonical JSON text (FerretDB)', () => {
    const [apply] = fresh();
    expect(typeof apply!.data).toBe('string');
    expect(apply!.data).toBe(
      '{"$kind":"新办","company.name":"温州瓯江化工有限公司","goods":[["乙醇","EtOH"]]}',
    );
    expect(readTrailData(apply!)).toEqual({
      'company.name': '温州瓯江化工有限公司',
      $kind: '新办',
      goods: [['乙醇', 'EtOH']],
    });
    for (const entry of fresh()) expect(storageProblem(entry)).toBeUndefined();
  });

  test('the process record carries the source’s fields; the conclusion carries the result record (RUN-8, RUN-9)', () => {
    const [apply, accept, , , conclude] = fresh();
    expect(apply!.application).toMatchObject({
      caseName: expect.any(String),
      channel: 'online',
      applicant: { idType: 'creditCode' },
      contact: { name: '王海' },
      promisedLimit: { value: 10, unit: 'workingDays' },
    });
    expect(accept).toMatchObject({
      actor: { staffNo: 'AJ0017', name: '陈晓燕', post: { name: '受理岗' } },
      process: {
        department: { name: '温州市龙湾区应急管理局' },
        office: { name: '行政审批科' },
        itemCode: '33030300AJ-XK-0001',
        step: { name: '受理' },
        stepState: 'completed',
        opinion: '材料齐全，予以受理',
      },
    });
    expect(conclude!.result).toEqual({
      department: { id: 'u-ajj', name: '温州市龙湾区应急管理局' },
      itemCode: '33030300AJ-XK-0001',
      finalState: 'granted',
      opinion: '准予许可',
      attachments: [{ fileId: 'g-09', name: '准予许可决定书.pdf', sm3: 'b'.repeat(64) }],
      concludedAt: '2025-10-10T08:30:00.000Z',
    });
  });

  const one = sampleEntries()[1]!;
  test.each<[string, NewTrailEntry, string]>([
    ['an unknown action', { ...one, action: 'delete' as never }, '操作「delete」无效'],
    ['an actor without a name', { ...one, actor: { kind: 'staff', name: ' ' } }, '缺少办理人姓名'],
    ['a time without an offset', { ...one, at: '2025-09-28T10:00:00' }, '带时区'],
    [
      'a dotted key outside data',
      { ...one, actor: { kind: 'staff', name: '陈晓燕', 'post.name': 'x' } as TrailActor },
      '不能作为数据库字段名',
    ],
  ])('%s is refused', (_name, entry, message) => {
    expect(() => appendEntries({ caseId: CASE_ID, head: null }, [entry])).toThrow(TrailError);
    expect(() => appendEntries({ caseId: CASE_ID, head: null }, [entry])).toThrow(message);
  });

  test('data JSON cannot hold is refused before anything is stored', () => {
    const entry = { ...one, data: { when: new Map() } as never };
    expect(() => appendEntries({ caseId: CASE_ID, head: null }, [entry])).toThrow(
      CanonicalJsonError,
    );
  });

  test('a head that is not a head is refused', () => {
    expect(() => appendEntries({ caseId: CASE_ID, head: { seq: 0, hash: 'x' } }, [one])).toThrow(
      '末端',
    );
  });
});

describe('RUN-7 verifyTrail finds every kind of tampering', () => {
  test('an untouched trail, read back from the database with its _id fields, verifies', () => {
    const stored = copy(fresh()).map((e, i) => ({ _id: `t${i}`, ...e }));
    expect(verifyTrail(CASE_ID, stored)).toMatchObject({ ok: true, head: { seq: 5 } });
    expect(verifyTrail(CASE_ID, [])).toEqual({ ok: true, head: null });
  });

  test('a changed opinion is found at its entry', () => {
    const t = copy(fresh());
    t[1]!.process!.opinion = '材料不齐，不予受理';
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'altered' });
  });

  test('a changed time, actor or data is found', () => {
    const at = copy(fresh());
    at[3]!.at = '2025-10-09T01:00:00.000Z';
    expect(verifyTrail(CASE_ID, at)).toMatchObject({ firstBadSeq: 4, reason: 'altered' });
    const who = copy(fresh());
    who[4]!.actor.staffNo = 'AJ0001';
    expect(verifyTrail(CASE_ID, who)).toMatchObject({ firstBadSeq: 5, reason: 'altered' });
    const data = copy(fresh());
    data[0]!.data = data[0]!.data!.replace('新办', '延续');
    expect(verifyTrail(CASE_ID, data)).toMatchObject({ firstBadSeq: 1, reason: 'altered' });
  });

  test('a changed entry whose hash was recomputed breaks the link to the next', () => {
    const t = copy(fresh());
    t[1]!.process!.opinion = '材料不齐，不予受理';
    t[1] = rehash(t[1]!);
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'brokenLink' });
  });

  test('a removed entry leaves a gap in the sequence', () => {
    const t = copy(fresh());
    t.splice(2, 1);
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'sequence' });
  });

  test('a removed entry with the later ones renumbered and rehashed breaks the link', () => {
    const t = copy(fresh());
    t.splice(2, 1);
    for (let i = 2; i < t.length; i++) t[i] = rehash({ ...t[i]!, seq: i + 1 });
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'brokenLink' });
  });

  test('entries removed from the end are found against the head the case records', () => {
    const all = fresh();
    const head = headOf(all);
    const cut = copy(all).slice(0, 3);
    expect(verifyTrail(CASE_ID, cut).ok).toBe(true);
    expect(verifyTrail(CASE_ID, cut, { head })).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: 'truncated',
    });
    expect(verifyTrail(CASE_ID, [], { head })).toMatchObject({
      firstBadSeq: 1,
      reason: 'truncated',
    });
    expect(verifyTrail(CASE_ID, all, { head })).toMatchObject({ ok: true });
  });

  test('an inserted entry is found', () => {
    const t = copy(fresh());
    const [forged] = appendEntries({ caseId: CASE_ID, head: headOf(t.slice(0, 2)) }, [
      { ...sampleEntries()[1]!, action: 'complete', at: '2025-09-29T09:00:00+08:00' },
    ]);
    t.splice(2, 0, forged!);
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 4, reason: 'sequence' });
  });

  test('entries appended behind the recorded head are found', () => {
    const all = fresh();
    const head = headOf(all.slice(0, 4));
    expect(verifyTrail(CASE_ID, all, { head })).toMatchObject({
      firstBadSeq: 5,
      reason: 'headMismatch',
    });
  });

  test('a chain rebuilt from the start is found only against the recorded head', () => {
    const all = fresh();
    const rebuilt = appendEntries(
      { caseId: CASE_ID, head: null },
      sampleEntries().map((e, i) =>
        i === 4 ? { ...e, result: { ...e.result!, finalState: 'denied' as const } } : e,
      ),
    );
    expect(verifyTrail(CASE_ID, rebuilt).ok).toBe(true);
    expect(verifyTrail(CASE_ID, rebuilt, { head: headOf(all) })).toMatchObject({
      firstBadSeq: 5,
      reason: 'headMismatch',
    });
  });

  test('swapped entries are out of sequence', () => {
    const t = copy(fresh());
    [t[1], t[2]] = [t[2]!, t[1]!];
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 2, reason: 'sequence' });
  });

  test('swapped entries with swapped numbers and rehashed do not link', () => {
    const t = copy(fresh());
    [t[1], t[2]] = [rehash({ ...t[2]!, seq: 2 }), rehash({ ...t[1]!, seq: 3 })];
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 2, reason: 'brokenLink' });
  });

  test('an entry copied from another case is found, whether or not its case id was changed', () => {
    const other = fresh(OTHER_CASE_ID);
    const t = copy(fresh());
    t[2] = { ...other[2]! };
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'otherCase' });
    t[2] = { ...other[2]!, caseId: CASE_ID };
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'altered' });
    t[2] = rehash({ ...other[2]!, caseId: CASE_ID });
    expect(verifyTrail(CASE_ID, t)).toMatchObject({ firstBadSeq: 3, reason: 'brokenLink' });
  });

  test('a whole trail of another case, relabelled and rehashed, fails at its first entry (genesis)', () => {
    const relabelled = copy(fresh(OTHER_CASE_ID)).map((e) => rehash({ ...e, caseId: CASE_ID }));
    expect(verifyTrail(CASE_ID, relabelled)).toMatchObject({
      firstBadSeq: 1,
      reason: 'brokenLink',
    });
  });

  test('something that is not an entry is malformed; the message names the entry', () => {
    const t: unknown[] = copy(fresh());
    t[1] = { seq: 2 };
    expect(verifyTrail(CASE_ID, t)).toEqual({
      ok: false,
      firstBadSeq: 2,
      reason: 'malformed',
      message: '第 2 条记录格式不完整',
    });
  });
});
