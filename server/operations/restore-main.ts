/**
 * `npm run restore -- <dir>`: restores a backup made by `npm run backup` into an empty DATA_DIR
 * (or the empty database MONGODB_URI names), creates the indexes and verifies every case's trail.
 * The platform must be stopped. Exits 0 when every trail verifies, 1 when one does not, 2 on bad
 * input (no backup, a changed file, a data folder in use or not empty), 3 when it cannot run.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { configOrSay } from '../config';
import { connectDatabase } from '../database/connection';
import { runningEmbedded } from '../database/embedded/ferretdb-process';
import { createModels, ensureIndexes } from '../models';
import { PersonalText } from '../cases/personal-text';
import { PersonalDataCipher } from '../identity/personal-data';
import { checkBackup, restoreDatabase, verifyAllTrails } from './backup';

const say = (m: string) => process.stderr.write(`${m}\n`);

async function main(): Promise<number> {
  const config = configOrSay(say);
  if (!config) return 2;
  const from = process.argv[2];
  if (!from) {
    say('用法：npm run restore -- <备份目录>');
    return 2;
  }
  const fromDir = path.resolve(from);
  try {
    await checkBackup(fromDir);
  } catch (err) {
    say((err as Error).message);
    return 2;
  }
  if (!config.MONGODB_URI) {
    if (await runningEmbedded(config.DATA_DIR)) {
      say(`平台正在使用 ${config.DATA_DIR}：请先停止平台，并恢复到一个空的数据目录`);
      return 2;
    }
    const store = await fs.readdir(path.join(config.DATA_DIR, 'ferretdb')).catch(() => []);
    if (store.length) {
      say(`数据目录 ${config.DATA_DIR} 已有数据库文件：只能恢复到空的数据目录`);
      return 2;
    }
  }
  // Personal numbers in the cases are sealed with the platform's key (docs/access.md); without
  // it the trails cannot be read back, let alone verified.
  const key =
    config.DATA_KEY ??
    (await fs.readFile(path.join(config.DATA_DIR, 'data-key'), 'utf8').catch(() => undefined));
  if (!key) {
    say(
      '恢复需要原平台的个人信息密钥：请设置 DATA_KEY，或把原数据目录中的 data-key 文件放入新的数据目录',
    );
    return 2;
  }
  const personal = new PersonalText(new PersonalDataCipher(key.trim()));
  const db = await connectDatabase(config, say);
  try {
    const t0 = Date.now();
    const restored = await restoreDatabase(db.connection.db!, fromDir, say);
    await ensureIndexes(createModels(db.connection, config), db.kind);
    const trails = await verifyAllTrails(db.connection.db!, personal);
    process.stdout.write(
      `恢复完成：${restored.collections} 个集合、${restored.documents} 条，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒\n` +
        `操作痕迹校验：${trails.cases} 件办件、${trails.entries} 条痕迹，${trails.broken.length ? `${trails.broken.length} 件未通过` : '全部通过'}\n`,
    );
    for (const b of trails.broken) process.stdout.write(`  ${b.caseId}：${b.message}\n`);
    return trails.broken.length ? 1 : 0;
  } catch (err) {
    say(`恢复失败：${(err as Error).message}`);
    return 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`恢复失败：${(err as Error).message}`);
    process.exit(3);
  },
);
