import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with 19 MiB of memory, 2 passes, 1 lane: OWASP's first recommended setting. Chosen so a
 * login stays well under 300 ms on a 2-core county server (`npm run bench:login` measures it).
 */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
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
