import { z } from 'zod';
import {
  DEFAULT_FAULT_TARGETS,
  parseFaultTargets,
  type FaultTargets,
} from '../../runtime/operations/faults';

/**
 * FAULT_TARGETS, e.g. `A=15m/4h,B=30m/24h,C=4h/5wd` (respond/resolve; m minutes, h hours, wd
 * working days). Classes left out keep their default; unset, all do.
 */
export const faultTargetsSetting = z
  .string()
  .optional()
  .transform((text, ctx): FaultTargets => {
    if (text === undefined) return DEFAULT_FAULT_TARGETS;
    const parsed = parseFaultTargets(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });
