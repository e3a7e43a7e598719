import type { PersonalDataCipher } from '../identity/personal-data';

/** The applicant's phone and e-mail as a case keeps them: encrypted, for notices only (RUN-15). */
export function encryptedContact(
  cipher: PersonalDataCipher,
  input: { phone?: string; email?: string },
): { applicantPhoneEncrypted?: string; applicantEmailEncrypted?: string } {
  return {
    ...(input.phone ? { applicantPhoneEncrypted: cipher.encrypt(input.phone.trim()) } : {}),
    ...(input.email ? { applicantEmailEncrypted: cipher.encrypt(input.email.trim()) } : {}),
  };
}

/** Masked for lists: 13*******45, a***@example.cn. */
export function maskedAddress(channel: 'email' | 'sms', value: string): string {
  if (channel === 'sms')
    return value.length > 4 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
  const [user = '', domain = ''] = value.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
