import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import type { CaseEvent, CaseState } from '../../../runtime/cases';
import { yuanInCapitals } from '../../../server/documents/amount';
import { documentData } from '../../../server/documents/data';
import {
  DOCUMENT_KINDS,
  KINDS,
  exOfficioFacts,
  kindsFor,
  type DocumentKind,
} from '../../../server/documents/kinds';
import {
  fillDocx,
  paragraphsOf,
  renderPdf,
  templateProblems,
} from '../../../server/documents/render';
import { documentsFor } from '../../../server/documents/triggers';
import { buildTemplate } from '../../../templates/documents/build';

const TEMPLATES = path.resolve(__dirname, '../../../templates/documents');

/** An ex officio penalty case as 立案 and the discretion step leave it (RUN-17). */
function penaltyCase(over: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'c1',
    itemId: 'i1',
    itemVersion: 1,
    itemCode: '33030300AJ-CF-0007',
    itemName: '对未按规定进行安全评价的行政处罚',
    status: 'inProgress',
    channel: 'window',
    caseNo: '33030300AJ-20261204-000017',
    caseName: '瓯江化工有限公司未按规定进行安全评价案',
    applicant: {
      type: 'organisation',
      name: '瓯江化工有限公司',
      idType: 'creditCode',
      idNumber: '91330303MA2AB1234X',
    },
    acceptingUnit: { id: 'd1', name: '龙湾区安全生产监督管理局' },
    handlingUnit: { id: 'd1', name: '龙湾区安全生产监督管理局' },
    exOfficio: {
      procedure: 'penaltyOrdinary',
      source: 'inspection',
      sourceNote: '未按规定对危险化学品储存场所进行安全评价',
      openedAt: '2026-12-01T02:00:00.000Z',
    },
    penalty: {
      benchmarkId: 'b1',
      violation: '未进行安全评价',
      circumstance: '首次违法且及时改正',
      kind: '警告，并处罚款',
      fineYuan: 12000,
      mitigation: 'lighter',
      article: '《中华人民共和国安全生产法》第九十九条',
      outside: false,
      decidedAt: '2026-12-03T02:00:00.000Z',
    },
    appliedAt: '2026-12-01T02:00:00.000Z',
    tokens: [],
    splits: [],
    workItems: [],
    timers: [],
    forms: [
      {
        key: 'case',
        values: {
          officers: [
            { name: '张三', certificateNo: '33030001' },
            { name: '李四', certificateNo: '33030002' },
          ],
          facts: '2026年11月28日检查发现，当事人储存场所未经安全评价即投入使用',
          evidence: ['现场检查笔录', '询问笔录', '现场照片'],
          partyAddress: '温州市龙湾区永中街道1号',
          hearingTime: '2026年12月15日上午9时',
          hearingPlace: '本局三楼听证室',
          hearingHost: '王五',
          seizureItems: [{ name: '液氯钢瓶', quantity: '12只' }, '储罐区'],
          seizurePlace: '当事人储存场所',
        },
      },
    ],
    materials: [],
    correctionPhases: [],
    pauses: [],
    deadlines: {},
    messages: [],
    alerts: [],
    returnCount: 0,
    eventSeq: 0,
    trailHead: null,
    ...over,
  };
}

const ctx = {
  number: '龙安全罚〔2026〕1号',
  issuer: '龙湾区安全生产监督管理局',
  countyName: '龙湾区',
  cityName: '温州市',
  issuedAt: new Date('2026-12-04T02:00:00Z'),
  legalBasisText: '《中华人民共和国安全生产法》第三十二条',
};

const textOf = (docx: Buffer) =>
  paragraphsOf(docx)
    .map((p) => p.text)
    .join('\n');

const EX_OFFICIO_KINDS: DocumentKind[] = [
  'filing-approval',
  'inquiry-record',
  'inspection-record',
  'penalty-notice',
  'hearing-notice',
  'penalty-decision',
  'no-penalty-decision',
  'seizure-decision',
  'service-receipt',
];

describe('documents of ex officio cases (RUN-17, RUN-10)', () => {
  test('every kind has a default template on disk, built from the script, using known placeholders only', () => {
    for (const kind of KINDS) {
      const file = fs.readFileSync(path.join(TEMPLATES, `${kind}.docx`));
      expect(templateProblems(file)).toEqual([]);
      // The committed file is what the script builds now.
      const built = buildTemplate(kind);
      expect(new PizZip(file).file('word/document.xml')!.asText()).toBe(
        new PizZip(built).file('word/document.xml')!.asText(),
      );
    }
  });

  test.each(EX_OFFICIO_KINDS)(
    '%s renders a DOCX and a PDF naming the party and the case number',
    async (kind) => {
      const template = fs.readFileSync(path.join(TEMPLATES, `${kind}.docx`));
      const data = documentData(penaltyCase(), kind, {
        ...ctx,
        number: `龙安全${DOCUMENT_KINDS[kind].word}〔2026〕3号`,
      });
      const docx = fillDocx(template, data);
      const text = textOf(docx);
      expect(text).toContain(DOCUMENT_KINDS[kind].name);
      expect(text).toContain('瓯江化工有限公司');
      expect(text).toContain('33030300AJ-20261204-000017');
      expect(text).toContain(`龙安全${DOCUMENT_KINDS[kind].word}〔2026〕3号`);
      expect(text).not.toMatch(/[{}]/);
      const pdf = await renderPdf(docx, {
        title: data.title,
        seal: { holder: ctx.issuer, code: '1' },
      });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);
    },
  );

  test('the 行政处罚决定书 states the penalty, the fine in figures and capitals, the article, 罚缴分离 and the remedies', () => {
    const template = fs.readFileSync(path.join(TEMPLATES, 'penalty-decision.docx'));
    const text = textOf(fillDocx(template, documentData(penaltyCase(), 'penalty-decision', ctx)));
    expect(text).toContain('统一社会信用代码：91330303MA2AB1234X');
    expect(text).toContain('地址：温州市龙湾区永中街道1号');
    expect(text).toContain('警告，并处罚款人民币12000元（大写：壹万贰仟元整）');
    expect(text).toContain('依据《中华人民共和国安全生产法》第九十九条');
    expect(text).toContain('鉴于首次违法且及时改正，依法从轻处罚');
    expect(text).toContain('现场检查笔录、询问笔录、现场照片');
    expect(text).toContain('十五日内，持本决定书到本机关指定的银行缴纳罚款');
    expect(text).toContain('六十日内向温州市龙湾区人民政府申请行政复议');
    expect(text).toContain('六个月内直接向温州市龙湾区人民法院提起行政诉讼');
    expect(text).toContain('2026年12月1日');
  });

  test('the 告知书 proposes the decided penalty, else the one in the form, and tells 陈述、申辩 and 听证 within five working days', () => {
    const template = fs.readFileSync(path.join(TEMPLATES, 'penalty-notice.docx'));
    const decided = textOf(fillDocx(template, documentData(penaltyCase(), 'penalty-notice', ctx)));
    expect(decided).toContain('警告，并处罚款人民币12000元');
    for (const s of [
      '陈述',
      '申辩',
      '听证',
      '五个工作日',
      '第四十四条',
      '第六十三条',
      '第六十四条',
    ])
      expect(decided).toContain(s);
    const proposed = penaltyCase({ penalty: undefined });
    proposed.forms[0]!.values = {
      ...proposed.forms[0]!.values,
      penaltyKind: '罚款',
      fineYuan: 5000.5,
      article: '《安全生产法》第一百条',
    };
    const fromForm = textOf(fillDocx(template, documentData(proposed, 'penalty-notice', ctx)));
    expect(fromForm).toContain('罚款人民币5000.50元（大写：伍仟元伍角整）');
    expect(fromForm).toContain('依据《安全生产法》第一百条');
  });

  test('the 立案审批表 carries 案由, source, party and 立案日期; the 笔录 the officers; the 查封扣押决定书 what is seized', () => {
    const fill = (kind: DocumentKind) =>
      textOf(
        fillDocx(
          fs.readFileSync(path.join(TEMPLATES, `${kind}.docx`)),
          documentData(penaltyCase(), kind, ctx),
        ),
      );
    const filing = fill('filing-approval');
    expect(filing).toContain('案由：未按规定对危险化学品储存场所进行安全评价');
    expect(filing).toContain('案件来源：检查发现');
    expect(filing).toContain('行政处罚普通程序');
    expect(filing).toContain('立案日期：2026年12月1日');
    expect(fill('inquiry-record')).toContain(
      '张三（执法证号 33030001）、李四（执法证号 33030002）',
    );
    expect(fill('inspection-record')).toContain('检查地点：温州市龙湾区永中街道1号');
    const seizure = fill('seizure-decision');
    expect(seizure).toContain('1. 液氯钢瓶，12只');
    expect(seizure).toContain('2. 储罐区');
    expect(seizure).toContain('第二十四条');
    expect(seizure).toContain('30日');
    expect(fill('hearing-notice')).toContain('听证地点：本局三楼听证室');
    const receipt = fill('service-receipt');
    expect(receipt).toContain('受送达人：瓯江化工有限公司');
    expect(receipt).toContain('立案号 33030300AJ-20261204-000017');
    expect(receipt).toContain('送达地点：温州市龙湾区永中街道1号');
  });

  test('an application’s 送达回证 still names the item and the window', () => {
    const state = penaltyCase({ exOfficio: undefined, penalty: undefined });
    const text = textOf(
      fillDocx(
        fs.readFileSync(path.join(TEMPLATES, 'service-receipt.docx')),
        documentData(state, 'service-receipt', ctx),
      ),
    );
    expect(text).toContain(
      '事项：对未按规定进行安全评价的行政处罚（办件编号 33030300AJ-20261204-000017）',
    );
    expect(text).toContain('送达地点：龙湾区安全生产监督管理局');
  });

  test('which events make which documents: an ex officio case never gets the application kinds', () => {
    const at = '2026-12-04T02:00:00.000Z';
    const concluded = { type: 'caseConcluded', result: 'granted', caseId: 'c1', at } as CaseEvent;
    const ex = penaltyCase();
    expect(documentsFor(concluded, ex)).toEqual(['penalty-decision']);
    expect(
      documentsFor(concluded, { ...ex, penalty: { ...ex.penalty!, mitigation: 'exempt' } }),
    ).toEqual(['no-penalty-decision']);
    expect(documentsFor(concluded, { ...ex, penalty: undefined })).toEqual([]);
    expect(documentsFor(concluded, { exOfficio: undefined })).toEqual(['grant-decision']);
    const accepted = { type: 'caseAccepted', caseId: 'c1', at } as CaseEvent;
    expect(documentsFor(accepted, ex)).toEqual([]);
    const started = { type: 'caseStarted', status: 'inProgress', channel: 'x', caseId: 'c1', at };
    expect(documentsFor(started as CaseEvent, ex)).toEqual(['filing-approval']);
    expect(documentsFor(started as CaseEvent, { exOfficio: undefined })).toEqual([]);
    const task = (target: string) =>
      ({
        type: 'serviceTaskRequested',
        nodeId: 'n',
        stepName: '制作文书',
        action: 'document',
        target,
        documents: [],
        caseId: 'c1',
        at,
      }) as unknown as CaseEvent;
    expect(documentsFor(task('hearing-notice'), ex)).toEqual(['hearing-notice']);
    expect(documentsFor(task('grant-decision'), ex)).toEqual([]);
    expect(documentsFor(task('inspection-record'), undefined)).toEqual(['inspection-record']);
  });

  test('kindsFor offers the ex officio kinds to an ex officio case and the application kinds to the others', () => {
    const ex = exOfficioFacts(penaltyCase())!;
    expect(kindsFor('inProgress', undefined, ex)).toEqual([
      'filing-approval',
      'inquiry-record',
      'inspection-record',
      'penalty-notice',
      'hearing-notice',
      'seizure-decision',
      'penalty-decision',
      'service-receipt',
    ]);
    expect(kindsFor('concluded', 'granted', ex)).toEqual([
      'filing-approval',
      'penalty-decision',
      'service-receipt',
    ]);
    expect(kindsFor('concluded', 'granted', { penalty: { mitigation: 'exempt' } })).toContain(
      'no-penalty-decision',
    );
    expect(kindsFor('concluded', 'granted', {})).not.toContain('penalty-decision');
    expect(kindsFor('concluded', 'granted')).toEqual([
      'acceptance-notice',
      'grant-decision',
      'service-receipt',
    ]);
    expect(exOfficioFacts({})).toBeUndefined();
  });

  test('amounts in Chinese capitals', () => {
    expect(yuanInCapitals(12000)).toBe('壹万贰仟元整');
    expect(yuanInCapitals(100001)).toBe('壹拾万零壹元整');
    expect(yuanInCapitals(10010000)).toBe('壹仟零壹万元整');
    expect(yuanInCapitals(100010000)).toBe('壹亿零壹万元整');
    expect(yuanInCapitals(200)).toBe('贰佰元整');
    expect(yuanInCapitals(1005)).toBe('壹仟零伍元整');
    expect(yuanInCapitals(12.05)).toBe('壹拾贰元零伍分');
    expect(yuanInCapitals(0.5)).toBe('伍角整');
    expect(yuanInCapitals(3.45)).toBe('叁元肆角伍分');
    expect(yuanInCapitals(0)).toBe('零元整');
    expect(() => yuanInCapitals(-1)).toThrow(RangeError);
  });
});
