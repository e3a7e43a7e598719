/** The password policy of ROLE-4, as server/identity/passwords.ts checks it. */
export const PASSWORD_HINT = '至少8位，含大写/小写/数字/符号中至少3类';

export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不超过 128 位';
  const kinds = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return '须包含大写字母、小写字母、数字、符号中的至少 3 类';
  return undefined;
}

/** An antd form rule for a new password. */
export const passwordRule = {
  validator: async (_: unknown, value?: string) => {
    if (!value) throw new Error('请输入密码');
    const problem = passwordProblem(value);
    if (problem) throw new Error(problem);
  },
};
