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

/** Sessions kept in memory at most; the oldest go first. */
const CACHE_LIMIT = 10_000;

/**
 * Sessions by token hash. A session read from the database is kept in memory for `cacheMs`, so a
 * busy clerk's requests do not each read it again; every change made through this store applies
 * to the copy at once (logout, a user disabled, roles changed). A change made by another server
 * process, or behind the store's back, is seen within `cacheMs`.
 */
export class SessionStore {
  readonly model: Model<Session>;
  private readonly cache = new Map<string, { session: Session; until: number }>();
  /** Reads under way, so that a burst of requests of one session reads it once. */
  private readonly loading = new Map<string, Promise<Session | undefined>>();

  constructor(
    connection: Connection,
    private readonly policy: SessionPolicy,
    private readonly cacheMs = 5_000,
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
    this.remember(session);
    return { token, session };
  }

  /** The live session for a token, extending its idle deadline; expired ones are deleted. */
  async find(token: string, now = new Date()): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const id = tokenHash(token);
    const session = this.cached(id) ?? (await this.load(id));
    if (!session) return undefined;
    if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) {
      this.cache.delete(id);
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
    const id = tokenHash(token);
    this.cache.delete(id);
    await this.model.deleteOne({ _id: id }).exec();
  }

  async destroyForUser(userId: string): Promise<number> {
    this.forgetUser(userId);
    return (await this.model.deleteMany({ userId }).exec()).deletedCount;
  }

  async destroyOthers(userId: string, keepToken: string): Promise<number> {
    const keep = tokenHash(keepToken);
    this.forgetUser(userId, keep);
    return (await this.model.deleteMany({ $and: [{ userId }, { _id: { $ne: keep } }] }).exec())
      .deletedCount;
  }

  /** Applies changed roles, posts or unit to the user's open sessions at once. */
  async refreshPrincipal(userId: string, principal: Principal, display: Session['display']) {
    this.forgetUser(userId);
    await this.model.updateMany({ userId }, { $set: { principal, display } }).exec();
  }

  /** Drops every copy held in memory: the next request of each session reads the database. */
  clearCache(): void {
    this.cache.clear();
  }

  private cached(id: string): Session | undefined {
    const hit = this.cache.get(id);
    if (hit && hit.until > performance.now()) return hit.session;
    if (hit) this.cache.delete(id);
    return undefined;
  }

  private load(id: string): Promise<Session | undefined> {
    let loading = this.loading.get(id);
    if (!loading) {
      loading = (async () => {
        const session = await this.model.findById(id).lean<Session>().exec();
        if (session) this.remember(session);
        return session ?? undefined;
      })().finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private remember(session: Session): void {
    if (this.cacheMs <= 0) return;
    this.cache.delete(session._id);
    this.cache.set(session._id, { session, until: performance.now() + this.cacheMs });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }

  private forgetUser(userId: string, except?: string): void {
    for (const [id, { session }] of this.cache) {
      if (session.userId === userId && id !== except) this.cache.delete(id);
    }
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.model
      .deleteMany({ $or: [{ idleExpiresAt: { $lte: now } }, { absoluteExpiresAt: { $lte: now } }] })
      .exec();
    return result.deletedCount;
  }
}
