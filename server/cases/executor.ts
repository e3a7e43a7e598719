import { subject as asSubject } from '@casl/ability';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  decide,
  executeCommand,
  type Actor,
  type Applicant,
  type CaseCommand,
  type CaseState,
  type CommandResult,
} from '../../runtime/cases';
import type { Party } from '../../runtime/trail';
import { civilDateOf } from '../../runtime/calendar';
import { formatCaseNo, MAX_DAILY_SERIAL } from '../../runtime/numbers';
import { ID_NUMBER_PROBLEM_TEXT, idNumberProblem, maskIdNumber, maskPhone } from '../../runtime';
import type { CountyCalendars } from '../calendar';
import type { Item, ItemModel } from '../catalog/item-model';
import type { ApplicantContext, AuthContext } from '../http/api';
import { AppError, notFound } from '../http/errors';
import type { Applicant as ApplicantAccount, ApplicantModel } from '../identity/applicant-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import { applicantActor, SCHEDULER, type StaffActors } from './actors';
import type { CaseDoc, OutboxEvent } from './case-model';
import type { CaseDefinitions, LoadedDefinition } from './definitions';
import type { SystemCaller } from './department-systems';
import { caseAppError } from './errors';
import type { CaseNumbers } from './numbers';
import type { Projector } from './projector';
import type { CaseWriter } from './store';
import type { UnitDirectory } from './units';
import { viewOf } from './view';
import { encryptedContact } from '../notifications/contact';

/** Who issues a command: staff, a citizen, a department system, or the platform's scheduler. */
export type Caller =
  | { kind: 'staff'; auth: AuthContext }
  | { kind: 'applicant'; applicant: ApplicantContext }
  | { kind: 'system'; system: SystemCaller }
  | { kind: 'scheduler' };

export interface ExecutorDeps {
  store: CaseWriter;
  definitions: CaseDefinitions;
  calendars: CountyCalendars;
  numbers: CaseNumbers;
  projector: Pick<Projector, 'afterWrite' | 'confirmed'>;
  staffActors: StaffActors;
  units: UnitDirectory;
  items: ItemModel;
  applicants: ApplicantModel;
  cipher: PersonalDataCipher;
}

/** What starting a case brings, whoever starts it (RUN-1). */
export interface StartInput {
  itemId: string;
  applicant?: ApplicantInput;
  contact?: Party;
  caseName?: string;
  summary?: string;
  data?: Record<string, unknown>;
  materials?: { materialId: string; files?: { fileId: string; name: string }[] }[];
  /** The window that receives it (online, push); a window start is received where the clerk is. */
  acceptingUnitId?: string;
  /** 基层代收: a township window receives an application for a county item (RUN-12). */
  township?: boolean;
  /** A department system's own id for the case: pushing it again returns the same case. */
  externalRef?: string;
}

export interface ApplicantInput {
  type: 'person' | 'organisation';
  name: string;
  idType: Applicant['idType'];
  idNumber: string;
  phone?: string;
  /** Where notices go (RUN-15); kept encrypted on the case, never in its state or trail. */
  email?: string;
}

/** The case of a person is kept with the ID number masked; organisations' codes are public. */
const PERSON_ID_TYPES = new Set([
  'residentId',
  'passport',
  'hkMacaoPermit',
  'taiwanPermit',
  'foreignerPermit',
]);

const newId = () => new Types.ObjectId().toHexString();

/**
 * The one path every case command takes (style.md, the Camunda lesson): load the case → check
 * the caller may see it (404) and act on it (403) → load the item version it runs on → ask the
 * engine with the clock, the county's calendar and the actor → write state, trail and events in
 * one version-guarded update (409 on a race) → project. Handlers in runtime/cases hold only the
 * rule of their operation; nothing here knows one command from another, except the numbers
 * acceptance and online application claim first (RUN-11).
 */
export class CaseExecutor {
  /** The time commands happen at; tests and the demo seed set it. */
  clock: () => Date = () => new Date();

  constructor(private readonly deps: ExecutorDeps) {}

  // ---- access -------------------------------------------------------------------------------

  /** The case if the caller may see it; anything else is "not found", as for a missing case. */
  async visible(caller: Caller, caseId: string, fresh = false): Promise<CaseDoc> {
    const doc = fresh ? await this.deps.store.fresh(caseId) : await this.deps.store.load(caseId);
    if (!doc || !this.may(caller, doc, 'read')) throw notFound('办件不存在');
    return doc;
  }

  private may(caller: Caller, doc: CaseDoc, action: 'read' | 'update'): boolean {
    switch (caller.kind) {
      case 'staff':
        return caller.auth.ability.can(
          action,
          asSubject('Case', { countyId: doc.countyId, departmentIds: doc.departmentIds }),
        );
      case 'applicant':
        return !!doc.applicantAccountId && doc.applicantAccountId === caller.applicant.applicantId;
      case 'system':
        return (
          doc.countyId === caller.system.countyId &&
          doc.departmentIds.includes(caller.system.departmentId)
        );
      case 'scheduler':
        return true;
    }
  }

  async actorOf(caller: Caller): Promise<Actor> {
    switch (caller.kind) {
      case 'staff':
        return this.deps.staffActors.of(caller.auth);
      case 'applicant':
        return applicantActor(caller.applicant);
      case 'system':
        return {
          userId: caller.system.id,
          name: caller.system.name,
          unitId: caller.system.departmentId,
          departmentId: caller.system.departmentId,
          postIds: [],
          roles: [],
          kind: 'system',
        };
      case 'scheduler':
        return SCHEDULER;
    }
  }

  // ---- commands on a case -------------------------------------------------------------------

  /** Runs one command on an existing case and writes its result; answers the case as written. */
  async run(
    caller: Caller,
    caseId: string,
    command: CaseCommand,
    expectedVersion?: number,
  ): Promise<{ doc: CaseDoc; result: CommandResult | null }> {
    const doc = await this.visible(caller, caseId);
    if (!this.may(caller, doc, 'update')) throw new AppError(403, 'forbidden', '无权办理本办件');
    if (expectedVersion !== undefined && expectedVersion !== doc.version) {
      throw new AppError(
        409,
        'version_conflict',
        '办件已有新的办理，您看到的已不是最新状态，请刷新后重试',
        { expectedVersion, version: doc.version },
      );
    }
    const loaded = await this.deps.definitions.get(doc.itemId, doc.itemVersion);
    const actor = await this.actorOf(caller);
    const now = this.clock();
    const context = {
      now,
      calendar: await this.deps.calendars.of(doc.countyId),
      actor,
      newId,
    };
    let caseNo: string | undefined;
    let full = command;
    if (command.type === 'accept') {
      // Tried first with a stand-in, so a refused acceptance does not use up a number.
      const standIn = formatCaseNo({
        subjectCode: loaded.subjectCode,
        date: civilDateOf(now),
        serial: MAX_DAILY_SERIAL,
      });
      this.engine(() => decide(loaded.def, doc.state, { ...command, caseNo: standIn }, context));
      caseNo = await this.deps.numbers.claimCaseNo(loaded.subjectCode, now, doc._id);
      full = { ...command, caseNo };
    }
    const result = this.engine(() => executeCommand(loaded.def, doc.state, full, context));
    // A tick that finds nothing due, a message delivered before: nothing to write.
    if (
      !result.events.length &&
      !result.trail.length &&
      JSON.stringify(result.state) === JSON.stringify(doc.state)
    ) {
      return { doc, result: null };
    }
    const confirmed = Math.min(
      doc.version,
      Math.max(doc.projectedVersion, this.deps.projector.confirmed(doc._id)),
    );
    const departmentIds = await this.departmentsOf(result.state, doc.departmentIds);
    const view = viewOf(
      { ...doc, state: result.state, departmentIds, version: doc.version + 1 },
      loaded.def,
    );
    const written = await this.deps.store.commit(doc, {
      state: result.state,
      trail: result.trail,
      trailHead: result.state.trailHead,
      outbox: [
        ...doc.outbox.filter((e) => e.caseVersion > confirmed),
        ...this.outboxOf(result, doc.version + 1),
      ],
      projectedVersion: confirmed,
      departmentIds,
      ...(caseNo ? { caseNo } : {}),
      view,
    });
    this.deps.projector.afterWrite(written, view);
    return { doc: written, result };
  }

  // ---- starting a case ----------------------------------------------------------------------

  /** 窗口登记 (RUN-1): staff register an application handed in at their window. */
  async startAtWindow(caller: Extract<Caller, { kind: 'staff' }>, input: StartInput) {
    const { item, loaded } = await this.runnableItem(input.itemId, caller.auth.principal.countyId);
    if (!caller.auth.ability.can('create', asSubject('Case', { countyId: loaded.countyId }))) {
      throw new AppError(403, 'forbidden', '无权登记办件');
    }
    const applicant = this.personal(input.applicant);
    return this.start(caller, item, loaded, {
      command: {
        type: 'startAtWindow',
        ...this.application(input, applicant.engine),
        ...(input.township ? { township: true } : {}),
      },
      personal: applicant,
    });
  }

  /** 网上申请 (RUN-1, POR-6): an applicant applies online; the window pre-reviews it first. */
  async applyOnline(caller: Extract<Caller, { kind: 'applicant' }>, input: StartInput) {
    const account = await this.deps.applicants
      .findById(caller.applicant.applicantId)
      .lean<ApplicantAccount>()
      .exec();
    if (!account) throw new AppError(401, 'unauthenticated', '请先登录');
    const { item, loaded } = await this.runnableItem(input.itemId);
    // The applicant is the account holder, unless they apply for an organisation they name.
    const given =
      input.applicant?.type === 'organisation'
        ? input.applicant
        : {
            type: 'person' as const,
            name: account.name,
            idType: 'residentId' as const,
            idNumber: this.deps.cipher.decrypt(account.idNumberEncrypted),
          };
    const applicant = this.personal(given);
    const acceptingUnit = await this.acceptingUnit(input.acceptingUnitId, loaded);
    const caseId = newId();
    const county = await this.deps.units.get(loaded.countyId);
    if (!county?.divisionCode)
      throw new AppError(409, 'no_division_code', '本县没有行政区划代码，不能编申请编号');
    const applicationNo = await this.deps.numbers.claimApplicationNo(
      county.divisionCode,
      this.clock(),
      caseId,
    );
    return this.start(caller, item, loaded, {
      caseId,
      command: {
        type: 'submitApplication',
        ...this.application(input, { ...applicant.engine, accountId: account._id.toHexString() }),
        applicationNo,
        ...(acceptingUnit ? { acceptingUnit } : {}),
      },
      personal: applicant,
      applicantAccountId: String(account._id),
      applicationNo,
    });
  }

  /** 部门系统推送 (RUN-1, INT-1): idempotent — the same external id gives the same case. */
  async push(
    caller: Extract<Caller, { kind: 'system' }>,
    input: StartInput & { externalRef: string },
  ) {
    const { item, loaded } = await this.runnableItem(input.itemId, caller.system.countyId);
    if (loaded.departmentId !== caller.system.departmentId) {
      throw new AppError(403, 'forbidden', `${caller.system.name}只能推送本部门事项的办件`);
    }
    const caseId = createHash('sha256')
      .update(`${caller.system.id}|${input.externalRef}`)
      .digest('hex')
      .slice(0, 24);
    const existing = await this.deps.store.load(caseId);
    if (existing) return { doc: existing, created: false };
    const applicant = this.personal(input.applicant);
    const acceptingUnit = await this.acceptingUnit(input.acceptingUnitId, loaded);
    return this.start(caller, item, loaded, {
      caseId,
      command: {
        type: 'startFromSystem',
        ...this.application(input, applicant.engine),
        ...(acceptingUnit ? { acceptingUnit } : {}),
      },
      personal: applicant,
      externalRef: input.externalRef,
    });
  }

  private async start(
    caller: Caller,
    item: Item,
    loaded: LoadedDefinition,
    how: {
      caseId?: string;
      command: CaseCommand;
      personal: ReturnType<CaseExecutor['personal']>;
      applicantAccountId?: string;
      applicationNo?: string;
      externalRef?: string;
    },
  ): Promise<{ doc: CaseDoc; created: boolean }> {
    const caseId = how.caseId ?? newId();
    const now = this.clock();
    const context = {
      now,
      calendar: await this.deps.calendars.of(loaded.countyId),
      actor: await this.actorOf(caller),
      newId,
    };
    const result = this.engine(() =>
      executeCommand(loaded.def, null, { ...how.command, caseId } as CaseCommand, context),
    );
    const doc: CaseDoc = {
      _id: caseId,
      countyId: loaded.countyId,
      departmentIds: await this.departmentsOf(result.state, [loaded.departmentId]),
      handlingDepartmentId: loaded.departmentId,
      itemId: String(item._id),
      itemVersion: loaded.def.itemVersion,
      ...(how.applicationNo ? { applicationNo: how.applicationNo } : {}),
      ...(how.applicantAccountId ? { applicantAccountId: how.applicantAccountId } : {}),
      ...how.personal.stored,
      ...(how.externalRef ? { externalRef: how.externalRef } : {}),
      state: result.state,
      trail: result.trail,
      trailHead: result.state.trailHead,
      outbox: this.outboxOf(result, 1),
      version: 1,
      projectedVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    const view = viewOf(doc, loaded.def);
    if (!(await this.deps.store.insert(doc, view))) {
      const existing = await this.deps.store.load(caseId);
      if (existing) return { doc: existing, created: false };
      throw new AppError(409, 'conflict', '办件编号冲突，请重试');
    }
    this.deps.projector.afterWrite(doc, view);
    return { doc, created: true };
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Runs the engine; its refusals become HTTP answers with its own message (errors.ts). */
  private engine<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw caseAppError(err);
    }
  }

  private outboxOf(result: CommandResult, caseVersion: number): OutboxEvent[] {
    return result.events.map((e) => ({ ...e, caseVersion }));
  }

  /** A published item and the version new cases run on (CAT-5, CAT-6). */
  private async runnableItem(itemId: string, countyId?: string) {
    const item = Types.ObjectId.isValid(itemId)
      ? await this.deps.items.findById(itemId).lean<Item>().exec()
      : null;
    if (!item || (countyId && String(item.countyId) !== countyId)) throw notFound('事项不存在');
    if (item.currentVersion < 1 || item.status === 'cancelled') {
      throw new AppError(409, 'item_not_published', `「${item.name}」尚未发布或已取消，不能办件`);
    }
    const loaded = await this.deps.definitions.get(String(item._id), item.currentVersion);
    return { item, loaded };
  }

  private async acceptingUnit(id: string | undefined, loaded: LoadedDefinition) {
    if (!id) return undefined;
    const unit = await this.deps.units.get(id);
    if (!unit || unit.countyId !== loaded.countyId)
      throw new AppError(400, 'bad_request', '受理窗口所在单位不存在');
    return { id: unit.id, name: unit.name };
  }

  /**
   * A person's ID number is personal data (docs/access.md): the case and its trail carry it
   * masked; the full number is kept encrypted (SM4) beside an HMAC-SM3 index for the result
   * query (POR-7). A resident ID is checked by GB 11643 first.
   */
  private personal(input: ApplicantInput | undefined) {
    if (!input) throw new AppError(400, 'bad_request', '缺少申请人');
    const person = PERSON_ID_TYPES.has(input.idType);
    const idNumber = input.idNumber.trim().toUpperCase();
    if (input.idType === 'residentId') {
      const problem = idNumberProblem(idNumber, civilDateOf(this.clock()));
      if (problem) {
        throw new AppError(
          400,
          'invalid_id_number',
          `申请人身份证号${ID_NUMBER_PROBLEM_TEXT[problem]}`,
          {
            field: 'applicant.idNumber',
            problem,
          },
        );
      }
    }
    const engine: Applicant = {
      type: input.type,
      name: input.name,
      idType: input.idType,
      idNumber: person ? maskIdNumber(idNumber) : idNumber,
      ...(input.phone ? { phone: maskPhone(input.phone) } : {}),
    };
    const stored = {
      ...(person
        ? {
            applicantIdIndex: this.deps.cipher.index(idNumber),
            applicantIdEncrypted: this.deps.cipher.encrypt(idNumber),
          }
        : {}),
      ...encryptedContact(this.deps.cipher, input),
    };
    return { engine, stored };
  }

  private application(input: StartInput, applicant: Applicant) {
    return {
      applicant,
      ...(input.contact
        ? {
            contact: {
              ...input.contact,
              idNumber: PERSON_ID_TYPES.has(input.contact.idType)
                ? maskIdNumber(input.contact.idNumber)
                : input.contact.idNumber,
            },
          }
        : {}),
      ...(input.caseName ? { caseName: input.caseName } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.materials ? { materials: input.materials } : {}),
    };
  }

  /** Departments a case has passed through: who may see it (access rules match on them). */
  private async departmentsOf(state: CaseState, before: string[]): Promise<string[]> {
    const ids = new Set(before);
    const units = new Set([
      state.acceptingUnit.id,
      state.handlingUnit.id,
      ...state.workItems.map((w) => w.unit.id),
    ]);
    for (const unit of units) ids.add(await this.deps.units.departmentOf(unit));
    return [...ids].sort();
  }
}
