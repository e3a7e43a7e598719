import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseEvent, CaseState } from '../../runtime/cases';
import type { TrailEntry, TrailHead } from '../../runtime/trail';

/** An event as the case keeps it until its projections are written: with the version it made. */
export type OutboxEvent = CaseEvent & { caseVersion: number };

/**
 * One case (办件): the engine's state as the engine returns it, its hash-chained trail as
 * appendEntries returns it, and what access and lists need beside them. Changed only by the
 * executor, one guarded single-document update per command (docs/cases.md).
 */
export interface CaseDoc {
  /** The engine's caseId: a 24-hex id, chosen by the server. */
  _id: string;
  countyId: string;
  /** Every department the case passes through: handling, accepting (township), 联办 (RUN-12). */
  departmentIds: string[];
  handlingDepartmentId: string;
  itemId: string;
  itemVersion: number;
  caseNo?: string;
  applicationNo?: string;
  /** The portal account that applied; only it may withdraw or supply (RUN-4). */
  applicantAccountId?: string;
  /** A person's ID number: HMAC-SM3 index for lookup (POR-7) and SM4 ciphertext; the state
   * and trail carry the masked number only (docs/access.md, personal data at rest). */
  applicantIdIndex?: string;
  applicantIdEncrypted?: string;
  /** Set for a case pushed by a department system: its own id for the case, for idempotency. */
  externalRef?: string;
  state: CaseState;
  trail: TrailEntry[];
  trailHead: TrailHead | null;
  /** Events of commands whose projections were not yet confirmed when the case was written. */
  outbox: OutboxEvent[];
  /** Bumped by every command; the guard of the optimistic update. */
  version: number;
  /** The highest version whose projections were confirmed when the case was last written. */
  projectedVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

// The schema names the collection and its indexes only: cases are read and written through the
// driver's collection, so that state and trail are stored exactly as the engine returns them —
// no casting, no defaults, no `_id` on sub-documents (their hashes must keep verifying).
const caseSchema = new Schema<CaseDoc>(
  { _id: { type: String, required: true } },
  { collection: 'cases', strict: false, versionKey: false, minimize: false },
);
// For a MongoDB deployment; the embedded database answers lists from memory (case-index.ts).
caseSchema.index({ countyId: 1, departmentIds: 1 });
caseSchema.index({ caseNo: 1 });
caseSchema.index({ applicationNo: 1 });
caseSchema.index({ applicantAccountId: 1 });

export type CaseModel = Model<CaseDoc>;
export const caseModel = (c: Connection): CaseModel =>
  (c.models.Case as CaseModel | undefined) ?? c.model<CaseDoc>('Case', caseSchema);
