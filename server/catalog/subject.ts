import type { Types } from 'mongoose';
import type { Principal } from '../access/abilities';
import { ItemCodeError, subjectCode } from '../../runtime/catalog/item-code';
import { badRequest } from '../http/errors';
import { initialsOf } from '../organisation/dept-code';
import type { Unit, UnitModel } from '../organisation/unit-model';
import type { ItemContentInput } from './content-schema';

export interface ResolvedSubject {
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  subjectCode: string;
}

/** 10-char subject code (CAT-4) of a department or township, from the organisation tree. */
async function codeOf(units: UnitModel, unit: Unit): Promise<string> {
  const county = await units.findById(unit.countyId).lean<Unit>().exec();
  try {
    return subjectCode({
      countyCode: county?.divisionCode ?? '',
      townshipCode: unit.kind === 'township' ? (unit.townshipCode ?? '') : '00',
      // A township is its own subject: its letters are its name's initials (永中街道 → YZ); its
      // two-digit township code already keeps it apart from every other subject in the county.
      deptCode:
        unit.deptCode ?? (unit.kind === 'township' ? initialsOf(unit.name).slice(0, 2) : ''),
    });
  } catch (err) {
    if (!(err instanceof ItemCodeError)) throw err;
    throw badRequest(`无法生成办理主体编码：${err.message}`, {
      field: 'subject.unitId',
      problems: err.problems,
    });
  }
}

/**
 * Checks the subject and office named in a draft against the caller's county, fills in their
 * names, and works out the subject code. The subject must be a department or township.
 */
export async function resolveSubject(
  units: UnitModel,
  principal: Principal,
  content: ItemContentInput,
): Promise<ResolvedSubject> {
  const unit = await units
    .findOne({ _id: content.subject.unitId, countyId: principal.countyId })
    .lean<Unit>()
    .exec();
  if (!unit || !['department', 'township'].includes(unit.kind)) {
    throw badRequest('办理主体须为本县（区）的部门或乡镇（街道）', { field: 'subject.unitId' });
  }
  content.subject.name = unit.name;
  if (content.office) {
    const office = await units
      .findOne({ _id: content.office.unitId, departmentId: unit._id })
      .lean<Unit>()
      .exec();
    if (!office) throw badRequest('办理科室须是办理主体的下属单位', { field: 'office.unitId' });
    content.office.name = office.name;
  }
  return {
    countyId: unit.countyId!,
    departmentId: unit._id,
    subjectCode: await codeOf(units, unit),
  };
}
