import type { Logger } from 'pino';
import type { CountyCalendars } from '../calendar';
import type { ItemModel } from '../catalog/item-model';
import type { ItemVersionModel } from '../catalog/version-model';
import type { ApplicantModel } from '../identity/applicant-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { UserModel } from '../identity/user-model';
import type { PostModel } from '../organisation/post-model';
import type { UnitModel } from '../organisation/unit-model';
import { StaffActors } from './actors';
import type { CaseDoc, CaseModel } from './case-model';
import { viewOf, type CaseView } from './view';
import { CaseIndex, isLiveStatus } from './case-index';
import { CaseDefinitions } from './definitions';
import type { EventModel } from './event-model';
import { CaseExecutor } from './executor';
import type { CaseNumberCounterModel, CaseNumberModel } from './number-model';
import { CaseNumbers } from './numbers';
import { Projector } from './projector';
import { BatchCaseStore } from './batch';
import { PersonalText } from './personal-text';
import { CaseStore } from './store';
import { UnitDirectory } from './units';
import type { TrailAnchors } from '../trail-anchors/anchors';
import { ChangeFeed } from './change-feed';
import { viewOfStored } from './case-model';

export interface CaseServiceDeps {
  cases: CaseModel;
  events: EventModel;
  caseNumbers: CaseNumberModel;
  caseNumberCounters: CaseNumberCounterModel;
  itemVersions: ItemVersionModel;
  items: ItemModel;
  units: UnitModel;
  users: UserModel;
  posts: PostModel;
  applicants: ApplicantModel;
  calendars: CountyCalendars;
  cipher: PersonalDataCipher;
  /** The embedded database: one process, writes of a document in order (docs/database.md). */
  embedded: boolean;
  logger: Logger;
}

/** How often a live case is looked at by the scheduler even when no timer is due (RUN-5). */
const TICK_EVERY_MS = 60 * 60_000;

/**
 * The cases area put together: the store, the item versions cases run on, the numbers, the
 * executor every command passes through, the projector and the in-memory index lists read.
 */
export class CaseService {
  readonly store: CaseStore;
  readonly definitions: CaseDefinitions;
  readonly index = new CaseIndex();
  readonly projector: Projector;
  readonly executor: CaseExecutor;
  readonly units: UnitDirectory;
  readonly calendars: CountyCalendars;
  /** Cases with an open alert of the level (any when none): set by supervision for the case search. */
  alertedCases?: (level?: 'yellow' | 'red') => Promise<Set<string>>;
  /** The trails' anchors outside the database (RUN-7), set by the app; verification uses them. */
  trailAnchors: Pick<TrailAnchors, 'checkCase'> | null = null;
  /** Several nodes (issue 12): how this node hears of the others' writes; null until started. */
  feed: ChangeFeed | null = null;
  /** Told of cases another node changed, after the index has them (statistics keep up so). */
  readonly remoteListeners: ((caseIds: string[]) => Promise<void>)[] = [];
  /** Told of supervision alerts another node wrote (set by supervision). */
  remoteAlerts?: (alertIds: string[]) => Promise<void>;
  private ready: Promise<void> | null = null;
  private readonly lastTick = new Map<string, number>();
  private readonly staffActors: StaffActors;
  private readonly numbers: CaseNumbers;

  constructor(private readonly deps: CaseServiceDeps) {
    this.store = new CaseStore(deps.cases, deps.embedded, new PersonalText(deps.cipher));
    this.units = new UnitDirectory(deps.units);
    this.definitions = new CaseDefinitions({ itemVersions: deps.itemVersions, units: deps.units });
    this.calendars = deps.calendars;
    this.projector = new Projector({
      store: this.store,
      index: this.index,
      events: deps.events,
      logger: deps.logger,
    });
    this.staffActors = new StaffActors({ users: deps.users, posts: deps.posts, units: this.units });
    this.numbers = new CaseNumbers(deps);
    this.executor = new CaseExecutor({
      store: this.store,
      definitions: this.definitions,
      calendars: deps.calendars,
      numbers: this.numbers,
      projector: this.projector,
      staffActors: this.staffActors,
      units: this.units,
      items: deps.items,
      applicants: deps.applicants,
      cipher: deps.cipher,
      posts: deps.posts,
    });
  }

  /**
   * An executor of its own whose cases stay in memory until `flush` writes each finished case
   * once and projects it: how the demo seed makes hundreds of cases through the engine without
   * hundreds of thousands of database round trips. Numbers are claimed for real.
   */
  batch(): { executor: CaseExecutor; held(): CaseDoc[]; flush(): Promise<number> } {
    const store = new BatchCaseStore();
    const executor = new CaseExecutor({
      store,
      definitions: this.definitions,
      calendars: this.calendars,
      numbers: this.numbers,
      projector: { afterWrite: () => undefined, confirmed: () => 0 },
      staffActors: this.staffActors,
      units: this.units,
      items: this.deps.items,
      applicants: this.deps.applicants,
      cipher: this.deps.cipher,
      posts: this.deps.posts,
    });
    const flush = async () => {
      await this.whenReady();
      const docs = [...store.docs.values()];
      const written: { doc: CaseDoc; view: CaseView }[] = [];
      for (const doc of docs) {
        const { def } = await this.definitions.get(doc.itemId, doc.itemVersion);
        written.push({ doc, view: viewOf(doc, def) });
      }
      await this.store.insertMany(written);
      for (const { doc, view } of written) this.projector.afterWrite(doc, view);
      await this.projector.settled();
      store.docs.clear();
      return docs.length;
    };
    return { executor, held: () => [...store.docs.values()], flush };
  }

  /**
   * Joins the change feed: this node's writes go to it and the other nodes' come back into the
   * index. Call before `whenReady`, so that nothing written while the index loads is missed.
   */
  async joinFeed(node: string): Promise<() => void> {
    const feed = new ChangeFeed(this.deps.cases.db.db!, {
      node,
      logger: this.deps.logger,
      changed: (cases) => this.applyRemote(cases),
      alertsChanged: async (ids) => this.remoteAlerts?.(ids),
      lost: async () => {
        const views = [];
        for await (const head of this.store.collection.find({}, { projection: { view: 1 } }))
          views.push(viewOfStored(head));
        this.index.load(views);
        await this.tellListeners(views.map((v) => v._id));
      },
    });
    await feed.mark();
    this.feed = feed;
    this.store.written = (id, version) => feed.published(id, version);
    return feed.start();
  }

  /** Another node wrote these cases: drop the copies held, take their views. */
  private async applyRemote(cases: [string, number][]): Promise<void> {
    const ids: string[] = [];
    for (const [id, version] of cases) {
      if (this.index.versionOf(id) >= version) continue;
      this.store.forget(id);
      const head = await this.store.collection.findOne({ _id: id }, { projection: { view: 1 } });
      if (!head) continue;
      this.index.apply(viewOfStored(head));
      ids.push(id);
    }
    if (ids.length) await this.tellListeners(ids);
  }

  private async tellListeners(ids: string[]): Promise<void> {
    for (const listener of this.remoteListeners) {
      try {
        await listener(ids);
      } catch (err) {
        this.deps.logger.error({ err }, '其他节点的办件变更处理失败');
      }
    }
  }

  /**
   * Loads the views into memory and rebuilds whatever a crash left behind; every list waits for
   * it. Called at start-up (main.ts) and, lazily, by the first request.
   */
  whenReady(): Promise<void> {
    this.ready ??= (async () => {
      const t0 = Date.now();
      const { views, rebuilt } = await this.projector.load();
      this.deps.logger.info(
        { views, rebuilt, ms: Date.now() - t0 },
        `办件索引已载入：${views} 件${rebuilt ? `，补写 ${rebuilt} 件的事件` : ''}`,
      );
    })().catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /**
   * The scheduler (RUN-5, RUN-6): timers that are due fire, and deadline warnings and overdue
   * alarms are emitted, by the engine's `tick`. A case is looked at when a timer is due, else at
   * most once an hour; a tick that finds nothing writes nothing.
   */
  async tickDue(): Promise<{ ticked: number; changed: number }> {
    await this.whenReady();
    const now = this.executor.clock();
    const nowIso = now.toISOString();
    let ticked = 0;
    let changed = 0;
    for (const view of [...this.index.all()]) {
      if (!isLiveStatus(view.status)) continue;
      const timerDue = !!view.nextTimerAt && view.nextTimerAt <= nowIso;
      const last = this.lastTick.get(view._id) ?? 0;
      if (!timerDue && now.getTime() - last < TICK_EVERY_MS) continue;
      this.lastTick.set(view._id, now.getTime());
      ticked += 1;
      try {
        const { result } = await this.executor.run({ kind: 'scheduler' }, view._id, {
          type: 'tick',
        });
        if (result) changed += 1;
      } catch (err) {
        this.deps.logger.warn({ err, caseId: view._id }, '定时检查办件失败');
      }
    }
    await this.projector.settled();
    return { ticked, changed };
  }
}
