import type { Types } from 'mongoose';
import { civilDateOf, type WorkCalendar } from '../../runtime/calendar';
import {
  FAULT_CLASS_LABELS,
  FAULT_STATE_LABELS,
  faultTiming,
  spanText,
  type FaultTiming,
} from '../../runtime/operations/faults';
import type { Fault, FaultModel } from './fault-model';

const iso = (d?: Date) => (d ? d.toISOString() : undefined);

/** A fault as the API answers it: times as ISO text, labels in Chinese, and whether it met its targets. */
export function faultView(f: Fault, calendar: WorkCalendar, now: Date) {
  const timing: FaultTiming = faultTiming(
    {
      faultClass: f.faultClass,
      occurredAt: f.occurredAt.toISOString(),
      reportedAt: f.reportedAt.toISOString(),
      ...(f.respondedAt ? { respondedAt: f.respondedAt.toISOString() } : {}),
      ...(f.resolvedAt ? { resolvedAt: f.resolvedAt.toISOString() } : {}),
      targets: f.targets,
    },
    calendar,
    now.toISOString(),
  );
  return {
    id: String(f._id),
    number: f.number,
    faultClass: f.faultClass,
    classLabel: FAULT_CLASS_LABELS[f.faultClass],
    title: f.title,
    description: f.description,
    affected: f.affected,
    occurredAt: iso(f.occurredAt)!,
    reportedAt: iso(f.reportedAt)!,
    reportedBy: f.reportedBy,
    recordedBy: f.recordedBy,
    state: f.state,
    stateLabel: FAULT_STATE_LABELS[f.state],
    respondedAt: iso(f.respondedAt),
    respondedBy: f.respondedBy,
    notes: (f.notes ?? []).map((n) => ({ at: n.at.toISOString(), by: n.by, text: n.text })),
    resolvedAt: iso(f.resolvedAt),
    resolvedBy: f.resolvedBy,
    resolution: f.resolution,
    cause: f.cause,
    targets: {
      respond: { ...f.targets.respond, text: spanText(f.targets.respond) },
      resolve: { ...f.targets.resolve, text: spanText(f.targets.resolve) },
    },
    ...timing,
    version: f.version,
  };
}

export type FaultView = ReturnType<typeof faultView>;

/** The instants a month (YYYY-MM) of Shanghai's civil time runs between: [from, to). */
export function monthBounds(month: string): { from: Date; to: Date; days: string[] } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 86_400_000)
    days.push(civilDateOf(new Date(t)));
  return { from, to, days };
}

/** The next free number of the month a fault was reported in: GZ-202611-001. */
export async function nextFaultNumber(
  faults: FaultModel,
  countyId: Types.ObjectId,
  reportedAt: Date,
): Promise<string> {
  const prefix = `GZ-${civilDateOf(reportedAt).slice(0, 7).replace('-', '')}-`;
  const last = await faults
    .find({ countyId, number: { $regex: `^${prefix}` } })
    .sort({ number: -1 })
    .limit(1)
    .lean<Fault[]>()
    .exec();
  const n = last[0] ? Number(last[0].number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(3, '0')}`;
}
