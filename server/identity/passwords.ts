import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with 64 MiB, 3 passes, 2 lanes: RFC 9106's second recommended setting, with two lanes
 * for a 2-core county server. A verify takes about 40 ms there, so a login stays well under the
 * 300 ms target (`npm run bench:login` measures it). Hashes carry their parameters, so raising
 * these later does not lock anyone out.
 */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 2,
} as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(
  hashed: string | undefined,
  password: string,
): Promise<boolean> {
  if (!hashed) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of a password nobody has, so that unknown usernames cost as much time as known ones. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(`decoy-${Math.random()}`));

/** ROLE-4: at least 8 characters of at least 3 kinds (upper, lower, digit, other). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('至少 8 位');
  if (password.length > 128) problems.push('不超过 128 位');
  const kinds = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少 3 类');
  return problems;
}
