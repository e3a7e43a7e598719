import { Types } from 'mongoose';
import { z } from 'zod';
import { findPage } from '../database/paging';
import { accessibleFilter, assertCan, both } from '../access/query';
import { changesBetween } from '../audit/models';
import { updateVersioned } from '../database/versioned';
import { writeUnique } from '../database/unique';
import type { Api } from '../http/api';
import { badRequest, notFound } from '../http/errors';
import { objectId, page, pageOf, versionField } from '../http/schemas';
import { suggestDeptCodes } from './dept-code';
import { childDivisions, countyDivision } from './divisions';
import type { Post, PostModel } from './post-model';
import {
  ALLOWED_PARENTS,
  codeKeyOf,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type Unit,
  type UnitKind,
  type UnitModel,
} from './unit-model';

export interface OrganisationDeps {
  units: UnitModel;
  posts: PostModel;
}

const unitView = (u: Unit) => ({
  id: String(u._id),
  kind: u.kind,
  kindLabel: UNIT_KIND_LABELS[u.kind],
  name: u.name,
  parentId: u.parentId ? String(u.parentId) : undefined,
  countyId: u.countyId ? String(u.countyId) : undefined,
  departmentId: u.departmentId ? String(u.departmentId) : undefined,
  divisionCode: u.divisionCode,
  deptCode: u.deptCode,
  townshipCode: u.townshipCode,
  phone: u.phone,
  address: u.address,
  sortOrder: u.sortOrder,
  status: u.status,
  version: u.version,
});

const postView = (p: Post) => ({
  id: String(p._id),
  unitId: String(p.unitId),
  departmentId: String(p.departmentId),
  countyId: String(p.countyId),
  name: p.name,
  description: p.description,
  leading: !!p.leading,
  status: p.status,
  version: p.version,
});

const deptCode = z.string().regex(/^[A-Z]{2}$/, '部门编码应为两个大写字母');
const townshipCode = z.string().regex(/^\d{2}$/, '乡镇编码应为两位数字');
const divisionCode = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划代码应为 6、9 或 12 位数字');

const unitInput = z
  .object({
    parentId: objectId,
    kind: z.enum(UNIT_KINDS),
    name: z.string().trim().min(1).max(60),
    divisionCode: divisionCode.optional(),
    deptCode: deptCode.optional(),
    townshipCode: townshipCode.optional(),
    phone: z.string().max(30).optional(),
    address: z.string().max(120).optional(),
    sortOrder: z.number().int().min(0).max(9999).optional(),
  })
  .strict();

const unitPatch = z
  .object({
    version: versionField,
    name: z.string().trim().min(1).max(60).optional(),
    divisionCode: divisionCode.optional(),
    deptCode: deptCode.optional(),
    townshipCode: townshipCode.optional(),
    phone: z.string().max(30).optional(),
    address: z.string().max(120).optional(),
    sortOrder: z.number().int().min(0).max(9999).optional(),
    status: z.enum(['active', 'inactive']).optional(),
  })
  .strict();

/** Where a new unit of `kind` under `parent` sits: its ancestors, county and department. */
function placement(parent: Unit, kind: UnitKind, id: Types.ObjectId) {
  if (!ALLOWED_PARENTS[kind].includes(parent.kind)) {
    throw badRequest(`${UNIT_KIND_LABELS[kind]}不能设在${UNIT_KIND_LABELS[parent.kind]}之下`, {
      allowedParents: ALLOWED_PARENTS[kind],
    });
  }
  const ancestors = [...parent.ancestors, parent._id];
  const countyId = kind === 'county' ? id : parent.countyId;
  const departmentId = kind === 'department' || kind === 'township' ? id : parent.departmentId;
  return { ancestors, countyId, departmentId };
}

/** Checks a division code against the official list: a township under its county, and so on. */
async function checkDivision(kind: UnitKind, code: string | undefined, parent: Unit | undefined) {
  if (!code) return;
  const lengths: Partial<Record<UnitKind, number>> = {
    city: 6,
    county: 6,
    township: 9,
    community: 12,
  };
  const expectedLength = lengths[kind];
  if (!expectedLength) throw badRequest(`${UNIT_KIND_LABELS[kind]}不设行政区划代码`);
  if (code.length !== expectedLength) {
    throw badRequest(`${UNIT_KIND_LABELS[kind]}的行政区划代码应为 ${expectedLength} 位`);
  }
  if (kind === 'county' && !(await countyDivision(code))) {
    throw badRequest(`行政区划代码 ${code} 不是现行的县级区划`);
  }
  if ((kind === 'township' || kind === 'community') && parent?.divisionCode) {
    const children = await childDivisions(parent.divisionCode);
    if (!children.some((d) => d.code === code)) {
      throw badRequest(
        `行政区划代码 ${code} 不在 ${parent.name}（${parent.divisionCode}）的下级区划中`,
      );
    }
  }
}

function checkCodes(kind: UnitKind, input: { deptCode?: string; townshipCode?: string }) {
  if (input.deptCode && kind !== 'department') throw badRequest('只有部门设部门编码');
  if (input.townshipCode && kind !== 'township') throw badRequest('只有乡镇（街道）设乡镇编码');
}

export function organisationRoutes(api: Api, deps: OrganisationDeps): void {
  const { units, posts } = deps;

  async function visibleUnit(ability: Parameters<typeof accessibleFilter>[0], id: string) {
    const filter = accessibleFilter<Unit>(ability, 'read', 'Unit');
    const unit =
      filter &&
      (await units
        .findOne(both(filter, { _id: id }))
        .lean<Unit>()
        .exec());
    if (!unit) throw notFound('单位不存在');
    return unit;
  }

  /** Free codes for a department named `name` in the county, best first. */
  async function deptCodeSuggestions(countyId: unknown, name: string) {
    const county = await units.findById(String(countyId), { name: 1 }).lean().exec();
    return suggestDeptCodes(name, await takenDeptCodes(countyId), county?.name);
  }

  async function takenDeptCodes(countyId: unknown) {
    const rows = await units
      .find({ countyId: String(countyId), kind: 'department' }, { deptCode: 1 })
      .lean()
      .exec();
    return rows.map((r) => r.deptCode).filter((c): c is string => Boolean(c));
  }

  api.route({
    method: 'get',
    path: '/api/units',
    access: 'staff',
    summary: '组织机构列表（平铺，按上级编排成树）',
    tags: ['组织机构'],
    query: z.object({ kind: z.enum(UNIT_KINDS).optional() }).strict(),
    response: { description: '单位' },
    async handler({ query, auth }) {
      const filter = accessibleFilter<Unit>(auth.ability, 'read', 'Unit');
      if (!filter) return { items: [] };
      const rows = await units
        .find(both(filter, query.kind ? { kind: query.kind } : {}))
        .sort({ sortOrder: 1, name: 1 })
        .lean<Unit[]>()
        .exec();
      return { items: rows.map(unitView) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/units/dept-code-suggestions',
    access: 'staff',
    summary: '按部门名称的拼音首字母建议部门编码（排除本县已用的）',
    tags: ['组织机构'],
    query: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    response: { description: '建议的编码，最合适的在前' },
    async handler({ query, auth }) {
      return {
        codes: (await deptCodeSuggestions(auth.principal.countyId, query.name)).slice(0, 5),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/units/:id',
    access: 'staff',
    summary: '单位详情',
    tags: ['组织机构'],
    params: z.object({ id: objectId }),
    response: { description: '单位' },
    async handler({ params, auth }) {
      return unitView(await visibleUnit(auth.ability, params.id));
    },
  });

  api.route({
    method: 'post',
    path: '/api/units',
    access: 'staff',
    status: 201,
    summary: '新建单位（部门、科室、乡镇街道、社区村）',
    tags: ['组织机构'],
    body: unitInput,
    response: { description: '已建' },
    async handler({ body, auth, audit }) {
      const parent = await visibleUnit(auth.ability, body.parentId);
      const _id = new Types.ObjectId();
      const place = placement(parent, body.kind, _id);
      checkCodes(body.kind, body);
      await checkDivision(body.kind, body.divisionCode, parent);
      const record = {
        _id,
        ...body,
        parentId: parent._id,
        ...place,
        deptCode:
          body.kind === 'department'
            ? (body.deptCode ?? (await deptCodeSuggestions(place.countyId, body.name))[0])
            : undefined,
      };
      if (body.kind === 'department' && !record.deptCode) {
        throw badRequest('无法从名称生成未被占用的部门编码，请手工填写');
      }
      assertCan(auth.ability, 'create', 'Unit', record, '新建单位');
      const unit: Unit = { ...record, codeKey: codeKeyOf(record) } as Unit;
      await writeUnique(units, unit as unknown as Record<string, unknown>, () =>
        units.create(unit),
      );
      const saved = (await units.findById(_id).lean<Unit>().exec())!;
      audit({
        action: 'create',
        resource: 'unit',
        resourceId: String(_id),
        summary: `新建${UNIT_KIND_LABELS[saved.kind]}「${saved.name}」${saved.deptCode ? `（编码 ${saved.deptCode}）` : ''}`,
        changes: changesBetween(undefined, unitView(saved)),
      });
      return unitView(saved);
    },
  });

  api.route({
    method: 'patch',
    path: '/api/units/:id',
    access: 'staff',
    summary: '修改单位',
    tags: ['组织机构'],
    params: z.object({ id: objectId }),
    body: unitPatch,
    response: { description: '修改后的单位' },
    async handler({ params, body, auth, audit }) {
      const unit = await visibleUnit(auth.ability, params.id);
      assertCan(auth.ability, 'update', 'Unit', unit, '修改该单位');
      checkCodes(unit.kind, body);
      const parent = unit.parentId
        ? await units.findById(unit.parentId).lean<Unit>().exec()
        : undefined;
      await checkDivision(unit.kind, body.divisionCode, parent ?? undefined);
      const { version, ...changes } = body;
      const next = { ...unit, ...changes };
      const set = { ...changes, codeKey: codeKeyOf(next) };
      const updated = await writeUnique(units, { ...next, codeKey: set.codeKey }, () =>
        updateVersioned(units, unit._id, version, { $set: set }, '单位'),
      );
      audit({
        action: 'update',
        resource: 'unit',
        resourceId: params.id,
        summary: `修改单位「${updated.name}」`,
        changes: changesBetween(unitView(unit), unitView(updated)),
      });
      return unitView(updated);
    },
  });

  api.route({
    method: 'get',
    path: '/api/divisions',
    access: 'staff',
    summary: '下级行政区划（取自国家统计局区划代码）',
    tags: ['组织机构'],
    query: z
      .object({ parent: z.string().regex(/^(\d{6}|\d{9})$/, '上级区划代码应为 6 或 9 位') })
      .strict(),
    response: { description: '区划' },
    async handler({ query }) {
      return { items: await childDivisions(query.parent) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/posts',
    access: 'staff',
    summary: '岗位列表',
    tags: ['岗位'],
    query: z
      .object({ unitId: objectId.optional(), departmentId: objectId.optional(), ...page })
      .strict(),
    response: { description: '岗位' },
    async handler({ query, auth }) {
      const filter = accessibleFilter<Post>(auth.ability, 'read', 'Post');
      if (!filter) return pageOf([], 0, query);
      const where: Record<string, unknown> = {};
      if (query.unitId) where.unitId = query.unitId;
      if (query.departmentId) where.departmentId = query.departmentId;
      const q = both(filter, where);
      return findPage(posts, q, { unitId: 1, name: 1 }, query, postView);
    },
  });

  api.route({
    method: 'post',
    path: '/api/posts',
    access: 'staff',
    status: 201,
    summary: '新建岗位',
    tags: ['岗位'],
    body: z
      .object({
        unitId: objectId,
        name: z.string().trim().min(1).max(40),
        description: z.string().max(200).optional(),
        leading: z.boolean().optional(),
      })
      .strict(),
    response: { description: '已建' },
    async handler({ body, auth, audit }) {
      const unit = await visibleUnit(auth.ability, body.unitId);
      if (!unit.departmentId || !unit.countyId)
        throw badRequest(
          `岗位须设在部门、科室或乡镇（街道）下，不能设在${UNIT_KIND_LABELS[unit.kind]}`,
        );
      const record = {
        ...body,
        unitId: unit._id,
        departmentId: unit.departmentId,
        countyId: unit.countyId,
      };
      assertCan(auth.ability, 'create', 'Post', record, '在该单位新建岗位');
      const created = await writeUnique(posts, record, () => posts.create(record));
      const saved = created.toObject() as Post;
      audit({
        action: 'create',
        resource: 'post',
        resourceId: String(saved._id),
        summary: `在「${unit.name}」新建岗位「${saved.name}」`,
        changes: changesBetween(undefined, postView(saved)),
      });
      return postView(saved);
    },
  });

  api.route({
    method: 'patch',
    path: '/api/posts/:id',
    access: 'staff',
    summary: '修改岗位',
    tags: ['岗位'],
    params: z.object({ id: objectId }),
    body: z
      .object({
        version: versionField,
        name: z.string().trim().min(1).max(40).optional(),
        description: z.string().max(200).optional(),
        leading: z.boolean().optional(),
        status: z.enum(['active', 'inactive']).optional(),
      })
      .strict(),
    response: { description: '修改后的岗位' },
    async handler({ params, body, auth, audit }) {
      const filter = accessibleFilter<Post>(auth.ability, 'read', 'Post');
      const post =
        filter &&
        (await posts
          .findOne(both(filter, { _id: params.id }))
          .lean<Post>()
          .exec());
      if (!post) throw notFound('岗位不存在');
      assertCan(auth.ability, 'update', 'Post', post, '修改该岗位');
      const { version, ...changes } = body;
      const updated = await writeUnique(posts, { ...post, ...changes }, () =>
        updateVersioned(posts, post._id, version, { $set: changes }, '岗位'),
      );
      audit({
        action: 'update',
        resource: 'post',
        resourceId: params.id,
        summary: `修改岗位「${updated.name}」`,
        changes: changesBetween(postView(post), postView(updated)),
      });
      return postView(updated);
    },
  });
}
