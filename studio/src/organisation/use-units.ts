import { useMemo } from 'react';
import { useRemote } from '../api/use-remote';
import type { Unit } from './types';

/** The organisation tree as the caller may see it, with a lookup by id. */
export function useUnits() {
  const remote = useRemote<{ items: Unit[] }>('/api/units');
  const units = remote.data?.items;
  const byId = useMemo(() => new Map((units ?? []).map((u) => [u.id, u])), [units]);
  return { ...remote, units, byId };
}
