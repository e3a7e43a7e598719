import type { CommandHandler } from '../command';
import { accept, type AcceptCommand } from './accept';
import { addSigner, type AddSignerCommand } from './add-signer';
import { attachFile, type AttachFileCommand } from './attach-file';
import { claim, type ClaimCommand } from './claim';
import { complete, type CompleteCommand } from './complete';
import { conclude, type ConcludeCommand } from './conclude';
import {
  requestCorrection,
  supplyCorrection,
  type RequestCorrectionCommand,
  type SupplyCorrectionCommand,
} from './correction';
import { deliverMessage, type DeliverMessageCommand } from './deliver-message';
import { preReview, type PreReviewCommand } from './pre-review';
import { reassign, type ReassignCommand } from './reassign';
import { recordDocument, type RecordDocumentCommand } from './record-document';
import { recordFee, type RecordFeeCommand } from './record-fee';
import { refuse, type RefuseCommand } from './refuse';
import { reportProgress, type ReportProgressCommand } from './report-progress';
import { returnTo, type ReturnCommand } from './return';
import { saveDraft, type SaveDraftCommand } from './save-draft';
import { openExOfficio, type OpenExOfficioCommand } from './open-ex-officio';
import { startAtWindow, type StartAtWindowCommand } from './start-at-window';
import { startFromSystem, type StartFromSystemCommand } from './start-from-system';
import { submitApplication, type SubmitApplicationCommand } from './submit-application';
import { resume, suspend, type ResumeCommand, type SuspendCommand } from './suspension';
import { takeBack, type TakeBackCommand } from './take-back';
import { terminate, type TerminateCommand } from './terminate';
import { tick, type TickCommand } from './tick';
import { urge, type UrgeCommand } from './urge';
import { withdraw, type WithdrawCommand } from './withdraw';

/** Every operation on a case, by name: one file each in this folder. */
export type CaseCommand =
  | SubmitApplicationCommand
  | PreReviewCommand
  | StartAtWindowCommand
  | StartFromSystemCommand
  | OpenExOfficioCommand
  | AcceptCommand
  | RefuseCommand
  | RequestCorrectionCommand
  | SupplyCorrectionCommand
  | ClaimCommand
  | SaveDraftCommand
  | CompleteCommand
  | SuspendCommand
  | ResumeCommand
  | ReturnCommand
  | ReassignCommand
  | AddSignerCommand
  | TakeBackCommand
  | WithdrawCommand
  | ConcludeCommand
  | TerminateCommand
  | UrgeCommand
  | TickCommand
  | DeliverMessageCommand
  | AttachFileCommand
  | RecordDocumentCommand
  | RecordFeeCommand
  | ReportProgressCommand;

export type CaseCommandType = CaseCommand['type'];

type Handlers = { [K in CaseCommandType]: CommandHandler<Extract<CaseCommand, { type: K }>> };

export const COMMAND_HANDLERS: Handlers = {
  submitApplication,
  preReview,
  startAtWindow,
  startFromSystem,
  openExOfficio,
  accept,
  refuse,
  requestCorrection,
  supplyCorrection,
  claim,
  saveDraft,
  complete,
  suspend,
  resume,
  returnTo,
  reassign,
  addSigner,
  takeBack,
  withdraw,
  conclude,
  terminate,
  urge,
  tick,
  deliverMessage,
  attachFile,
  recordDocument,
  recordFee,
  reportProgress,
};

export type {
  AcceptCommand,
  AddSignerCommand,
  AttachFileCommand,
  ClaimCommand,
  CompleteCommand,
  ConcludeCommand,
  DeliverMessageCommand,
  OpenExOfficioCommand,
  PreReviewCommand,
  ReassignCommand,
  RecordDocumentCommand,
  RecordFeeCommand,
  ReportProgressCommand,
  RefuseCommand,
  RequestCorrectionCommand,
  ResumeCommand,
  ReturnCommand,
  SaveDraftCommand,
  StartAtWindowCommand,
  StartFromSystemCommand,
  SubmitApplicationCommand,
  SupplyCorrectionCommand,
  SuspendCommand,
  TakeBackCommand,
  TerminateCommand,
  TickCommand,
  UrgeCommand,
  WithdrawCommand,
};
export type { ApplicationInput, MaterialInput } from './start';
