import type { TimeLimit } from '../../runtime/catalog/item';
import {
  prepareDefinition,
  workQueueRows,
  type CaseDefinition,
  type CaseStatus,
  type WorkQueue,
} from '../../runtime/cases';
import { penaltyText } from '../../runtime/cases/discretion';
import type { ExOfficioStage } from '../../runtime/process/vocabulary';
import type { UnitRef } from '../../runtime/trail';
import type { CaseDoc } from './case-model';

/** A work-queue row as a case's view keeps it: the case's own fields are on the view. */
export interface ViewRow {
  /** `${caseId}:${workItemId ?? 'case'}:${queue}`: stable, so a row is never written twice. */
  key: string;
  queue: WorkQueue;
  workItemId?: string;
  nodeId?: string;
  stepName?: string;
  /** Ex officio steps: the stage's queue (RUN-17). */
  stage?: ExOfficioStage;
  postIds: string[];
  unitId: string;
  unitBound: boolean;
  userId?: string;
  since: string;
  dueAt?: string | null;
  /** The step's limit and when it started, for remaining working days in lists (RUN-6). */
  limit?: TimeLimit;
  startedAt?: string;
}

export interface ViewDeadline {
  limit: TimeLimit;
  startedAt: string;
  dueAt: string | null;
}

/**
 * What lists and work queues need of one case (a projection of it): small, one document per case
 * keyed by the case id, with the version of the case it reflects — written after the case, and
 * rebuilt from it whenever it is missing or behind.
 */
export interface CaseView {
  _id: string;
  version: number;
  countyId: string;
  departmentIds: string[];
  handlingDepartmentId: string;
  applicantAccountId?: string;
  itemId: string;
  itemVersion: number;
  itemCode: string;
  itemName: string;
  caseNo?: string;
  applicationNo?: string;
  caseName: string;
  applicantName: string;
  status: CaseStatus;
  channel: string;
  acceptingUnit: UnitRef;
  handlingUnit: UnitRef;
  appliedAt: string;
  acceptedAt?: string;
  endedAt?: string;
  result?: string;
  /** Started during its item's 试运行 (OPS-5). */
  trial?: true;
  /** An ex officio case's decided penalty in a few words (RUN-17, 第四十八条 publicity). */
  penalty?: string;
  deadlines: { legal?: ViewDeadline; promised?: ViewDeadline };
  pauses: { from: string; to?: string }[];
  /** The earliest timer due, for the scheduler's tick. */
  nextTimerAt?: string;
  rows: ViewRow[];
}

/** The view of a case as it stands (pure). */
export function viewOf(doc: CaseDoc, def: CaseDefinition): CaseView {
  const s = doc.state;
  const prepared = prepareDefinition(def);
  const items = new Map(s.workItems.map((w) => [w.id, w]));
  const rows: ViewRow[] = workQueueRows(def, s).map((r) => {
    const item = r.workItemId ? items.get(r.workItemId) : undefined;
    const node = item ? prepared.node(item.nodeId) : undefined;
    const limit =
      node?.kind === 'userTask' && node.step.limit.value > 0 ? node.step.limit : undefined;
    return {
      key: r.key,
      queue: r.queue,
      ...(r.workItemId ? { workItemId: r.workItemId } : {}),
      ...(r.nodeId ? { nodeId: r.nodeId } : {}),
      ...(r.stepName ? { stepName: r.stepName } : {}),
      ...(r.stage ? { stage: r.stage } : {}),
      postIds: r.postIds,
      unitId: r.unitId,
      unitBound: r.unitBound,
      ...(r.userId ? { userId: r.userId } : {}),
      since: r.since,
      ...(r.dueAt !== undefined ? { dueAt: r.dueAt } : {}),
      ...(limit && r.queue !== 'done' ? { limit, startedAt: item!.createdAt } : {}),
    };
  });
  const timers = s.timers
    .map((t) => t.fireAt)
    .filter((t): t is string => !!t)
    .sort();
  const deadline = (d: (typeof s.deadlines)['legal']) =>
    d ? { limit: d.limit, startedAt: d.startedAt, dueAt: d.dueAt } : undefined;
  const legal = deadline(s.deadlines.legal);
  const promised = deadline(s.deadlines.promised);
  return {
    _id: doc._id,
    version: doc.version,
    countyId: doc.countyId,
    departmentIds: doc.departmentIds,
    handlingDepartmentId: doc.handlingDepartmentId,
    ...(doc.applicantAccountId ? { applicantAccountId: doc.applicantAccountId } : {}),
    itemId: s.itemId,
    itemVersion: s.itemVersion,
    itemCode: s.itemCode,
    itemName: s.itemName,
    ...(s.caseNo ? { caseNo: s.caseNo } : {}),
    ...(s.applicationNo ? { applicationNo: s.applicationNo } : {}),
    caseName: s.caseName,
    applicantName: s.applicant.name,
    status: s.status,
    channel: s.channel,
    acceptingUnit: s.acceptingUnit,
    handlingUnit: s.handlingUnit,
    appliedAt: s.appliedAt,
    ...(s.acceptedAt ? { acceptedAt: s.acceptedAt } : {}),
    ...(s.endedAt ? { endedAt: s.endedAt } : {}),
    ...(s.result ? { result: s.result.finalState } : {}),
    ...(s.penalty ? { penalty: penaltyText(s.penalty) } : {}),
    ...(doc.trial ? { trial: true as const } : {}),
    deadlines: { ...(legal ? { legal } : {}), ...(promised ? { promised } : {}) },
    pauses: s.pauses.map((p) => ({ from: p.from, ...(p.to ? { to: p.to } : {}) })),
    ...(timers.length ? { nextTimerAt: timers[0] } : {}),
    rows,
  };
}
