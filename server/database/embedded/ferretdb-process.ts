import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Say } from './ferretdb-binary';

export interface EmbeddedDatabase {
  /** Connection string without a database name. */
  uri: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Resolves with the exit code once the process has gone. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const SETPRIV = '/usr/bin/setpriv';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Keeps the last lines a process printed, for the message when it fails. */
function tail(child: ChildProcess, say: Say, keep = 40): () => string {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > keep) lines.shift();
      if (/level=(ERROR|PANIC|FATAL)\b/.test(line)) say(`[ferretdb] ${line}`);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => lines.join('\n');
}

function launch(binary: string, args: string[]): ChildProcess {
  // PR_SET_PDEATHSIG: the kernel stops the database even when this process is killed outright.
  if (process.platform === 'linux' && existsSync(SETPRIV)) {
    return spawn(SETPRIV, ['--pdeathsig', 'SIGTERM', '--', binary, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  return spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * `normal`: a commit is written to SQLite's log without waiting for the disk to confirm it; a
 * killed process loses nothing, a power cut may lose the last commits but never corrupts the
 * database. `full` waits for the disk at every commit (about a quarter more of the database's
 * time per write here). docs/database.md.
 */
export type Synchronous = 'normal' | 'full';

async function startOnce(
  binary: string,
  dataDir: string,
  say: Say,
  synchronous: Synchronous,
): Promise<EmbeddedDatabase> {
  const port = await freeLoopbackPort();
  const storeDir = path.join(dataDir, 'ferretdb');
  await fs.mkdir(storeDir, { recursive: true });
  const child = launch(binary, [
    '--handler=sqlite',
    `--sqlite-url=file:${storeDir}/?_pragma=synchronous(${synchronous})`,
    `--state-dir=${storeDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    // WARN reports every command it lacks (endSessions, …), which the driver sends routinely.
    '--log-level=error',
    '--log-format=text',
  ]);
  const output = tail(child, say);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? null : 0)));
    child.once('error', () => resolve(null));
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const running = path.join(dataDir, RUNNING_FILE);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await fs.rm(running, { force: true });
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await canConnect(port))) {
    if (hasExited || Date.now() > deadline) {
      await stop();
      throw new Error(
        `内置数据库未能启动（端口 ${port}）：\n${output() || '(无输出)'}`.slice(0, 4000),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const uri = `mongodb://127.0.0.1:${port}/`;
  // Tells `npm run backup` where the running platform's database listens (only on loopback).
  await fs.writeFile(
    running,
    JSON.stringify({ uri, ownerPid: process.pid, pid: child.pid, startedAt: new Date() }),
    { mode: 0o600 },
  );
  return { uri, port, pid: child.pid!, dataDir, exited, stop };
}

/** The file, in DATA_DIR, that names the embedded database of a running platform. */
export const RUNNING_FILE = 'embedded-db.json';

/** The running platform's embedded database in `dataDir`, if its process is alive. */
export async function runningEmbedded(dataDir: string): Promise<{ uri: string } | null> {
  const text = await fs.readFile(path.join(dataDir, RUNNING_FILE), 'utf8').catch(() => null);
  if (!text) return null;
  const info = JSON.parse(text) as { uri: string; ownerPid: number };
  try {
    process.kill(info.ownerPid, 0);
  } catch {
    return null;
  }
  return { uri: info.uri };
}

/** Starts FerretDB with its SQLite backend on a free loopback port, data under `dataDir`. */
export async function startFerretdb(options: {
  binary: string;
  dataDir: string;
  say: Say;
  synchronous?: Synchronous;
}): Promise<EmbeddedDatabase> {
  let lastError: unknown;
  // Another process may take the chosen port between probing and binding it.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(
        options.binary,
        options.dataDir,
        options.say,
        options.synchronous ?? 'normal',
      );
    } catch (err) {
      lastError = err;
      if (!/address already in use/i.test(String(err))) break;
    }
  }
  throw lastError;
}
