import type { Request, Response } from 'express';
import { defineAbilityFor } from '../access/abilities';
import type { Config } from '../config';
import type { ApplicantContext, AuthContext } from './contexts';
import type { Session, SessionStore } from './sessions';

export const SESSION_COOKIE = 'sid';
/** Applicants have a cookie of their own, so a portal login never replaces a staff session. */
export const APPLICANT_COOKIE = 'asid';

export function sessionToken(req: Request, cookie = SESSION_COOKIE): string | undefined {
  const token = (req.cookies as Record<string, unknown> | undefined)?.[cookie];
  return typeof token === 'string' ? token : undefined;
}

/** Resolves the caller's staff session cookie to who they are and what they may do. */
export function authenticator(sessions: SessionStore) {
  return async (req: Request): Promise<AuthContext | undefined> => {
    const token = sessionToken(req);
    if (!token) return undefined;
    const session = await sessions.find(token);
    if (!session || session.principal.kind !== 'staff') return undefined;
    return {
      principal: session.principal,
      ability: defineAbilityFor(session.principal),
      display: session.display,
      session: { token, csrfToken: session.csrfToken, via: session.via },
    };
  };
}

/** Resolves an applicant's portal session cookie. */
export function applicantAuthenticator(sessions: SessionStore) {
  return async (req: Request): Promise<ApplicantContext | undefined> => {
    const token = sessionToken(req, APPLICANT_COOKIE);
    if (!token) return undefined;
    const session = await sessions.find(token);
    if (!session || session.principal.kind !== 'applicant') return undefined;
    return {
      applicantId: session.principal.applicantId,
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
  cookie = SESSION_COOKIE,
) {
  res.cookie(cookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && req.secure),
    path: '/',
    // The browser may keep it until the absolute limit; the server enforces the idle timeout.
    expires: session.absoluteExpiresAt,
  });
}

export function clearSessionCookie(res: Response, cookie = SESSION_COOKIE) {
  res.clearCookie(cookie, { path: '/' });
}
