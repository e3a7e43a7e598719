import {
  decide,
  executeCommand,
  type Actor,
  type CaseCommand,
  type CaseCommandType,
  type CommandResult,
  type EngineContext,
} from '../../runtime/cases';
import { civilDateOf } from '../../runtime/calendar';
import { formatCaseNo, MAX_DAILY_SERIAL } from '../../runtime/numbers';
import type { CountyCalendars } from '../calendar';
import type { PostModel } from '../organisation/post-model';
import type { ItemModel } from '../catalog/item-model';
import { AppError, notFound } from '../http/errors';
import type { ApplicantModel } from '../identity/applicant-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { StaffActors } from './actors';
import { actorOfCaller, callerMay, type Caller } from './caller';
import type { CaseDoc } from './case-model';
import { departmentsOf, newId, outboxOf, runEngine } from './command-steps';
import type { CaseDefinitions, LoadedDefinition } from './definitions';
import { CaseIntake, type OpenInput, type StartInput } from './intake';
import type { CaseNumbers } from './numbers';
import type { Projector } from './projector';
import type { CaseWriter } from './store';
import type { UnitDirectory } from './units';
import { viewOf } from './view';

export type { Caller } from './caller';
export type { StartInput } from './intake';
export type { ApplicantInput } from './applicant-data';

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
  /** Where a 督办 or complaint finds the leading posts of the unit it is about. */
  posts?: PostModel;
  /** The time commands happen at; the real clock unless given. */
  clock?: () => Date;
}

/** The stages every command on an existing case passes, in this order. */
export const COMMAND_STAGES = [
  'access',
  'versionGuard',
  'preSteps',
  'engine',
  'commit',
  'projection',
] as const;
export type CommandStage = (typeof COMMAND_STAGES)[number];

/** System commands that only record what was made after the fact; see CaseDoc.recordsSince. */
const RECORD_ONLY: ReadonlySet<string> = new Set(['recordDocument']);

/** One command on its way: what the stages after `access` work with. */
export interface CommandPass {
  caller: Caller;
  doc: CaseDoc;
  loaded: LoadedDefinition;
  context: EngineContext;
  /** The command as the engine gets it; a pre-step may complete it (the case number …). */
  command: CaseCommand;
  /** Fields the update writes beside state and trail. */
  extra: { caseNo?: string };
}

/**
 * Work a command needs before the engine runs, for one command type: e.g. acceptance claims its
 * case number (RUN-11). A pre-step may change `pass.command` and `pass.extra`, or refuse.
 */
export type PreStep = (pass: CommandPass) => Promise<void>;

/**
 * The one path every case command takes (style.md, the Camunda lesson), as named stages
 * (COMMAND_STAGES): access — the caller may see the case (404) and act on it (403); version guard
 * (409); pre-steps of the command's type; engine — the item version's definition with the clock,
 * the county's calendar and the actor; commit — state, trail and events in one version-guarded
 * update (409 on a race); projection. Handlers in runtime/cases hold only the rule of their
 * operation; nothing here knows one command from another except through pre-steps. Starting a
 * case is intake.ts.
 */
export class CaseExecutor {
  /** The time commands happen at; tests and the demo seed may replace it. */
  clock: () => Date;
  /** Told of every command run (OPS-1 metrics): its type, what came of it, how long it took. */
  onCommand?: (type: string, outcome: 'applied' | 'unchanged' | 'refused', ms: number) => void;
  readonly intake: CaseIntake;
  private readonly preSteps = new Map<CaseCommandType, PreStep[]>();

  constructor(private readonly deps: ExecutorDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.intake = new CaseIntake({
      ...deps,
      clock: () => this.clock(),
      actorOf: (caller) => this.actorOf(caller),
    });
    this.addPreStep('accept', (pass) => this.claimCaseNo(pass));
  }

  /** Adds work to do before the engine runs a command of this type (after those added before). */
  addPreStep(type: CaseCommandType, step: PreStep): void {
    this.preSteps.set(type, [...(this.preSteps.get(type) ?? []), step]);
  }

  // ---- starting a case (intake.ts) ----------------------------------------------------------

  startAtWindow(caller: Extract<Caller, { kind: 'staff' }>, input: StartInput) {
    return this.intake.startAtWindow(caller, input);
  }

  openExOfficio(caller: Extract<Caller, { kind: 'staff' }>, input: OpenInput) {
    return this.intake.openExOfficio(caller, input);
  }

  applyOnline(caller: Extract<Caller, { kind: 'applicant' }>, input: StartInput) {
    return this.intake.applyOnline(caller, input);
  }

  push(caller: Extract<Caller, { kind: 'system' }>, input: StartInput & { externalRef: string }) {
    return this.intake.push(caller, input);
  }

  // ---- the caller ---------------------------------------------------------------------------

  /** The case if the caller may see it; anything else is "not found", as for a missing case. */
  async visible(caller: Caller, caseId: string, fresh = false): Promise<CaseDoc> {
    const doc = fresh ? await this.deps.store.fresh(caseId) : await this.deps.store.load(caseId);
    if (!doc || !callerMay(caller, doc, 'read')) throw notFound('办件不存在');
    return doc;
  }

  actorOf(caller: Caller): Promise<Actor> {
    return actorOfCaller(caller, this.deps.staffActors);
  }

  // ---- the command path ---------------------------------------------------------------------

  /** Runs one command on an existing case and writes its result; answers the case as written. */
  async run(
    caller: Caller,
    caseId: string,
    command: CaseCommand,
    expectedVersion?: number,
  ): Promise<{ doc: CaseDoc; result: CommandResult | null }> {
    if (!this.onCommand) return this.runCommand(caller, caseId, command, expectedVersion);
    const t0 = performance.now();
    try {
      const answer = await this.runCommand(caller, caseId, command, expectedVersion);
      this.onCommand(command.type, answer.result ? 'applied' : 'unchanged', performance.now() - t0);
      return answer;
    } catch (err) {
      this.onCommand(command.type, 'refused', performance.now() - t0);
      throw err;
    }
  }

  private async runCommand(
    caller: Caller,
    caseId: string,
    command: CaseCommand,
    expectedVersion?: number,
  ): Promise<{ doc: CaseDoc; result: CommandResult | null }> {
    const doc = await this.access(caller, caseId);
    this.versionGuard(doc, expectedVersion);
    const pass = await this.prepare(caller, doc, command);
    for (const step of this.preSteps.get(command.type) ?? []) await step(pass);
    const result = runEngine(() =>
      executeCommand(pass.loaded.def, doc.state, pass.command, pass.context),
    );
    // A tick that finds nothing due, a message delivered before: nothing to write.
    if (
      !result.events.length &&
      !result.trail.length &&
      JSON.stringify(result.state) === JSON.stringify(doc.state)
    ) {
      return { doc, result: null };
    }
    const written = await this.commit(pass, result);
    return { doc: written, result };
  }

  /** Stage access: may see (else 404) and may act (else 403). */
  private async access(caller: Caller, caseId: string): Promise<CaseDoc> {
    const doc = await this.visible(caller, caseId);
    if (!callerMay(caller, doc, 'update')) throw new AppError(403, 'forbidden', '无权办理本办件');
    return doc;
  }

  /**
   * Stage version guard: a command on a version the caller did not see answers 409 at once —
   * unless all that happened since was the system recording a notice it made: a clerk who
   * accepted a case and goes on at once must not be told someone else changed it.
   */
  private versionGuard(doc: CaseDoc, expectedVersion: number | undefined): void {
    const quiet =
      expectedVersion !== undefined &&
      doc.recordsSince != null &&
      expectedVersion >= doc.recordsSince &&
      expectedVersion < doc.version;
    if (expectedVersion !== undefined && expectedVersion !== doc.version && !quiet) {
      throw new AppError(
        409,
        'version_conflict',
        '办件已有新的办理，您看到的已不是最新状态，请刷新后重试',
        { expectedVersion, version: doc.version },
      );
    }
  }

  /** The definition the case runs on and the engine's context, read once per command. */
  private async prepare(caller: Caller, doc: CaseDoc, command: CaseCommand): Promise<CommandPass> {
    const loaded = await this.deps.definitions.get(doc.itemId, doc.itemVersion);
    const context: EngineContext = {
      now: this.clock(),
      calendar: await this.deps.calendars.of(doc.countyId),
      actor: await this.actorOf(caller),
      newId,
    };
    return { caller, doc, loaded, context, command, extra: {} };
  }

  /** Pre-step of `accept`: a case number, claimed only once a stand-in shows acceptance works. */
  private async claimCaseNo(pass: CommandPass): Promise<void> {
    const { loaded, doc, context, command } = pass;
    if (command.type !== 'accept') return;
    const standIn = formatCaseNo({
      subjectCode: loaded.subjectCode,
      date: civilDateOf(context.now),
      serial: MAX_DAILY_SERIAL,
    });
    runEngine(() => decide(loaded.def, doc.state, { ...command, caseNo: standIn }, context));
    const caseNo = await this.deps.numbers.claimCaseNo(loaded.subjectCode, context.now, doc._id);
    pass.command = { ...command, caseNo };
    pass.extra.caseNo = caseNo;
  }

  /** Stages commit and projection. */
  private async commit(pass: CommandPass, result: CommandResult): Promise<CaseDoc> {
    const { doc, loaded } = pass;
    const confirmed = Math.min(
      doc.version,
      Math.max(doc.projectedVersion, this.deps.projector.confirmed(doc._id)),
    );
    const departmentIds = await departmentsOf(this.deps.units, result.state, doc.departmentIds);
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
        ...outboxOf(result, doc.version + 1),
      ],
      projectedVersion: confirmed,
      recordsSince: RECORD_ONLY.has(pass.command.type) ? (doc.recordsSince ?? doc.version) : null,
      departmentIds,
      ...(pass.extra.caseNo ? { caseNo: pass.extra.caseNo } : {}),
      view,
    });
    this.deps.projector.afterWrite(written, view);
    return written;
  }
}
