import { z } from 'zod';
import { ID_NUMBER_PROBLEM_TEXT, idNumberProblem, maskIdNumber, maskPhone } from '../../runtime';
import type { LoginLogModel } from '../audit/models';
import type { Config } from '../config';
import { writeUnique } from '../database/unique';
import type { Api } from '../http/api';
import { AppError, badRequest } from '../http/errors';
import { type Applicant, type ApplicantModel, publicApplicant } from './applicant-model';
import { APPLICANT_COOKIE, clearSessionCookie, setSessionCookie } from './auth';
import { addressRefused, type AddressLimit } from './address-failures';
import { admitAttempt, CLEAR_FAILURES, failedAttempt, LOCKOUT } from './lockout';
import { clientOf } from './login';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';
import type { PersonalDataCipher } from './personal-data';
import type { SessionStore } from './sessions';

export interface ApplicantDeps {
  applicants: ApplicantModel;
  sessions: SessionStore;
  loginLogs: LoginLogModel;
  cipher: PersonalDataCipher;
  config: Pick<Config, 'COOKIE_SECURE'>;
  /** Failed logins per client address, shared with staff logins. */
  addresses: AddressLimit;
}

const idNumber = z.string().trim().toUpperCase().max(18);
const today = () => new Date().toISOString().slice(0, 10);

function checkIdNumber(value: string) {
  const problem = idNumberProblem(value, today());
  if (problem) {
    throw new AppError(400, 'invalid_id_number', `身份证号${ID_NUMBER_PROBLEM_TEXT[problem]}`, {
      field: 'idNumber',
      problem,
    });
  }
}

/** Citizens' accounts for the portal (网上申请): register with an ID number, log in, log out. */
export function applicantRoutes(api: Api, deps: ApplicantDeps): void {
  const { applicants, cipher } = deps;
  const logLogin = (
    req: Parameters<typeof clientOf>[0],
    entry: {
      username: string;
      outcome: 'success' | 'failure' | 'locked' | 'lockout' | 'logout';
      reason?: string;
    },
  ) =>
    deps.loginLogs.create({
      at: new Date(),
      via: 'password',
      ...entry,
      reason: `申请人${entry.reason ? `：${entry.reason}` : ''}`,
      ...clientOf(req),
    });

  api.route({
    method: 'post',
    path: '/api/applicant/register',
    access: 'public',
    status: 201,
    summary: '申请人注册（居民身份证）',
    tags: ['申请人'],
    body: z
      .object({
        name: z.string().trim().min(1).max(30),
        idNumber,
        phone: z.string().regex(/^1\d{10}$/, '手机号应为 11 位'),
        password: z.string().max(128),
      })
      .strict(),
    response: { description: '已注册' },
    async handler({ body }) {
      checkIdNumber(body.idNumber);
      const problems = passwordProblems(body.password);
      if (problems.length)
        throw new AppError(400, 'weak_password', `密码不符合要求：${problems.join('；')}`, {
          problems,
        });
      const record = {
        name: body.name,
        idType: 'resident' as const,
        idNumberIndex: cipher.index(body.idNumber),
        idNumberEncrypted: cipher.encrypt(body.idNumber),
        idNumberMasked: maskIdNumber(body.idNumber),
        phoneEncrypted: cipher.encrypt(body.phone),
        phoneMasked: maskPhone(body.phone),
        passwordHash: await hashPassword(body.password),
      };
      try {
        const created = await writeUnique(applicants, record, () => applicants.create(record));
        return publicApplicant(created.toObject() as Applicant);
      } catch (err) {
        if (err instanceof AppError && err.code === 'duplicate_key') {
          throw new AppError(409, 'already_registered', '该身份证号已注册，请直接登录');
        }
        throw err;
      }
    },
  });

  api.route({
    method: 'post',
    path: '/api/applicant/login',
    access: 'public',
    summary: '申请人登录（身份证号 + 密码）',
    tags: ['申请人'],
    body: z.object({ idNumber, password: z.string().min(1).max(128) }).strict(),
    response: { description: '已登录' },
    async handler({ req, res, body }) {
      const now = new Date();
      const masked = maskIdNumber(body.idNumber);
      // As for staff: refusals come before any password hash is checked.
      const addressWait = await deps.addresses.blocked(req.ip, now);
      if (addressWait !== undefined) {
        await logLogin(req, {
          username: masked,
          outcome: 'locked',
          reason: '该地址登录失败次数过多',
        });
        throw addressRefused(addressWait, deps.addresses.limit);
      }
      const applicant = await applicants
        .findOne({ idNumberIndex: cipher.index(body.idNumber) })
        .lean<Applicant>()
        .exec();
      if (!applicant) {
        await verifyPassword(await decoyHash(), body.password);
        await deps.addresses.record(req.ip, now);
        await logLogin(req, { username: masked, outcome: 'failure', reason: '未注册' });
        throw new AppError(401, 'invalid_credentials', '身份证号或密码错误');
      }
      const attempt = await admitAttempt(applicants, applicant, now);
      if (!attempt.admitted) {
        await logLogin(req, { username: masked, outcome: 'locked' });
        throw new AppError(
          423,
          'account_locked',
          `密码错误次数过多，账号已锁定，请 ${attempt.minutes} 分钟后再试`,
          { lockedUntil: attempt.lockedUntil },
        );
      }
      if (!(await verifyPassword(applicant.passwordHash, body.password))) {
        const locked = await failedAttempt(applicants, applicant._id, attempt, now);
        await deps.addresses.record(req.ip, now);
        await logLogin(req, {
          username: masked,
          outcome: locked ? 'lockout' : 'failure',
          reason: '密码错误',
        });
        throw locked
          ? new AppError(
              423,
              'account_locked',
              `密码连续错误 ${LOCKOUT.failures} 次，账号已锁定 15 分钟`,
            )
          : new AppError(401, 'invalid_credentials', '身份证号或密码错误');
      }
      if (applicant.status !== 'active') throw badRequest('账号已停用');
      const { token, session } = await deps.sessions.create({
        userId: String(applicant._id),
        principal: { kind: 'applicant', applicantId: String(applicant._id) },
        display: { username: masked, name: applicant.name },
        via: 'password',
        ...clientOf(req),
      });
      await applicants.updateOne({ _id: applicant._id }, CLEAR_FAILURES).exec();
      await logLogin(req, { username: masked, outcome: 'success' });
      setSessionCookie(req, res, deps.config, token, session, APPLICANT_COOKIE);
      return { applicant: publicApplicant(applicant), csrfToken: session.csrfToken };
    },
  });

  api.route({
    method: 'get',
    path: '/api/applicant/me',
    access: 'applicant',
    summary: '当前申请人',
    tags: ['申请人'],
    response: { description: '当前申请人（证件号、手机号已脱敏）' },
    async handler({ applicant }) {
      const found = await applicants.findById(applicant.applicantId).lean<Applicant>().exec();
      if (!found) throw new AppError(401, 'unauthenticated', '请先登录');
      return { applicant: publicApplicant(found), csrfToken: applicant.session.csrfToken };
    },
  });

  api.route({
    method: 'post',
    path: '/api/applicant/logout',
    access: 'applicant',
    summary: '申请人退出登录',
    tags: ['申请人'],
    response: { description: '已退出' },
    async handler({ req, res, applicant }) {
      await deps.sessions.destroy(applicant.session.token);
      clearSessionCookie(res, APPLICANT_COOKIE);
      await logLogin(req, { username: applicant.display.username, outcome: 'logout' });
      return { ok: true };
    },
  });
}
