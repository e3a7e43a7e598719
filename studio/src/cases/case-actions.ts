import type { CaseState, WorkItem } from '../../../runtime/cases/state';
import type { ExcludedTimeKind } from '../../../runtime/process/vocabulary';
import type { SessionUser } from '../identity/types';
import { stepOf, type CaseBook } from './definition';

/**
 * Which buttons a user sees on a case. The server decides every command (and answers in Chinese
 * when it refuses); these rules only hide what the engine would refuse anyway, mirroring
 * runtime/cases/access.ts and each command's `allowedIn` (docs/engine.md, Commands).
 */
export interface ItemActions {
  claim: boolean;
  /** 办理 (or 办结 at a last step): the assignee, while the case is in progress. */
  handle: boolean;
  final: boolean;
  needsOutcome: boolean;
  /** The flowchart asks for a written opinion at this step (county:stepConfig). */
  opinionRequired: boolean;
  /** Earlier steps one may return to (退回). */
  returnTo: { nodeId: string; name: string }[];
  reassign: boolean;
  /** Procedures the step declares as excluded time (暂停). */
  suspend: ExcludedTimeKind[];
  /** 补正告知 during handling: once per phase. */
  correction: boolean;
  takeBack: boolean;
  /** 加签: the assignee, while handling. */
  addSigner: boolean;
}

export interface CaseActions {
  /** The acceptance work item the window acts on (受理, 不予受理, 补正告知). */
  acceptance?: { workItemId: string; correction: boolean; accept: boolean };
  /** 补正材料 handed in at the window for the applicant. */
  supply: boolean;
  resume: boolean;
  urge: boolean;
  /** 登记收费: staff of the accepting or handling unit, on an item that charges (RUN-16). */
  recordFee: boolean;
  /** 预审 of an online application: the accepting window. */
  preReview: boolean;
  /** 终止: administrators, before the end. */
  terminate: boolean;
  /** 撤回 at the applicant's request: the accepting window or an administrator, before the end. */
  withdraw: boolean;
  items: Map<string, ItemActions>;
}

/** Statuses before the end: 撤回 and 终止 are allowed in these (their `allowedIn`). */
const LIVE_STATUSES: CaseState['status'][] = [
  'preReview',
  'preReviewReturned',
  'pendingAcceptance',
  'correction',
  'inProgress',
  'suspended',
];
const isLive = (w: WorkItem) => w.status === 'open' || w.status === 'claimed';
const inUnit = (me: SessionUser, unitId: string) =>
  me.unitId === unitId || me.departmentId === unitId;
const isCandidate = (me: SessionUser, w: WorkItem) =>
  w.candidatePostIds.some((p) => me.postIds.includes(p)) && (!w.unitBound || inUnit(me, w.unit.id));
const mine = (me: SessionUser, w: WorkItem) => w.assignee?.userId === me.id;

function itemActions(me: SessionUser, s: CaseState, book: CaseBook, w: WorkItem): ItemActions {
  const working = s.status === 'inProgress';
  const own = w.status === 'claimed' && mine(me, w) && working && !w.acceptance;
  const admin = me.roles.includes('admin');
  const earlier = new Map<string, string>();
  for (const done of s.workItems) {
    if (done.status === 'completed' && done.nodeId !== w.nodeId)
      earlier.set(done.nodeId, done.name);
  }
  const prepared = book.prepared;
  return {
    claim:
      w.status === 'open' &&
      !w.acceptance &&
      (working || s.status === 'pendingAcceptance') &&
      isCandidate(me, w),
    handle: own,
    final: !!stepOf(book, w.nodeId) && prepared.isFinalStep(w.nodeId),
    needsOutcome:
      !!stepOf(book, w.nodeId) &&
      (prepared.needsOutcome(w.nodeId) || !!stepOf(book, w.nodeId)?.step.decisionRequired),
    opinionRequired: !!stepOf(book, w.nodeId)?.step.opinionRequired,
    returnTo: own ? [...earlier].map(([nodeId, name]) => ({ nodeId, name })) : [],
    reassign: (own || (admin && isLive(w))) && !w.acceptance,
    suspend: own ? (stepOf(book, w.nodeId)?.step.excludedTimes.map((e) => e.kind) ?? []) : [],
    correction: own && !s.correctionPhases.includes('handling'),
    takeBack:
      working &&
      w.status === 'completed' &&
      mine(me, w) &&
      !!w.followedBy &&
      s.workItems
        .filter((n) => w.followedBy!.workItemIds.includes(n.id))
        .every((n) => !n.touched && isLive(n)),
    addSigner: own,
  };
}

export function caseActions(me: SessionUser, s: CaseState, book: CaseBook): CaseActions {
  const acceptItem = s.workItems.find(
    (w) => w.acceptance && isLive(w) && (isCandidate(me, w) || mine(me, w)),
  );
  const atAcceptance = s.status === 'pendingAcceptance' || s.status === 'correction';
  const correctionItem = s.correction && s.workItems.find((w) => w.id === s.correction!.workItemId);
  const handler = s.workItems.some((w) => isLive(w) && (mine(me, w) || isCandidate(me, w)));
  const supervising = me.roles.includes('supervisor') || me.roles.includes('admin');
  const admin = me.roles.includes('admin');
  // runtime/cases/commands/pre-review.ts and withdraw.ts: an acceptance post in the accepting unit.
  const atWindow =
    book.prepared.acceptancePostIds.some((p) => me.postIds.includes(p)) &&
    inUnit(me, s.acceptingUnit.id);
  const live = LIVE_STATUSES.includes(s.status);
  return {
    acceptance:
      acceptItem &&
      atAcceptance &&
      (s.status === 'pendingAcceptance' || s.correction?.phase === 'acceptance')
        ? {
            workItemId: acceptItem.id,
            accept: s.status === 'pendingAcceptance',
            correction:
              s.status === 'pendingAcceptance' && !s.correctionPhases.includes('acceptance'),
          }
        : undefined,
    supply:
      s.status === 'correction' &&
      !!correctionItem &&
      (isCandidate(me, correctionItem) || mine(me, correctionItem)),
    resume: s.status === 'suspended' && (handler || me.roles.includes('admin')),
    urge:
      supervising &&
      ['pendingAcceptance', 'correction', 'inProgress', 'suspended'].includes(s.status) &&
      s.workItems.some(isLive),
    recordFee:
      !!book.prepared.def.fee?.charged &&
      ['pendingAcceptance', 'correction', 'inProgress', 'suspended', 'concluded'].includes(
        s.status,
      ) &&
      (inUnit(me, s.acceptingUnit.id) || inUnit(me, s.handlingUnit.id)),
    preReview: s.status === 'preReview' && atWindow,
    terminate: live && admin,
    // An ex officio case has no applicant to withdraw it (RUN-17).
    withdraw: live && !s.exOfficio && (atWindow || admin),
    items: new Map(s.workItems.map((w) => [w.id, itemActions(me, s, book, w)])),
  };
}
