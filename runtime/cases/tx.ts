import type { NewTrailEntry, ProcessInfo, StepState, TrailActor, UnitRef } from '../trail/entry';
import type { Actor, EngineContext, EngineRules } from './context';
import { DEFAULT_ENGINE_RULES } from './context';
import type { PreparedDefinition } from './definition';
import type { CaseEvent, EventBody } from './events';
import type { CaseState, WorkItem } from './state';

/**
 * One command in progress: the working copy of the state, and the events and trail entries it
 * produces. Handlers change `state` freely; the executor hands back a copy, never the input.
 */
export class Tx {
  readonly events: CaseEvent[] = [];
  readonly entries: NewTrailEntry[] = [];
  readonly now: string;
  readonly rules: EngineRules;

  constructor(
    readonly def: PreparedDefinition,
    public state: CaseState,
    readonly ctx: EngineContext,
  ) {
    this.now = ctx.now.toISOString();
    this.rules = ctx.rules ? { ...DEFAULT_ENGINE_RULES, ...ctx.rules } : DEFAULT_ENGINE_RULES;
  }

  get actor(): Actor {
    return this.ctx.actor;
  }

  id(): string {
    return this.ctx.newId();
  }

  emit(body: EventBody): void {
    this.state.eventSeq += 1;
    const id = `${this.state.caseId}#${this.state.eventSeq}`;
    this.events.push({ id, caseId: this.state.caseId, at: this.now, ...body } as CaseEvent);
  }

  record(entry: Omit<NewTrailEntry, 'at' | 'actor'> & { actor?: TrailActor }): void {
    this.entries.push({ at: this.now, actor: entry.actor ?? this.trailActor(), ...entry });
  }

  /** The actor as the trail names them (RUN-7), with the post they act in at `item`. */
  trailActor(item?: WorkItem): TrailActor {
    const a = this.actor;
    if (a.kind !== 'staff') return { kind: a.kind, userId: a.userId, name: a.name };
    const postId = item ? item.candidatePostIds.find((p) => a.postIds.includes(p)) : undefined;
    const post = postId ? { id: postId, name: this.postName(postId, item) } : undefined;
    return {
      kind: 'staff',
      userId: a.userId,
      name: a.name,
      ...(a.staffNo ? { staffNo: a.staffNo } : {}),
      ...(post ? { post } : {}),
    };
  }

  private postName(postId: string, item?: WorkItem): string {
    const fromActor = this.actor.postNames?.[postId];
    if (fromActor) return fromActor;
    const node = item ? this.def.node(item.nodeId) : undefined;
    const named =
      node?.kind === 'userTask' ? node.step.posts.find((p) => p.postId === postId) : undefined;
    return named?.name ?? postId;
  }

  /** The step-level record of 办理过程信息项 (RUN-8) for an action at `item` or on the case. */
  processInfo(
    item: WorkItem | undefined,
    fields: {
      stepState?: StepState;
      opinion?: string;
      ended?: boolean;
    } & Partial<ProcessInfo> = {},
  ): ProcessInfo {
    const { ended, ...rest } = fields;
    const department: UnitRef = item?.unit ?? this.state.handlingUnit;
    const a = this.actor;
    const office =
      a.kind === 'staff' && a.unitId !== department.id
        ? { id: a.unitId, name: a.unitName ?? a.unitId }
        : undefined;
    const node = item ? this.def.node(item.nodeId) : undefined;
    const risk =
      node?.kind === 'userTask' && node.step.riskPoints.length
        ? riskOf(node.step.riskPoints)
        : undefined;
    return {
      department,
      ...(office ? { office } : {}),
      itemCode: this.state.itemCode,
      ...(item
        ? {
            step: { id: item.nodeId, name: item.name },
            stepStartedAt: item.createdAt,
            ...(ended ? { stepEndedAt: this.now } : {}),
          }
        : {}),
      ...(risk ? { risk } : {}),
      ...rest,
    };
  }
}

const LEVEL_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** The step's weightiest risk point, as 风险点类别, 描述, 内控手段 (RUN-8). */
function riskOf(
  points: {
    name: string;
    type?: string;
    level?: string;
    description?: string;
    measures?: string;
  }[],
) {
  const p = [...points].sort(
    (a, b) => (LEVEL_RANK[a.level ?? 'low'] ?? 3) - (LEVEL_RANK[b.level ?? 'low'] ?? 3),
  )[0]!;
  return {
    category: p.type ?? p.name,
    description: p.description ?? p.name,
    control: p.measures ?? '',
  };
}
