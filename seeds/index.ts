import { Types } from 'mongoose';
import { hashPassword } from '../server/identity/passwords';
import type { Models } from '../server/models';
import { childDivisions } from '../server/organisation/divisions';
import { codeKeyOf, type Unit, type UnitKind } from '../server/organisation/unit-model';
import {
  DEMO_CITY,
  DEMO_COMMUNITY_COUNT,
  DEMO_COUNTY,
  DEMO_DEPARTMENTS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_WINDOW_TOWNSHIPS,
} from './demo-county';

type NewUnit = Omit<
  Unit,
  'createdAt' | 'updatedAt' | 'version' | 'status' | 'codeKey' | 'ancestors'
> & {
  ancestors: Types.ObjectId[];
};

/** Seeds the demo county into an empty database; does nothing when any unit exists. */
export async function seedDemoCounty(models: Models, say: (m: string) => void): Promise<boolean> {
  if (await models.units.exists({}).exec()) return false;
  say('空数据库：写入演示数据（温州市龙湾区）…');
  const units: NewUnit[] = [];
  const add = (
    kind: UnitKind,
    name: string,
    parent: NewUnit | undefined,
    extra: Partial<NewUnit> = {},
  ): NewUnit => {
    const _id = new Types.ObjectId();
    const unit: NewUnit = {
      _id,
      kind,
      name,
      parentId: parent?._id,
      ancestors: parent ? [...parent.ancestors, parent._id] : [],
      countyId: kind === 'county' ? _id : parent?.countyId,
      departmentId: kind === 'department' || kind === 'township' ? _id : parent?.departmentId,
      sortOrder: units.length,
      ...extra,
    };
    units.push(unit);
    return unit;
  };

  const city = add('city', DEMO_CITY.name, undefined, { divisionCode: DEMO_CITY.divisionCode });
  const county = add('county', DEMO_COUNTY.name, city, { divisionCode: DEMO_COUNTY.divisionCode });
  const byName = new Map<string, NewUnit>();
  const postsToAdd: { unit: NewUnit; name: string }[] = [];
  for (const dept of DEMO_DEPARTMENTS) {
    const d = add('department', dept.name, county, { deptCode: dept.deptCode });
    byName.set(dept.name, d);
    for (const office of dept.offices) {
      const o = add('office', office.name, d);
      byName.set(`${dept.name}/${office.name}`, o);
      for (const post of office.posts) postsToAdd.push({ unit: o, name: post });
    }
  }
  const streets = await childDivisions(DEMO_COUNTY.divisionCode);
  if (streets.length === 0)
    throw new Error(`区划数据中找不到 ${DEMO_COUNTY.divisionCode} 的乡镇街道`);
  for (const street of streets) {
    const t = add('township', street.name, county, {
      divisionCode: street.code,
      townshipCode: street.code.slice(-2),
    });
    byName.set(street.name, t);
    if (DEMO_WINDOW_TOWNSHIPS.includes(street.name)) {
      const w = add('office', '便民服务中心', t);
      byName.set(`${street.name}/便民服务中心`, w);
      postsToAdd.push({ unit: w, name: '综合受理窗口' });
    }
  }
  const first = byName.get(DEMO_WINDOW_TOWNSHIPS[0]!)!;
  const communities = (await childDivisions(first.divisionCode!)).filter((v) =>
    v.name.endsWith('社区'),
  );
  for (const c of communities.slice(0, DEMO_COMMUNITY_COUNT))
    add('community', c.name, first, { divisionCode: c.code });

  await models.units.insertMany(units.map((u) => ({ ...u, codeKey: codeKeyOf(u) })));
  const posts = await models.posts.insertMany(
    postsToAdd.map(({ unit, name }) => ({
      unitId: unit._id,
      countyId: unit.countyId,
      departmentId: unit.departmentId,
      name,
      // 科长 and 分管局长 head their department: they see its supervision alerts (SUP-10).
      leading: name === '科长' || name === '分管局长',
    })),
  );

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await models.users.insertMany(
    DEMO_USERS.map((u) => {
      const unit = byName.get(`${u.unit[0]}/${u.unit[1]}`);
      if (!unit) throw new Error(`演示用户 ${u.username} 的单位不存在：${u.unit.join('/')}`);
      const postIds = u.posts.map((name) => {
        const post = posts.find((p) => p.name === name && String(p.unitId) === String(unit._id));
        if (!post) throw new Error(`演示用户 ${u.username} 的岗位不存在：${name}`);
        return post._id;
      });
      return {
        username: u.username,
        staffNo: u.staffNo,
        name: u.name,
        unitId: unit._id,
        departmentId: unit.departmentId,
        countyId: unit.countyId,
        postIds,
        roles: u.roles,
        passwordHash,
        passwordChangedAt: new Date(),
      };
    }),
  );
  say(
    `演示数据已写入：${units.length} 个单位，${posts.length} 个岗位，${DEMO_USERS.length} 个账号（密码 ${DEMO_PASSWORD}）`,
  );
  return true;
}
