import type { WorkItem } from '../../../runtime/cases/state';
import type { ExcludedTimeKind } from '../../../runtime/process/vocabulary';
import { AcceptModal } from './actions/AcceptModal';
import { AddSignerModal } from './actions/AddSignerModal';
import { CorrectionModal } from './actions/CorrectionModal';
import { PreReviewModal } from './actions/PreReviewModal';
import { RecordFeeModal } from './actions/RecordFeeModal';
import { ReassignModal } from './actions/ReassignModal';
import { RefuseModal } from './actions/RefuseModal';
import { ResumeModal } from './actions/ResumeModal';
import { ReturnModal } from './actions/ReturnModal';
import { SupplyModal } from './actions/SupplyModal';
import { SuspendModal } from './actions/SuspendModal';
import { TerminateModal } from './actions/TerminateModal';
import { UrgeModal } from './actions/UrgeModal';
import { WithdrawModal } from './actions/WithdrawModal';
import type { CaseBook } from './definition';
import type { CaseDetail } from './types';
import type { Act } from './use-act';

/** Which dialog is open, with what it acts on. */
export type Dialog =
  | { kind: 'accept' | 'refuse'; workItemId: string }
  | { kind: 'correction'; workItemId: string; phase: 'acceptance' | 'handling' }
  | { kind: 'supply' | 'resume' | 'urge' | 'terminate' | 'withdraw' | 'recordFee' }
  | { kind: 'preReview'; decision: 'pass' | 'return' }
  | { kind: 'addSigner'; item: WorkItem }
  | { kind: 'return'; item: WorkItem; targets: { nodeId: string; name: string }[] }
  | { kind: 'reassign'; item: WorkItem; departmentId: string }
  | { kind: 'suspend'; item: WorkItem; procedures: ExcludedTimeKind[] };

interface Props {
  dialog: Dialog;
  detail: CaseDetail;
  book: CaseBook;
  act: Act;
  onClose: () => void;
}

export function CaseDialog({ dialog, detail, book, act, onClose }: Props) {
  const state = detail.state;
  const common = { act, onClose };
  switch (dialog.kind) {
    case 'accept':
      return (
        <AcceptModal
          {...common}
          state={state}
          workItemId={dialog.workItemId}
          materials={book.materials}
        />
      );
    case 'refuse':
      return <RefuseModal {...common} workItemId={dialog.workItemId} />;
    case 'correction':
      return (
        <CorrectionModal
          {...common}
          state={state}
          workItemId={dialog.workItemId}
          phase={dialog.phase}
          materials={book.materials}
        />
      );
    case 'supply':
      return state.correction ? <SupplyModal {...common} correction={state.correction} /> : null;
    case 'resume':
      return <ResumeModal {...common} />;
    case 'urge':
      return <UrgeModal {...common} />;
    case 'recordFee':
      return <RecordFeeModal {...common} standardFen={book.prepared.def.fee?.standardFen} />;
    case 'terminate':
      return <TerminateModal {...common} />;
    case 'withdraw':
      return <WithdrawModal {...common} />;
    case 'preReview':
      return <PreReviewModal {...common} decision={dialog.decision} />;
    case 'addSigner':
      return (
        <AddSignerModal
          {...common}
          workItemId={dialog.item.id}
          departmentId={dialog.item.unit.id}
          postIds={dialog.item.candidatePostIds}
        />
      );
    case 'return':
      return <ReturnModal {...common} workItemId={dialog.item.id} targets={dialog.targets} />;
    case 'reassign':
      return (
        <ReassignModal {...common} workItemId={dialog.item.id} departmentId={dialog.departmentId} />
      );
    case 'suspend':
      return (
        <SuspendModal {...common} workItemId={dialog.item.id} procedures={dialog.procedures} />
      );
  }
}
