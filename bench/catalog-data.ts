/** Generated but plausible catalog items for the catalog benchmark. */
import type { Types } from 'mongoose';
import type { ItemContent } from '../runtime/catalog/item';
import { ITEM_TYPE_CODES, type ItemType } from '../runtime/catalog/item-types';

const FIELDS = [
  '危险化学品',
  '建筑施工',
  '道路运输',
  '食品经营',
  '药品零售',
  '医疗机构',
  '特种设备',
  '烟花爆竹',
  '城镇燃气',
  '公共场所卫生',
  '生活饮用水',
  '出租汽车',
  '建设工程',
  '城市绿化',
  '户外广告',
  '民办学校',
  '养老机构',
  '职业介绍',
  '劳务派遣',
  '排水设施',
];
const OBJECTS = ['经营', '储存', '使用', '运输', '生产', '销售', '维修', '安装', '改造', '检验'];
const QUALIFIERS = ['', '（新办）', '（延续）', '（变更）', '（注销）', '（补证）'];

const PATTERNS: Record<ItemType, (f: string, o: string) => string> = {
  XK: (f, o) => `${f}${o}许可`,
  SP: (f, o) => `${f}${o}审批`,
  CF: (f, o) => `对未经许可从事${f}${o}活动的处罚`,
  QZ: (f, o) => `对违法${o}的${f}设施予以查封扣押`,
  ZS: (f, o) => `${f}${o}相关费用征收`,
  GF: (f, o) => `${f}${o}从业人员补助发放`,
  JL: (f, o) => `对${f}${o}工作成绩显著者的奖励`,
  QR: (f, o) => `${f}${o}资格确认`,
  ZY: (f, o) => `应急${o}中${f}的征用`,
  CJ: (f, o) => `${f}${o}纠纷裁决`,
  JG: (f, o) => `对${f}${o}单位的监督检查`,
  DL: (f, o) => `代办${f}${o}手续`,
  FW: (f, o) => `${f}${o}政策咨询`,
  QT: (f, o) => `${f}${o}信息登记`,
};

export interface BenchDepartment {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  name: string;
  deptCode: string;
  officeId: Types.ObjectId;
  officeName: string;
}

/** The n-th generated name; distinct for every n below the number of combinations. */
export function benchName(n: number): { type: ItemType; name: string } {
  const type = ITEM_TYPE_CODES[n % ITEM_TYPE_CODES.length]!;
  const rest = Math.floor(n / ITEM_TYPE_CODES.length);
  const field = FIELDS[rest % FIELDS.length]!;
  const object = OBJECTS[Math.floor(rest / FIELDS.length) % OBJECTS.length]!;
  const round = Math.floor(rest / (FIELDS.length * OBJECTS.length));
  const qualifier = QUALIFIERS[round % QUALIFIERS.length]!;
  const extra = round >= QUALIFIERS.length ? `（${Math.floor(round / QUALIFIERS.length)}）` : '';
  return { type, name: `${PATTERNS[type](field, object)}${qualifier}${extra}` };
}

export function benchContent(type: ItemType, name: string, d: BenchDepartment): ItemContent {
  return {
    type,
    name,
    legalBasis: [
      {
        id: 'b1',
        title: '《浙江省行政程序办法》',
        article: '第二十条',
        text: `${name}的依据条文。`,
      },
    ],
    subject: { unitId: String(d._id), name: d.name, nature: 'statutory' },
    acceptanceConditions: '申请人符合法定条件，材料齐全、符合法定形式。',
    materials: ['申请表', '营业执照', '法定代表人身份证明'].map((m, i) => ({
      id: `m${i + 1}`,
      name: m,
      format: '纸质',
      originalOrCopy: 'original',
      count: 1,
      medium: 'paper',
      submission: '窗口提交',
      required: true,
    })),
    fee: { charged: false },
    legalLimit: { value: 20, unit: 'workingDays' },
    promisedLimit: { value: 10, unit: 'workingDays' },
    office: { unitId: String(d.officeId), name: d.officeName },
    address: '龙湾区行政审批服务中心',
    phone: '0577-86982000',
    supervisionPhone: '0577-86981100',
    handlingKind: 'promised',
    serviceForms: [],
    faq: [],
  };
}
