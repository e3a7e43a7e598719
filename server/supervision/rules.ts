import { randomUUID } from 'node:crypto';
import type { Collection, Connection } from 'mongoose';
import { z } from 'zod';
import { feelCostProblems, feelRegexUses, feelSyntaxError } from '../../runtime/process/feel';
import { RULE_KINDS, RULE_KIND_LABELS, type AlertLevel, type RuleKind } from './alerts';

/** The names a rule's FEEL condition may read (SUP-3); each kind fills the ones it knows. */
export const CONDITION_NAMES = [
  'itemCode',
  'itemName',
  'departmentName',
  'stepName',
  'channel',
  'caseName',
  'subject',
  'remaining',
  'unit',
  'limit',
  'amountFen',
  'standardFen',
  'pattern',
  'riskType',
  'riskLevel',
  'circumstance',
  'penalty',
  'problem',
] as const;

const SUSPICIOUS_PATTERNS = ['fastCompletion', 'repeatedReturns', 'nightWork'] as const;

/** Parameters of each kind of rule, checked when a supervisor saves one. */
export const PARAMS = {
  timeliness: z
    .object({
      subjects: z
        .array(z.enum(['legal', 'promised', 'step']))
        .min(1, '至少选择一种时限')
        .max(3),
      /** Yellow when at most this much is left, in the limit's own unit. */
      warnLeft: z.number().min(0).max(365).default(1),
      /** Yellow when this share of the limit is used. */
      warnShareUsed: z.number().min(0).max(1).default(0.8),
    })
    .strict(),
  content: z.object({ materials: z.boolean().default(true) }).strict(),
  process: z.object({}).strict(),
  fee: z.object({ toleranceFen: z.number().int().min(0).max(100_000_000).default(0) }).strict(),
  riskPoint: z
    .object({ riskTypes: z.array(z.string().trim().min(1).max(40)).max(20).default([]) })
    .strict(),
  suspicious: z
    .object({ patterns: z.array(z.enum(SUSPICIOUS_PATTERNS)).min(1, '至少选择一种异常').max(3) })
    .strict(),
  discretion: z.object({}).strict(),
} satisfies Record<RuleKind, z.ZodType>;

export type RuleParams = { [K in RuleKind]: z.output<(typeof PARAMS)[K]> };

export interface Rule {
  _id: string;
  countyId: string;
  name: string;
  kind: RuleKind;
  description: string;
  /** Items it watches; empty: every item of the county. */
  itemIds: string[];
  params: Record<string, unknown>;
  /** FEEL, over CONDITION_NAMES: the alert is raised only where it holds. */
  condition?: string;
  /** The level an event's alert gets; timeliness warns yellow and alarms red. */
  level: AlertLevel;
  /** Who is messaged when it fires (SUP-10). */
  notify: { staff: boolean; head: boolean };
  enabled: boolean;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

const name = z.string().trim().min(1, '规则名称必填').max(60);

/** The rule as a supervisor sends it; `params` are checked against the kind. */
export const ruleInput = z
  .object({
    name,
    kind: z.enum(RULE_KINDS, { error: `规则类型应为 ${RULE_KINDS.join('、')} 之一` }),
    description: z.string().trim().max(500).default(''),
    itemIds: z
      .array(z.string().regex(/^[0-9a-f]{24}$/, '应为事项编号'))
      .max(500)
      .default([]),
    params: z.record(z.string(), z.unknown()).default({}),
    condition: z.string().trim().max(1000).optional(),
    level: z.enum(['yellow', 'red']).default('yellow'),
    notify: z
      .object({ staff: z.boolean(), head: z.boolean() })
      .strict()
      .default({ staff: true, head: false }),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RuleInput = z.output<typeof ruleInput>;

/** What is wrong with a rule, in Chinese, field by field; empty when it may be saved. */
export function ruleProblems(input: RuleInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const parsed = PARAMS[input.kind].safeParse(input.params);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      problems.push({
        field: ['params', ...issue.path.map(String)].join('.'),
        message: issue.message,
      });
  if (input.condition) {
    const at = feelSyntaxError(input.condition, CONDITION_NAMES);
    if (at !== undefined)
      problems.push({ field: 'condition', message: `FEEL 条件第 ${at + 1} 个字符处有语法错误` });
    else {
      for (const message of feelCostProblems(input.condition, CONDITION_NAMES))
        problems.push({ field: 'condition', message });
      if (feelRegexUses(input.condition, CONDITION_NAMES).length)
        problems.push({ field: 'condition', message: '监察规则的条件中不能使用正则函数' });
    }
  }
  return problems;
}

/** The county's starting rules: every item is covered from the first day (SUP-9). */
export function defaultRules(countyId: string, at: string): Rule[] {
  const base = {
    countyId,
    itemIds: [],
    enabled: true,
    version: 1,
    updatedBy: '系统',
    updatedAt: at,
  };
  const rule = (
    kind: RuleKind,
    name: string,
    description: string,
    params: Record<string, unknown>,
    level: AlertLevel,
    notify = { staff: true, head: false },
  ): Rule => ({
    ...base,
    _id: `${countyId}:default:${kind}`,
    name,
    kind,
    description,
    params: PARAMS[kind].parse(params) as Record<string, unknown>,
    level,
    notify,
  });
  return [
    rule(
      'timeliness',
      '办理时效',
      '法定、承诺时限和环节时限：剩余 1 个单位或已用 80% 时黄牌预警，超期红牌报警',
      { subjects: ['legal', 'promised', 'step'], warnLeft: 1, warnShareUsed: 0.8 },
      'yellow',
      { staff: true, head: true },
    ),
    rule('content', '材料齐全', '环节办结时，事项材料清单中的必要材料仍未收取', {}, 'yellow'),
    rule(
      'process',
      '流程合规',
      '部门系统报送的办理环节有跳过、顺序颠倒或流程图中没有的环节',
      {},
      'red',
    ),
    rule('fee', '收费合规', '实收金额与事项收费标准不一致', { toleranceFen: 0 }, 'red'),
    rule('riskPoint', '风险点办理', '在设有风险点的环节办理', { riskTypes: [] }, 'yellow'),
    rule(
      'suspicious',
      '异常办理',
      '办理过快、夜间办理、反复退回',
      { patterns: [...SUSPICIOUS_PATTERNS] },
      'yellow',
    ),
    rule('discretion', '自由裁量', '处罚超出自由裁量基准（附书面理由）', {}, 'red', {
      staff: false,
      head: true,
    }),
  ];
}

interface RuleVersion {
  _id: string;
  ruleId: string;
  version: number;
  rule: Rule;
}

const RULES_REFRESH_MS = 30_000;

/** Rules stored and versioned: every change is a new version, the old ones stay readable (SUP-3). */
export class SupervisionRules {
  private readonly coll: Collection<Rule>;
  private readonly versions: Collection<RuleVersion>;
  /** Read again after RULES_REFRESH_MS: another node may have changed them (several nodes). */
  private readonly cache = new Map<string, { rules: Promise<Rule[]>; at: number }>();

  constructor(connection: Connection) {
    this.coll = connection.collection<Rule>('supervision_rules') as unknown as Collection<Rule>;
    this.versions = connection.collection<RuleVersion>(
      'supervision_rule_versions',
    ) as unknown as Collection<RuleVersion>;
  }

  /** Every rule of the county; the defaults are written the first time a county is asked for. */
  of(countyId: string): Promise<Rule[]> {
    const hit = this.cache.get(countyId);
    if (hit && Date.now() - hit.at < RULES_REFRESH_MS) return hit.rules;
    const rules = this.load(countyId).catch((err: unknown) => {
      this.cache.delete(countyId);
      throw err;
    });
    this.cache.set(countyId, { rules, at: Date.now() });
    return rules;
  }

  private async load(countyId: string): Promise<Rule[]> {
    const rules = await this.coll.find({ countyId }).toArray();
    if (rules.length) return rules;
    const defaults = defaultRules(countyId, new Date().toISOString());
    await this.coll.insertMany(defaults, { ordered: false }).catch(ignoreDuplicates);
    await this.versions
      .insertMany(
        defaults.map((r) => ({ _id: `${r._id}:1`, ruleId: r._id, version: 1, rule: r })),
        { ordered: false },
      )
      .catch(ignoreDuplicates);
    return this.coll.find({ countyId }).toArray();
  }

  async get(countyId: string, id: string): Promise<Rule | undefined> {
    return (await this.of(countyId)).find((r) => r._id === id);
  }

  async create(countyId: string, input: RuleInput, by: string, at: string): Promise<Rule> {
    const rule: Rule = {
      _id: randomUUID(),
      countyId,
      ...stored(input),
      version: 1,
      updatedBy: by,
      updatedAt: at,
    };
    await this.coll.insertOne(rule);
    await this.versions.insertOne({ _id: `${rule._id}:1`, ruleId: rule._id, version: 1, rule });
    this.cache.delete(countyId);
    return rule;
  }

  /** A new version, if `expectedVersion` is still the newest; otherwise null. */
  async update(
    old: Rule,
    input: RuleInput,
    expectedVersion: number,
    by: string,
    at: string,
  ): Promise<Rule | null> {
    if (old.version !== expectedVersion) return null;
    const next: Rule = {
      ...old,
      ...stored(input),
      version: old.version + 1,
      updatedBy: by,
      updatedAt: at,
    };
    if (!('condition' in stored(input))) delete next.condition;
    // The version id is unique: of two racing updates only one writes its version.
    try {
      await this.versions.insertOne({
        _id: `${old._id}:${next.version}`,
        ruleId: old._id,
        version: next.version,
        rule: next,
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return null;
      throw err;
    }
    await this.coll.replaceOne({ _id: old._id }, next);
    this.cache.delete(old.countyId);
    return next;
  }

  async history(ruleId: string): Promise<Rule[]> {
    const rows = await this.versions.find({ ruleId }).toArray();
    return rows.sort((a, b) => b.version - a.version).map((r) => r.rule);
  }
}

function stored(input: RuleInput) {
  return {
    name: input.name,
    kind: input.kind,
    description: input.description,
    itemIds: input.itemIds,
    params: PARAMS[input.kind].parse(input.params) as Record<string, unknown>,
    ...(input.condition ? { condition: input.condition } : {}),
    level: input.level,
    notify: input.notify,
    enabled: input.enabled,
  };
}

function ignoreDuplicates(err: unknown): void {
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  if (e.code === 11000 || e.writeErrors?.every((w) => w.code === 11000)) return;
  throw err;
}

export const ruleLabel = (kind: RuleKind) => RULE_KIND_LABELS[kind];
