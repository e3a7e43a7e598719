import type { Collection, Connection } from 'mongoose';
import type { Logger } from 'pino';

/** What kind of rule raised an alert (SUP-2, SUP-3). */
export const RULE_KINDS = [
  'timeliness',
  'content',
  'process',
  'fee',
  'riskPoint',
  'suspicious',
  'discretion',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  timeliness: '时效监察',
  content: '内容监察',
  process: '流程监察',
  fee: '收费监察',
  riskPoint: '风险点监察',
  suspicious: '异常办理监察',
  discretion: '自由裁量监察',
};

export type AlertLevel = 'yellow' | 'red';

/**
 * One supervision alert (黄牌 warning, 红牌 alarm): one document per condition — rule, case and
 * subject — so a condition raised again, by a second run of a handler or after a restart, finds
 * its document and changes nothing; a warning that becomes an alarm is the same document.
 */
export interface Alert {
  _id: string;
  countyId: string;
  caseId: string;
  caseNo?: string;
  caseName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  workItemId?: string;
  nodeId?: string;
  stepName?: string;
  /** Who is responsible: the assignee, or the holders of the step's posts. */
  userIds: string[];
  userNames: string[];
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  ruleKind: RuleKind;
  level: AlertLevel;
  state: 'open' | 'cleared';
  riskPoint?: { type: string; description: string };
  detail: string;
  raisedAt: string;
  escalatedAt?: string;
  clearedAt?: string;
  clearedWhy?: string;
}

export type AlertChange = { kind: 'raised' | 'escalated' | 'cleared'; alert: Alert };

export interface AlertFilter {
  countyId: string;
  level?: AlertLevel;
  state?: 'open' | 'cleared';
  departmentId?: string;
  itemId?: string;
  ruleKind?: RuleKind;
  caseId?: string;
  /** Only these: the caller's own cards, or their department's for a head. */
  visible?: (alert: Alert) => boolean;
}

const RANK: Record<AlertLevel, number> = { yellow: 1, red: 2 };

/**
 * The county's alerts, kept in memory (lists, counts and the scan answer from here) and written
 * through to `supervision_alerts`. The embedded database reads every document for any query but
 * a lone `_id`, and the console, the workbench cards and the scan ask many times a minute.
 */
export class SupervisionAlerts {
  private readonly byId = new Map<string, Alert>();
  private readonly byCase = new Map<string, Set<string>>();
  private readonly listeners = new Set<(change: AlertChange) => void>();
  private readonly coll: Collection<Alert>;
  private loaded: Promise<void> | null = null;

  constructor(
    connection: Connection,
    private readonly logger: Logger,
  ) {
    this.coll = connection.collection<Alert>('supervision_alerts') as unknown as Collection<Alert>;
  }

  /** Set by the change feed (several nodes): other nodes hear of each alert this one writes. */
  written: (alertId: string) => void = () => undefined;

  /** Alerts another node wrote: taken as stored, and told to this node's live consoles. */
  async remoteChanged(ids: string[]): Promise<void> {
    await this.whenLoaded();
    for (const id of new Set(ids)) {
      const stored = await this.coll.findOne({ _id: id });
      if (!stored) continue;
      const held = this.byId.get(id);
      let kind: AlertChange['kind'] | null = null;
      if (stored.state === 'cleared') kind = held?.state === 'open' ? 'cleared' : null;
      else if (!held || held.state !== 'open') kind = 'raised';
      else if (stored.level !== held.level) kind = 'escalated';
      this.keep(stored);
      if (kind) this.tell({ kind, alert: stored });
    }
  }

  whenLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      for await (const alert of this.coll.find({})) this.keep(alert);
    })().catch((err: unknown) => {
      this.loaded = null;
      throw err;
    });
    return this.loaded;
  }

  private keep(alert: Alert): void {
    this.byId.set(alert._id, alert);
    let set = this.byCase.get(alert.caseId);
    if (!set) this.byCase.set(alert.caseId, (set = new Set()));
    set.add(alert._id);
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  ofCase(caseId: string): Alert[] {
    return [...(this.byCase.get(caseId) ?? [])].map((id) => this.byId.get(id)!);
  }

  /**
   * Raises the condition's alert at `level`, or escalates it: a condition already at that level
   * or higher changes nothing. A cleared condition that holds again is raised again.
   */
  async raise(alert: Omit<Alert, 'state'>): Promise<AlertChange | null> {
    await this.whenLoaded();
    const seen = this.byId.get(alert._id);
    if (seen && seen.state === 'open' && RANK[seen.level] >= RANK[alert.level]) return null;
    let change: AlertChange;
    if (!seen) {
      const fresh: Alert = { ...alert, state: 'open' };
      try {
        await this.coll.insertOne(fresh);
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        // Another writer got there first: take what is stored.
        const stored = await this.coll.findOne({ _id: alert._id });
        if (stored) this.keep(stored);
        return null;
      }
      change = { kind: 'raised', alert: fresh };
    } else if (seen.state === 'open') {
      const next: Alert = {
        ...seen,
        level: alert.level,
        detail: alert.detail,
        escalatedAt: alert.raisedAt,
      };
      await this.coll.replaceOne({ _id: seen._id }, next);
      change = { kind: 'escalated', alert: next };
    } else {
      const again: Alert = { ...alert, state: 'open' };
      await this.coll.replaceOne({ _id: seen._id }, again);
      change = { kind: 'raised', alert: again };
    }
    this.keep(change.alert);
    this.written(change.alert._id);
    this.tell(change);
    return change;
  }

  /** Clears open alerts that match; answers how many. */
  async clear(match: (alert: Alert) => boolean, at: string, why: string): Promise<number> {
    await this.whenLoaded();
    let n = 0;
    for (const alert of [...this.byId.values()]) {
      if (alert.state !== 'open' || !match(alert)) continue;
      const next: Alert = { ...alert, state: 'cleared', clearedAt: at, clearedWhy: why };
      await this.coll.replaceOne({ _id: alert._id }, next);
      this.keep(next);
      this.written(next._id);
      this.tell({ kind: 'cleared', alert: next });
      n += 1;
    }
    return n;
  }

  async clearOfCase(
    caseId: string,
    match: (alert: Alert) => boolean,
    at: string,
    why: string,
  ): Promise<number> {
    const ids = this.byCase.get(caseId);
    if (!ids?.size) return 0;
    return this.clear((a) => a.caseId === caseId && match(a), at, why);
  }

  /** Every alert held, in no order (statistics count them). */
  all(): IterableIterator<Alert> {
    return this.byId.values();
  }

  /** Alerts that match, newest first. */
  list(filter: AlertFilter): Alert[] {
    const out: Alert[] = [];
    const ids = filter.caseId ? (this.byCase.get(filter.caseId) ?? new Set()) : this.byId.keys();
    for (const id of ids) {
      const a = this.byId.get(id)!;
      if (a.countyId !== filter.countyId) continue;
      if (filter.level && a.level !== filter.level) continue;
      if (filter.state && a.state !== filter.state) continue;
      if (filter.departmentId && a.departmentId !== filter.departmentId) continue;
      if (filter.itemId && a.itemId !== filter.itemId) continue;
      if (filter.ruleKind && a.ruleKind !== filter.ruleKind) continue;
      if (filter.visible && !filter.visible(a)) continue;
      out.push(a);
    }
    return out.sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0));
  }

  /** Cases with an alert (open unless `state` says otherwise): the case search's filter. */
  async caseIdsWith(filter: {
    level?: AlertLevel;
    state?: 'open' | 'cleared';
  }): Promise<Set<string>> {
    await this.whenLoaded();
    const state = filter.state ?? 'open';
    const out = new Set<string>();
    for (const a of this.byId.values())
      if (a.state === state && (!filter.level || a.level === filter.level)) out.add(a.caseId);
    return out;
  }

  /** How many listen now (open consoles and workbenches). */
  get listening(): number {
    return this.listeners.size;
  }

  /** Live changes (the console's stream, statistics); answers a function that stops listening. */
  subscribe(listener: (change: AlertChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(change: AlertChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.logger.error({ err }, '监察预警的订阅者出错');
      }
    }
  }
}
