import type { AppAbility, Principal } from '../access/abilities';

/** Who is calling, as every staff route sees it. */
export interface AuthContext {
  principal: Principal;
  ability: AppAbility;
  display: { username: string; name: string };
  session: { token: string; csrfToken: string; via: 'password' | 'oidc' };
}

/** A citizen calling a portal route. */
export interface ApplicantContext {
  applicantId: string;
  display: { username: string; name: string };
  session: { token: string; csrfToken: string };
}
