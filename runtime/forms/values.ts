/**
 * Checks of one field's value: its shape (always) and its content rules (required, length, range,
 * pattern, ID number, phone, division code). Shared by `validateSubmission` and the rendered form's
 * own validators, so the studio preview, the portal and the server say the same thing.
 */
import { ID_NUMBER_PROBLEM_TEXT, idNumberProblem } from '../personal-data/id-number';
import { regexTest } from '../regex/engine';
import { FORM_LIMITS, fieldTypeOf, orderedFields } from './field-types';
import type { FormField } from './schema';
import { isEmptyValue } from './visibility';

/** Mobile (11 digits) or landline with optional area code and extension: 0577-86688888-123. */
const PHONE = /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?)$/;
const DIVISION = /^\d{6}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const PHONE_TEXT = '应为手机号（11 位）或固定电话（如 0577-86688888）';
export const DIVISION_TEXT = '应为 6 位行政区划代码';

export function phoneProblem(value: string): string | undefined {
  return PHONE.test(value) ? undefined : PHONE_TEXT;
}

/** 6 digits whose first two name a province (11–65) or 71, 81, 82 (台湾、香港、澳门). */
export function divisionProblem(value: string): string | undefined {
  if (!DIVISION.test(value)) return DIVISION_TEXT;
  const province = Number(value.slice(0, 2));
  if (!((province >= 11 && province <= 65) || [71, 81, 82].includes(province))) {
    return '前 2 位不是有效的省级代码';
  }
  return undefined;
}

export function isDateString(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const length = (s: string) => [...s].length;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a non-empty value has the wrong shape for the field, or undefined. */
export function shapeProblem(field: FormField, value: unknown): string | undefined {
  const type = fieldTypeOf(field);
  const options = new Set((field.enum ?? []).map((o) => o.value));
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : '应为数字';
    case 'date':
      return typeof value === 'string' && isDateString(value)
        ? undefined
        : '应为 YYYY-MM-DD 格式的日期';
    case 'select':
    case 'radio':
      return typeof value === 'string' && options.has(value) ? undefined : '的取值不在选项中';
    case 'checkbox':
      if (!Array.isArray(value) || value.length > FORM_LIMITS.items) return '应为选项列表';
      if (!value.every((v) => typeof v === 'string' && options.has(v))) return '的取值不在选项中';
      return new Set(value).size === value.length ? undefined : '的选项重复';
    case 'upload':
      return Array.isArray(value) && value.length <= FORM_LIMITS.items && value.every(isFileRef)
        ? undefined
        : '应为文件列表，每项只含 fileId 和 name';
    case 'table':
      return Array.isArray(value) && value.length <= FORM_LIMITS.items && value.every(isPlainObject)
        ? undefined
        : '应为表格行的列表';
    case undefined:
      return '的控件未知，无法校验';
    default:
      if (typeof value !== 'string') return '应为文本';
      return length(value) > FORM_LIMITS.text ? `不能超过 ${FORM_LIMITS.text} 个字` : undefined;
  }
}

function isFileRef(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length === 2 &&
    typeof v.fileId === 'string' &&
    FILE_ID.test(v.fileId) &&
    typeof v.name === 'string' &&
    v.name.length > 0 &&
    v.name.length <= 255
  );
}

/**
 * Why a value of the right shape breaks the field's rules, or undefined. `today` (YYYY-MM-DD)
 * bounds birth dates in ID numbers; the runtime has no clock of its own.
 */
export function ruleProblem(
  field: FormField,
  value: unknown,
  today = '9999-12-31',
): string | undefined {
  if (isEmptyValue(value)) return field.required ? '为必填项' : undefined;
  const type = fieldTypeOf(field);
  if (typeof value === 'string') {
    const n = length(value);
    if (field.minLength !== undefined && n < field.minLength) return `至少 ${field.minLength} 个字`;
    if (field.maxLength !== undefined && n > field.maxLength)
      return `不能超过 ${field.maxLength} 个字`;
    // RE2 (linear time): a stored pattern never stalls the server, whatever the value (FORM-3).
    if (field.pattern) {
      const ok = regexTest(field.pattern, value);
      // A pattern stored before RE2 was required (look-around) fails closed.
      if (ok === undefined) return '的格式规则无法执行，请事项管理员修改表单';
      if (!ok) return '格式不正确';
    }
    if (type === 'idNumber') {
      const p = idNumberProblem(value, today);
      return p && ID_NUMBER_PROBLEM_TEXT[p];
    }
    if (type === 'phone') return phoneProblem(value);
    if (type === 'division') return divisionProblem(value);
  }
  if (typeof value === 'number') {
    if (field.minimum !== undefined && value < field.minimum) return `不能小于 ${field.minimum}`;
    if (field.maximum !== undefined && value > field.maximum) return `不能大于 ${field.maximum}`;
    const precision = field['x-component-props']?.precision;
    if (typeof precision === 'number' && !hasPrecision(value, precision)) {
      return precision === 0 ? '应为整数' : `最多 ${precision} 位小数`;
    }
  }
  if (Array.isArray(value)) {
    if (field.minItems !== undefined && value.length < field.minItems)
      return `至少 ${field.minItems} 项`;
    if (field.maxItems !== undefined && value.length > field.maxItems)
      return `最多 ${field.maxItems} 项`;
  }
  return undefined;
}

function hasPrecision(value: number, digits: number): boolean {
  const scaled = value * 10 ** digits;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** The columns of a table field, in order. */
export function tableColumns(field: FormField): [string, FormField][] {
  return orderedFields(field.items?.properties);
}
