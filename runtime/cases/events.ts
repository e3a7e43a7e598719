import type { ServiceAction } from '../process/vocabulary';
import type { CompiledDocument } from '../process/compiled';
import type { CancelReason, CaseStatus, Outcome } from './state';

/**
 * What a transition tells the rest of the platform (RUN-5): projections, supervision, and the
 * server's background work (documents, notices, pushes). Ids are `${caseId}#${n}`, numbered on
 * the case: the same transition of the same state always gives the same ids, so a projection
 * that has seen an id ignores it again, and a service request is carried out once.
 */
export type CaseEvent = EventBase & EventBody;

interface EventBase {
  id: string;
  caseId: string;
  /** ISO 8601, UTC. */
  at: string;
}

type WorkItemRef = { workItemId: string; nodeId: string; stepName: string };

export type EventBody =
  | { type: 'caseStarted'; status: CaseStatus; channel: string }
  | { type: 'applicationResubmitted' }
  | { type: 'preReviewPassed' }
  | { type: 'preReviewReturned'; reasons: string[] }
  | {
      type: 'caseAccepted';
      caseNo: string;
      legalDueAt?: string | null;
      promisedDueAt?: string | null;
    }
  | { type: 'caseRefused'; reason: string }
  | { type: 'correctionRequested'; phase: string; items: { name: string; reason: string }[] }
  | { type: 'correctionSupplied' }
  | { type: 'caseSuspended'; procedure: string; reason: string }
  | { type: 'caseResumed' }
  | ({ type: 'workItemCreated'; candidatePostIds: string[]; assigneeId?: string } & WorkItemRef)
  | ({ type: 'workItemClaimed'; assigneeId: string } & WorkItemRef)
  | ({ type: 'workItemCompleted'; assigneeId?: string; outcome?: Outcome } & WorkItemRef)
  | ({ type: 'workItemCancelled'; reason: CancelReason } & WorkItemRef)
  | ({ type: 'workItemReassigned'; to: string } & WorkItemRef)
  | ({ type: 'workItemReturned'; toNodeId: string } & WorkItemRef)
  | ({ type: 'signerAdded'; position: 'before' | 'after' } & WorkItemRef)
  | ({ type: 'workItemTakenBack' } & WorkItemRef)
  | ({ type: 'workItemUrged'; by: string; message?: string } & WorkItemRef)
  | {
      type: 'serviceTaskRequested';
      nodeId: string;
      stepName: string;
      action: ServiceAction;
      target?: string;
      documents: CompiledDocument[];
    }
  | { type: 'timerFired'; boundaryId: string; nodeId: string; interrupting: boolean }
  | { type: 'messageDelivered'; nodeId: string; deliveryId: string }
  | { type: 'caseConcluded'; result: 'granted' | 'denied' }
  | { type: 'caseWithdrawn' }
  | { type: 'caseTerminated'; reason: string; byEndEvent: boolean }
  | ({ type: 'deadlineWarning' | 'deadlineOverdue' } & DeadlineSubject)
  | {
      type: 'suspiciousActivity';
      pattern: 'fastCompletion' | 'repeatedReturns' | 'nightWork';
      userId?: string;
      workItemId?: string;
      detail: string;
    }
  // The fee actually charged (RUN-16), in fen; `standardFen` is the item's standard when it has one.
  | {
      type: 'feeCharged';
      amountFen: number;
      standardFen: number | null;
      userId?: string;
      workItemId?: string;
    }
  // Step records a department system reported for a case it handles in its own system (SUP-2):
  // the engine checks them against the item's flowchart and names what does not fit.
  | {
      type: 'progressReported';
      steps: { nodeId: string; stepName: string; at: string }[];
      problems: {
        kind: 'skipped' | 'outOfOrder' | 'unknownStep';
        nodeId: string;
        detail: string;
      }[];
    }
  // A penalty chosen outside the item's discretion benchmark, with its written reason (CAT-2, SUP-2).
  | ({
      type: 'discretionDeviation';
      userId?: string;
      circumstance: string;
      penalty: string;
      amountFen?: number;
      range: string;
      reason: string;
    } & WorkItemRef);

/** Whose limit: the case's legal or promised limit, or a work item's step limit. */
export type DeadlineSubject =
  | { subject: 'legal' | 'promised'; dueAt: string | null; remaining: number; unit: string }
  | ({ subject: 'workItem'; dueAt: string | null; remaining: number; unit: string } & WorkItemRef);
