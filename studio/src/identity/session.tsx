import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, setCsrfToken, whenUnauthenticated } from '../api/client';
import { buildAbility, type AppAbility } from './ability';
import type { Me } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'failed'; error: ApiError }
  | { status: 'signed-in'; me: Me; ability: AppAbility };

interface Session {
  state: SessionState;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

function signedIn(me: Me): SessionState {
  setCsrfToken(me.csrfToken);
  return { status: 'signed-in', me, ability: buildAbility(me.rules) };
}

function anonymous(): SessionState {
  setCsrfToken(undefined);
  return { status: 'anonymous' };
}

/** Who is signed in, what they may do, and the CSRF token every change must carry. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    api.get<Me>('/api/auth/me').then(
      (me) => live && setState(signedIn(me)),
      (e: ApiError) => {
        if (!live) return;
        setState(e.status === 401 ? anonymous() : { status: 'failed', error: e });
      },
    );
    return () => {
      live = false;
    };
  }, [round]);

  useEffect(() => {
    whenUnauthenticated(() => setState(anonymous()));
    return () => whenUnauthenticated(undefined);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await api.post<Me>('/api/auth/login', { username, password });
    setState(signedIn(me));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch (e) {
      // Already signed out elsewhere: the outcome the user asked for.
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    setState(anonymous());
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setRound((r) => r + 1);
  }, []);

  const value = useMemo(() => ({ state, login, logout, retry }), [state, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession 须在 SessionProvider 之内使用');
  return session;
}

/** The signed-in user and their ability; only for screens behind RequireSession. */
export function useSignedIn(): { me: Me; ability: AppAbility } {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn 须在 RequireSession 之内使用');
  return state;
}

export const useAbility = (): AppAbility => useSignedIn().ability;
