import { subject as asSubject } from '@casl/ability';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  executeCommand,
  type Actor,
  type Applicant,
  type CaseCommand,
  type CaseSource,
  type OpenExOfficioCommand,
} from '../../runtime/cases';
import { formatCaseNo, MAX_DAILY_SERIAL } from '../../runtime/numbers';
import type { Party } from '../../runtime/trail';
import { civilDateOf } from '../../runtime/calendar';
import type { CountyCalendars } from '../calendar';
import type { Item, ItemModel } from '../catalog/item-model';
import { AppError, notFound } from '../http/errors';
import type { Applicant as ApplicantAccount, ApplicantModel } from '../identity/applicant-model';
import type { PostModel } from '../organisation/post-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import {
  maskedParty,
  personalData,
  type ApplicantInput,
  type PersonalData,
} from './applicant-data';
import type { Caller } from './caller';
import type { CaseDoc } from './case-model';
import { departmentsOf, newId, outboxOf, runEngine } from './command-steps';
import type { CaseDefinitions, LoadedDefinition } from './definitions';
import type { CaseNumbers } from './numbers';
import type { Projector } from './projector';
import type { CaseWriter } from './store';
import type { UnitDirectory } from './units';
import { viewOf } from './view';

/** 依职权 items take no application, online or pushed (RUN-17): said before any number is claimed. */
function refuseApplication(loaded: LoadedDefinition): void {
  if (loaded.def.initiation === 'exOfficio')
    throw new AppError(
      400,
      'ex_officio_item',
      `「${loaded.def.itemName}」是依职权事项，由执法部门依职权立案办理，不受理申请`,
    );
}

/** What 立案 brings (RUN-17): the party instead of an applicant, the source and 案由. */
export interface OpenInput extends Omit<StartInput, 'applicant'> {
  party: ApplicantInput;
  source: CaseSource;
  sourceNote: string;
  fromCaseId?: string;
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
  /** The unit a 督办 or complaint is about (SUP-4, SUP-5). */
  targetUnitId?: string;
}

export interface IntakeDeps {
  store: CaseWriter;
  definitions: CaseDefinitions;
  calendars: CountyCalendars;
  numbers: CaseNumbers;
  projector: Pick<Projector, 'afterWrite'>;
  units: UnitDirectory;
  items: ItemModel;
  applicants: ApplicantModel;
  cipher: PersonalDataCipher;
  posts?: PostModel;
  clock(): Date;
  actorOf(caller: Caller): Promise<Actor>;
}

/**
 * Case intake (RUN-1): the three ways a case begins — at a window, online, pushed by a
 * department system. Each checks who may start it, takes the applicant's personal data apart
 * (applicant-data.ts) and runs the starting command; the case is then inserted, not updated.
 */
export class CaseIntake {
  constructor(private readonly deps: IntakeDeps) {}

  /** 窗口登记 (RUN-1): staff register an application handed in at their window. */
  async startAtWindow(caller: Extract<Caller, { kind: 'staff' }>, input: StartInput) {
    const { item, loaded } = await this.runnableItem(input.itemId, caller.auth.principal.countyId);
    if (!caller.auth.ability.can('create', asSubject('Case', { countyId: loaded.countyId }))) {
      throw new AppError(403, 'forbidden', '无权登记办件');
    }
    const applicant = this.personal(input.applicant);
    const target = input.targetUnitId
      ? await this.target(input.targetUnitId, loaded.countyId)
      : undefined;
    return this.start(caller, item, loaded, {
      command: {
        type: 'startAtWindow',
        ...this.application(input, applicant.engine),
        ...(input.township ? { township: true } : {}),
        ...(target ? { target } : {}),
      },
      personal: applicant,
    });
  }

  /**
   * 立案 (RUN-17): an officer opens an ex officio case against a party. The number is claimed
   * only once a stand-in shows the engine takes the command, as for 受理.
   */
  async openExOfficio(caller: Extract<Caller, { kind: 'staff' }>, input: OpenInput) {
    const { item, loaded } = await this.runnableItem(input.itemId, caller.auth.principal.countyId);
    if (!caller.auth.ability.can('create', asSubject('Case', { countyId: loaded.countyId }))) {
      throw new AppError(403, 'forbidden', '无权立案');
    }
    if (loaded.def.initiation !== 'exOfficio')
      throw new AppError(
        400,
        'not_ex_officio',
        `「${item.name}」是依申请事项，由申请人申请、窗口受理，不能立案`,
      );
    if (input.fromCaseId) {
      const from = await this.deps.store.load(input.fromCaseId);
      if (!from || from.countyId !== loaded.countyId)
        throw new AppError(400, 'bad_request', '所依据的检查办件不存在');
    }
    const party = this.personal(input.party);
    const caseId = newId();
    const { applicant: _party, ...rest } = this.application(input, party.engine);
    const open: OpenExOfficioCommand = {
      type: 'openExOfficio',
      ...rest,
      caseId,
      caseNo: '',
      party: party.engine,
      source: input.source,
      sourceNote: input.sourceNote,
      ...(input.fromCaseId ? { fromCaseId: input.fromCaseId } : {}),
    };
    const now = this.deps.clock();
    const context = {
      now,
      calendar: await this.deps.calendars.of(loaded.countyId),
      actor: await this.deps.actorOf(caller),
      newId,
    };
    const standIn = formatCaseNo({
      subjectCode: loaded.subjectCode,
      date: civilDateOf(now),
      serial: MAX_DAILY_SERIAL,
    });
    runEngine(() => executeCommand(loaded.def, null, { ...open, caseNo: standIn }, context));
    const caseNo = await this.deps.numbers.claimCaseNo(loaded.subjectCode, now, caseId);
    return this.start(caller, item, loaded, {
      caseId,
      command: { ...open, caseNo },
      personal: party,
      caseNo,
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
    refuseApplication(loaded);
    // A citizen may complain online (SUP-4); a 督办 is the supervisors' own.
    if (loaded.def.internal && loaded.def.internal !== 'complaint')
      throw new AppError(400, 'not_applicable', `「${item.name}」是内部流程，不能网上申请`);
    const target = input.targetUnitId
      ? await this.target(input.targetUnitId, loaded.countyId)
      : undefined;
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
      this.deps.clock(),
      caseId,
    );
    return this.start(caller, item, loaded, {
      caseId,
      command: {
        type: 'submitApplication',
        ...this.application(input, { ...applicant.engine, accountId: account._id.toHexString() }),
        applicationNo,
        ...(acceptingUnit ? { acceptingUnit } : {}),
        ...(target ? { target } : {}),
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
    refuseApplication(loaded);
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
      personal: PersonalData;
      applicantAccountId?: string;
      applicationNo?: string;
      externalRef?: string;
      caseNo?: string;
    },
  ): Promise<{ doc: CaseDoc; created: boolean }> {
    const caseId = how.caseId ?? newId();
    const now = this.deps.clock();
    const context = {
      now,
      calendar: await this.deps.calendars.of(loaded.countyId),
      actor: await this.deps.actorOf(caller),
      newId,
    };
    const result = runEngine(() =>
      executeCommand(loaded.def, null, { ...how.command, caseId } as CaseCommand, context),
    );
    const doc: CaseDoc = {
      _id: caseId,
      countyId: loaded.countyId,
      departmentIds: await departmentsOf(this.deps.units, result.state, [loaded.departmentId]),
      handlingDepartmentId: loaded.departmentId,
      itemId: String(item._id),
      itemVersion: loaded.def.itemVersion,
      ...(how.applicationNo ? { applicationNo: how.applicationNo } : {}),
      ...(how.caseNo ? { caseNo: how.caseNo } : {}),
      ...(how.applicantAccountId ? { applicantAccountId: how.applicantAccountId } : {}),
      ...how.personal.stored,
      ...(how.externalRef ? { externalRef: how.externalRef } : {}),
      ...(item.trial ? { trial: true as const } : {}),
      state: result.state,
      trail: result.trail,
      trailHead: result.state.trailHead,
      outbox: outboxOf(result, 1),
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

  private personal(input: ApplicantInput | undefined): PersonalData {
    return personalData(input, this.deps.cipher, civilDateOf(this.deps.clock()));
  }

  /**
   * The unit a 督办 or complaint is about — a department or township of the county — and its
   * leading posts (负责人岗位), who receive its steps there (PROC-6).
   */
  private async target(unitId: string, countyId: string) {
    const unit = await this.deps.units.get(unitId);
    if (
      !unit ||
      unit.countyId !== countyId ||
      (unit.kind !== 'department' && unit.kind !== 'township')
    )
      throw new AppError(
        400,
        'invalid_target',
        '被督办（被投诉）单位应为本县的部门或乡镇（街道）',
        {
          field: 'target.unitId',
        },
      );
    const posts = await this.deps.posts
      ?.find({ departmentId: unitId, leading: true, status: 'active' }, { _id: 1 })
      .lean()
      .exec();
    return {
      unit: { id: unit.id, name: unit.name },
      postIds: (posts ?? []).map((p) => String(p._id)),
    };
  }

  private application(input: StartInput, applicant: Applicant) {
    return {
      applicant,
      ...(input.contact ? { contact: maskedParty(input.contact) } : {}),
      ...(input.caseName ? { caseName: input.caseName } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.materials ? { materials: input.materials } : {}),
    };
  }
}
