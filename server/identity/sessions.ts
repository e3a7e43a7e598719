import { createHash, randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Principal } from '../access/abilities';

/** A citizen signed in to the portal. */
export interface ApplicantPrincipal {
  kind: 'applicant';
  applicantId: string;
}

/** A server-side login session; the browser holds only a random token, the database its hash. */
export interface Session {
  _id: string;
  /** The staff user's or the applicant's id. */
  userId: string;
  principal: Principal | ApplicantPrincipal;
  display: { username: string; name: string };
  csrfToken: string;
  via: 'password' | 'oidc';
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  ip?: string;
  userAgent?: string;
}

const sessionSchema = new Schema<Session>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    principal: { type: Schema.Types.Mixed, required: true },
    display: { type: Schema.Types.Mixed, required: true },
    csrfToken: { type: String, required: true },
    via: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    idleExpiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    ip: String,
    userAgent: String,
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ userId: 1 });
// No TTL index on the embedded database: expired sessions are refused on read and purged by a job.
sessionSchema.index({ idleExpiresAt: 1 });

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export class SessionStore {
  readonly model: Model<Session>;

  constructor(
    connection: Connection,
    private readonly policy: SessionPolicy,
  ) {
    this.model =
      (connection.models.Session as Model<Session> | undefined) ??
      connection.model<Session>('Session', sessionSchema);
  }

  async create(
    input: Pick<Session, 'userId' | 'principal' | 'display' | 'via' | 'ip' | 'userAgent'>,
    now = new Date(),
  ): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session: Session = {
      ...input,
      _id: tokenHash(token),
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + this.policy.idleMs),
      absoluteExpiresAt: new Date(now.getTime() + this.policy.absoluteMs),
    };
    await this.model.create(session);
    return { token, session };
  }

  /** The live session for a token, extending its idle deadline; expired ones are deleted. */
  async find(token: string, now = new Date()): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const id = tokenHash(token);
    const session = await this.model.findById(id).lean<Session>().exec();
    if (!session) return undefined;
    if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) {
      await this.model.deleteOne({ _id: id }).exec();
      return undefined;
    }
    // Writing on every request would double the load; a minute of slack on the idle timeout is fine.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      const idleExpiresAt = new Date(now.getTime() + this.policy.idleMs);
      await this.model.updateOne({ _id: id }, { $set: { lastSeenAt: now, idleExpiresAt } }).exec();
      session.idleExpiresAt = idleExpiresAt;
      session.lastSeenAt = now;
    }
    return session;
  }

  async destroy(token: string): Promise<void> {
    await this.model.deleteOne({ _id: tokenHash(token) }).exec();
  }

  async destroyForUser(userId: string): Promise<number> {
    return (await this.model.deleteMany({ userId }).exec()).deletedCount;
  }

  async destroyOthers(userId: string, keepToken: string): Promise<number> {
    const keep = tokenHash(keepToken);
    return (await this.model.deleteMany({ $and: [{ userId }, { _id: { $ne: keep } }] }).exec())
      .deletedCount;
  }

  /** Applies changed roles, posts or unit to the user's open sessions at once. */
  async refreshPrincipal(userId: string, principal: Principal, display: Session['display']) {
    await this.model.updateMany({ userId }, { $set: { principal, display } }).exec();
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.model
      .deleteMany({ $or: [{ idleExpiresAt: { $lte: now } }, { absoluteExpiresAt: { $lte: now } }] })
      .exec();
    return result.deletedCount;
  }
}
