import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A login sent to the identity provider and not yet back (state, nonce and PKCE verifier). */
export interface OidcLogin {
  /** The random `state`; the callback finds and consumes the login by it. */
  _id: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect URI sent to the provider; the token request must repeat it exactly. */
  redirectUri: string;
  createdAt: Date;
  expiresAt: Date;
}

const oidcLoginSchema = new Schema<OidcLogin>(
  {
    _id: { type: String, required: true },
    nonce: { type: String, required: true },
    codeVerifier: { type: String, required: true },
    redirectUri: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'oidc_logins', versionKey: false },
);
// No TTL index on the embedded database: expiry is checked on read, stale rows purged on login.
oidcLoginSchema.index({ expiresAt: 1 });

/** Binds a provider's subject to a local staff user; never creates the user (ROLE-4). */
export interface IdentityLink {
  /** `${issuer}|${sub}`: one link per subject by construction, no extra unique index needed. */
  _id: string;
  issuer: string;
  subject: string;
  userId: Types.ObjectId;
  /** The local username when the link was made, for people reading the collection. */
  username: string;
  createdAt: Date;
  lastUsedAt: Date;
}

const identityLinkSchema = new Schema<IdentityLink>(
  {
    _id: { type: String, required: true },
    issuer: { type: String, required: true },
    subject: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    username: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  { collection: 'identity_links', versionKey: false },
);
identityLinkSchema.index({ userId: 1, issuer: 1 });

export type OidcLoginModel = Model<OidcLogin>;
export type IdentityLinkModel = Model<IdentityLink>;
export const oidcLoginModel = (c: Connection): OidcLoginModel =>
  (c.models.OidcLogin as OidcLoginModel | undefined) ??
  c.model<OidcLogin>('OidcLogin', oidcLoginSchema);
export const identityLinkModel = (c: Connection): IdentityLinkModel =>
  (c.models.IdentityLink as IdentityLinkModel | undefined) ??
  c.model<IdentityLink>('IdentityLink', identityLinkSchema);
