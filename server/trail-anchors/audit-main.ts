/**
 * `npm run audit:trails`: connects as the server does (MONGODB_URI, else the embedded database
 * in DATA_DIR — with the server stopped, since one FerretDB owns its files), checks every case's
 * trail against its heads and the signed anchors, prints what fails, exits 1 on any failure
 * (2 on bad configuration, 3 when it cannot run).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { configOrSay } from '../config';
import { connectDatabase } from '../database/connection';
import { PersonalDataCipher } from '../identity/personal-data';
import { auditTrails, formatAudit } from './audit';

const say = (m: string) => process.stderr.write(`${m}\n`);

async function main(): Promise<number> {
  const config = configOrSay(say);
  if (!config) return 2;
  // The key is read, never made: an audit must not create what it checks.
  const key =
    config.DATA_KEY ??
    (await fs.readFile(path.join(config.DATA_DIR, 'data-key'), 'utf8').catch(() => ''));
  if (!key.trim()) {
    say('找不到 DATA_KEY（也没有 DATA_DIR/data-key）：无法检查锚定签名密钥');
    return 2;
  }
  const db = await connectDatabase(config, say);
  try {
    const report = await auditTrails(db.connection, new PersonalDataCipher(key.trim()));
    process.stdout.write(`${formatAudit(report)}\n`);
    return report.chainProblems.length || report.failures.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`审计失败：${(err as Error).stack ?? String(err)}`);
    process.exit(3);
  },
);
