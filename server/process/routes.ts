import { z } from 'zod';
import type { VerificationResult } from '../../runtime/process/verify';
import { editableItem } from '../catalog/editable';
import type { ItemModel } from '../catalog/item-model';
import { visibleItem } from '../catalog/item-view';
import { updateVersioned } from '../database/versioned';
import type { Api } from '../http/api';
import { AppError } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import { verificationContext, type ProcessContextDeps } from './context';
import type { ItemProcess, ItemProcessModel } from './process-model';
import { EX_OFFICIO_TEMPLATES } from '../../runtime/process/templates';
import { exOfficioTemplate, processTemplates } from './templates';
import { isDuplicateKey } from '../database/unique';
import { verifyInSandbox, type Verifier } from './verification';

/** Diagrams above this are refused by the body parser before they are read (PROC-4). */
export const PROCESS_BODY_LIMIT = '3mb';
export const PROCESS_PATHS = ['/api/items/:id/process', '/api/process/verify'];

const xml = z.string().min(1, '流程图内容为空');

export interface ProcessDeps extends ProcessContextDeps {
  items: ItemModel;
  itemProcesses: ItemProcessModel;
  /** Verification runs in the worker pool with a time budget (PROC-4). */
  verifier: Verifier;
}

const processView = (p: ItemProcess | null) => ({
  xml: p?.xml ?? null,
  problems: p?.problems ?? [],
  verified: Boolean(p?.compiled),
  version: p?.version ?? 0,
  updatedAt: p?.updatedAt,
});

/** What the runtime could never run, whatever the clerk does next: refused, not kept. */
const REFUSED_RULES = new Set(['county/unsupported-element', 'county/single-process']);

/**
 * A diagram that cannot be read, or uses elements the runtime does not support, is refused with
 * every problem named; one with other problems is kept as a draft and shows them (PROC-4).
 */
function refuseUnreadable(result: VerificationResult) {
  if (!result.ok && (result.unreadable || result.problems.some((p) => REFUSED_RULES.has(p.rule)))) {
    throw new AppError(
      400,
      'invalid_bpmn',
      `流程图无法读取：${result.problems.map((p) => p.message).join('；')}`,
      { problems: result.problems },
    );
  }
}

/** The item's flowchart (PROC-1), its verification (PROC-4) and the templates (PROC-5). */
export function processRoutes(api: Api, deps: ProcessDeps): void {
  const { items, itemProcesses, verifier } = deps;

  api.route({
    method: 'get',
    path: '/api/items/:id/process',
    access: 'staff',
    summary: '事项的权力运行流程图（BPMN）及校验结果',
    tags: ['流程图'],
    params: z.object({ id: objectId }),
    response: { description: '流程图' },
    async handler({ params, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      return processView(await itemProcesses.findById(item._id).lean().exec());
    },
  });

  api.route({
    method: 'put',
    path: '/api/items/:id/process',
    access: 'staff',
    summary: '保存流程图（新建时 version 为 0）：无法读取的拒绝保存，有问题的保存为草稿并列出问题',
    tags: ['流程图'],
    params: z.object({ id: objectId }),
    body: z.strictObject({ xml, version: versionField }),
    response: { description: '保存后的流程图及校验结果' },
    async handler({ params, body, auth, audit }) {
      const item = await editableItem(items, auth, params.id, '修改流程图');
      const result = await verifyInSandbox(
        verifier,
        body.xml,
        await verificationContext(deps, item),
      );
      refuseUnreadable(result);
      const fields = {
        xml: body.xml,
        problems: result.problems,
        updatedBy: auth.principal.userId,
      };
      const compiled = result.ok ? { $set: { compiled: result.compiled } } : {};
      let saved: ItemProcess;
      if (body.version === 0) {
        try {
          saved = (
            await itemProcesses.create({
              _id: item._id,
              countyId: item.countyId,
              departmentId: item.departmentId,
              ...fields,
              // 0 asks for a new flowchart, so a stored one starts at 1.
              version: 1,
              ...(result.ok ? { compiled: result.compiled } : {}),
            })
          ).toObject();
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          throw new AppError(409, 'version_conflict', '流程图已被他人保存，请刷新后修改');
        }
      } else {
        saved = await updateVersioned(
          itemProcesses,
          item._id,
          body.version,
          result.ok
            ? { $set: { ...fields, ...compiled.$set } }
            : { $set: fields, $unset: { compiled: 1 } },
          '流程图',
        );
      }
      audit({
        action: body.version === 0 ? 'create' : 'update',
        resource: 'process',
        resourceId: params.id,
        summary: `保存事项「${item.name}」的流程图（${result.ok ? '校验通过' : `${result.problems.length} 个问题`}）`,
      });
      return processView(saved);
    },
  });

  api.route({
    method: 'post',
    path: '/api/process/verify',
    access: 'staff',
    summary: '校验流程图（不保存）',
    tags: ['流程图'],
    body: z.strictObject({ itemId: objectId, xml }),
    response: { description: '问题列表，空表示通过' },
    async handler({ body, auth }) {
      const item = await visibleItem(items, auth.ability, body.itemId);
      const result = await verifyInSandbox(
        verifier,
        body.xml,
        await verificationContext(deps, item),
      );
      // A file that cannot be read at all is refused as on saving; a readable one with problems
      // answers them, so the designer can mark each element.
      if (!result.ok && result.unreadable) refuseUnreadable(result);
      return { problems: result.problems };
    },
  });

  api.route({
    method: 'get',
    path: '/api/process-templates',
    access: 'staff',
    summary: '按办件类型的流程图模板',
    tags: ['流程图'],
    response: { description: '模板' },
    handler: () => processTemplates(),
  });

  api.route({
    method: 'get',
    path: '/api/process-templates/ex-officio',
    access: 'staff',
    summary:
      '依职权事项的法定程序模板：流程图与案件表单（处罚普通程序、简易程序、查封扣押、检查、征收）',
    tags: ['流程图'],
    response: { description: '模板' },
    handler: () => EX_OFFICIO_TEMPLATES.map((t) => exOfficioTemplate(t.procedure)),
  });
}
