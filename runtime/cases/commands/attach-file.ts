import { ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';

/** A stored file as the server read it: its digests were computed while it streamed in. */
export interface AttachedFile {
  fileId: string;
  name: string;
  size: number;
  /** The type its content showed (never what the client claimed). */
  contentType: string;
  sha256: string;
  sm3: string;
}

/**
 * 上传材料/附件 (RUN-7, FORM-2): a page of a material of the item's list, or an attachment of the
 * actor's own step, recorded in the trail with its SHA-256 and SM3 digests so the chain pins the
 * file's content. Each upload of a material adds a page.
 */
export interface AttachFileCommand {
  type: 'attachFile';
  kind: 'material' | 'attachment';
  /** For a material: its id in the item version's list. */
  materialId?: string;
  /** For an attachment: the step (work item) it belongs to. */
  workItemId?: string;
  file: AttachedFile;
}

const DIGEST = /^[0-9a-f]{64}$/;

export const attachFile: CommandHandler<AttachFileCommand> = {
  type: 'attachFile',
  label: '上传文件',
  allowedIn: [
    'preReview',
    'preReviewReturned',
    'pendingAcceptance',
    'correction',
    'inProgress',
    'suspended',
  ],
  run(tx, c) {
    const f = c.file;
    if (
      !f ||
      !f.fileId ||
      !f.name ||
      !DIGEST.test(f.sha256) ||
      !DIGEST.test(f.sm3) ||
      !(f.size >= 0)
    ) {
      throw new CaseError('invalid_command', '文件记录缺少编号、名称或摘要');
    }
    const ref = { fileId: f.fileId, name: f.name, sm3: f.sm3, size: f.size };
    const digests = { sha256: f.sha256, sm3: f.sm3, contentType: f.contentType, size: f.size };
    if (c.kind === 'material') {
      if (tx.actor.kind !== 'staff' && tx.actor.kind !== 'applicant') {
        throw new CaseError('not_permitted', '材料只能由窗口人员或申请人上传');
      }
      const known = tx.def.def.materials.find((m) => m.id === c.materialId);
      if (!known) {
        throw new CaseError(
          'invalid_command',
          `材料「${String(c.materialId)}」不在本事项的材料清单中`,
        );
      }
      let received = tx.state.materials.find((m) => m.materialId === known.id);
      if (!received) {
        received = { materialId: known.id, name: known.name, files: [], receivedAt: tx.now };
        tx.state.materials.push(received);
      }
      received.files = [...received.files, ref];
      received.receivedAt = tx.now;
      const page = received.files.length;
      tx.record({
        action: 'attach',
        process: tx.processInfo(undefined, {
          opinion: `上传材料「${known.name}」第 ${page} 页`,
          attachments: [ref],
        }),
        data: { kind: 'material', materialId: known.id, page, ...digests },
      });
      return;
    }
    if (c.kind !== 'attachment') throw new CaseError('invalid_command', '文件种类应为材料或附件');
    const item = ownClaimedItem(tx, c.workItemId, '上传附件');
    tx.record({
      action: 'attach',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, { opinion: `上传附件「${f.name}」`, attachments: [ref] }),
      data: { kind: 'attachment', workItemId: item.id, ...digests },
    });
  },
};
