import type { Collection } from 'mongodb';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { StoredCase } from '../cases/case-model';
import type { Applicant, ApplicantModel } from '../identity/applicant-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { Channel } from './channels';
import { maskedAddress } from './contact';
import type { ChannelName, Delivery, DeliveryModel, DeliveryQueueModel } from './models';

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
/** Deliveries sent per tick at most, so one tick never runs for long. */
const BATCH = 50;

export interface SenderDeps {
  deliveries: DeliveryModel;
  queue: DeliveryQueueModel;
  cases: Collection<StoredCase>;
  applicants: ApplicantModel;
  cipher: PersonalDataCipher;
  channels: Partial<Record<ChannelName, Channel>>;
  logger: Logger;
}

/** A delivery that cannot succeed by trying again (no address, channel off). */
class Permanent extends Error {}

/**
 * Sends queued deliveries (RUN-15): each due one once per tick, every attempt recorded on the
 * delivery; a failure waits by BACKOFF_MS and is tried again, the fifth counts as failed. Runs
 * apart from commands (jobs.ts), so a slow or broken channel never holds a case up. One process.
 */
export class NotificationSender {
  /** Injectable, like the executor's: tests move time instead of waiting. */
  clock: () => Date = () => new Date();
  private running: Promise<SendCounts> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  /** Whether this node sends now (the background lease, several nodes). */
  private when: () => boolean = () => true;

  constructor(private readonly deps: SenderDeps) {}

  /** Sends what is due now; a tick asked for while one runs joins it. */
  tick(): Promise<SendCounts> {
    this.running ??= this.sendDue().finally(() => (this.running = null));
    return this.running;
  }

  /** Starts the loop: every `everyMs`, and soon after new deliveries are queued. */
  start(everyMs: number, when: () => boolean = () => true): () => void {
    this.when = when;
    this.timer = setInterval(() => this.run(), everyMs);
    this.timer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = this.soonTimer = null;
  }

  /** New deliveries are queued: send them without waiting for the next tick (when started). */
  nudge(): void {
    if (!this.timer || this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      this.run();
    }, 200);
    this.soonTimer.unref();
  }

  private run(): void {
    if (!this.when()) return;
    this.tick()
      .then((n) => {
        if (n.sent || n.failed || n.retrying)
          this.deps.logger.info(
            n,
            '通知发送：已发送 %d，待重试 %d，失败 %d',
            n.sent,
            n.retrying,
            n.failed,
          );
      })
      .catch((err: unknown) => this.deps.logger.error({ err }, '通知发送任务失败'));
  }

  private async sendDue(): Promise<SendCounts> {
    const now = this.clock();
    const counts = { sent: 0, retrying: 0, failed: 0 };
    const due = await this.deps.queue
      .find({ nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(BATCH)
      .lean()
      .exec();
    for (const { _id } of due) {
      const delivery = await this.deps.deliveries.findById(_id).lean<Delivery>().exec();
      if (!delivery || delivery.status !== 'pending') {
        // Sent or given up on before a crash removed it from the queue.
        await this.deps.queue.deleteOne({ _id }).exec();
        continue;
      }
      const outcome = await this.attempt(delivery, now);
      counts[outcome] += 1;
    }
    return counts;
  }

  private async attempt(delivery: Delivery, now: Date): Promise<keyof SendCounts> {
    let address: string | undefined;
    let error: string | undefined;
    let permanent = false;
    try {
      const channel = this.deps.channels[delivery.channel];
      if (!channel) throw new Permanent(`未配置${CHANNEL_LABELS[delivery.channel]}通道`);
      address = await this.addressOf(delivery);
      await channel.send({
        id: delivery._id,
        to: address,
        subject: delivery.subject,
        text: delivery.text,
        countyId: delivery.countyId,
        caseId: delivery.caseId,
        ...(delivery.link ? { link: delivery.link } : {}),
      });
    } catch (err) {
      permanent = err instanceof Permanent;
      error = (err as Error).message?.slice(0, 500) || String(err);
    }
    const tries = delivery.attempts.length + 1;
    const outcome: keyof SendCounts = !error
      ? 'sent'
      : permanent || tries > BACKOFF_MS.length
        ? 'failed'
        : 'retrying';
    const next = outcome === 'retrying' ? new Date(now.getTime() + BACKOFF_MS[tries - 1]!) : null;
    await this.deps.deliveries
      .updateOne(
        { _id: delivery._id, status: 'pending' },
        {
          $push: {
            attempts: { at: now, outcome: error ? 'failed' : 'sent', ...(error ? { error } : {}) },
          },
          $set: {
            status: outcome === 'retrying' ? 'pending' : outcome,
            nextAttemptAt: next,
            ...(outcome === 'sent' ? { sentAt: now } : {}),
            // Lists show e-mail and phone masked; in-app recipients by name (routes.ts).
            ...(address && delivery.channel !== 'inApp'
              ? { address: maskedAddress(delivery.channel, address) }
              : {}),
          },
        },
      )
      .exec();
    if (next)
      await this.deps.queue.updateOne({ _id: delivery._id }, { nextAttemptAt: next }).exec();
    else await this.deps.queue.deleteOne({ _id: delivery._id }).exec();
    if (error)
      this.deps.logger.warn(
        { deliveryId: delivery._id, channel: delivery.channel, tries, error },
        outcome === 'failed' ? '通知发送失败，不再重试' : '通知发送失败，稍后重试',
      );
    return outcome;
  }

  /** The address, decrypted here and only here (docs/access.md: personal data at rest). */
  private async addressOf(delivery: Delivery): Promise<string> {
    if (delivery.recipient.kind === 'user') return delivery.recipient.userId;
    const doc = await this.deps.cases.findOne(
      { _id: delivery.caseId },
      {
        projection: {
          applicantEmailEncrypted: 1,
          applicantPhoneEncrypted: 1,
          applicantAccountId: 1,
        },
      },
    );
    if (!doc) throw new Permanent('办件不存在');
    const cipher = this.deps.cipher;
    if (delivery.channel === 'email') {
      if (!doc.applicantEmailEncrypted) throw new Permanent('申请人没有留电子邮箱');
      return cipher.decrypt(doc.applicantEmailEncrypted);
    }
    if (doc.applicantPhoneEncrypted) return cipher.decrypt(doc.applicantPhoneEncrypted);
    // An online application: the phone of the applicant's portal account.
    if (doc.applicantAccountId && Types.ObjectId.isValid(doc.applicantAccountId)) {
      const account = await this.deps.applicants
        .findById(doc.applicantAccountId, { phoneEncrypted: 1 })
        .lean<Pick<Applicant, 'phoneEncrypted'>>()
        .exec();
      if (account?.phoneEncrypted) return cipher.decrypt(account.phoneEncrypted);
    }
    throw new Permanent('申请人没有留手机号码');
  }
}

export interface SendCounts {
  sent: number;
  retrying: number;
  failed: number;
}

export const CHANNEL_LABELS: Record<ChannelName, string> = {
  email: '电子邮件',
  sms: '短信',
  inApp: '站内消息',
};
