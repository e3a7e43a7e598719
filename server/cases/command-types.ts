import type { z } from 'zod';
import type { CaseCommand } from '../../runtime/cases';
import type { applicantCommand, staffCommand, systemMessage } from './command-schemas';

/*
 * The zod schemas of command bodies (command-schemas.ts) and the runtime's command types
 * (runtime/cases/commands) are written twice; tsc fails here the day they drift apart. A body
 * may leave out only what the server fills in itself (the case number of 受理, the case id …).
 */

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Fields of a runtime command the server adds, never the caller. */
type ServerFilled = 'caseNo' | 'caseId';

/** A body as the engine gets it: without `version`, which the version guard takes off. */
type Body<S, K> = Omit<Extract<S, { type: K }>, 'version'>;
type Runtime<K> = Omit<Extract<CaseCommand, { type: K }>, ServerFilled>;

/**
 * The command types whose schema and runtime type differ (`never` when all agree): the same
 * fields of the same types, and what the schema lets through the runtime type accepts (a schema
 * may require what the runtime leaves optional, e.g. how a withdrawal was asked for).
 */
type Drift<S extends { type: string }> = {
  [K in S['type']]: Equal<Required<Body<S, K>>, Required<Runtime<K>>> extends true
    ? Body<S, K> extends Runtime<K>
      ? never
      : K
    : K;
}[S['type']];

/** Staff bodies match the runtime's commands of the same type. */
export type StaffCommandsMatch = Assert<Equal<Drift<z.output<typeof staffCommand>>, never>>;

/**
 * An applicant's bodies are a subset of the fields (submitApplication resubmits data and
 * materials only; the rest of its runtime type is set at intake): each must be accepted by the
 * runtime type, field by field.
 */
type Narrower<S extends { type: string }> = {
  [K in S['type']]: Body<S, K> extends Partial<Runtime<K>> ? never : K;
}[S['type']];
export type ApplicantCommandsFit = Assert<
  Equal<Narrower<z.output<typeof applicantCommand>>, never>
>;

/** A department system's reply is a deliverMessage without its type. */
export type SystemMessageMatches = Assert<
  Equal<z.output<typeof systemMessage>, Omit<Runtime<'deliverMessage'>, 'type'>>
>;
