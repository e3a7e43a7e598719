import type { Request, Response } from 'express';
import { defineAbilityFor } from '../access/abilities';
import type { Config } from '../config';
import type { AuthContext } from '../http/api';
import type { Session, SessionStore } from './sessions';

export const SESSION_COOKIE = 'sid';

export function sessionToken(req: Request): string | undefined {
  const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof token === 'string' ? token : undefined;
}

/** Resolves the caller's session cookie to who they are and what they may do. */
export function authenticator(sessions: SessionStore) {
  return async (req: Request): Promise<AuthContext | undefined> => {
    const token = sessionToken(req);
    if (!token) return undefined;
    const session = await sessions.find(token);
    if (!session) return undefined;
    return {
      principal: session.principal,
      ability: defineAbilityFor(session.principal),
      display: session.display,
      session: { token, csrfToken: session.csrfToken },
    };
  };
}

export function setSessionCookie(
  req: Request,
  res: Response,
  config: Pick<Config, 'COOKIE_SECURE'>,
  token: string,
  session: Session,
) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && req.secure),
    path: '/',
    // The browser may keep it until the absolute limit; the server enforces the idle timeout.
    expires: session.absoluteExpiresAt,
  });
}

export function clearSessionCookie(res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
