import { z } from 'zod';
import {
  DISCRETION_LEVELS,
  EX_OFFICIO_PROCEDURES,
  INITIATIONS,
  type DiscretionLevel,
  type ExOfficioProcedure,
  type Initiation,
  HANDLING_KINDS,
  INTERNAL_PROCESSES,
  LIMIT_UNIT_LABELS,
  SUBJECT_NATURES,
  type HandlingKind,
  type InternalProcess,
  type LimitUnit,
  type SubjectNature,
} from '../../runtime/catalog/item';
import { ITEM_TYPE_CODES } from '../../runtime/catalog/item-types';
import { objectId } from '../http/schemas';

// Drafts may be incomplete (completeness is checked at submit, CAT-7); here only shape and size.
const text = (max: number) => z.string().trim().max(max);
const keys = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as [K, ...K[]];

/** Entry ids name list entries in diffs and comments, so they are plain and unique per list. */
const entryId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '条目编号应为 1–40 位字母、数字或 _-');

function identifiedList<T extends z.ZodType<{ id: string }>>(entry: T, max: number) {
  return z
    .array(entry)
    .max(max)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const e of list) {
        if (seen.has(e.id)) ctx.addIssue({ code: 'custom', message: `条目编号「${e.id}」重复` });
        seen.add(e.id);
      }
    });
}

const timeLimit = z.strictObject({
  value: z.number().int().min(1).max(3650),
  unit: z.enum(keys<LimitUnit>(LIMIT_UNIT_LABELS)),
});

const legalBasis = z.strictObject({
  id: entryId,
  title: text(200).min(1, '请填写法律法规名称'),
  article: text(200),
  text: text(5000),
});

const material = z.strictObject({
  id: entryId,
  name: text(200),
  format: text(100),
  originalOrCopy: z.enum(['original', 'copy', 'both']),
  count: z.number().int().min(1).max(99),
  medium: z.enum(['paper', 'electronic', 'both']),
  submission: text(200),
  storage: text(200).optional(),
  required: z.boolean(),
});

const discretion = z.strictObject({
  id: entryId,
  circumstance: text(500),
  penalty: text(500),
  violation: text(300).optional(),
  level: z.enum(keys<DiscretionLevel>(DISCRETION_LEVELS)).optional(),
  fineRange: z
    .strictObject({ min: z.number().min(0).max(1e9), max: z.number().min(0).max(1e9) })
    .optional(),
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

/** The whole content of an item (CAT-1, CAT-2, CAT-10); unknown keys are refused everywhere. */
export const itemContentSchema = z.strictObject({
  type: z.enum(ITEM_TYPE_CODES),
  name: text(200),
  legalBasis: identifiedList(legalBasis, 50),
  subject: z.strictObject({
    unitId: objectId,
    // Filled in from the unit by the server.
    name: text(60).optional(),
    nature: z.enum(keys<SubjectNature>(SUBJECT_NATURES)),
    entrustingUnit: text(60).optional(),
  }),
  acceptanceConditions: text(5000).optional(),
  materials: identifiedList(material, 100),
  fee: z.strictObject({
    charged: z.boolean(),
    basis: text(1000).optional(),
    standard: text(1000).optional(),
    amountFen: z.number().int().min(0).max(10_000_000_000).optional(),
  }),
  legalLimit: timeLimit.optional(),
  promisedLimit: timeLimit.optional(),
  office: z.strictObject({ unitId: objectId, name: text(60).optional() }).optional(),
  address: text(200).optional(),
  phone: text(30).optional(),
  supervisionPhone: text(30).optional(),
  handlingKind: z.enum(keys<HandlingKind>(HANDLING_KINDS)),
  internal: z.enum(keys<InternalProcess>(INTERNAL_PROCESSES)).optional(),
  initiation: z.enum(keys<Initiation>(INITIATIONS)).optional(),
  procedure: z.enum(keys<ExOfficioProcedure>(EX_OFFICIO_PROCEDURES)).optional(),
  serviceForms: identifiedList(
    z.strictObject({
      id: entryId,
      /** 表格编号 shown on the portal's 表格下载 (POR-4). */
      number: text(30).optional(),
      name: text(200),
      description: text(1000).optional(),
      /** 填写说明. */
      instructions: text(2000).optional(),
      fileId: objectId.optional(),
      /** A filled-in example (样表), when the department gives one. */
      exampleFileId: objectId.optional(),
    }),
    50,
  ),
  faq: identifiedList(
    z.strictObject({ id: entryId, question: text(500), answer: text(5000) }),
    100,
  ),
  onlineUrl: z
    .string()
    .max(500)
    // '' clears the link (a PATCH keeps what it does not name).
    .regex(/^(https?:\/\/\S+)?$/, '网上办理链接应以 http:// 或 https:// 开头')
    .optional(),
  /** Publish concluded cases on the portal even when the type does not require it (POR-8). */
  publishResults: z.boolean().optional(),
  penalty: z
    .strictObject({
      kinds: z.array(text(50)).max(20),
      discretion: identifiedList(discretion, 100),
      publishResults: z.boolean(),
    })
    .optional(),
  coercion: z.strictObject({ procedure: text(5000) }).optional(),
  reward: z
    .strictObject({
      effectiveDate: date,
      expiryDate: date.optional(),
      publishResults: z.boolean(),
    })
    .optional(),
});

export type ItemContentInput = z.output<typeof itemContentSchema>;

/** The fields a PATCH may replace: any top-level field of the content. */
export const itemContentPatch = itemContentSchema.partial();

/**
 * A copy without keys whose value is undefined or null. No content field is nullable, and the
 * MongoDB driver writes a key present as `undefined` (zod keeps `{address: undefined}` as given) as
 * null, which the schema then refused on the next save. Bounded by the content's own limits.
 */
export function withoutAbsent<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutAbsent(v)) as T;
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, withoutAbsent(v)]),
  ) as T;
}

/**
 * Content put together on the server (a draft merged with a change, an imported row, a successor)
 * or read back from the database: optional fields absent or null there are left out, so the result
 * can be stored and saved again.
 */
export const assembledItemContent = z.preprocess(withoutAbsent, itemContentSchema);
