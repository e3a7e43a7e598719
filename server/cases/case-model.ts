import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseEvent, CaseState } from '../../runtime/cases';
import type { TrailEntry, TrailHead } from '../../runtime/trail';
import type { CaseView } from './view';
import type { PersonalText } from './personal-text';

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
  /** The applicant's phone and e-mail for notices (RUN-15), SM4-encrypted; read by the sender only. */
  applicantPhoneEncrypted?: string;
  applicantEmailEncrypted?: string;
  /** Set for a case pushed by a department system: its own id for the case, for idempotency. */
  externalRef?: string;
  /** Started while its item was in 试运行 (OPS-5): left out of statistics and publicity. */
  trial?: true;
  state: CaseState;
  trail: TrailEntry[];
  trailHead: TrailHead | null;
  /** Events of commands whose projections were not yet confirmed when the case was written. */
  outbox: OutboxEvent[];
  /** Bumped by every command; the guard of the optimistic update. */
  version: number;
  /** The highest version whose projections were confirmed when the case was last written. */
  projectedVersion: number;
  /**
   * Set while every change since this version only recorded something made after the fact (a
   * notice's number by `recordDocument`): a page loaded at or after it is not stale (RUN-10).
   */
  recordsSince?: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A case as the `cases` collection holds it: what queries, indexes and access need as fields; the
 * engine's state, each trail entry, the outbox and the case's view (what lists show, CaseView) as
 * JSON text. Why text: the engine's values are JSON, so text keeps them exactly as the trail's
 * hashes were computed (no BSON conversion in between), and the embedded database reads and
 * rewrites a text in a fraction of the time it needs for the same data as nested fields — an
 * update of a real case measured 7.2 ms of FerretDB's time nested, 2.4 ms as text
 * (docs/database.md). Nothing queries inside the state: lists are answered from the views.
 */
export interface StoredCase extends Omit<CaseDoc, 'state' | 'trail' | 'outbox'> {
  state: string;
  trail: string[];
  outbox: string;
  view: string;
  /** The last embedded bulk write that changed it (store.ts): which of a batch applied. */
  writeToken?: string;
}

/** Personal numbers in the state and trail are sealed on the way in (personal-text.ts). */
export function storedCase(doc: CaseDoc, view: CaseView, personal: PersonalText): StoredCase {
  return {
    ...doc,
    state: personal.seal(JSON.stringify(doc.state)),
    trail: doc.trail.map((e) => personal.seal(JSON.stringify(e))),
    outbox: JSON.stringify(doc.outbox),
    view: JSON.stringify(view),
  };
}

/** The case from its stored form; the view stays behind (viewOfStored reads it). */
export function caseOfStored(stored: StoredCase, personal: PersonalText): CaseDoc {
  const { view: _view, writeToken: _token, ...rest } = stored;
  return {
    ...rest,
    state: JSON.parse(personal.open(stored.state)) as CaseState,
    trail: stored.trail.map((e) => JSON.parse(personal.open(e)) as TrailEntry),
    outbox: JSON.parse(stored.outbox) as OutboxEvent[],
  };
}

export const viewOfStored = (stored: Pick<StoredCase, 'view'>): CaseView =>
  JSON.parse(stored.view) as CaseView;

// The schema names the collection and its indexes only: cases are read and written through the
// driver's collection, in the form above.
const caseSchema = new Schema<StoredCase>(
  { _id: { type: String, required: true } },
  { collection: 'cases', strict: false, versionKey: false, minimize: false },
);
// For a MongoDB deployment; the embedded database answers lists from memory (case-index.ts).
caseSchema.index({ countyId: 1, departmentIds: 1 });
caseSchema.index({ caseNo: 1 });
caseSchema.index({ applicationNo: 1 });
caseSchema.index({ applicantAccountId: 1 });

export type CaseModel = Model<StoredCase>;
export const caseModel = (c: Connection): CaseModel =>
  (c.models.Case as CaseModel | undefined) ?? c.model<StoredCase>('Case', caseSchema);
