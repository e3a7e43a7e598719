import type { DiscretionLevel, ItemContent, LimitUnit } from './types';

/** The editor's values: the content, with limits and fine ranges allowed to be half filled. */
export interface FormValues extends Omit<
  ItemContent,
  'legalLimit' | 'promisedLimit' | 'office' | 'penalty' | 'reward' | 'coercion' | 'subject' | 'fee'
> {
  subject: { unitId?: string; nature: ItemContent['subject']['nature']; entrustingUnit?: string };
  legalLimit: { value?: number | null; unit: LimitUnit };
  promisedLimit: { value?: number | null; unit: LimitUnit };
  office?: { unitId?: string };
  penalty: {
    kinds: string[];
    discretion: {
      id: string;
      /** 违法行为 and 情节 (CAT-2): how the 决定 step picks its row. */
      violation?: string;
      level?: DiscretionLevel;
      circumstance: string;
      penalty: string;
      fineRange?: { min?: number | null; max?: number | null };
    }[];
    publishResults: boolean;
  };
  coercion: { procedure?: string };
  /** The standard amount is typed in yuan and stored in fen (RUN-16). */
  fee: ItemContent['fee'] & { amountYuan?: number | null };
  reward: { effectiveDate?: string; expiryDate?: string; publishResults: boolean };
}

export function toValues(content: ItemContent | undefined, departmentId: string): FormValues {
  const c = content;
  return {
    type: c?.type ?? 'XK',
    name: c?.name ?? '',
    handlingKind: c?.handlingKind ?? 'promised',
    // Absent: by the item's type (runtime/catalog/item.ts `initiationOf`).
    initiation: c?.initiation,
    procedure: c?.procedure,
    subject: {
      unitId: c?.subject.unitId ?? departmentId,
      nature: c?.subject.nature ?? 'statutory',
      entrustingUnit: c?.subject.entrustingUnit,
    },
    legalBasis: c?.legalBasis ?? [],
    acceptanceConditions: c?.acceptanceConditions,
    materials: c?.materials ?? [],
    fee: c?.fee
      ? {
          ...c.fee,
          amountYuan: c.fee.amountFen === undefined ? undefined : c.fee.amountFen / 100,
        }
      : { charged: false },
    legalLimit: c?.legalLimit ?? { unit: 'workingDays' },
    promisedLimit: c?.promisedLimit ?? { unit: 'workingDays' },
    office: c?.office ? { unitId: c.office.unitId } : undefined,
    address: c?.address,
    phone: c?.phone,
    supervisionPhone: c?.supervisionPhone,
    serviceForms: c?.serviceForms ?? [],
    faq: c?.faq ?? [],
    onlineUrl: c?.onlineUrl,
    publishResults: c?.publishResults ?? false,
    penalty: c?.penalty ?? { kinds: [], discretion: [], publishResults: true },
    coercion: c?.coercion ?? {},
    reward: c?.reward ?? { publishResults: true },
  };
}

const text = (v: string | undefined | null) => (v ?? '').trim();
const limit = (l: FormValues['legalLimit']) =>
  typeof l.value === 'number' ? { value: l.value, unit: l.unit } : undefined;

/**
 * The request body for the values. Optional text goes as '' rather than left out: a PATCH keeps
 * every field it does not name, so leaving a cleared field out would keep its old value.
 */
export function toPayload(v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: v.type,
    name: text(v.name),
    handlingKind: v.handlingKind,
    // A choice once made stays (a PATCH keeps what it does not name): sent only when made.
    ...(v.initiation ? { initiation: v.initiation } : {}),
    ...(v.procedure ? { procedure: v.procedure } : {}),
    subject: {
      unitId: v.subject.unitId ?? '',
      nature: v.subject.nature,
      entrustingUnit: v.subject.nature === 'entrusted' ? text(v.subject.entrustingUnit) : '',
    },
    legalBasis: (v.legalBasis ?? []).map((b) => ({
      id: b.id,
      title: text(b.title),
      article: text(b.article),
      text: text(b.text),
    })),
    acceptanceConditions: text(v.acceptanceConditions),
    materials: (v.materials ?? []).map((m) => ({
      id: m.id,
      name: text(m.name),
      format: text(m.format),
      originalOrCopy: m.originalOrCopy,
      count: m.count ?? 1,
      medium: m.medium,
      submission: text(m.submission),
      required: Boolean(m.required),
    })),
    fee: v.fee.charged
      ? {
          charged: true,
          basis: text(v.fee.basis),
          standard: text(v.fee.standard),
          ...(typeof v.fee.amountYuan === 'number'
            ? { amountFen: Math.round(v.fee.amountYuan * 100) }
            : {}),
        }
      : { charged: false, basis: '', standard: '' },
    address: text(v.address),
    phone: text(v.phone),
    supervisionPhone: text(v.supervisionPhone),
    // The portal's fields (CAT-11): '' clears the link, as for the other optional texts.
    faq: (v.faq ?? []).map((f) => ({
      id: f.id,
      question: text(f.question),
      answer: text(f.answer),
    })),
    onlineUrl: text(v.onlineUrl),
    publishResults: Boolean(v.publishResults),
  };
  const legal = limit(v.legalLimit);
  const promised = limit(v.promisedLimit);
  if (legal) body.legalLimit = legal;
  if (promised) body.promisedLimit = promised;
  if (v.office?.unitId) body.office = { unitId: v.office.unitId };
  if (v.type === 'CF') {
    body.penalty = {
      kinds: v.penalty.kinds ?? [],
      publishResults: Boolean(v.penalty.publishResults),
      discretion: (v.penalty.discretion ?? []).map((d) => {
        const r = d.fineRange;
        const ranged = typeof r?.min === 'number' && typeof r.max === 'number';
        return {
          id: d.id,
          ...(text(d.violation) ? { violation: text(d.violation) } : {}),
          ...(d.level ? { level: d.level } : {}),
          circumstance: text(d.circumstance),
          penalty: text(d.penalty),
          ...(ranged ? { fineRange: { min: r.min, max: r.max } } : {}),
        };
      }),
    };
  }
  if (v.type === 'QZ') body.coercion = { procedure: text(v.coercion.procedure) };
  if (v.type === 'JL' && v.reward.effectiveDate) {
    body.reward = {
      effectiveDate: v.reward.effectiveDate,
      ...(v.reward.expiryDate ? { expiryDate: v.reward.expiryDate } : {}),
      publishResults: Boolean(v.reward.publishResults),
    };
  }
  return body;
}
