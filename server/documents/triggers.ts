import type { CaseEvent } from '../../runtime/cases/events';
import type { CaseState } from '../../runtime/cases/state';
import {
  APPLICATION_KINDS,
  exOfficioFacts,
  isDocumentKind,
  penaltyDecisionKind,
  type DocumentKind,
} from './kinds';

/** The event types that may make a document. */
export const TRIGGERS: ReadonlySet<CaseEvent['type']> = new Set([
  'caseStarted',
  'caseAccepted',
  'caseRefused',
  'correctionRequested',
  'serviceTaskRequested',
  'caseConcluded',
] as const);

/**
 * Which documents an event makes (docs/documents.md), given its case's state (undefined: not
 * found, taken as an application). An application's notices and decisions come from 受理, 补正,
 * 不予受理 and 办结; an ex officio case (RUN-17) never has them: its 立案审批表 comes with 立案
 * (caseStarted), its 行政处罚决定书 — or 不予行政处罚决定书 for a penalty exempted — with 办结 once a
 * penalty is decided, and everything else from a `document` service task or on demand.
 */
export function documentsFor(
  e: CaseEvent,
  state: Pick<CaseState, 'exOfficio' | 'penalty'> | undefined,
): DocumentKind[] {
  const ex = state ? exOfficioFacts(state) : undefined;
  const kinds: DocumentKind[] = [];
  switch (e.type) {
    case 'caseStarted':
      if (ex) kinds.push('filing-approval');
      break;
    case 'caseAccepted':
      kinds.push('acceptance-notice');
      break;
    case 'caseRefused':
      kinds.push('refusal-notice');
      break;
    case 'correctionRequested':
      kinds.push('correction-notice');
      break;
    case 'serviceTaskRequested': {
      if (e.action !== 'document') break;
      const named = [e.target, ...e.documents.map((d) => d.template)].filter(isDocumentKind);
      kinds.push(...new Set(named));
      break;
    }
    case 'caseConcluded': {
      if (!ex) kinds.push(e.result === 'granted' ? 'grant-decision' : 'denial-decision');
      const decision = ex && penaltyDecisionKind(ex);
      if (decision) kinds.push(decision);
      break;
    }
  }
  return ex ? kinds.filter((k) => !APPLICATION_KINDS.includes(k)) : kinds;
}
