import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sm3, sm4 } from 'sm-crypto';

/**
 * Encrypts personal data at rest with the national algorithms (国密): SM4-CBC for the value, and an
 * HMAC-SM3 index so a record can be found by the value (an ID number) without decrypting all.
 */
export class PersonalDataCipher {
  private readonly encryptionKey: string;
  private readonly indexKey: string;

  constructor(masterKeyHex: string) {
    if (!/^[0-9a-f]{64}$/i.test(masterKeyHex))
      throw new Error('DATA_KEY 应为 64 位十六进制（256 位）');
    // Separate keys for separate purposes, derived so one secret is all there is to keep.
    this.encryptionKey = sm3('sm4-encryption', { key: masterKeyHex }).slice(0, 32);
    this.indexKey = sm3('lookup-index', { key: masterKeyHex });
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16).toString('hex');
    return `sm4cbc:${iv}:${sm4.encrypt(plain, this.encryptionKey, { mode: 'cbc', iv })}`;
  }

  decrypt(stored: string): string {
    const [scheme, iv, data] = stored.split(':');
    if (scheme !== 'sm4cbc' || !iv || !data) throw new Error('无法识别的密文格式');
    return sm4.decrypt(data, this.encryptionKey, { mode: 'cbc', iv }) as string;
  }

  /** Equal inputs give equal indexes; the index reveals nothing without the key. */
  index(plain: string): string {
    return sm3(plain, { key: this.indexKey });
  }
}

/**
 * The master key: DATA_KEY when set; otherwise, outside production, a key kept in DATA_DIR
 * (created on first start). Losing it makes encrypted personal data unreadable, so it is logged.
 */
export async function loadDataKey(
  config: { DATA_KEY?: string; DATA_DIR: string; NODE_ENV: string },
  say: (m: string) => void,
): Promise<string> {
  if (config.DATA_KEY) return config.DATA_KEY;
  if (config.NODE_ENV === 'production') {
    throw new Error('生产环境必须设置 DATA_KEY（64 位十六进制），用于加密个人信息');
  }
  const file = path.join(config.DATA_DIR, 'data-key');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  await fs.mkdir(config.DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString('hex');
  await fs.writeFile(file, key, { mode: 0o600, flag: 'wx' });
  say(`已生成个人信息加密密钥 ${file}：请妥善备份，丢失后已加密的数据将无法读取`);
  return key;
}
