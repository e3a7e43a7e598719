import { Types } from 'mongoose';
import { z } from 'zod';
import { assertCan, assertCanAny } from '../access/query';
import type { Api } from '../http/api';
import { notFound } from '../http/errors';
import { objectId } from '../http/schemas';
import {
  applicantInput,
  applicationFields,
  progressReport,
  systemMessage,
} from './command-schemas';
import {
  newSystemKey,
  systemAuthenticator,
  type DepartmentSystem,
  type DepartmentSystemModel,
} from './department-systems';
import { commandAnswer } from './routes';
import type { CaseService } from './service';

const view = (s: DepartmentSystem) => ({
  id: String(s._id),
  name: s.name,
  departmentId: String(s.departmentId),
  status: s.status,
  createdAt: s.createdAt,
});

/**
 * Department systems (RUN-1, INT-1): administrators register them (their key is shown once);
 * a system pushes cases of its department's items, idempotently by its own id for the case,
 * and delivers replies a case waits for (上报件, RUN-12).
 */
export function systemRoutes(
  api: Api,
  service: CaseService,
  deps: { departmentSystems: DepartmentSystemModel },
): void {
  const { executor } = service;
  const systems = deps.departmentSystems;
  const authenticate = systemAuthenticator(systems);

  api.route({
    method: 'post',
    path: '/api/department-systems',
    access: 'staff',
    status: 201,
    summary: '登记部门业务系统，生成其接口密钥（只显示这一次）',
    tags: ['部门系统'],
    body: z.strictObject({ departmentId: objectId, name: z.string().trim().min(1).max(60) }),
    response: { description: '系统与密钥' },
    async handler({ body, auth, audit }) {
      const department = await service.units.get(body.departmentId);
      if (!department || department.countyId !== auth.principal.countyId)
        throw notFound('部门不存在');
      // Registering a system is managing an account of the department.
      assertCan(
        auth.ability,
        'create',
        'User',
        { countyId: department.countyId, departmentId: department.id },
        '部门系统',
      );
      const _id = new Types.ObjectId();
      const { key, keyHash } = newSystemKey(_id);
      const created = await systems.create({
        _id,
        countyId: department.countyId,
        departmentId: department.id,
        name: body.name,
        keyHash,
        createdBy: auth.principal.userId,
      });
      audit({
        action: 'create',
        resource: 'departmentSystem',
        resourceId: String(_id),
        summary: `登记部门系统「${body.name}」（${department.name}）`,
      });
      return { ...view(created.toObject()), key };
    },
  });

  api.route({
    method: 'get',
    path: '/api/department-systems',
    access: 'staff',
    summary: '本县登记的部门业务系统',
    tags: ['部门系统'],
    response: { description: '系统' },
    async handler({ auth }) {
      assertCanAny(auth.ability, 'update', 'User', '部门系统');
      const rows = await systems
        .find({ countyId: auth.principal.countyId })
        .lean<DepartmentSystem[]>()
        .exec();
      return { items: rows.map(view) };
    },
  });

  api.route({
    method: 'delete',
    path: '/api/department-systems/:id',
    access: 'staff',
    summary: '吊销部门系统的接口密钥',
    tags: ['部门系统'],
    params: z.object({ id: objectId }),
    response: { description: '已吊销' },
    async handler({ params, auth, audit }) {
      const found = await systems.findById(params.id).lean<DepartmentSystem>().exec();
      if (!found || String(found.countyId) !== auth.principal.countyId)
        throw notFound('部门系统不存在');
      assertCan(auth.ability, 'update', 'User', found, '部门系统');
      await systems.updateOne({ _id: found._id }, { $set: { status: 'revoked' } }).exec();
      audit({
        action: 'revoke',
        resource: 'departmentSystem',
        resourceId: params.id,
        summary: `吊销部门系统「${found.name}」的密钥`,
      });
      return { revoked: true };
    },
  });

  api.route({
    method: 'post',
    path: '/api/system/cases',
    access: 'public',
    summary: '部门系统推送办件（以接口密钥认证；同一 externalRef 重复推送得到同一办件）',
    tags: ['部门系统'],
    body: z.strictObject({
      itemId: objectId,
      externalRef: z.string().trim().min(1).max(100),
      applicant: applicantInput,
      acceptingUnitId: objectId.optional(),
      ...applicationFields,
    }),
    response: { description: '办件（新建为 201，已存在为 200）' },
    async handler({ req, res, body }) {
      const system = await authenticate(req);
      await service.whenReady();
      const { doc, created } = await executor.push({ kind: 'system', system }, body);
      // 201 for a new case, 200 for one pushed before: the route helper sends 200 otherwise.
      res.status(created ? 201 : 200).json(commandAnswer(doc, null));
    },
  });

  api.route({
    method: 'post',
    path: '/api/system/cases/:id/messages',
    access: 'public',
    summary: '部门系统向等待答复的办件递送消息（如上级的批复）；同一 deliveryId 只生效一次',
    tags: ['部门系统'],
    params: z.object({ id: objectId }),
    body: systemMessage,
    response: { description: '操作后的办件' },
    async handler({ req, params, body }) {
      const system = await authenticate(req);
      await service.whenReady();
      const { doc, result } = await executor.run({ kind: 'system', system }, params.id, {
        type: 'deliverMessage',
        ...body,
      });
      return commandAnswer(doc, result);
    },
  });

  api.route({
    method: 'post',
    path: '/api/system/cases/:id/progress',
    access: 'public',
    summary:
      '部门系统报送在本系统中办理的环节（按办理先后）；不符合流程图的环节报送电子监察；同一 reportId 只生效一次',
    tags: ['部门系统'],
    params: z.object({ id: objectId }),
    body: progressReport,
    response: { description: '操作后的办件' },
    async handler({ req, params, body }) {
      const system = await authenticate(req);
      await service.whenReady();
      const { doc, result } = await executor.run({ kind: 'system', system }, params.id, {
        type: 'reportProgress',
        ...body,
      });
      return commandAnswer(doc, result);
    },
  });
}
