import type { CaseState } from './state';

/**
 * The working copy a command changes, so the caller's state is never touched. Only what some
 * handler changes in place is copied; what handlers only ever replace (form values, files,
 * units, scopes, signer lists' entries …) is shared. A full deep copy cost a third of a
 * command's time. The unit tests run every command on a deep-frozen state, so a handler that
 * changes a shared part in place fails there at once.
 */
export function copyState(s: CaseState): CaseState {
  return {
    ...s,
    tokens: s.tokens.map((t) => ({
      ...t,
      ...(t.multi ? { multi: { ...t.multi, signers: [...t.multi.signers] } } : {}),
      ...(t.after ? { after: [...t.after] } : {}),
    })),
    splits: s.splits.map((x) => ({ ...x, branchIds: [...x.branchIds], arrived: [...x.arrived] })),
    workItems: s.workItems.map((w) => ({ ...w })),
    timers: s.timers.map((t) => ({ ...t })),
    forms: s.forms.map((f) => ({ ...f })),
    materials: s.materials.map((m) => ({ ...m })),
    ...(s.correction ? { correction: { ...s.correction } } : {}),
    correctionPhases: [...s.correctionPhases],
    pauses: s.pauses.map((p) => ({ ...p })),
    deadlines: {
      ...(s.deadlines.legal ? { legal: { ...s.deadlines.legal } } : {}),
      ...(s.deadlines.promised ? { promised: { ...s.deadlines.promised } } : {}),
    },
    messages: [...s.messages],
    alerts: s.alerts.map((a) => ({ ...a })),
  };
}
