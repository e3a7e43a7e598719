import fs from 'node:fs';
import path from 'node:path';
import type { ItemContent } from '../runtime';
import { initiationOf } from '../runtime/catalog/item';
import { ApiClient } from './api-client';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-county';
import { DEMO_ITEMS } from './demo-items';
import { designDemoItem } from './demo-design';

const APPLICATION_FORM = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../templates/forms/application.json'), 'utf8'),
) as object;

interface Unit {
  id: string;
  name: string;
  kind: string;
  departmentId?: string;
}

/**
 * Seeds the demo catalog through the platform's own API, as the departments' clerks and the
 * reviewer would: create, submit, approve. Codes are therefore assigned by the real approval, and
 * the guideline's examples come out as 33030300AJ-CF-0003 and 33030300GS-DL-0001 by order.
 */
export async function seedDemoCatalog(baseUrl: string, say: (m: string) => void): Promise<number> {
  const sessions = new Map<string, ApiClient>();
  const as = async (username: string) => {
    let client = sessions.get(username);
    if (!client) {
      client = new ApiClient(baseUrl);
      const res = await client.login(username, DEMO_PASSWORD);
      if (res.status !== 200)
        throw new Error(`演示账号 ${username} 登录失败：${JSON.stringify(res.body)}`);
      sessions.set(username, client);
    }
    return client;
  };
  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}失败：${JSON.stringify(res.body)}`);
    return res.body;
  };

  const reviewer = await as('reviewer');
  const units = ok(await reviewer.get('/api/units'), '读取组织机构') as { items: Unit[] };
  const unit = (name: string, departmentId?: string) => {
    const found = units.items.find(
      (u) => u.name === name && (!departmentId || u.departmentId === departmentId),
    );
    if (!found) throw new Error(`演示单位不存在：${name}`);
    return found;
  };
  const clerkOf = (department: string) => {
    const clerk = DEMO_USERS.find((u) => u.unit[0] === department && u.roles.includes('clerk'));
    if (!clerk) throw new Error(`${department} 没有演示事项管理员`);
    return clerk.username;
  };

  for (const demo of DEMO_ITEMS) {
    const department = unit(demo.department);
    const office = unit(demo.office, department.id);
    const content: ItemContent = {
      ...demo.content,
      subject: { unitId: department.id, name: department.name, nature: 'statutory' },
      office: { unitId: office.id, name: office.name },
    };
    const clerk = await as(clerkOf(demo.department));
    let item = ok(await clerk.post('/api/items', content), `新增事项「${content.name}」`) as {
      id: string;
      version: number;
      code?: string;
    };
    if (demo.state === 'draft') continue;
    await designDemoItem(
      clerk,
      {
        id: item.id,
        handlingKind: content.handlingKind,
        officeId: office.id,
        ...(initiationOf(content) === 'exOfficio'
          ? { procedure: content.procedure }
          : { promisedLimit: content.promisedLimit }),
      },
      APPLICATION_FORM,
      ok,
    );
    item = ok(
      await clerk.post(`/api/items/${item.id}/submit`, { version: item.version }),
      `提交「${content.name}」`,
    ) as typeof item;
    if (demo.state === 'submitted') continue;
    item = ok(
      await reviewer.post(`/api/items/${item.id}/approve`, { version: item.version }),
      `审核通过「${content.name}」`,
    ) as typeof item;
    if (demo.serial && !item.code?.endsWith(`-${String(demo.serial).padStart(4, '0')}`)) {
      throw new Error(`「${content.name}」的编码应以序号 ${demo.serial} 结尾，实为 ${item.code}`);
    }
  }
  for (const client of sessions.values()) await client.post('/api/auth/logout');
  say(`演示事项目录已写入：${DEMO_ITEMS.length} 项（经接口新增、提交、审核）`);
  return DEMO_ITEMS.length;
}
