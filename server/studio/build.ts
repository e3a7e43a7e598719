import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { STUDIO_DIST } from './index';

const ROOT = path.resolve(__dirname, '..', '..');
const STUDIO = path.join(ROOT, 'studio');
const STAMP = '.build-hash';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A hash of everything the studio build is made from: sources, config and locked packages. */
export async function studioSourceHash(): Promise<string> {
  const files = [
    ...(await listFiles(path.join(STUDIO, 'src'))),
    path.join(STUDIO, 'index.html'),
    path.join(STUDIO, 'vite.config.mts'),
    path.join(ROOT, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update(await fs.readFile(file).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}

/** Builds the studio with Vite when its build is missing or older than its sources. */
export async function ensureStudioBuild(say: (message: string) => void): Promise<void> {
  const wanted = await studioSourceHash();
  const stamp = path.join(STUDIO_DIST, STAMP);
  const built = await fs.readFile(stamp, 'utf8').catch(() => undefined);
  if (built === wanted) return;
  say(built ? '界面源码已变更，重新构建…' : '界面尚未构建，正在构建（约 30 秒）…');
  const started = Date.now();
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error('构建界面需要开发依赖 vite：请运行 npm install（不要带 --omit=dev）');
  }
  await vite.build({ configFile: path.join(STUDIO, 'vite.config.mts'), logLevel: 'warn' });
  await fs.writeFile(stamp, wanted);
  say(`界面构建完成（用时 ${Math.round((Date.now() - started) / 1000)} 秒）`);
}
