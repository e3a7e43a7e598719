import { z } from 'zod';
import { EXCLUDED_TIME_KINDS } from '../../runtime/process/vocabulary';
import { ID_TYPES } from '../../runtime/trail';
import { versionField } from '../http/schemas';

/**
 * Every command's body, checked before it reaches the engine (which checks again against the
 * case). Strict objects: an unknown field, or an operator object such as `{"$gt": ""}` where a
 * value belongs, is a 400 that names it.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().regex(/^[A-Za-z0-9_:.#-]{1,80}$/, '应为编号');
const data = z.record(z.string().max(100), z.unknown());
const attachment = z.strictObject({
  fileId: id,
  name: text(200),
  sm3: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  size: z.number().int().min(0).optional(),
});
const attachments = z.array(attachment).max(50);
export const materials = z
  .array(z.strictObject({ materialId: id, files: attachments.optional() }))
  .max(100);
const outcome = z.enum(['approve', 'reject']);
const decision = z.strictObject({
  result: z.enum(['granted', 'denied']),
  text: text(5000),
  attachments: attachments.optional(),
});
const person = z.strictObject({ userId: id, name: text(30) });
const signers = z
  .array(z.strictObject({ nodeId: id, people: z.array(person).min(1).max(50) }))
  .max(20);
const toWhom = z.union([
  z.strictObject({ postIds: z.array(id).min(1).max(20) }),
  z.strictObject({ user: person }),
]);
const procedure = z.enum(Object.keys(EXCLUDED_TIME_KINDS) as [keyof typeof EXCLUDED_TIME_KINDS]);

/** The version the caller saw: a command on another version answers 409 at once. */
const version = { version: versionField.optional() };

export const party = z.strictObject({
  name: text(100),
  idType: z.enum(Object.keys(ID_TYPES) as [keyof typeof ID_TYPES]),
  idNumber: text(40),
});

export const applicantInput = z.strictObject({
  type: z.enum(['person', 'organisation']),
  name: text(100),
  idType: z.enum(Object.keys(ID_TYPES) as [keyof typeof ID_TYPES]),
  idNumber: text(40),
  phone: z
    .string()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确')
    .optional(),
  // Where notices of the case go (RUN-15); kept encrypted, never in the case's state.
  email: z.email('电子邮箱格式不正确').max(100).optional(),
});

/** What every way of starting a case brings (RUN-1). */
export const applicationFields = {
  contact: party.optional(),
  caseName: text(200).optional(),
  summary: text(2000).optional(),
  data: data.optional(),
  materials: materials.optional(),
};

const supplyCorrection = z.strictObject({
  type: z.literal('supplyCorrection'),
  materials,
  data: data.optional(),
  note: text(2000).optional(),
  ...version,
});

const urge = z.strictObject({
  type: z.literal('urge'),
  workItemId: id.optional(),
  message: text(500).optional(),
  ...version,
});

/** Commands staff issue on a case (RUN-2 … RUN-4). */
export const staffCommand = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('preReview'),
    decision: z.enum(['pass', 'return']),
    reasons: z.array(text(500)).max(20).optional(),
    opinion: text(2000).optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('accept'),
    workItemId: id.optional(),
    materials: materials.optional(),
    data: data.optional(),
    opinion: text(2000).optional(),
    attachments: attachments.optional(),
    outcome: outcome.optional(),
    signers: signers.optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('refuse'),
    workItemId: id.optional(),
    reason: text(2000),
    attachments: attachments.optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('requestCorrection'),
    workItemId: id.optional(),
    items: z
      .array(
        z.strictObject({
          materialId: id.optional(),
          name: text(200).optional(),
          reason: text(500),
        }),
      )
      .min(1)
      .max(100),
    opinion: text(2000).optional(),
    ...version,
  }),
  supplyCorrection,
  z.strictObject({ type: z.literal('claim'), workItemId: id, ...version }),
  z.strictObject({
    type: z.literal('saveDraft'),
    workItemId: id,
    data: data.optional(),
    opinion: z.string().max(2000).optional(),
    attachments: attachments.optional(),
    outcome: outcome.optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('complete'),
    workItemId: id,
    data: data.optional(),
    opinion: text(2000).optional(),
    attachments: attachments.optional(),
    outcome: outcome.optional(),
    decision: decision.optional(),
    signers: signers.optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('suspend'),
    workItemId: id,
    procedure,
    reason: text(500),
    ...version,
  }),
  z.strictObject({ type: z.literal('resume'), opinion: text(2000).optional(), ...version }),
  z.strictObject({
    type: z.literal('returnTo'),
    workItemId: id,
    toNodeId: id,
    reason: text(2000),
    ...version,
  }),
  z.strictObject({
    type: z.literal('reassign'),
    workItemId: id,
    to: toWhom,
    reason: text(500),
    ...version,
  }),
  z.strictObject({
    type: z.literal('addSigner'),
    workItemId: id,
    signer: toWhom,
    position: z.enum(['before', 'after']),
    reason: text(500).optional(),
    ...version,
  }),
  z.strictObject({ type: z.literal('takeBack'), workItemId: id, ...version }),
  z.strictObject({
    type: z.literal('conclude'),
    workItemId: id,
    decision,
    data: data.optional(),
    opinion: text(2000).optional(),
    attachments: attachments.optional(),
    ...version,
  }),
  z.strictObject({ type: z.literal('terminate'), reason: text(2000), ...version }),
  // 撤回 recorded by the window at the applicant's request: how it was asked is required.
  z.strictObject({
    type: z.literal('withdraw'),
    request: text(200),
    reason: text(500).optional(),
    ...version,
  }),
  urge,
  // 登记收费 (RUN-16): in 分, so no float ever reaches a sum.
  z.strictObject({
    type: z.literal('recordFee'),
    amountFen: z.number().int().min(1).max(10_000_000_000),
    receipt: text(60).optional(),
    note: text(500).optional(),
    ...version,
  }),
  z.strictObject({
    type: z.literal('deliverMessage'),
    messageId: id.optional(),
    messageName: text(100).optional(),
    deliveryId: id,
    outcome: outcome.optional(),
    opinion: text(2000).optional(),
    ...version,
  }),
]);

/** Commands an applicant issues on their own case: resubmit, supply, withdraw, press. */
export const applicantCommand = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('submitApplication'),
    data: data.optional(),
    materials: materials.optional(),
    ...version,
  }),
  supplyCorrection,
  z.strictObject({ type: z.literal('withdraw'), reason: text(500).optional(), ...version }),
  urge,
]);

/** Steps a department system handled in its own system, in order (SUP-2). */
export const progressReport = z.strictObject({
  reportId: id,
  steps: z
    .array(
      z.strictObject({
        nodeId: id,
        at: z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString()),
        handler: text(60).optional(),
        opinion: text(2000).optional(),
      }),
    )
    .min(1)
    .max(200),
});

/** A department system's reply to a case waiting for it (上报件, RUN-12). */
export const systemMessage = z.strictObject({
  messageId: id.optional(),
  messageName: text(100).optional(),
  deliveryId: id,
  outcome: outcome.optional(),
  opinion: text(2000).optional(),
});

export type StaffCommand = z.output<typeof staffCommand>;
export type ApplicantCommand = z.output<typeof applicantCommand>;
