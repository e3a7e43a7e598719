import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { remaining, type WorkCalendar } from '../../runtime/calendar';
import { conditionHolds } from '../../runtime/cases/conditions';
import type { CaseEvent } from '../../runtime/cases';
import type { CaseService } from '../cases';
import { isLiveStatus } from '../cases/case-index';
import type { StoredEvent } from '../cases/event-model';
import type { CaseEventHandler } from '../cases/projector';
import type { CaseView, ViewDeadline, ViewRow } from '../cases/view';
import type { PostModel } from '../organisation/post-model';
import type { UserModel } from '../identity/user-model';
import type { Alert, AlertLevel, SupervisionAlerts } from './alerts';
import type { Exemptions } from './exemptions';
import type { Rule, RuleParams, SupervisionRules } from './rules';

export interface WatchDeps {
  cases: CaseService;
  rules: SupervisionRules;
  exemptions: Exemptions;
  alerts: SupervisionAlerts;
  users: UserModel;
  posts: PostModel;
  logger: Logger;
  clock: () => Date;
  /** Messages the responsible staff and their heads (SUP-10). */
  notify?: (alert: Alert, userIds: string[]) => Promise<void>;
}

type Fields = Record<string, string | number | null>;

const LIMIT_NAMES = { legal: '法定办结时限', promised: '承诺办结时限' } as const;
const UNIT_NAMES: Record<string, string> = {
  workingDays: '个工作日',
  naturalDays: '天',
  hours: '小时',
};
const PATTERN_NAMES: Record<string, string> = {
  fastCompletion: '办理过快',
  repeatedReturns: '反复退回',
  nightWork: '夜间办理',
};
const PROBLEM_NAMES: Record<string, string> = {
  skipped: '跳过环节',
  outOfOrder: '顺序颠倒',
  unknownStep: '流程图中没有的环节',
};

/** What the scan remembers of a limit between runs: recomputed when the case or the day changes. */
interface LimitMemo {
  version: number;
  /** The last day (Asia/Shanghai) the counted level holds without counting again. */
  until: string;
  ruleVersion: number;
  due: number | null;
  level: AlertLevel | null;
  remaining: number;
}

/**
 * Electronic supervision's live watch (SUP-2): alerts raised from case events as they are
 * written (a handler of the projector: at least once per event, so every alert id is derived from
 * the rule, the case and the event or step) and from a time-driven scan of every open case's
 * limits, answered from the in-memory case index.
 */
export class SupervisionWatch implements CaseEventHandler {
  readonly name = 'supervision';
  private readonly memo = new Map<string, LimitMemo>();
  private readonly members = new Map<string, { at: number; ids: Promise<string[]> }>();

  constructor(private readonly deps: WatchDeps) {}

  private async activeRules(countyId: string, itemId: string, kind: Rule['kind']) {
    const [rules, exempt] = await Promise.all([
      this.deps.rules.of(countyId),
      this.deps.exemptions.exemptItems(countyId),
    ]);
    if (exempt.has(itemId)) return [];
    return rules.filter(
      (r) => r.enabled && r.kind === kind && (!r.itemIds.length || r.itemIds.includes(itemId)),
    );
  }

  // ---- events -------------------------------------------------------------------------------

  async handle(events: readonly StoredEvent[]): Promise<void> {
    for (const stored of events) {
      const event = { ...stored, id: stored._id } as unknown as CaseEvent & StoredEvent;
      await this.onEvent(event);
    }
  }

  private async onEvent(event: CaseEvent & StoredEvent): Promise<void> {
    const { alerts } = this.deps;
    switch (event.type) {
      case 'workItemCompleted':
      case 'workItemCancelled':
      case 'workItemReturned':
      case 'workItemReassigned':
        await alerts.clearOfCase(
          event.caseId,
          (a) => a.ruleKind === 'timeliness' && a.workItemId === event.workItemId,
          event.at,
          event.type === 'workItemCompleted' ? '环节已办结' : '环节已结束或转出',
        );
        if (event.type === 'workItemCompleted') {
          await this.riskPoint(event, event.workItemId, event.nodeId, event.stepName);
          await this.content(event, event.workItemId, event.nodeId, event.stepName);
        }
        return;
      case 'workItemClaimed':
        return this.riskPoint(event, event.workItemId, event.nodeId, event.stepName);
      case 'caseConcluded':
      case 'caseRefused':
      case 'caseWithdrawn':
      case 'caseTerminated':
        await alerts.clearOfCase(
          event.caseId,
          (a) => a.ruleKind === 'timeliness',
          event.at,
          '办件已结束',
        );
        return;
      case 'suspiciousActivity':
        return this.fromEvent(event, 'suspicious', `sus:${event.id}`, {
          fields: { pattern: event.pattern },
          applies: (r) => (r.params as RuleParams['suspicious']).patterns.includes(event.pattern),
          detail: `${PATTERN_NAMES[event.pattern] ?? event.pattern}：${event.detail}`,
          ...(event.workItemId ? { workItemId: event.workItemId } : {}),
          ...(event.userId ? { userIds: [event.userId] } : {}),
        });
      case 'feeCharged': {
        const { amountFen, standardFen } = event;
        if (standardFen === null) return;
        return this.fromEvent(event, 'fee', `fee:${event.id}`, {
          fields: { amountFen, standardFen },
          applies: (r) =>
            Math.abs(amountFen - standardFen) > (r.params as RuleParams['fee']).toleranceFen,
          detail: `实收 ${yuan(amountFen)} 元，收费标准 ${yuan(standardFen)} 元`,
          ...(event.workItemId ? { workItemId: event.workItemId } : {}),
          ...(event.userId ? { userIds: [event.userId] } : {}),
        });
      }
      case 'progressReported':
        for (const [i, p] of event.problems.entries())
          await this.fromEvent(event, 'process', `proc:${event.id}:${i}`, {
            fields: { problem: p.kind },
            applies: () => true,
            detail: `部门系统报送的办理过程${PROBLEM_NAMES[p.kind] ?? p.kind}：${p.detail}`,
            nodeId: p.nodeId,
          });
        return;
      case 'discretionDeviation':
        return this.fromEvent(event, 'discretion', `disc:${event.id}`, {
          fields: { circumstance: event.circumstance, penalty: event.penalty },
          applies: () => true,
          detail: `处罚「${event.penalty}」超出「${event.circumstance}」情节的裁量基准（${event.range}），理由：${event.reason}`,
          workItemId: event.workItemId,
          ...(event.userId ? { userIds: [event.userId] } : {}),
        });
      default:
        return;
    }
  }

  private async riskPoint(
    event: StoredEvent,
    workItemId: string,
    nodeId: string,
    stepName: string,
  ): Promise<void> {
    const rules = await this.activeRules(event.countyId, event.itemId, 'riskPoint');
    if (!rules.length) return;
    const view = this.deps.cases.index.get(event.caseId);
    if (!view) return;
    const { def } = await this.deps.cases.definitions.get(view.itemId, view.itemVersion);
    const node = def.process.nodes.find((n) => n.id === nodeId);
    if (node?.kind !== 'userTask' || !node.step.riskPoints.length) return;
    for (const rule of rules) {
      const types = (rule.params as RuleParams['riskPoint']).riskTypes;
      const point = node.step.riskPoints.find((p) => !types.length || types.includes(p.type ?? ''));
      if (!point) continue;
      await this.raiseFor(rule, view, `risk:${workItemId}`, rule.level, event.at, {
        fields: { riskType: point.type ?? '', riskLevel: point.level ?? '', stepName },
        detail: `在风险点「${point.name}」所在环节「${stepName}」办理${point.description ? `：${point.description}` : ''}`,
        workItemId,
        riskPoint: { type: point.type ?? point.name, description: point.description ?? point.name },
      });
    }
  }

  private async content(
    event: StoredEvent,
    workItemId: string,
    nodeId: string,
    stepName: string,
  ): Promise<void> {
    const rules = await this.activeRules(event.countyId, event.itemId, 'content');
    if (!rules.some((r) => (r.params as RuleParams['content']).materials)) return;
    const doc = await this.deps.cases.store.load(event.caseId);
    const view = this.deps.cases.index.get(event.caseId);
    if (!doc || !view) return;
    const { def } = await this.deps.cases.definitions.get(view.itemId, view.itemVersion);
    const received = new Set(
      // Paper received at a window has no files; a deferred one (容缺) is still owed.
      doc.state.materials.filter((m) => !m.deferred).map((m) => m.materialId),
    );
    const missing = def.materials.filter((m) => m.required && !received.has(m.id));
    if (!missing.length) return;
    for (const rule of rules) {
      if (!(rule.params as RuleParams['content']).materials) continue;
      await this.raiseFor(rule, view, `content:${workItemId}`, rule.level, event.at, {
        fields: { stepName },
        detail: `环节「${stepName}」办结时，必要材料未收取：${missing.map((m) => m.name).join('、')}`,
        workItemId,
        nodeId,
      });
    }
  }

  private async fromEvent(
    event: StoredEvent,
    kind: Rule['kind'],
    subject: string,
    what: {
      fields: Fields;
      applies: (rule: Rule) => boolean;
      detail: string;
      workItemId?: string;
      nodeId?: string;
      userIds?: string[];
    },
  ): Promise<void> {
    const rules = await this.activeRules(event.countyId, event.itemId, kind);
    if (!rules.length) return;
    const view = this.deps.cases.index.get(event.caseId);
    if (!view) return;
    for (const rule of rules)
      if (what.applies(rule)) await this.raiseFor(rule, view, subject, rule.level, event.at, what);
  }

  // ---- raising ------------------------------------------------------------------------------

  private async raiseFor(
    rule: Rule,
    view: CaseView,
    subject: string,
    level: AlertLevel,
    at: string,
    what: {
      fields: Fields;
      detail: string;
      workItemId?: string;
      nodeId?: string;
      userIds?: string[];
      riskPoint?: Alert['riskPoint'];
    },
  ): Promise<void> {
    const row = what.workItemId
      ? view.rows.find((r) => r.workItemId === what.workItemId)
      : undefined;
    const department = await this.deps.cases.units.get(view.handlingDepartmentId);
    const fields: Fields = {
      itemCode: view.itemCode,
      itemName: view.itemName,
      departmentName: department?.name ?? view.handlingUnit.name,
      caseName: view.caseName,
      channel: view.channel,
      stepName: row?.stepName ?? null,
      ...what.fields,
    };
    if (rule.condition && !this.holds(rule, fields)) return;
    const userIds =
      what.userIds ?? (row ? await this.responsible(view, row) : await this.live(view));
    const alert: Omit<Alert, 'state'> = {
      _id: `${rule._id}:${view._id}:${subject}`,
      countyId: view.countyId,
      caseId: view._id,
      ...(view.caseNo ? { caseNo: view.caseNo } : {}),
      caseName: view.caseName,
      itemId: view.itemId,
      itemCode: view.itemCode,
      itemName: view.itemName,
      departmentId: view.handlingDepartmentId,
      departmentName: String(fields.departmentName),
      ...(what.workItemId ? { workItemId: what.workItemId } : {}),
      ...((what.nodeId ?? row?.nodeId) ? { nodeId: what.nodeId ?? row?.nodeId } : {}),
      ...(row?.stepName || fields.stepName
        ? { stepName: String(row?.stepName ?? fields.stepName) }
        : {}),
      userIds,
      userNames: await this.namesOf(userIds),
      ruleId: rule._id,
      ruleVersion: rule.version,
      ruleName: rule.name,
      ruleKind: rule.kind,
      level,
      ...(what.riskPoint ? { riskPoint: what.riskPoint } : {}),
      detail: what.detail,
      raisedAt: at,
    };
    const change = await this.deps.alerts.raise(alert);
    if (change && this.deps.notify) {
      const to = new Set<string>();
      if (rule.notify.staff) for (const id of userIds) to.add(id);
      if (rule.notify.head)
        for (const id of await this.headsOf(view.handlingDepartmentId)) to.add(id);
      if (to.size)
        await this.deps
          .notify(change.alert, [...to])
          .catch((err: unknown) =>
            this.deps.logger.error({ err, alertId: alert._id }, '监察预警的通知未能排入发送队列'),
          );
    }
  }

  private holds(rule: Rule, fields: Fields): boolean {
    try {
      return conditionHolds(rule.condition!, fields, `监察规则「${rule.name}」`);
    } catch (err) {
      this.deps.logger.warn({ err, ruleId: rule._id }, '监察规则的条件无法求值，按不成立处理');
      return false;
    }
  }

  // ---- people -------------------------------------------------------------------------------

  /** The assignee of a step, else every holder of its posts. */
  private async responsible(view: CaseView, row: ViewRow): Promise<string[]> {
    if (row.userId) return [row.userId];
    return this.holdersOf(view.countyId, row.postIds);
  }

  private async live(view: CaseView): Promise<string[]> {
    const ids = new Set<string>();
    for (const row of view.rows)
      if (row.queue !== 'done') for (const id of await this.responsible(view, row)) ids.add(id);
    return [...ids];
  }

  private holdersOf(countyId: string, postIds: string[]): Promise<string[]> {
    const valid = postIds.filter((p) => Types.ObjectId.isValid(p)).sort();
    if (!valid.length) return Promise.resolve([]);
    return this.cached(`posts:${valid.join(',')}`, async () =>
      (
        await this.deps.users
          .find(
            {
              countyId,
              postIds: { $in: valid.map((p) => new Types.ObjectId(p)) },
              status: 'active',
            },
            { _id: 1 },
          )
          .lean()
          .exec()
      ).map((u) => String(u._id)),
    );
  }

  /** Holders of the department's leading posts (负责人岗位): a step's staff's heads (SUP-10). */
  headsOf(departmentId: string): Promise<string[]> {
    if (!Types.ObjectId.isValid(departmentId)) return Promise.resolve([]);
    return this.cached(`heads:${departmentId}`, async () => {
      const posts = await this.deps.posts
        .find({ departmentId: new Types.ObjectId(departmentId), leading: true }, { _id: 1 })
        .lean()
        .exec();
      if (!posts.length) return [];
      return (
        await this.deps.users
          .find({ postIds: { $in: posts.map((p) => p._id) }, status: 'active' }, { _id: 1 })
          .lean()
          .exec()
      ).map((u) => String(u._id));
    });
  }

  private async namesOf(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const valid = ids.filter((id) => Types.ObjectId.isValid(id));
    const names = await this.cached(`names:${[...valid].sort().join(',')}`, async () => {
      const rows = await this.deps.users
        .find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } }, { name: 1 })
        .lean()
        .exec();
      const byId = new Map(rows.map((u) => [String(u._id), u.name]));
      return valid.map((id) => byId.get(id) ?? id);
    });
    return names;
  }

  /** People change seldom; a minute's cache keeps a scan from asking per case. */
  private cached(key: string, load: () => Promise<string[]>): Promise<string[]> {
    const now = Date.now();
    const hit = this.members.get(key);
    if (hit && now - hit.at < 60_000) return hit.ids;
    const ids = load();
    ids.catch(() => this.members.delete(key));
    if (this.members.size > 5000) this.members.clear();
    this.members.set(key, { at: now, ids });
    return ids;
  }

  // ---- the timeliness scan ------------------------------------------------------------------

  /**
   * Every open case's limits against the county's timeliness rules: yellow when the rule's share
   * is used or its amount is left, red when overdue. A stopped clock (补正, 暂停) raises nothing:
   * the limit is postponed by the pause. Answers what it looked at and what changed.
   */
  async scan(): Promise<{
    cases: number;
    limits: number;
    raised: number;
    uncounted: number;
    ms: number;
  }> {
    const t0 = performance.now();
    await this.deps.cases.whenReady();
    await this.deps.alerts.whenLoaded();
    const now = this.deps.clock();
    const nowMs = now.getTime();
    const nowIso = now.toISOString();
    const calendars = new Map<string, WorkCalendar>();
    const countyRules = new Map<string, { rules: Rule[]; exempt: Set<string> }>();
    let cases = 0;
    let limits = 0;
    let raised = 0;
    let uncounted = 0;
    for (const view of this.deps.cases.index.all()) {
      if (!isLiveStatus(view.status)) continue;
      let county = countyRules.get(view.countyId);
      if (!county) {
        const [rules, exempt] = await Promise.all([
          this.deps.rules.of(view.countyId),
          this.deps.exemptions.exemptItems(view.countyId),
        ]);
        county = { rules: rules.filter((r) => r.enabled && r.kind === 'timeliness'), exempt };
        countyRules.set(view.countyId, county);
      }
      if (!county.rules.length || county.exempt.has(view.itemId)) continue;
      let calendar = calendars.get(view.countyId);
      if (!calendar) {
        calendar = await this.deps.cases.calendars.of(view.countyId);
        calendars.set(view.countyId, calendar);
      }
      cases += 1;
      for (const rule of county.rules) {
        if (rule.itemIds.length && !rule.itemIds.includes(view.itemId)) continue;
        const params = rule.params as RuleParams['timeliness'];
        const limitsOf: {
          key: string;
          d: ViewDeadline | undefined;
          name: string;
          row?: ViewRow;
        }[] = [];
        for (const subject of ['legal', 'promised'] as const)
          if (params.subjects.includes(subject))
            limitsOf.push({ key: subject, d: view.deadlines[subject], name: LIMIT_NAMES[subject] });
        if (params.subjects.includes('step'))
          for (const row of view.rows)
            if (row.workItemId && row.limit && row.startedAt && row.queue !== 'done')
              limitsOf.push({
                key: `wi:${row.workItemId}`,
                d: { limit: row.limit, startedAt: row.startedAt, dueAt: row.dueAt ?? null },
                name: `环节「${row.stepName ?? ''}」办理时限`,
                row,
              });
        for (const { key, d, name, row } of limitsOf) {
          if (!d || !(d.limit.value > 0)) continue;
          limits += 1;
          // The first scan after a start counts every limit: let requests in between.
          if (limits % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
          let m: { level: AlertLevel | null; remaining: number };
          try {
            m = this.levelOf(rule, view, key, d, calendar, nowMs, params);
          } catch (err) {
            // A year missing from the calendar must not stop the scan of every other case.
            uncounted += 1;
            if (uncounted === 1)
              this.deps.logger.warn(
                { err, caseId: view._id },
                '监察时效扫描：有办件的期限无法计算',
              );
            continue;
          }
          if (!m.level) continue;
          const held = this.deps.alerts.get(`${rule._id}:${view._id}:${key}`);
          if (held?.state === 'open' && (held.level === 'red' || held.level === m.level)) continue;
          const left = `${Math.max(0, Math.round(m.remaining * 10) / 10)}${UNIT_NAMES[d.limit.unit] ?? ''}`;
          const detail =
            m.level === 'red'
              ? `${name}已超期（${d.limit.value}${UNIT_NAMES[d.limit.unit] ?? ''}）`
              : `${name}即将到期，剩余 ${left}`;
          const before = held;
          await this.raiseFor(rule, view, key, m.level, nowIso, {
            fields: {
              subject: row ? 'step' : key,
              remaining: m.remaining,
              unit: d.limit.unit,
              limit: d.limit.value,
              stepName: row?.stepName ?? null,
            },
            detail,
            ...(row?.workItemId ? { workItemId: row.workItemId } : {}),
          });
          if (this.deps.alerts.get(`${rule._id}:${view._id}:${key}`) !== before) raised += 1;
        }
      }
    }
    if (this.memo.size > 4 * this.deps.cases.index.size + 1000) this.memo.clear();
    return { cases, limits, raised, uncounted, ms: Math.round(performance.now() - t0) };
  }

  /**
   * A limit's level now. Day-counted limits change state only when the day changes or the due
   * instant passes, so the counting is done once per case version and day at most — and only on
   * the days it could turn yellow — not on every scan.
   */
  private levelOf(
    rule: Rule,
    view: CaseView,
    key: string,
    d: ViewDeadline,
    calendar: WorkCalendar,
    nowMs: number,
    params: RuleParams['timeliness'],
  ): { level: AlertLevel | null; remaining: number } {
    const memoKey = `${rule._id}:${view._id}:${key}`;
    const day = shanghaiDay(nowMs);
    const m = this.memo.get(memoKey);
    if (
      m &&
      d.limit.unit !== 'hours' &&
      m.version === view.version &&
      day <= m.until &&
      m.ruleVersion === rule.version
    ) {
      if (m.due !== null && nowMs >= m.due) return { level: 'red', remaining: m.remaining };
      return { level: m.level, remaining: m.remaining };
    }
    const r = remaining(
      calendar,
      { start: d.startedAt, limit: d.limit, pauses: view.pauses },
      new Date(nowMs),
      { warning: { atMost: params.warnLeft, fraction: 1 - params.warnShareUsed } },
    );
    // A stopped clock (补正, 暂停) postpones both cards.
    const level: AlertLevel | null = r.stopped
      ? null
      : r.state === 'overdue'
        ? 'red'
        : r.state === 'warning'
          ? 'yellow'
          : null;
    // A running limit loses at most one unit a day: while far from the yellow threshold it cannot
    // turn before `until`; yellow and red stay until the due instant or a new version of the case.
    const threshold = Math.max(params.warnLeft, (1 - params.warnShareUsed) * d.limit.value);
    const spare = level ? 3650 : Math.max(0, Math.ceil(r.remaining - threshold) - 1);
    this.memo.set(memoKey, {
      version: view.version,
      until: spare ? shanghaiDay(nowMs + spare * 86_400_000) : day,
      ruleVersion: rule.version,
      due: r.stopped || !r.due ? null : r.due.getTime(),
      level: level === 'red' ? 'red' : level,
      remaining: r.remaining,
    });
    return { level, remaining: r.remaining };
  }
}

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const yuan = (fen: number) => (fen / 100).toFixed(2);
