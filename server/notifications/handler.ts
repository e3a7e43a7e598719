import type { Collection } from 'mongodb';
import { Types } from 'mongoose';
import { LIMIT_UNIT_LABELS, type LimitUnit } from '../../runtime/catalog/item';
import type { CaseEvent, CaseState, WorkItem } from '../../runtime/cases';
import type { CaseDoc } from '../cases/case-model';
import type { StoredEvent } from '../cases/event-model';
import type { CaseEventHandler } from '../cases/projector';
import type { UnitDirectory } from '../cases/units';
import type { User, UserModel } from '../identity/user-model';
import type {
  ChannelName,
  Delivery,
  DeliveryModel,
  DeliveryQueueModel,
  NotificationTemplateModel,
  Recipient,
  StoredTemplate,
} from './models';
import { caseDeliveriesOf } from './models';
import { DEFAULT_TEMPLATES, render, type TemplateKey } from './templates';

export interface NotificationHandlerDeps {
  deliveries: DeliveryModel;
  queue: DeliveryQueueModel;
  templates: NotificationTemplateModel;
  users: UserModel;
  units: UnitDirectory;
  loadCase(id: string): Promise<CaseDoc | null>;
  /** Channels that are configured: deliveries are made only for those. */
  enabled: ReadonlySet<ChannelName>;
  publicBaseUrl?: string;
  clock: () => Date;
  /** Called after new deliveries are queued, so the sender need not wait for its next tick. */
  queued?: () => void;
}

/** What one event asks for: a template, its values, and to whom. */
interface Notice {
  key: TemplateKey;
  values: Record<string, string | undefined>;
  to: 'applicant' | string[];
}

const when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const formatAt = (iso: string | null | undefined) => (iso ? when.format(new Date(iso)) : '—');

const LIMIT_NAMES = { legal: '法定办结时限', promised: '承诺办结时限', workItem: '环节办理时限' };

/**
 * Turns a case's events into deliveries (RUN-15): run by the projector after the case's update is
 * written, at least once per event, so every delivery's id is derived from the event's id and
 * inserting it again changes nothing. Nothing is sent here: the sender does that, later.
 */
export class NotificationHandler implements CaseEventHandler {
  readonly name = 'notifications';
  private readonly deliveriesColl: Collection<Delivery>;

  constructor(private readonly deps: NotificationHandlerDeps) {
    this.deliveriesColl = deps.deliveries.collection as unknown as Collection<Delivery>;
  }

  async handle(events: readonly StoredEvent[]): Promise<void> {
    const rows: Delivery[] = [];
    const cases = new Map<string, CaseDoc | null>();
    for (const event of events) {
      if (!RELEVANT.has(event.type)) continue;
      if (!cases.has(event.caseId)) cases.set(event.caseId, await this.deps.loadCase(event.caseId));
      const doc = cases.get(event.caseId);
      if (!doc) continue;
      // StoredEvent's Omit flattens the union; the event is a CaseEvent with its id as `_id`.
      const notice = await this.noticeOf(event as unknown as CaseEvent, doc);
      if (notice) rows.push(...(await this.deliveriesOf(event, doc, notice)));
    }
    await this.insert(rows);
  }

  /**
   * An electronic-supervision alert's in-app notice to staff and heads (SUP-10). The delivery id
   * comes from the alert and its level, so asking again for the same card queues nothing new.
   */
  async queueAlertNotice(
    alert: {
      _id: string;
      caseId: string;
      level: 'yellow' | 'red';
      detail: string;
      ruleName: string;
      stepName?: string;
    },
    userIds: string[],
  ): Promise<void> {
    const doc = await this.deps.loadCase(alert.caseId);
    if (!doc || !userIds.length) return;
    const state = doc.state;
    const template = await this.templateOf(doc.countyId, 'supervisionAlert');
    const values = {
      level: alert.level === 'red' ? '红牌报警' : '黄牌预警',
      caseNo: state.caseNo ?? state.applicationNo ?? '',
      caseName: state.caseName,
      itemName: state.itemName,
      stepName: alert.stepName ? `「${alert.stepName}」环节` : '',
      reason: alert.detail,
      rule: alert.ruleName,
    };
    const now = this.deps.clock();
    await this.insert(
      [...new Set(userIds)].map((userId): Delivery => ({
        _id: `alert:${alert._id}:${alert.level}:inApp:${userId}`,
        eventId: `alert:${alert._id}:${alert.level}`,
        eventType: 'supervisionAlert',
        caseId: doc._id,
        countyId: doc.countyId,
        departmentIds: doc.departmentIds,
        channel: 'inApp',
        recipient: { kind: 'user', userId },
        template: 'supervisionAlert',
        subject: render(template.subject, values),
        text: render(template.text, values),
        link: `/cases/${doc._id}`,
        status: 'pending',
        attempts: [],
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  }

  private async insert(rows: Delivery[]): Promise<void> {
    if (!rows.length) return;
    // Insert what is new; an existing delivery (a second run of the handler) stays as it is.
    await this.deliveriesColl
      .insertMany(rows, { ordered: false })
      .catch((err: unknown) => onlyDuplicates(err));
    await this.deps.queue.collection
      .insertMany(rows.map((r) => ({ _id: r._id, nextAttemptAt: r.nextAttemptAt! })) as never[], {
        ordered: false,
      })
      .catch((err: unknown) => onlyDuplicates(err));
    const byCase = new Map<string, string[]>();
    for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r._id]);
    for (const [caseId, ids] of byCase)
      await caseDeliveriesOf(this.deps.deliveries).updateOne(
        { _id: caseId },
        { $addToSet: { ids: { $each: ids } } },
        { upsert: true },
      );
    this.deps.queued?.();
  }

  private async noticeOf(event: CaseEvent, doc: CaseDoc): Promise<Notice | null> {
    const state = doc.state;
    const department =
      (await this.deps.units.get(doc.handlingDepartmentId))?.name ?? state.handlingUnit.name;
    const base = {
      caseNo: state.caseNo ?? state.applicationNo ?? '待受理，尚未编号',
      caseName: state.caseName,
      itemName: state.itemName,
      department,
      applicantName: state.applicant.name,
      queryUrl: `${this.deps.publicBaseUrl?.replace(/\/$/, '') ?? ''}/portal/query`,
    };
    switch (event.type) {
      case 'caseAccepted':
        return {
          key: 'caseAccepted',
          to: 'applicant',
          values: {
            ...base,
            caseNo: event.caseNo,
            promisedDueAt: formatAt(event.promisedDueAt ?? event.legalDueAt),
          },
        };
      case 'correctionRequested':
        return {
          key: 'correctionRequested',
          to: 'applicant',
          values: {
            ...base,
            materials: event.items.map((m, i) => `${i + 1}. ${m.name}（${m.reason}）`).join('；'),
          },
        };
      case 'caseRefused':
        return { key: 'caseRefused', to: 'applicant', values: { ...base, reason: event.reason } };
      case 'caseConcluded':
        return {
          key: event.result === 'granted' ? 'caseGranted' : 'caseDenied',
          to: 'applicant',
          values: base,
        };
      case 'workItemCreated': {
        const to = event.assigneeId
          ? [event.assigneeId]
          : await this.membersOf(event.candidatePostIds, doc.countyId);
        return { key: 'workItemAssigned', to, values: { ...base, stepName: event.stepName } };
      }
      case 'workItemUrged': {
        const item = state.workItems.find((w) => w.id === event.workItemId);
        const to = item ? await this.handlersOf([item], doc.countyId) : [];
        return {
          key: 'workItemUrged',
          to,
          values: {
            ...base,
            stepName: event.stepName,
            by: await this.nameOf(event.by),
            message: event.message ?? '请尽快办理',
          },
        };
      }
      case 'deadlineWarning':
      case 'deadlineOverdue': {
        const items =
          event.subject === 'workItem'
            ? state.workItems.filter((w) => w.id === event.workItemId)
            : liveItems(state);
        const unit = LIMIT_UNIT_LABELS[event.unit as LimitUnit] ?? '';
        return {
          key: event.type,
          to: await this.handlersOf(items, doc.countyId),
          values: {
            ...base,
            limit:
              event.subject === 'workItem'
                ? `「${event.stepName}」${LIMIT_NAMES.workItem}`
                : LIMIT_NAMES[event.subject],
            dueAt: formatAt(event.dueAt),
            remaining: `${Math.max(0, Math.round(event.remaining * 10) / 10)} ${unit}`.trim(),
          },
        };
      }
      case 'serviceTaskRequested': {
        // A flowchart's 通知 step (action notify): `staff` tells those handling the case now,
        // any other target (sms, email) the applicant.
        if (event.action !== 'notify') return null;
        const values = { ...base, stepName: event.stepName };
        return event.target === 'staff'
          ? {
              key: 'stepNoticeStaff',
              to: await this.handlersOf(liveItems(state), doc.countyId),
              values,
            }
          : { key: 'stepNoticeApplicant', to: 'applicant', values };
      }
      default:
        return null;
    }
  }

  private async deliveriesOf(event: StoredEvent, doc: CaseDoc, notice: Notice) {
    const template = await this.templateOf(doc.countyId, notice.key);
    const subject = render(template.subject, notice.values);
    const text = render(template.text, notice.values);
    const targets: { channel: ChannelName; recipient: Recipient; key: string }[] = [];
    if (notice.to === 'applicant') {
      // Which addresses exist is known without decrypting them; the sender decrypts.
      if (this.deps.enabled.has('email') && doc.applicantEmailEncrypted)
        targets.push({ channel: 'email', recipient: { kind: 'applicant' }, key: 'applicant' });
      if (this.deps.enabled.has('sms') && (doc.applicantPhoneEncrypted || doc.applicantAccountId))
        targets.push({ channel: 'sms', recipient: { kind: 'applicant' }, key: 'applicant' });
    } else {
      for (const userId of new Set(notice.to))
        targets.push({ channel: 'inApp', recipient: { kind: 'user', userId }, key: userId });
    }
    const now = this.deps.clock();
    return targets.map((t): Delivery => ({
      _id: `${event._id}:${t.channel}:${t.key}`,
      eventId: event._id,
      eventType: event.type,
      caseId: doc._id,
      countyId: doc.countyId,
      departmentIds: doc.departmentIds,
      channel: t.channel,
      recipient: t.recipient,
      template: notice.key,
      subject,
      text,
      ...(t.channel === 'inApp' ? { link: `/cases/${doc._id}` } : {}),
      status: 'pending',
      attempts: [],
      nextAttemptAt: now,
      createdAt: now,
    }));
  }

  private async templateOf(countyId: string, key: TemplateKey) {
    const stored = await this.deps.templates
      .findById(`${countyId}:${key}`)
      .lean<StoredTemplate>()
      .exec();
    return stored ?? DEFAULT_TEMPLATES[key];
  }

  /** Who should act on these work items: the assignee, or else every holder of their posts. */
  private async handlersOf(items: WorkItem[], countyId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const item of items) {
      if (item.assignee) ids.push(item.assignee.userId);
      else ids.push(...(await this.membersOf(item.candidatePostIds, countyId)));
    }
    return [...new Set(ids)];
  }

  private async membersOf(postIds: string[], countyId: string): Promise<string[]> {
    const valid = postIds.filter((p) => Types.ObjectId.isValid(p));
    if (!valid.length) return [];
    const users = await this.deps.users
      .find(
        {
          postIds: { $in: valid.map((p) => new Types.ObjectId(p)) },
          countyId: new Types.ObjectId(countyId),
          status: 'active',
        },
        { _id: 1 },
      )
      .lean<Pick<User, '_id'>[]>()
      .exec();
    return users.map((u) => String(u._id));
  }

  private async nameOf(userId: string): Promise<string> {
    if (!Types.ObjectId.isValid(userId)) return '';
    const user = await this.deps.users
      .findById(userId, { name: 1 })
      .lean<Pick<User, 'name'>>()
      .exec();
    return user?.name ?? '';
  }
}

const RELEVANT = new Set<string>([
  'serviceTaskRequested',
  'caseAccepted',
  'correctionRequested',
  'caseRefused',
  'caseConcluded',
  'workItemCreated',
  'workItemUrged',
  'deadlineWarning',
  'deadlineOverdue',
]);

const LIVE = new Set(['open', 'claimed', 'waiting']);
const liveItems = (state: CaseState) => state.workItems.filter((w) => LIVE.has(w.status));

/** insertMany reports every duplicate of an unordered insert; only those are expected here. */
function onlyDuplicates(err: unknown): void {
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  const dup = e?.writeErrors?.length
    ? e.writeErrors.every((w) => w.code === 11000)
    : e?.code === 11000;
  if (!dup) throw err;
}
