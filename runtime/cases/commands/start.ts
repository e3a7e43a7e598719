import type { ApplicationChannel, AttachmentRef, Party, UnitRef } from '../../trail/entry';
import { ID_TYPES } from '../../trail/entry';
import { CaseError } from '../errors';
import { startProcess } from '../flow';
import { checkApplicationNo } from '../numbers';
import { changeData, submitApplicationForm } from '../forms';
import type { Tx } from '../tx';
import type { Applicant, CaseChannel, CaseState, CaseStatus, CaseTarget } from '../state';

/** What every way of starting a case brings (RUN-1): who applies, the form, the materials. */
export interface ApplicationInput {
  /** The case's id, chosen by the server (it is the document's key); else one is made. */
  caseId?: string;
  applicant: Applicant;
  contact?: Party;
  caseName?: string;
  summary?: string;
  /** Values of the item's application form. */
  data?: Record<string, unknown>;
  materials?: MaterialInput[];
  /** The unit a 督办 or complaint is about, with the posts that handle its steps there. */
  target?: CaseTarget;
}

/** A material handed in: on paper at a window (no files), or as uploaded files. */
export interface MaterialInput {
  materialId: string;
  files?: AttachmentRef[];
}

export function checkApplicant(applicant: Applicant | undefined, who = '申请人'): Applicant {
  if (!applicant || typeof applicant !== 'object')
    throw new CaseError('invalid_command', `缺少${who}`);
  const { type, name, idType, idNumber } = applicant;
  if (type !== 'person' && type !== 'organisation')
    throw new CaseError('invalid_command', `${who}类型应为自然人或法人（其他组织）`);
  if (typeof name !== 'string' || !name.trim())
    throw new CaseError('invalid_command', `缺少${who}名称`);
  if (!Object.hasOwn(ID_TYPES, idType))
    throw new CaseError('invalid_command', `证件类型「${String(idType)}」无效`);
  if (typeof idNumber !== 'string' || !idNumber.trim())
    throw new CaseError('invalid_command', `缺少${who}证件号码`);
  return { ...applicant, name: name.trim(), idNumber: idNumber.trim() };
}

/** 依职权 items are opened by the department (立案), never applied for (RUN-17). */
export function refuseExOfficio(def: { initiation?: string; itemName: string }): void {
  if (def.initiation === 'exOfficio')
    throw new CaseError(
      'ex_officio_item',
      `「${def.itemName}」是依职权事项，由执法部门依职权立案办理，不受理申请`,
    );
}

/** A 督办 or complaint names the unit it is about exactly when its flowchart sends steps there. */
function checkTarget(tx: Tx, target: CaseTarget | undefined): CaseTarget | undefined {
  const needed = tx.def.def.process.nodes.some(
    (n) => n.kind === 'userTask' && n.step.handledBy === 'target',
  );
  if (!needed) {
    if (target)
      throw new CaseError('invalid_command', '本事项的流程没有由被督办（被投诉）单位办理的环节');
    return undefined;
  }
  if (!target?.unit?.id || !target.unit.name)
    throw new CaseError('invalid_command', '本事项须指定被督办（被投诉）单位');
  const postIds = [...new Set(target.postIds ?? [])].filter((p) => typeof p === 'string' && p);
  if (!postIds.length)
    throw new CaseError('invalid_command', `「${target.unit.name}」没有负责人岗位，无法交其办理`);
  return { unit: { id: target.unit.id, name: target.unit.name }, postIds };
}

/** Materials handed in, each checked against the item's list (RUN-2). */
export function receiveMaterials(tx: Tx, materials: MaterialInput[] | undefined): void {
  for (const input of materials ?? []) {
    const known = tx.def.def.materials.find((m) => m.id === input?.materialId);
    if (!known) {
      throw new CaseError(
        'invalid_command',
        `材料「${String(input?.materialId)}」不在本事项的材料清单中`,
      );
    }
    const files = (input.files ?? []).map((f) => ({ ...f }));
    const existing = tx.state.materials.find((m) => m.materialId === known.id);
    if (existing) {
      existing.files = files.length ? files : existing.files;
      existing.receivedAt = tx.now;
      delete existing.deferred;
    } else {
      tx.state.materials.push({
        materialId: known.id,
        name: known.name,
        files,
        receivedAt: tx.now,
      });
    }
  }
}

const TRAIL_CHANNEL: Record<CaseChannel, ApplicationChannel> = {
  online: 'online',
  window: 'window',
  push: 'departmentSystem',
  exOfficio: 'exOfficio',
};

/** A new case in its first status; the trail's first entry carries the application record. */
export function openCase(
  tx: Tx,
  input: ApplicationInput,
  how: {
    channel: CaseChannel;
    status: CaseStatus;
    acceptingUnit: UnitRef;
    applicationNo?: string;
    township?: boolean;
  },
): void {
  const def = tx.def.def;
  refuseExOfficio(def);
  const applicant = checkApplicant(input.applicant);
  const target = checkTarget(tx, input.target);
  const state: CaseState = {
    caseId: input.caseId ?? tx.id(),
    itemId: def.itemId,
    itemVersion: def.itemVersion,
    itemCode: def.itemCode,
    itemName: def.itemName,
    status: how.status,
    channel: how.channel,
    ...(how.applicationNo ? { applicationNo: how.applicationNo } : {}),
    caseName: input.caseName?.trim() || `${def.itemName}（${applicant.name}）`,
    ...(input.summary ? { summary: input.summary } : {}),
    applicant,
    ...(input.contact ? { contact: input.contact } : {}),
    acceptingUnit: { ...how.acceptingUnit },
    handlingUnit: { ...def.subject },
    ...(target ? { target } : {}),
    appliedAt: tx.now,
    tokens: [],
    splits: [],
    workItems: [],
    timers: [],
    forms: [],
    materials: [],
    correctionPhases: [],
    pauses: [],
    deadlines: {},
    messages: [],
    alerts: [],
    returnCount: 0,
    eventSeq: 0,
    trailHead: null,
  };
  tx.state = state;
  if (how.applicationNo !== undefined)
    state.applicationNo = checkApplicationNo(tx, how.applicationNo);
  const change = submitApplicationForm(tx, input.data);
  receiveMaterials(tx, input.materials);
  recordApplication(tx, how.channel === 'push' ? 'push' : 'apply', how.township, change);
  tx.emit({ type: 'caseStarted', status: how.status, channel: how.channel });
  if (how.status === 'pendingAcceptance') startAcceptance(tx);
}

export function recordApplication(
  tx: Tx,
  action: 'apply' | 'push',
  township: boolean | undefined,
  change: ReturnType<typeof submitApplicationForm>,
): void {
  const { state } = tx;
  const def = tx.def.def;
  const formKey = def.process.applicationForm;
  const { name, idType, idNumber } = state.applicant;
  tx.record({
    action,
    ...(action === 'push'
      ? { actor: { kind: 'departmentSystem', userId: tx.actor.userId, name: tx.actor.name } }
      : {}),
    process: tx.processInfo(undefined, { department: state.acceptingUnit }),
    application: {
      caseName: state.caseName,
      ...(state.summary ? { summary: state.summary } : {}),
      channel: township ? 'township' : TRAIL_CHANNEL[state.channel],
      forms: formKey ? [{ formId: formKey, name: formKey, version: def.itemVersion }] : [],
      materials: state.materials.map((m) => ({
        materialId: m.materialId,
        name: m.name,
        files: m.files,
      })),
      appliedAt: state.appliedAt,
      applicant: { name, idType, idNumber },
      ...(state.contact ? { contact: state.contact } : {}),
      ...(def.promisedLimit ? { promisedLimit: def.promisedLimit } : {}),
      ...(state.target ? { target: state.target.unit } : {}),
    },
    ...(change ? { data: changeData(change)! } : {}),
  });
}

/** The process starts when the case awaits acceptance: its first step is 受理 (RUN-2). */
export function startAcceptance(tx: Tx): void {
  tx.state.status = 'pendingAcceptance';
  startProcess(tx);
  if (!tx.state.workItems.some((w) => w.acceptance && w.status !== 'cancelled')) {
    throw new CaseError('unsound_process', '流程没有受理环节：从开始事件出发未到达任何办理环节');
  }
}
