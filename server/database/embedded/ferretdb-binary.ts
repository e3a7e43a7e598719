import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The pinned FerretDB release: the last v1 line, the one with the SQLite backend. */
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';
// The module proxy's checksum of that release; a download that differs is refused.
export const FERRETDB_MODULE_SUM = 'h1:trrUU0LbmusMbyubhPS1IELncvrIwKrsRT2LW1UUWCw=';
// The toolchain FerretDB's go.mod names; used when the installed Go cannot build it.
const FALLBACK_TOOLCHAIN = 'go1.24.3';

export class EmbeddedDatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseUnavailableError';
  }
}

export type Say = (message: string) => void;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Our patches to the release change the binary: a build with other patches lives elsewhere. */
export const FERRETDB_BUILD = `${FERRETDB_VERSION}-county.4`;

export function cachedBinaryPath(cacheDir: string): string {
  return path.join(cacheDir, `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
}

interface Patch {
  file: string;
  why: string;
  from: string;
  to: string;
  /** How many times `from` must occur; each is replaced. */
  times: number;
}

const quietly = (logger: 'db' | 'tx', mark: '>>>' | '<<<'): Patch => ({
  file: `internal/util/fsql/${logger}.go`,
  why: 'SQL 调试日志仅在启用时生成',
  from: `${logger}.l.With(fields...).DebugContext(ctx, fmt.Sprintf("${mark} %s", query))`,
  to: `if ${logger}.l.Enabled(ctx, slog.LevelDebug) { ${logger}.l.With(fields...).DebugContext(ctx, fmt.Sprintf("${mark} %s", query)) }`,
  times: 3,
});

/**
 * Changes to FerretDB 1.24.2, each measured or tested (docs/database.md):
 * - it creates the SQLite index of `_id` on `sjson->"_id"` but looks documents up by
 *   `sjson->'$._id'`: SQLite sees two expressions and never uses the index, so every read or
 *   update of one document by `_id` scanned its collection. Both forms give the same value, so the
 *   lookup is written like the index;
 * - every SQL statement built its debug log line, the whole document included, and then dropped it
 *   at the default level: 7 % of the database's time under the case benchmark. It is now built
 *   only when debug logging is on;
 * - concurrent writes met in SQLite's lock, whose busy handler sleeps (1, 2, 5 … 100 ms) before
 *   trying again; they now queue on a mutex and go as soon as the previous one commits;
 * - a filter naming `_id` beside other conditions is looked up by `_id` (the rest applied after);
 * - an update, findAndModify or delete reads and writes back as one step for all connections, so
 *   `{ _id, version }` guards hold when several server nodes share the database.
 */
const PATCHES: Patch[] = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    why: '_id 查找使用其索引',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
    times: 1,
  },
  // An `_id` with other conditions ({ _id, version }) is looked up by its index; the handler
  // applies the whole filter to what comes back, as it does after every pushdown.
  {
    file: 'internal/backends/sqlite/collection.go',
    why: '带 _id 的组合条件按 _id 索引查找',
    from: `if params.Filter.Len() == 1 {
		v, _ := params.Filter.Get("_id")`,
    to: `if v, _ := params.Filter.Get("_id"); v != nil {`,
    times: 2,
  },
  // Read, modify and write back of an update were separate steps, so two connections could both
  // match { _id, version } and both write. A lock per collection makes each update whole,
  // whichever connection or server node sends it (issue 12: several nodes on one database);
  // writes to other collections go on meanwhile.
  {
    file: 'internal/handler/msg_update.go',
    why: '更新的读取与写回不可分割（跨连接）',
    from: `func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) (int32, int32, *types.Array, error) {
`,
    to: `func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) (int32, int32, *types.Array, error) {
	countyLock := countyCollectionLock(params.DB, params.Collection)
	countyLock.Lock()
	defer countyLock.Unlock()
`,
    times: 1,
  },
  {
    file: 'internal/handler/msg_findandmodify.go',
    why: 'findAndModify 的读取与写回不可分割（跨连接）',
    from: `func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) (*findAndModifyResult, error) {
`,
    to: `func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) (*findAndModifyResult, error) {
	countyLock := countyCollectionLock(params.DB, params.Collection)
	countyLock.Lock()
	defer countyLock.Unlock()
`,
    times: 1,
  },
  {
    file: 'internal/handler/msg_delete.go',
    why: '删除的读取与删除不可分割（跨连接）',
    from: `		d, err = h.execDelete(connCtx, c, &p)
`,
    to: `		d, err = func() (int32, error) {
			countyLock := countyCollectionLock(params.DB, params.Collection)
			countyLock.Lock()
			defer countyLock.Unlock()
			return h.execDelete(connCtx, c, &p)
		}()
`,
    times: 1,
  },
  {
    file: 'internal/handler/msg_update.go',
    why: '跨连接写锁',
    from: `// updateDocument iterate through all documents in collection and update them.
`,
    to: `// countyCollectionLock makes each update, findAndModify and delete of a collection one step for
// every connection.
var countyLocks sync.Map

func countyCollectionLock(db, collection string) *sync.Mutex {
	l, _ := countyLocks.LoadOrStore(db+"."+collection, new(sync.Mutex))
	return l.(*sync.Mutex)
}

// updateDocument iterate through all documents in collection and update them.
`,
    times: 1,
  },
  {
    file: 'internal/handler/msg_update.go',
    why: '跨连接写锁',
    from: `	"fmt"
`,
    to: `	"fmt"
	"sync"
`,
    times: 1,
  },
  quietly('db', '>>>'),
  quietly('db', '<<<'),
  quietly('tx', '>>>'),
  quietly('tx', '<<<'),
  {
    file: 'internal/util/fsql/db.go',
    why: '写事务在互斥锁上排队，不再在 SQLite 忙等待中休眠',
    from: `func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {
	var sqlTx *sql.Tx`,
    to: `func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {
	db.writes.Lock()
	defer db.writes.Unlock()

	var sqlTx *sql.Tx`,
    times: 1,
  },
  {
    file: 'internal/util/fsql/db.go',
    why: '写事务互斥锁',
    from: `	sqlDB     *sql.DB
`,
    to: `	sqlDB     *sql.DB
	writes    sync.Mutex
`,
    times: 1,
  },
  {
    file: 'internal/util/fsql/db.go',
    why: '写事务互斥锁',
    from: `	"log/slog"
`,
    to: `	"log/slog"
	"sync"
`,
    times: 1,
  },
];

async function applyPatches(src: string, say: Say): Promise<void> {
  for (const patch of PATCHES) {
    const file = path.join(src, patch.file);
    const text = await fs.readFile(file, 'utf8');
    const found = text.split(patch.from).length - 1;
    if (found !== patch.times) {
      throw new Error(
        `FerretDB 源码与补丁不符：${patch.file} 中应有 ${patch.times} 处，找到 ${found} 处`,
      );
    }
    await fs.writeFile(file, text.split(patch.from).join(patch.to));
    say(`已修补 ${patch.file}：${patch.why}`);
  }
}

async function goVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('go', ['version'], { timeout: 30_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

const noGoMessage = (cacheDir: string) =>
  [
    '未设置 MONGODB_URI，平台需要自行启动内置数据库（FerretDB），但本机没有 Go 工具链，无法构建它。',
    '请任选其一：',
    '  1. 安装 Go 1.22 或更新版本（Debian/Ubuntu：apt-get install golang-go），然后重新运行 npm start；',
    '  2. 设置 MONGODB_URI 指向现有的 MongoDB，例如 MONGODB_URI=mongodb://127.0.0.1:27017/county npm start；',
    `  3. 设置 FERRETDB_BIN 指向已构建好的 ferretdb ${FERRETDB_VERSION} 可执行文件（或放到 ${cachedBinaryPath(cacheDir)}）。`,
  ].join('\n');

function goEnv(toolchain?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOFLAGS: '-mod=readonly',
    // The release itself is checked against the pinned sum below; its dependencies against its go.sum.
    GONOSUMDB: FERRETDB_MODULE,
    GOTOOLCHAIN: toolchain ?? process.env.GOTOOLCHAIN ?? 'auto',
    GOWORK: 'off',
  };
}

async function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return execFileAsync(cmd, args, { cwd, env, timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 });
}

// The module cache is read-only; the copy must take a generated file and be removable afterwards.
async function makeDirectoriesWritable(root: string): Promise<void> {
  await fs.chmod(root, 0o755);
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) await fs.chmod(path.join(entry.parentPath, entry.name), 0o755);
  }
}

async function downloadSource(workDir: string, say: Say): Promise<string> {
  say(`下载 ${FERRETDB_MODULE}@${FERRETDB_VERSION} 源码（经 Go 模块代理）…`);
  const { stdout } = await run(
    'go',
    ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
    workDir,
    goEnv(),
  );
  const info = JSON.parse(stdout) as { Dir?: string; Sum?: string; Error?: string };
  if (info.Error || !info.Dir) throw new Error(info.Error ?? 'go mod download 未返回源码目录');
  if (info.Sum !== FERRETDB_MODULE_SUM) {
    throw new Error(`FerretDB 源码校验和不符：期望 ${FERRETDB_MODULE_SUM}，得到 ${info.Sum}`);
  }
  const src = path.join(workDir, 'src');
  await fs.cp(info.Dir, src, { recursive: true });
  await makeDirectoriesWritable(src);
  const versionDir = path.join(src, 'build', 'version');
  // FerretDB embeds its version from a generated file that module downloads do not carry.
  await fs.writeFile(path.join(versionDir, 'version.txt'), `${FERRETDB_VERSION}\n`);
  await applyPatches(src, say);
  return src;
}

async function compile(src: string, output: string, say: Say): Promise<void> {
  const args = ['build', '-trimpath', '-o', output, './cmd/ferretdb'];
  try {
    await run('go', args, src, goEnv());
  } catch (first) {
    say(`本机 Go 构建失败，改用 ${FALLBACK_TOOLCHAIN}（经模块代理获取）重试…`);
    try {
      await run('go', args, src, goEnv(FALLBACK_TOOLCHAIN));
    } catch (second) {
      const detail = (e: unknown) => String((e as { stderr?: string }).stderr ?? e).slice(-2000);
      throw new Error(`构建 FerretDB 失败：\n${detail(first)}\n${detail(second)}`);
    }
  }
}

async function withLock<T>(lockDir: string, say: Say, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const stat = await fs.stat(lockDir).catch(() => undefined);
      // A lock older than the longest build belongs to a process that died.
      if (stat && Date.now() - stat.mtimeMs > 30 * 60_000) {
        await fs.rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started < 1000) say('另一个进程正在构建 FerretDB，等待其完成…');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * Returns the path of a FerretDB binary, building the pinned release into the cache on first need.
 */
export async function ensureFerretdbBinary(options: {
  cacheDir: string;
  explicitBinary?: string;
  say: Say;
}): Promise<string> {
  const { cacheDir, explicitBinary, say } = options;
  if (explicitBinary) {
    if (!(await isExecutable(explicitBinary))) {
      throw new EmbeddedDatabaseUnavailableError(`FERRETDB_BIN=${explicitBinary} 不存在或不可执行`);
    }
    return explicitBinary;
  }
  const binary = cachedBinaryPath(cacheDir);
  if (await isExecutable(binary)) return binary;

  const go = await goVersion();
  if (!go) throw new EmbeddedDatabaseUnavailableError(noGoMessage(cacheDir));

  await fs.mkdir(path.dirname(binary), { recursive: true });
  return withLock(`${binary}.lock`, say, async () => {
    if (await isExecutable(binary)) return binary;
    const started = Date.now();
    say(`首次启动：用 ${go} 构建内置数据库 FerretDB ${FERRETDB_VERSION}，约需 1–3 分钟…`);
    const workDir = await fs.mkdtemp(path.join(path.dirname(binary), 'build-'));
    try {
      const src = await downloadSource(workDir, say);
      say('编译中…');
      const tmp = path.join(workDir, 'ferretdb');
      await compile(src, tmp, say);
      await fs.rename(tmp, binary);
    } catch (err) {
      throw new EmbeddedDatabaseUnavailableError(
        `${(err as Error).message}\n可改为设置 MONGODB_URI 使用现有的 MongoDB。`,
      );
    } finally {
      await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
    say(`FerretDB 已构建：${binary}（用时 ${Math.round((Date.now() - started) / 1000)} 秒）`);
    return binary;
  });
}
