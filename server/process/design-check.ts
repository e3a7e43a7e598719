import type { CompletenessProblem } from '../../runtime/catalog/completeness';
import type { CompiledProcess } from '../../runtime/process/compiled';
import type { Item } from '../catalog/item-model';
import type { ItemForm } from '../forms/form-model';
import { verificationContext, type ProcessContextDeps } from './context';
import type { ItemProcessModel } from './process-model';
import { verifyInSandbox, type Verifier } from './verification';

export interface DesignDeps extends ProcessContextDeps {
  itemProcesses: ItemProcessModel;
  verifier: Verifier;
}

export interface Design {
  problems: CompletenessProblem[];
  xml?: string;
  compiled?: CompiledProcess;
  forms: ItemForm[];
}

/**
 * The item's flowchart verified now, against its forms and limits as they are now (CAT-7,
 * PROC-4): what was saved earlier may predate a change of a form or of the promised limit.
 */
export async function checkDesign(
  deps: DesignDeps,
  item: Pick<Item, '_id' | 'countyId' | 'draft'>,
): Promise<Design> {
  const [process, forms] = await Promise.all([
    deps.itemProcesses.findById(item._id).lean().exec(),
    deps.itemForms.find({ itemId: item._id }).sort({ key: 1 }).lean().exec(),
  ]);
  if (!process) {
    return { problems: [{ field: 'process', message: '尚未绘制权力运行流程图' }], forms };
  }
  // In the worker pool like every verification: a stored diagram may be a slow one (PROC-4).
  const result = await verifyInSandbox(
    deps.verifier,
    process.xml,
    await verificationContext(deps, item),
  );
  if (!result.ok) {
    return {
      xml: process.xml,
      forms,
      problems: [
        {
          field: 'process',
          message: `权力运行流程图校验未通过：${result.problems
            .slice(0, 3)
            .map((p) => p.message)
            .join(
              '；',
            )}${result.problems.length > 3 ? ` 等 ${result.problems.length} 个问题` : ''}`,
        },
      ],
    };
  }
  const problems: CompletenessProblem[] = [];
  if (!result.compiled.applicationForm) {
    problems.push({ field: 'process', message: '流程图未绑定申请表单' });
  }
  return { xml: process.xml, compiled: result.compiled, forms, problems };
}
