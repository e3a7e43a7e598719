import { validateItemCode } from '../../runtime/catalog/item-code';
import { updateVersioned } from '../database/versioned';
import type { AuthContext } from '../http/api';
import { AppError } from '../http/errors';
import type { CatalogDeps } from './deps';
import type { ChangeKind, Item } from './item-model';
import { announcementModel } from '../portal/models';
import { approveRestructure } from './restructure';
import { assignCode } from './serials';
import { checkDesign, type Design } from '../process/design-check';
import { versionId } from './version-model';
import { isDuplicateKey } from '../database/unique';

/** The next version number, from the versions themselves, so none is ever written twice. */
async function nextVersion(deps: CatalogDeps, item: Item): Promise<number> {
  const last = await deps.itemVersions.findOne({ itemId: item._id }).sort({ n: -1 }).lean().exec();
  return Math.max(last?.n ?? 0, item.currentVersion) + 1;
}

async function writeVersion(
  deps: CatalogDeps,
  item: Item,
  code: string,
  design: Design,
  auth: AuthContext,
) {
  const n = await nextVersion(deps, item);
  try {
    await deps.itemVersions.create({
      _id: versionId(item._id, n),
      itemId: item._id,
      countyId: item.countyId,
      departmentId: item.departmentId,
      n,
      content: item.draft,
      // Cases run on the flowchart and forms of the version they started with (CAT-6, PROC-4).
      process: { xml: design.xml, compiled: design.compiled },
      forms: design.forms.map(({ key, name, schema }) => ({ key, name, schema })),
      code,
      approvedBy: auth.principal.userId,
      approvedByName: auth.display.name,
      approvedAt: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err))
      throw new AppError(409, 'version_conflict', '该事项正被他人审核，请刷新后重试');
    throw err;
  }
  return n;
}

/**
 * Approves a submitted item. Without transactions the steps are ordered so a loser stops before
 * taking anything: first a version-guarded claim (one of two reviewers wins, the other gets 409),
 * then the code (reused on a retry), then the immutable version, then the item itself.
 */
export async function approveItem(
  deps: CatalogDeps,
  item: Item,
  version: number,
  auth: AuthContext,
  o: { trial?: boolean } = {},
): Promise<Item> {
  const approved = await approveWithoutAnnouncing(deps, item, version, auth, o);
  await announceChange(deps, item, approved);
  return approved;
}

/**
 * 目录变更公告 (POR-11): every approved change of the catalog is announced on the portal. Keyed by
 * item, kind and version, so an approval retried after a failure announces once.
 */
async function announceChange(deps: CatalogDeps, before: Item, after: Item): Promise<void> {
  const kind: ChangeKind =
    before.pendingChange?.kind ?? (before.currentVersion > 0 ? 'change' : 'new');
  const unit = await deps.units.findById(after.departmentId).select({ name: 1 }).lean().exec();
  const reason = before.pendingChange?.reason;
  await announcementModel(deps.items.db)
    .updateOne(
      { _id: `${String(after._id)}:${kind}:${after.currentVersion}` },
      {
        $setOnInsert: {
          itemId: String(after._id),
          kind,
          ...(after.code ? { itemCode: after.code } : {}),
          itemName: after.name,
          departmentName: unit?.name ?? '',
          ...(reason ? { reason } : {}),
          at: new Date(),
        },
      },
      { upsert: true },
    )
    .exec();
}

async function approveWithoutAnnouncing(
  deps: CatalogDeps,
  item: Item,
  version: number,
  auth: AuthContext,
  o: { trial?: boolean } = {},
): Promise<Item> {
  const kind = item.pendingChange?.kind;
  if (o.trial && kind && kind !== 'change' && kind !== 'new')
    throw new AppError(400, 'bad_request', '只有新增或变更事项可以批准试运行');
  if (kind === 'delegate' || kind === 'split') {
    return approveRestructure(deps, item, version, auth, approveItem);
  }
  if (kind === 'cancel') {
    // The serial stays in item_serials, so it is never issued again.
    return updateVersioned(
      deps.items,
      item._id,
      version,
      { $set: { status: 'cancelled' }, $unset: { returnReason: 1 } },
      '事项',
    );
  }
  const design = await checkDesign(deps, item);
  if (design.problems.length) {
    throw new AppError(
      409,
      'incomplete',
      `流程图或表单不完整，不能通过：${design.problems.map((p) => p.message).join('；')}`,
      { problems: design.problems },
    );
  }
  const claimed = await updateVersioned(deps.items, item._id, version, {}, '事项');
  const code = item.code ?? (await assignCode(deps, item));
  const problems = validateItemCode(code, { subjectCode: item.subjectCode, type: item.type });
  if (problems.length) {
    throw new AppError(409, 'invalid_item_code', problems.map((p) => p.message).join('；'));
  }
  const n = await writeVersion(deps, item, code, design, auth);
  return updateVersioned(
    deps.items,
    item._id,
    claimed.version,
    {
      $set: {
        status: 'approved',
        code,
        currentVersion: n,
        comments: item.comments.map((c) => ({ ...c, resolved: true })),
        // 试运行 (OPS-5): a trial keeps its start; a formal approval ends it.
        ...(o.trial
          ? {
              trial: item.trial ?? {
                since: new Date(),
                version: n,
                by: auth.principal.userId,
                byName: auth.display.name,
              },
            }
          : item.trial
            ? { formalSince: new Date() }
            : {}),
      },
      $unset: { pendingChange: 1, returnReason: 1, ...(o.trial ? {} : { trial: 1 }) },
    },
    '事项',
  );
}
