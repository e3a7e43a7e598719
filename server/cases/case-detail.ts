import {
  CASE_STATUS_LABELS,
  caseTimeliness,
  isLive,
  prepareDefinition,
  WORK_QUEUE_LABELS,
  type CaseDefinition,
} from '../../runtime/cases';
import { TRAIL_ACTIONS } from '../../runtime/trail';
import type { WorkCalendar } from '../../runtime/calendar';
import type { CaseDoc } from './case-model';
import { caseAppError } from './errors';
import type { CaseView } from './view';

/** Which nodes of the flowchart a case is at and has passed (SUP-1 draws them on the diagram). */
export function diagramState(doc: CaseDoc) {
  const s = doc.state;
  const active = new Set([
    ...s.tokens.map((t) => t.nodeId),
    ...s.workItems.filter(isLive).map((w) => w.nodeId),
  ]);
  const done = new Set<string>();
  // A step is done when its latest work item was completed: one returned from (退回) or
  // cancelled is not, though the trail names it (issue 13).
  const latest = new Map<string, (typeof s.workItems)[number]>();
  for (const w of s.workItems) latest.set(w.nodeId, w);
  for (const w of latest.values()) if (w.status === 'completed') done.add(w.nodeId);
  for (const e of doc.trail) {
    const id = e.process?.step?.id;
    if (id && !active.has(id) && !latest.has(id)) done.add(id);
  }
  for (const id of active) done.delete(id);
  return { active: [...active], done: [...done] };
}

/** Remaining working days and warning/overdue of the case and each open step, at `now` (RUN-6). */
export function timelinessOf(def: CaseDefinition, doc: CaseDoc, calendar: WorkCalendar, now: Date) {
  try {
    return { timeliness: caseTimeliness(prepareDefinition(def), doc.state, calendar, now) };
  } catch (err) {
    const e = caseAppError(err) as Error;
    // A case is still shown when its time cannot be computed; the reason says why.
    return { timeliness: null, timelinessProblem: e.message };
  }
}

/** A case as staff see it: the state, its time, where it is on the diagram, and the trail. */
export function staffCaseView(
  doc: CaseDoc,
  def: CaseDefinition,
  calendar: WorkCalendar,
  now: Date,
) {
  return {
    id: doc._id,
    version: doc.version,
    itemId: doc.itemId,
    itemVersion: doc.itemVersion,
    caseNo: doc.caseNo,
    applicationNo: doc.applicationNo,
    status: doc.state.status,
    statusLabel: CASE_STATUS_LABELS[doc.state.status],
    state: doc.state,
    ...timelinessOf(def, doc, calendar, now),
    diagram: diagramState(doc),
    trail: doc.trail,
    trailHead: doc.trailHead,
  };
}

/** What the applicant sees of their own case: where it stands, what is asked of them, the result. */
export function applicantCaseView(
  doc: CaseDoc,
  def: CaseDefinition,
  calendar: WorkCalendar,
  now: Date,
) {
  const s = doc.state;
  const { timeliness } = timelinessOf(def, doc, calendar, now);
  return {
    id: doc._id,
    version: doc.version,
    itemId: doc.itemId,
    itemName: s.itemName,
    itemCode: s.itemCode,
    caseName: s.caseName,
    caseNo: s.caseNo,
    applicationNo: s.applicationNo,
    status: s.status,
    statusLabel: CASE_STATUS_LABELS[s.status],
    appliedAt: s.appliedAt,
    acceptedAt: s.acceptedAt,
    endedAt: s.endedAt,
    handlingUnit: s.handlingUnit,
    preReview: s.status === 'preReviewReturned' ? s.preReview : undefined,
    correction: s.status === 'correction' ? s.correction : undefined,
    decision: s.decision
      ? { result: s.decision.result, text: s.decision.text, at: s.decision.at }
      : undefined,
    result: s.result,
    promised: timeliness?.promised,
    progress: doc.trail.map((e) => ({
      at: e.at,
      action: TRAIL_ACTIONS[e.action],
      step: e.process?.step?.name,
      department: e.process?.department.name,
      opinion: e.process?.opinion ?? e.result?.opinion,
    })),
  };
}

/** One row of a case list. */
export function caseListRow(v: CaseView, now: string) {
  const promised = v.deadlines.promised;
  return {
    id: v._id,
    caseNo: v.caseNo,
    applicationNo: v.applicationNo,
    caseName: v.caseName,
    applicantName: v.applicantName,
    itemId: v.itemId,
    itemCode: v.itemCode,
    itemName: v.itemName,
    status: v.status,
    statusLabel: CASE_STATUS_LABELS[v.status],
    channel: v.channel,
    handlingUnit: v.handlingUnit,
    acceptingUnit: v.acceptingUnit,
    appliedAt: v.appliedAt,
    acceptedAt: v.acceptedAt,
    endedAt: v.endedAt,
    result: v.result,
    promisedDueAt: promised?.dueAt,
    overdue: !v.endedAt && !!promised?.dueAt && promised.dueAt <= now,
    version: v.version,
  };
}

export const queueLabel = (q: keyof typeof WORK_QUEUE_LABELS) => WORK_QUEUE_LABELS[q];
