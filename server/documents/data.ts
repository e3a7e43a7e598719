import { EX_OFFICIO_PROCEDURES } from '../../runtime/catalog/item';
import {
  CASE_SOURCES,
  MITIGATIONS,
  type CaseState,
  type Mitigation,
} from '../../runtime/cases/state';
import { ID_TYPES } from '../../runtime/trail/entry';
import { yuanInCapitals, yuanInFigures } from './amount';
import { DOCUMENT_KINDS, type DocumentKind } from './kinds';
import type { DocumentData } from './render';

/**
 * What a document says, from the case's state and what the service looked up (RUN-10, RUN-17):
 * pure, so a hand-made state renders the same as a stored case.
 */
export interface DataContext {
  number: string;
  /** The issuing department's name. */
  issuer: string;
  countyName: string;
  /** The county's city, when its parent unit is one. */
  cityName: string;
  issuedAt: Date;
  /** The item version's legal basis, `《title》article` joined by 、 (empty: none). */
  legalBasisText: string;
  reason?: string;
  missing?: { name: string; reason: string }[];
  /** The documents a 送达回证 lists. */
  served?: { name: string; number: string }[];
}

export const shanghaiDate = (d: Date | string | undefined): string => {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + 8 * 3_600_000);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
};

/** A form value as a line of text: strings trimmed, lists joined by 、, objects by their name. */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join('、');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const name = textOf(o.name ?? o.label ?? o.title);
    const id = textOf(o.certificateNo ?? o.badgeNo ?? o.number);
    return id ? `${name}（执法证号 ${id}）` : name;
  }
  return '';
}

/** The value of a form field, the form filled last winning (forms are merged step by step). */
function formValue(s: CaseState, ...keys: string[]): unknown {
  for (const f of [...(s.forms ?? [])].reverse())
    for (const k of keys) {
      const v = f.values?.[k];
      if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length)) return v;
    }
  return undefined;
}
const formText = (s: CaseState, ...keys: string[]) => textOf(formValue(s, ...keys));

/** A penalty as a document states it: decided at the discretion step, else proposed in a form. */
interface Penalty {
  kind: string;
  fineYuan?: number;
  mitigation: Mitigation;
  article?: string;
  violation?: string;
  circumstance?: string;
  reason?: string;
}

function penaltyOf(s: CaseState): Penalty | undefined {
  if (s.penalty) return s.penalty;
  const kind = formText(s, 'penaltyKind');
  const fine = Number(formValue(s, 'fineYuan'));
  const fineYuan = Number.isFinite(fine) && fine > 0 ? fine : undefined;
  if (!kind && fineYuan === undefined) return undefined;
  const m = formText(s, 'mitigation');
  return {
    kind: kind || '罚款',
    ...(fineYuan !== undefined ? { fineYuan } : {}),
    mitigation: Object.hasOwn(MITIGATIONS, m) ? (m as Mitigation) : 'none',
    article: formText(s, 'penaltyArticle', 'article'),
    violation: formText(s, 'violation'),
    circumstance: formText(s, 'circumstance'),
  };
}

/** 「警告，并处罚款人民币12000元（大写：壹万贰仟元整）」. */
function penaltyText(p: Penalty): string {
  if (p.fineYuan === undefined) return p.kind;
  const fine = `人民币${yuanInFigures(p.fineYuan)}元（大写：${yuanInCapitals(p.fineYuan)}）`;
  if (p.kind.includes('罚款')) return `${p.kind}${fine}`;
  return `${p.kind}，并处罚款${fine}`;
}

/** Seized or sealed things from the form: a list of names or of `{name, quantity}`. */
function seizureItems(s: CaseState) {
  const v = formValue(s, 'seizureItems');
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list
    .map((x) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? {
            name: textOf((x as Record<string, unknown>).name),
            quantity: textOf(
              (x as Record<string, unknown>).quantity ?? (x as Record<string, unknown>).count,
            ),
          }
        : { name: textOf(x), quantity: '' },
    )
    .filter((x) => x.name)
    .map((x, i) => ({ index: i + 1, ...x }));
}

/** The placeholders' values for one document of a case (docs/documents.md lists them). */
export function documentData(s: CaseState, kind: DocumentKind, ctx: DataContext): DocumentData {
  const basis = ctx.legalBasisText || '有关法律、法规';
  const place = `${ctx.cityName}${ctx.countyName}`;
  // 一次性告知: every missing material once, in the order first named.
  const seen = new Set<string>();
  const missing = (ctx.missing ?? s.correction?.items ?? []).filter((m) =>
    seen.has(m.name) ? false : (seen.add(m.name), true),
  );
  const promised = s.deadlines?.promised?.dueAt;
  const ex = s.exOfficio;
  const penalty = penaltyOf(s);
  const fine = penalty?.fineYuan;
  const mitigation =
    penalty && penalty.mitigation !== 'none' ? MITIGATIONS[penalty.mitigation] : '';
  const partyAddress = formText(s, 'partyAddress', 'address');
  const materials = (s.materials ?? []).map((m) => m.name);
  return {
    number: ctx.number,
    title: DOCUMENT_KINDS[kind].name,
    issuer: ctx.issuer,
    countyName: ctx.countyName,
    governmentName: `${place}人民政府`,
    courtName: `${place}人民法院`,
    caseNo: s.caseNo ?? '',
    caseName: s.caseName ?? '',
    applicationNo: s.applicationNo ?? '',
    applicantName: s.applicant.name,
    itemName: s.itemName,
    itemCode: s.itemCode,
    appliedDate: ex ? '' : shanghaiDate(s.appliedAt),
    acceptedDate: ex ? '' : shanghaiDate(s.acceptedAt),
    issuedDate: shanghaiDate(ctx.issuedAt),
    promisedDueDate: shanghaiDate(promised ?? undefined),
    reason:
      ctx.reason ??
      (kind === 'denial-decision' ? s.decision?.text : undefined) ??
      (kind === 'refusal-notice' ? s.result?.opinion : undefined) ??
      (kind === 'no-penalty-decision' ? (penalty?.reason ?? penalty?.circumstance) : undefined) ??
      '',
    decisionText: kind === 'grant-decision' ? (s.decision?.text ?? '') : '',
    legalBasisText: basis,
    windowName: s.acceptingUnit?.name ?? '',
    verifyPlace: '政务服务专栏“文书核验”页面（/portal/verify）',
    materials: materials.map((name, i) => ({ index: i + 1, name })),
    missing: missing.map((m, i) => ({ index: i + 1, name: m.name, reason: m.reason })),
    served: (ctx.served ?? []).map((d, i) => ({ index: i + 1, name: d.name, number: d.number })),
    // Ex officio cases (RUN-17).
    exOfficio: !!ex,
    partyIdLabel: ID_TYPES[s.applicant.idType] ?? '证件号码',
    // As the case keeps it: a person's number masked, an organisation's code in full.
    partyIdNumber: s.applicant.idNumber ?? '',
    partyAddress,
    caseCause: ex?.sourceNote ?? s.summary ?? '',
    caseSource: ex ? CASE_SOURCES[ex.source] : '',
    procedureName: ex?.procedure
      ? (EX_OFFICIO_PROCEDURES[ex.procedure as keyof typeof EX_OFFICIO_PROCEDURES] ?? ex.procedure)
      : '',
    openedDate: shanghaiDate(ex?.openedAt),
    officers: formText(s, 'officers'),
    facts: formText(s, 'facts') || ex?.sourceNote || '',
    evidence: formText(s, 'evidence') || materials.join('、'),
    violation: penalty?.violation ?? '',
    circumstance: penalty?.circumstance ?? '',
    penaltyKind: penalty?.kind ?? '',
    penaltyText: penalty ? penaltyText(penalty) : '',
    fineYuan: fine !== undefined ? yuanInFigures(fine) : '',
    fineCapitals: fine !== undefined ? yuanInCapitals(fine) : '',
    mitigationText: mitigation,
    penaltyArticle: penalty?.article || basis,
    penaltyReason: penalty?.reason ?? '',
    paymentBank: formText(s, 'paymentBank', 'bank') || '本机关指定的银行',
    hearingTime: formText(s, 'hearingTime'),
    hearingPlace: formText(s, 'hearingPlace'),
    hearingHost: formText(s, 'hearingHost'),
    inquiryPlace: formText(s, 'inquiryPlace'),
    inspectionPlace: formText(s, 'inspectionPlace') || partyAddress,
    seizureMeasure: formText(s, 'seizureMeasure') || '查封、扣押',
    seizureReason: formText(s, 'seizureReason') || ex?.sourceNote || '',
    seizureBasis: formText(s, 'seizureBasis') || basis,
    seizurePlace: formText(s, 'seizurePlace'),
    seizureDays: formText(s, 'seizureDays') || '30',
    seizureItems: seizureItems(s),
  };
}
