import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, getAll } from './client';

export interface Remote<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e));

/** Loads `key` with `load` (a module-level function) and again whenever the key changes. */
function useLoaded<T>(key: string | undefined, load: (key: string) => Promise<T>): Remote<T> {
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ at?: string; data?: T; error?: ApiError }>({});
  const wanted = key === undefined ? undefined : `${round}:${key}`;

  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    const at = `${round}:${key}`;
    load(key).then(
      (data) => live && setState({ at, data }),
      (e: unknown) => live && setState((s) => ({ at, data: s.data, error: asApiError(e) })),
    );
    return () => {
      live = false;
    };
  }, [key, round, load]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  // Stale data stays on screen while a reload is under way, so trees and lists do not flicker.
  return {
    data: state.data,
    error: state.at === wanted ? state.error : undefined,
    loading: wanted !== undefined && state.at !== wanted,
    reload,
  };
}

const getOne = <T>(path: string) => api.get<T>(path);
const getEvery = <T>(path: string) => getAll<T>(path);

/** GET `path` (query string included); nothing while `path` is undefined. */
export function useRemote<T>(path: string | undefined): Remote<T> {
  return useLoaded<T>(path, getOne);
}

/** Every page of a list route, for lists a screen needs whole. */
export function useAllPages<T>(path: string | undefined): Remote<T[]> {
  return useLoaded<T[]>(path, getEvery);
}
