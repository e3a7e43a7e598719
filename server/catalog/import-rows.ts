import {
  HANDLING_KINDS,
  SUBJECT_NATURES,
  type HandlingKind,
  type LegalBasis,
  type Material,
  type SubjectNature,
  type TimeLimit,
} from '../../runtime/catalog/item';
import { ITEM_TYPES, isItemType, type ItemType } from '../../runtime/catalog/item-types';
import type { Unit } from '../organisation/unit-model';
import type { CatalogColumn } from './catalog-table';
import { assembledItemContent, type ItemContentInput } from './content-schema';
import type { SheetRow } from './import-sheet';

export interface RowProblem {
  column?: CatalogColumn;
  message: string;
}

/** The county's units, looked up by the names a sheet uses. */
export interface UnitLookup {
  subject(name: string): Unit | undefined;
  office(departmentId: string, name: string): Unit | undefined;
}

export function unitLookup(units: Unit[]): UnitLookup {
  const subjects = new Map<string, Unit>();
  const offices = new Map<string, Unit>();
  for (const u of units) {
    if (u.kind === 'department' || u.kind === 'township') subjects.set(u.name, u);
    else if (u.departmentId) offices.set(`${String(u.departmentId)}|${u.name}`, u);
  }
  return {
    subject: (name) => subjects.get(name),
    office: (departmentId, name) => offices.get(`${departmentId}|${name}`),
  };
}

const lines = (text?: string) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\d+[.、．]\s*/, '').trim())
    .filter(Boolean);

const byLabel = <K extends string>(labels: Record<K, string>, text: string): K | undefined =>
  (Object.keys(labels) as K[]).find((k) => k === text || labels[k] === text);

function parseType(text: string): ItemType | undefined {
  const code = text.toUpperCase();
  if (isItemType(code)) return code;
  return byLabel(ITEM_TYPES, text.replace(/事项$/, ''));
}

const UNITS: Record<string, TimeLimit['unit']> = {
  个工作日: 'workingDays',
  工作日: 'workingDays',
  个自然日: 'naturalDays',
  自然日: 'naturalDays',
  天: 'naturalDays',
  日: 'naturalDays',
  小时: 'hours',
  个小时: 'hours',
};

function parseLimit(text: string): TimeLimit | undefined {
  const m = /^(\d{1,4})\s*(\S+)$/.exec(text);
  const unit = m && UNITS[m[2]!];
  return m && unit ? { value: Number(m[1]), unit } : undefined;
}

/** 《条例》第三十三条：条文 — the title in 《》, the article, then the text after a colon. */
function parseBasis(line: string, i: number): LegalBasis {
  const titled = /^(《[^》]*》)(.*)$/.exec(line);
  const [head, text = ''] = (titled ? titled[2]! : line).split(/[：:](.*)/s);
  return titled
    ? { id: `b${i + 1}`, title: titled[1]!, article: head!.trim(), text: text.trim() }
    : { id: `b${i + 1}`, title: head!.trim(), article: '', text: text.trim() };
}

const COPY: Record<string, Material['originalOrCopy']> = {
  原件: 'original',
  复印件: 'copy',
  原件及复印件: 'both',
};

function parseMaterial(line: string, i: number): Material {
  const m = /^(.*?)（(原件及复印件|原件|复印件)(\d{1,2})份）$/.exec(line);
  return {
    id: `m${i + 1}`,
    name: m ? m[1]!.trim() : line,
    format: '',
    originalOrCopy: m ? COPY[m[2]!]! : 'original',
    count: m ? Math.max(1, Number(m[3])) : 1,
    medium: 'paper',
    submission: '',
    required: true,
  };
}

function parseFee(text = ''): ItemContentInput['fee'] {
  if (!text || /^(不收费|免费|否|无)/.test(text)) return { charged: false };
  const part = (label: string) => new RegExp(`${label}[：:]([^；;]*)`).exec(text)?.[1]?.trim();
  return { charged: true, basis: part('依据'), standard: part('标准') };
}

const PATH_COLUMNS: Record<string, CatalogColumn> = {
  type: '事项类型',
  name: '事项名称',
  legalBasis: '行使依据',
  subject: '办理主体',
  acceptanceConditions: '受理条件',
  materials: '申报材料',
  fee: '收费',
  legalLimit: '法定期限',
  promisedLimit: '承诺期限',
  office: '办理科室',
  address: '办理地点',
  phone: '联系电话',
  supervisionPhone: '监督电话',
  handlingKind: '办件类型',
};

/** One sheet row as draft content, or every problem found in it. */
export function rowContent(
  { cells }: SheetRow,
  units: UnitLookup,
): { content?: ItemContentInput; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const refuse = (column: CatalogColumn, message: string) => problems.push({ column, message });
  const c = (column: CatalogColumn) => cells[column] ?? '';

  const type = parseType(c('事项类型'));
  if (!type) refuse('事项类型', `「${c('事项类型')}」不是 14 类事项的类型代码或名称`);
  if (!c('事项名称')) refuse('事项名称', '事项名称必填');
  const subject = units.subject(c('办理主体'));
  if (!subject) refuse('办理主体', `「${c('办理主体')}」不是本县（区）的部门或乡镇（街道）`);
  const [natureText = '', entrusting] = c('主体性质').split(/（委托单位[：:]|）/);
  const nature: SubjectNature | undefined = natureText
    ? byLabel(SUBJECT_NATURES, natureText)
    : 'statutory';
  if (!nature) refuse('主体性质', `「${natureText}」应为法定机关、授权组织或受委托单位`);
  const handlingKind: HandlingKind | undefined = byLabel(HANDLING_KINDS, c('办件类型'));
  if (!handlingKind)
    refuse('办件类型', `「${c('办件类型')}」应为即办件、承诺件、补办件、上报件或联办件`);
  const limit = (column: '法定期限' | '承诺期限') => {
    if (!c(column)) return undefined;
    const parsed = parseLimit(c(column));
    if (!parsed) refuse(column, `「${c(column)}」应写成“20个工作日”“30个自然日”或“24小时”`);
    return parsed;
  };
  const legalLimit = limit('法定期限');
  const promisedLimit = limit('承诺期限');
  let office: ItemContentInput['office'];
  if (subject && c('办理科室')) {
    const found = units.office(String(subject._id), c('办理科室'));
    if (!found) refuse('办理科室', `「${c('办理科室')}」不是${subject.name}的下属科室`);
    else office = { unitId: String(found._id), name: found.name };
  }
  if (problems.length) return { problems };

  const parsed = assembledItemContent.safeParse({
    type,
    name: c('事项名称'),
    legalBasis: lines(c('行使依据')).map(parseBasis),
    subject: {
      unitId: String(subject!._id),
      nature,
      ...(entrusting ? { entrustingUnit: entrusting } : {}),
    },
    acceptanceConditions: c('受理条件') || undefined,
    materials: lines(c('申报材料')).map(parseMaterial),
    fee: parseFee(c('收费')),
    legalLimit,
    promisedLimit,
    office,
    address: c('办理地点') || undefined,
    phone: c('联系电话') || undefined,
    supervisionPhone: c('监督电话') || undefined,
    handlingKind,
    serviceForms: [],
    faq: [],
  });
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        column: PATH_COLUMNS[String(i.path[0])],
        message: `${i.path.join('.')} ${i.message}`,
      })),
    };
  }
  parsed.data.subject.name = subject!.name;
  return { content: parsed.data, problems };
}
