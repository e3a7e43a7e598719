import type { ItemContent } from '../../../runtime';

/** A complete 行政许可 item, the starting point every completeness and diff test alters. */
export function licenceItem(): ItemContent {
  return {
    type: 'XK',
    name: '危险化学品经营许可证核发（不带储存设施）',
    legalBasis: [
      {
        id: 'b1',
        title: '《危险化学品安全管理条例》',
        article: '第三十三条',
        text: '国家对危险化学品经营实行许可制度。',
      },
      {
        id: 'b2',
        title: '《危险化学品经营许可证管理办法》',
        article: '第三条',
        text: '经营许可证实行分级发放。',
      },
    ],
    subject: { unitId: 'u-aj', name: '龙湾区安全生产监督管理局', nature: 'statutory' },
    acceptanceConditions: '有符合规定的经营场所和安全管理制度。',
    materials: [
      {
        id: 'm1',
        name: '申请书',
        format: 'PDF',
        originalOrCopy: 'original',
        count: 1,
        medium: 'both',
        submission: '窗口或网上',
        required: true,
      },
      {
        id: 'm2',
        name: '营业执照',
        format: '复印件',
        originalOrCopy: 'copy',
        count: 1,
        medium: 'paper',
        submission: '窗口',
        required: true,
      },
    ],
    fee: { charged: false },
    legalLimit: { value: 30, unit: 'workingDays' },
    promisedLimit: { value: 10, unit: 'workingDays' },
    office: { unitId: 'u-aj-office', name: '执法监察科' },
    address: '龙湾区永中街道行政中心 3 楼',
    phone: '0577-86981234',
    supervisionPhone: '0577-86985678',
    handlingKind: 'promised',
    serviceForms: [],
    faq: [],
  };
}
