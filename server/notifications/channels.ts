import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';
import type { ChannelName, MessageModel } from './models';
import { createHash } from 'node:crypto';

/** One notice ready to go: the address is already resolved (and decrypted) by the sender. */
export interface OutgoingNotice {
  /** The delivery's id: the idempotency key every channel passes on. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** For in-app messages. */
  countyId?: string;
  caseId?: string;
  link?: string;
}

/** A way of telling someone (RUN-15). `send` resolves when the channel took the notice. */
export interface Channel {
  readonly name: ChannelName;
  send(notice: OutgoingNotice): Promise<void>;
}

const SEND_TIMEOUT_MS = 15_000;

/** E-mail over SMTP (nodemailer). The Message-ID is derived from the delivery id. */
export class EmailChannel implements Channel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    options: string | nodemailer.TransportOptions | Record<string, unknown>,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(
      typeof options === 'string'
        ? options
        : ({
            connectionTimeout: SEND_TIMEOUT_MS,
            greetingTimeout: SEND_TIMEOUT_MS,
            socketTimeout: SEND_TIMEOUT_MS,
            ...options,
          } as unknown as nodemailer.TransportOptions),
    );
  }

  async send(notice: OutgoingNotice): Promise<void> {
    const hash = createHash('sha256').update(notice.id).digest('hex').slice(0, 32);
    await this.transport.sendMail({
      from: this.from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      messageId: `<${hash}@notifications.county-platform>`,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * SMS through the county's HTTP gateway (docs/notifications.md): POST JSON {to, text, id} with the
 * delivery id also as the Idempotency-Key header, so a retry after a lost answer sends once.
 * Any 2xx is taken; anything else, or no answer in time, is a failed attempt.
 */
export class SmsChannel implements Channel {
  readonly name = 'sms' as const;

  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async send(notice: OutgoingNotice): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': notice.id,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: notice.to, text: notice.text, id: notice.id }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(0, 200);
      throw new Error(`短信网关答复 ${res.status}${body ? `：${body}` : ''}`);
    }
  }
}

/** The in-app message's id: 24 hex digits derived from the delivery id (fit for a URL). */
export const messageIdOf = (deliveryId: string) =>
  createHash('sha256').update(deliveryId).digest('hex').slice(0, 24);

/** Messages to staff, shown under the studio's bell; inserting twice keeps one. */
export class InAppChannel implements Channel {
  readonly name = 'inApp' as const;

  constructor(
    private readonly messages: MessageModel,
    private readonly clock: () => Date,
  ) {}

  async send(notice: OutgoingNotice): Promise<void> {
    await this.messages.collection.updateOne(
      { _id: messageIdOf(notice.id) as never },
      {
        $setOnInsert: {
          userId: notice.to,
          countyId: notice.countyId ?? '',
          ...(notice.caseId ? { caseId: notice.caseId } : {}),
          title: notice.subject,
          body: notice.text,
          ...(notice.link ? { link: notice.link } : {}),
          createdAt: this.clock(),
          readAt: null,
        },
      },
      { upsert: true },
    );
  }
}

/** The channels the configuration turns on; in-app messages are always on. */
export function channelsFrom(
  config: Pick<
    Config,
    | 'SMTP_URL'
    | 'SMTP_HOST'
    | 'SMTP_PORT'
    | 'SMTP_USER'
    | 'SMTP_PASS'
    | 'SMTP_FROM'
    | 'SMS_GATEWAY_URL'
    | 'SMS_GATEWAY_TOKEN'
  >,
  messages: MessageModel,
  clock: () => Date,
): Partial<Record<ChannelName, Channel>> {
  const channels: Partial<Record<ChannelName, Channel>> = {
    inApp: new InAppChannel(messages, clock),
  };
  if (config.SMTP_URL || config.SMTP_HOST) {
    const options = config.SMTP_URL ?? {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_PORT === 465,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS } } : {}),
    };
    channels.email = new EmailChannel(options, config.SMTP_FROM);
  }
  if (config.SMS_GATEWAY_URL) {
    channels.sms = new SmsChannel(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN);
  }
  return channels;
}
