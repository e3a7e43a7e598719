import type { CountingRules } from '../calendar/counting-rules';
import type { WarningThreshold } from '../calendar/remaining';
import type { WorkCalendar } from '../calendar/work-calendar';

/** Who issues a command, as the server's session knows them. */
export interface Actor {
  userId: string;
  name: string;
  /** The unit the user sits in (an office, a township's service centre …). */
  unitId: string;
  /** The department or township whose branch that unit is in. */
  departmentId: string;
  postIds: string[];
  roles: string[];
  /** `system`: the platform's scheduler, or a department system through the interface. */
  kind: 'staff' | 'applicant' | 'system';
  /** 办理人员工号 (RUN-7). */
  staffNo?: string;
  departmentName?: string;
  unitName?: string;
  /** Names of the actor's posts, for the trail. */
  postNames?: Record<string, string>;
}

/**
 * Everything from outside a command needs: the engine reads no clock and makes no ids of its
 * own, so a result is determined by its inputs.
 */
export interface EngineContext {
  now: Date;
  calendar: WorkCalendar;
  actor: Actor;
  newId(): string;
  rules?: Partial<EngineRules>;
}

/** Parameters of automatic control (RUN-5) and of counting (RUN-6); a county may set its own. */
export interface EngineRules {
  /** A step completed within this many ms of being claimed (or created) is flagged. */
  fastCompletionMs: number;
  /** Night work is flagged: from … to …, Asia/Shanghai, `HH:MM`. */
  nightFrom: string;
  nightTo: string;
  /** From this many 退回 on one case on, each further one is flagged. */
  repeatedReturns: number;
  /** When a case or step limit turns yellow. */
  warning: WarningThreshold;
  counting?: Partial<CountingRules>;
}

export const DEFAULT_ENGINE_RULES: Readonly<EngineRules> = Object.freeze({
  fastCompletionMs: 60_000,
  nightFrom: '22:00',
  nightTo: '06:00',
  repeatedReturns: 2,
  warning: Object.freeze({ atMost: 1, fraction: 0.2 }),
});
