import type { PersonalText } from '../cases/personal-text';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { BSON, type Db, type Document } from 'mongodb';
import { verifyTrail } from '../../runtime/trail';
import { caseOfStored, type StoredCase } from '../cases/case-model';

export const BACKUP_FORMAT = 1;
const BATCH = 500;

export interface BackupManifest {
  format: number;
  createdAt: string;
  finishedAt: string;
  database: string;
  collections: { name: string; file: string; count: number; sha256: string }[];
}

/**
 * The order collections are copied in, so that a backup taken while the platform runs holds
 * everything its cases point to: cases first; the GridFS files they name after them (files only
 * ever grow, and a file's chunks are written before its entry, so entries go before chunks);
 * projections and logs in between — views, events and statistics are rebuilt from the cases at
 * start whenever they are behind.
 */
function ordered(names: string[]): string[] {
  const gridfs = (n: string) => /\.(files|chunks)$/.test(n);
  const rank = (n: string) => (n === 'cases' ? 0 : !gridfs(n) ? 1 : n.endsWith('.files') ? 2 : 3);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies every collection of `db` into `outDir`, one file of Extended JSON lines each (types kept:
 * ObjectIds, dates, GridFS's binary chunks), with a manifest of counts and SHA-256 sums. Each
 * document is read whole (one case is one document, changed atomically), so no case is ever half
 * written in a backup; the order above keeps every file a case names.
 */
export async function backupDatabase(
  db: Db,
  outDir: string,
  say: (m: string) => void = () => undefined,
): Promise<BackupManifest> {
  const existing = await fs.readdir(outDir).catch(() => null);
  if (existing?.length) throw new Error(`备份目录 ${outDir} 不是空的`);
  await fs.mkdir(outDir, { recursive: true });
  const createdAt = new Date().toISOString();
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'));
  const collections: BackupManifest['collections'] = [];
  for (const name of ordered(names)) {
    const file = `${name}.ejson`;
    const target = path.join(outDir, file);
    const out = createWriteStream(target, { mode: 0o600 });
    let count = 0;
    for await (const doc of db.collection(name).find({})) {
      const line = `${BSON.EJSON.stringify(doc, { relaxed: false })}\n`;
      if (!out.write(line)) await once(out, 'drain');
      count += 1;
    }
    out.end();
    await once(out, 'close');
    collections.push({ name, file, count, sha256: await sha256Of(target) });
    say(`已备份 ${name}：${count} 条`);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt,
    finishedAt: new Date().toISOString(),
    database: db.databaseName,
    collections,
  };
  await fs.writeFile(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2), {
    mode: 0o600,
  });
  return manifest;
}

/** Reads and checks a backup's manifest and every file's sum; throws before anything is written. */
export async function checkBackup(fromDir: string): Promise<BackupManifest> {
  const text = await fs.readFile(path.join(fromDir, 'manifest.json'), 'utf8').catch(() => null);
  if (text === null) throw new Error(`${fromDir} 中没有 manifest.json：不是本平台的备份`);
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new Error(`备份格式 ${String(manifest.format)} 不受支持（应为 ${BACKUP_FORMAT}）`);
  for (const c of manifest.collections) {
    if (!/^[\w.-]+\.ejson$/.test(c.file) || c.file.includes('..'))
      throw new Error(`备份清单中的文件名「${c.file}」无效`);
    const sum = await sha256Of(path.join(fromDir, c.file)).catch(() => null);
    if (sum !== c.sha256) throw new Error(`备份文件 ${c.file} 缺失或已被改动（SHA-256 不符）`);
  }
  return manifest;
}

/** Restores a checked backup into an empty database; answers how many documents went in. */
export async function restoreDatabase(
  db: Db,
  fromDir: string,
  say: (m: string) => void = () => undefined,
): Promise<{ collections: number; documents: number }> {
  const manifest = await checkBackup(fromDir);
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (c.name.startsWith('system.')) continue;
    if (await db.collection(c.name).estimatedDocumentCount())
      throw new Error(`目标数据库不是空的（${c.name} 中已有数据）：只能恢复到空的数据目录`);
  }
  let documents = 0;
  for (const c of manifest.collections) {
    const lines = createInterface({ input: createReadStream(path.join(fromDir, c.file)) });
    let batch: Document[] = [];
    let count = 0;
    for await (const line of lines) {
      if (!line) continue;
      batch.push(BSON.EJSON.parse(line, { relaxed: false }) as Document);
      if (batch.length >= BATCH) {
        await db.collection(c.name).insertMany(batch, { ordered: true });
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length) await db.collection(c.name).insertMany(batch, { ordered: true });
    count += batch.length;
    if (count !== c.count)
      throw new Error(`${c.name} 恢复了 ${count} 条，备份清单记为 ${c.count} 条`);
    if (!count) await db.createCollection(c.name).catch(() => undefined);
    documents += count;
    say(`已恢复 ${c.name}：${count} 条`);
  }
  return { collections: manifest.collections.length, documents };
}

/** Every case's trail checked against its chain and the head the case keeps (RUN-7). */
export async function verifyAllTrails(
  db: Db,
  personal: PersonalText,
): Promise<{ cases: number; entries: number; broken: { caseId: string; message: string }[] }> {
  let cases = 0;
  let entries = 0;
  const broken: { caseId: string; message: string }[] = [];
  for await (const stored of db.collection<StoredCase>('cases').find({})) {
    const doc = caseOfStored(stored, personal);
    cases += 1;
    entries += doc.trail.length;
    const result = verifyTrail(doc._id, doc.trail, { head: doc.trailHead });
    if (!result.ok) broken.push({ caseId: doc._id, message: result.message });
  }
  return { cases, entries, broken };
}
