import { Schema, type Connection, type Model } from 'mongoose';

export type ChannelName = 'email' | 'sms' | 'inApp';

/** Who a delivery goes to: the case's applicant (address read from the case) or a staff member. */
export type Recipient = { kind: 'applicant' } | { kind: 'user'; userId: string; name?: string };

export interface DeliveryAttempt {
  at: Date;
  outcome: 'sent' | 'failed';
  error?: string;
}

/**
 * One notice on one channel to one recipient, made from one case event (RUN-15). `_id` is
 * `${eventId}:${channel}:${recipient}`, so handling an event twice makes one delivery. The text is
 * rendered when the delivery is made; the address is not stored here: the sender reads it from
 * the case (encrypted) or the user at the moment it sends.
 */
export interface Delivery {
  _id: string;
  eventId: string;
  eventType: string;
  caseId: string;
  countyId: string;
  departmentIds: string[];
  channel: ChannelName;
  recipient: Recipient;
  template: string;
  subject: string;
  text: string;
  /** A link for in-app messages (the studio's case page). */
  link?: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: DeliveryAttempt[];
  nextAttemptAt: Date | null;
  /** The address as lists may show it, masked; set at the first attempt. */
  address?: string;
  createdAt: Date;
  sentAt?: Date;
}

const deliverySchema = new Schema<Delivery>(
  { _id: { type: String, required: true } },
  { collection: 'deliveries', strict: false, versionKey: false, minimize: false },
);
deliverySchema.index({ caseId: 1 });

/**
 * Deliveries still to send: a small collection the sender scans each tick, so the scan does not
 * grow with every delivery ever made (the embedded database answers only `_id` from an index).
 */
export interface QueuedDelivery {
  _id: string;
  nextAttemptAt: Date;
}
const queueSchema = new Schema<QueuedDelivery>(
  { _id: { type: String, required: true }, nextAttemptAt: { type: Date, required: true } },
  { collection: 'delivery_queue', versionKey: false },
);

/** An in-app message for a staff member (the studio's bell). */
export interface Message {
  _id: string;
  userId: string;
  countyId: string;
  caseId?: string;
  title: string;
  body: string;
  link?: string;
  createdAt: Date;
  readAt: Date | null;
}
const messageSchema = new Schema<Message>(
  { _id: { type: String, required: true } },
  { collection: 'messages', strict: false, versionKey: false, minimize: false },
);
messageSchema.index({ userId: 1, createdAt: -1 });

/** A county's own wording of a notice, replacing the default of templates.ts. */
export interface StoredTemplate {
  _id: string;
  countyId: string;
  key: string;
  subject: string;
  text: string;
  updatedAt: Date;
  updatedBy: string;
}
const templateSchema = new Schema<StoredTemplate>(
  { _id: { type: String, required: true } },
  { collection: 'notification_templates', strict: false, versionKey: false },
);

export type DeliveryModel = Model<Delivery>;
export type DeliveryQueueModel = Model<QueuedDelivery>;
export type MessageModel = Model<Message>;
export type NotificationTemplateModel = Model<StoredTemplate>;

export const deliveryModel = (c: Connection): DeliveryModel =>
  (c.models.Delivery as DeliveryModel | undefined) ?? c.model<Delivery>('Delivery', deliverySchema);
export const deliveryQueueModel = (c: Connection): DeliveryQueueModel =>
  (c.models.DeliveryQueue as DeliveryQueueModel | undefined) ??
  c.model<QueuedDelivery>('DeliveryQueue', queueSchema);
export const messageModel = (c: Connection): MessageModel =>
  (c.models.Message as MessageModel | undefined) ?? c.model<Message>('Message', messageSchema);
export const notificationTemplateModel = (c: Connection): NotificationTemplateModel =>
  (c.models.NotificationTemplate as NotificationTemplateModel | undefined) ??
  c.model<StoredTemplate>('NotificationTemplate', templateSchema);

/**
 * Each case's delivery ids, so that a case's 通知记录 is read by `_id`: the embedded database
 * would read every delivery of the county for a `caseId` filter on each case page.
 */
export interface CaseDeliveries {
  _id: string;
  ids: string[];
}
export const caseDeliveriesOf = (deliveries: DeliveryModel) =>
  deliveries.db.collection<CaseDeliveries>('case_deliveries');
