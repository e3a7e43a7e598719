import { CaseError } from '../errors';
import type { CommandHandler } from '../command';
import { startCaseDeadlines } from '../deadlines';
import { startProcess } from '../flow';
import { changeData, submitApplicationForm } from '../forms';
import { checkCaseNo } from '../numbers';
import { CASE_SOURCES, type Applicant, type CaseSource, type CaseState } from '../state';
import type { Party } from '../../trail/entry';
import { checkApplicant, receiveMaterials, type MaterialInput } from './start';

/**
 * 立案 (RUN-17): an officer opens an ex officio case — 处罚, 强制, 检查, 征收 — against a party
 * (当事人). There is no application, no acceptance and no promised limit: the case starts at its
 * flowchart's first step (立案审批) with its number, and the legal limit runs from now.
 */
export interface OpenExOfficioCommand {
  type: 'openExOfficio';
  caseId?: string;
  /** 立案号, claimed by the server. */
  caseNo: string;
  /** 当事人, kept where an application keeps its applicant. */
  party: Applicant;
  contact?: Party;
  source: CaseSource;
  /** 案由: what was found, reported, transferred or assigned. */
  sourceNote: string;
  /** The case this one comes from, e.g. an inspection whose finding it follows up. */
  fromCaseId?: string;
  caseName?: string;
  /** Values of the flowchart's case form, as far as known at 立案. */
  data?: Record<string, unknown>;
  /** Evidence at hand, by the item's material list. */
  materials?: MaterialInput[];
}

export const openExOfficio: CommandHandler<OpenExOfficioCommand> = {
  type: 'openExOfficio',
  label: '立案',
  starts: true,
  allowedIn: [],
  run(tx, command) {
    const def = tx.def.def;
    if (def.initiation !== 'exOfficio')
      throw new CaseError(
        'not_ex_officio',
        `「${def.itemName}」是依申请事项，由申请人申请、窗口受理，不能立案`,
      );
    // Whoever holds a post in the item's flowchart may file; 立案审批 is then its first step.
    const a = tx.actor;
    const posts = new Set(
      def.process.nodes.flatMap((n) =>
        n.kind === 'userTask' ? n.step.posts.map((p) => p.postId) : [],
      ),
    );
    if (a.kind !== 'staff' || !a.postIds.some((p) => posts.has(p)))
      throw new CaseError('not_candidate', '您不在本事项流程图的办理岗位上，不能立案');
    if (!Object.hasOwn(CASE_SOURCES, command.source))
      throw new CaseError(
        'invalid_command',
        `案件来源「${String(command.source)}」无效，应为${Object.values(CASE_SOURCES).join('、')}之一`,
      );
    const sourceNote = typeof command.sourceNote === 'string' ? command.sourceNote.trim() : '';
    if (!sourceNote) throw new CaseError('invalid_command', '请填写案由（发现或受理的违法事实）');
    if (sourceNote.length > 2000) throw new CaseError('invalid_command', '案由不能超过 2000 字');
    const party = checkApplicant(command.party, '当事人');
    const unit = { id: a.departmentId, name: a.departmentName ?? a.departmentId };
    const state: CaseState = {
      caseId: command.caseId ?? tx.id(),
      itemId: def.itemId,
      itemVersion: def.itemVersion,
      itemCode: def.itemCode,
      itemName: def.itemName,
      status: 'inProgress',
      channel: 'exOfficio',
      caseName: command.caseName?.trim() || `${party.name}${def.itemName}案`,
      summary: sourceNote,
      applicant: party,
      ...(command.contact ? { contact: command.contact } : {}),
      acceptingUnit: unit,
      handlingUnit: { ...def.subject },
      exOfficio: {
        ...(def.procedure ? { procedure: def.procedure } : {}),
        source: command.source,
        sourceNote,
        ...(command.fromCaseId ? { fromCaseId: String(command.fromCaseId) } : {}),
        openedAt: tx.now,
      },
      appliedAt: tx.now,
      // The legal limit counts from 立案 (行政处罚法 第六十条); kept where acceptance keeps it.
      acceptedAt: tx.now,
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
    state.caseNo = checkCaseNo(tx, command.caseNo);
    const change = submitApplicationForm(tx, command.data);
    receiveMaterials(tx, command.materials);
    const formKey = def.process.applicationForm;
    tx.record({
      action: 'open',
      process: tx.processInfo(undefined, { department: unit, opinion: `立案：${sourceNote}` }),
      application: {
        caseName: state.caseName,
        summary: sourceNote,
        channel: 'exOfficio',
        forms: formKey ? [{ formId: formKey, name: formKey, version: def.itemVersion }] : [],
        materials: state.materials.map((m) => ({
          materialId: m.materialId,
          name: m.name,
          files: m.files,
        })),
        appliedAt: tx.now,
        applicant: { name: party.name, idType: party.idType, idNumber: party.idNumber },
        ...(state.contact ? { contact: state.contact } : {}),
      },
      ...(change ? { data: changeData(change)! } : {}),
    });
    // No promised limit: an ex officio case answers to the law's limit alone.
    startCaseDeadlines(tx, tx.now, { legalOnly: true });
    tx.emit({ type: 'caseStarted', status: 'inProgress', channel: 'exOfficio' });
    startProcess(tx);
    if (!state.workItems.some((w) => w.status !== 'cancelled'))
      throw new CaseError('unsound_process', '流程没有立案环节：从开始事件出发未到达任何办理环节');
  },
};
