import { ITEM_TYPE_CODES, isItemType, type ItemType } from './item-types';

/**
 * Item codes (事项编码, CAT-4): subject code + "-" + type code + "-" + serial, e.g.
 * 33030300AJ-CF-0003. The subject code has ten characters: the six-digit county division code,
 * two digits for the township ("00" for county departments), and the department's two uppercase
 * pinyin initials. Serials are four digits, unique per subject and type, and never reused.
 */
export interface ItemCodeParts {
  countyCode: string;
  townshipCode: string;
  deptCode: string;
  type: ItemType;
  serial: number;
}

export type ItemCodeField = 'code' | 'countyCode' | 'townshipCode' | 'deptCode' | 'type' | 'serial';

export interface ItemCodeProblem {
  field: ItemCodeField;
  message: string;
}

export const MAX_SERIAL = 9999;
const PROVINCES = new Set([
  ...Array.from({ length: 55 }, (_, i) => String(11 + i)),
  '71',
  '81',
  '82',
]);

function countyProblems(county: string): ItemCodeProblem[] {
  if (!/^\d{6}$/.test(county))
    return [{ field: 'countyCode', message: `县级区划代码「${county}」应为 6 位数字` }];
  if (!PROVINCES.has(county.slice(0, 2))) {
    return [
      { field: 'countyCode', message: `县级区划代码「${county}」的前两位不是有效的省级代码` },
    ];
  }
  if (county.endsWith('00')) {
    return [
      { field: 'countyCode', message: `「${county}」是地市级代码，办理主体编码须用县级区划代码` },
    ];
  }
  return [];
}

function townshipProblems(township: string): ItemCodeProblem[] {
  return /^\d{2}$/.test(township)
    ? []
    : [
        {
          field: 'townshipCode',
          message: `乡镇（街道）编码「${township}」应为 2 位数字，县级部门为 00`,
        },
      ];
}

function deptProblems(dept: string): ItemCodeProblem[] {
  if (/^[A-Z]{2}$/.test(dept)) return [];
  if (/^[a-z]{2}$/i.test(dept))
    return [{ field: 'deptCode', message: `部门代码「${dept}」须为大写字母` }];
  return [{ field: 'deptCode', message: `部门代码「${dept}」应为 2 个大写拼音首字母` }];
}

function typeProblems(type: string): ItemCodeProblem[] {
  if (isItemType(type)) return [];
  const hint = isItemType(type.toUpperCase()) ? `，应为大写「${type.toUpperCase()}」` : '';
  return [
    {
      field: 'type',
      message: `事项类型代码「${type}」无效${hint}；有效代码：${ITEM_TYPE_CODES.join('、')}`,
    },
  ];
}

function serialProblems(serial: string): ItemCodeProblem[] {
  if (!/^\d{4}$/.test(serial))
    return [{ field: 'serial', message: `事项序号「${serial}」应为 4 位数字，不足四位前补零` }];
  if (serial === '0000') return [{ field: 'serial', message: '事项序号从 0001 开始' }];
  return [];
}

export type ParseResult =
  { ok: true; parts: ItemCodeParts } | { ok: false; problems: ItemCodeProblem[] };

/** Reads a code, reporting every problem it has, not only the first. */
export function parseItemCode(code: string): ParseResult {
  if (code !== code.trim())
    return { ok: false, problems: [{ field: 'code', message: '编码前后不能有空格' }] };
  const pieces = code.split('-');
  if (pieces.length !== 3) {
    return {
      ok: false,
      problems: [
        {
          field: 'code',
          message: `编码「${code}」应由办理主体编码、事项类型代码、事项序号三段组成，以“-”分隔，如 33030300AJ-CF-0003`,
        },
      ],
    };
  }
  const [subject, type, serial] = pieces as [string, string, string];
  if (subject.length !== 10) {
    return {
      ok: false,
      problems: [
        {
          field: 'code',
          message: `办理主体编码「${subject}」应为 10 位：6 位县级区划代码 + 2 位乡镇编码 + 2 位部门代码`,
        },
        ...typeProblems(type),
        ...serialProblems(serial),
      ],
    };
  }
  const county = subject.slice(0, 6);
  const township = subject.slice(6, 8);
  const dept = subject.slice(8, 10);
  const problems = [
    ...countyProblems(county),
    ...townshipProblems(township),
    ...deptProblems(dept),
    ...typeProblems(type),
    ...serialProblems(serial),
  ];
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    parts: {
      countyCode: county,
      townshipCode: township,
      deptCode: dept,
      type: type as ItemType,
      serial: Number(serial),
    },
  };
}

export class ItemCodeError extends Error {
  constructor(readonly problems: ItemCodeProblem[]) {
    super(problems.map((p) => p.message).join('；'));
    this.name = 'ItemCodeError';
  }
}

/** The subject code (办理主体编码) of a unit: county + township + department letters. */
export function subjectCode(
  parts: Pick<ItemCodeParts, 'countyCode' | 'townshipCode' | 'deptCode'>,
): string {
  const problems = [
    ...countyProblems(parts.countyCode),
    ...townshipProblems(parts.townshipCode),
    ...deptProblems(parts.deptCode),
  ];
  if (problems.length) throw new ItemCodeError(problems);
  return `${parts.countyCode}${parts.townshipCode}${parts.deptCode}`;
}

/** Builds a code from its parts; throws ItemCodeError naming every bad part. */
export function buildItemCode(parts: ItemCodeParts): string {
  const serialText = Number.isInteger(parts.serial)
    ? String(parts.serial).padStart(4, '0')
    : String(parts.serial);
  const problems = [
    ...countyProblems(parts.countyCode),
    ...townshipProblems(parts.townshipCode),
    ...deptProblems(parts.deptCode),
    ...typeProblems(parts.type),
    ...(parts.serial > MAX_SERIAL
      ? [{ field: 'serial' as const, message: `事项序号已超过 ${MAX_SERIAL}` }]
      : serialProblems(serialText)),
  ];
  if (problems.length) throw new ItemCodeError(problems);
  return `${parts.countyCode}${parts.townshipCode}${parts.deptCode}-${parts.type}-${serialText}`;
}

/** Checks a code and, when given, that it belongs to the expected subject and type. */
export function validateItemCode(
  code: string,
  expected: { subjectCode?: string; type?: ItemType } = {},
): ItemCodeProblem[] {
  const parsed = parseItemCode(code);
  if (!parsed.ok) return parsed.problems;
  const problems: ItemCodeProblem[] = [];
  const subject = code.slice(0, 10);
  if (expected.subjectCode && subject !== expected.subjectCode) {
    problems.push({
      field: 'code',
      message: `编码的办理主体「${subject}」与事项的办理主体「${expected.subjectCode}」不符`,
    });
  }
  if (expected.type && parsed.parts.type !== expected.type) {
    problems.push({
      field: 'type',
      message: `编码的事项类型「${parsed.parts.type}」与事项类型「${expected.type}」不符`,
    });
  }
  return problems;
}
