import type { CaseDefinition } from '../../runtime/cases';
import { caseFee } from '../../runtime/cases/definition';
import { initiationOf, type Material } from '../../runtime/catalog/item';
import type { ItemVersion, ItemVersionModel } from '../catalog/version-model';
import { versionId } from '../catalog/version-model';
import { AppError } from '../http/errors';
import type { UnitModel } from '../organisation/unit-model';

/** An approved item version as cases run it, with what the server needs beside it. */
export interface LoadedDefinition {
  def: CaseDefinition;
  countyId: string;
  /** The department (or township) that exercises the item: it handles the case. */
  departmentId: string;
  /** The first part of the item code (CAT-4): the case number's prefix (RUN-11). */
  subjectCode: string;
  /** The flowchart as drawn, for the diagram of a case (SUP-1). */
  xml?: string;
  /** The item version's material list in full (存储要求, 原件/复印件 …), for the case page. */
  materials: Material[];
  /** The forms' names by key, as the case page titles them. */
  formNames: Record<string, string>;
}

/**
 * Item versions are immutable (CAT-6), so a definition once built is kept for the life of the
 * process: every command on a case needs the version it started with, and the engine caches its
 * lookups per definition object.
 */
export class CaseDefinitions {
  private readonly cache = new Map<string, Promise<LoadedDefinition>>();

  constructor(private readonly deps: { itemVersions: ItemVersionModel; units: UnitModel }) {}

  get(itemId: string, n: number): Promise<LoadedDefinition> {
    const key = versionId(itemId, n);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.load(key);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private async load(key: string): Promise<LoadedDefinition> {
    const v = await this.deps.itemVersions.findById(key).lean<ItemVersion>().exec();
    if (!v) throw new AppError(404, 'not_found', `事项版本 ${key} 不存在`);
    const compiled = v.process?.compiled;
    if (!compiled) {
      throw new AppError(409, 'no_process', `「${v.content.name}」第 ${v.n} 版没有可运行的流程图`);
    }
    const jointIds = [
      ...new Set(
        compiled.nodes.flatMap((n) =>
          n.kind === 'userTask' && n.step.joint?.unitId ? [n.step.joint.unitId] : [],
        ),
      ),
    ];
    const units = jointIds.length
      ? await this.deps.units
          .find({ _id: { $in: jointIds } }, { name: 1 })
          .lean()
          .exec()
      : [];
    const content = v.content;
    const def: CaseDefinition = {
      itemId: String(v.itemId),
      itemVersion: v.n,
      itemName: content.name,
      itemCode: v.code,
      subject: { id: content.subject.unitId, name: content.subject.name },
      handlingKind: content.handlingKind,
      ...(content.internal ? { internal: content.internal } : {}),
      ...(initiationOf(content) === 'exOfficio'
        ? {
            initiation: 'exOfficio' as const,
            ...(content.procedure ? { procedure: content.procedure } : {}),
            ...(content.penalty?.discretion.length
              ? { discretion: content.penalty.discretion }
              : {}),
          }
        : {}),
      ...(content.promisedLimit ? { promisedLimit: content.promisedLimit } : {}),
      ...(content.legalLimit ? { legalLimit: content.legalLimit } : {}),
      materials: content.materials.map((m) => ({ id: m.id, name: m.name, required: m.required })),
      fee: caseFee(content.fee),
      process: compiled,
      forms: v.forms.map(({ key, schema }) => ({ key, schema })),
      ...(units.length ? { units: units.map((u) => ({ id: String(u._id), name: u.name })) } : {}),
    };
    return {
      def,
      countyId: String(v.countyId),
      departmentId: String(v.departmentId),
      subjectCode: v.code.split('-')[0]!,
      materials: content.materials,
      formNames: Object.fromEntries(v.forms.map((f) => [f.key, f.name])),
      ...(v.process.xml ? { xml: v.process.xml } : {}),
    };
  }
}
