/**
 * Blocking calls, as data: qualified name → the AIO1xx rule that reports it, the peer
 * (flake8-async) code for that particular call, and the async replacement the message
 * names. Reviewed like code; `test/rules/knowledge.test.ts` checks every family.
 *
 * Names are qualified names as the semantic model resolves them: module functions
 * ('time.sleep'), builtins ('builtins.open'), and methods on a receiver of known type
 * ('requests.Session.get'). Types whose every method blocks live in BLOCKING_TYPES.
 */

export type BlockingCode = 'AIO101' | 'AIO102' | 'AIO103' | 'AIO104' | 'AIO105' | 'AIO106' | 'AIO107' | 'AIO108' | 'AIO109';

export interface BlockingCallInfo {
  readonly code: BlockingCode;
  /** flake8-async code for this call, when upstream has one */
  readonly peer: string | null;
  /** what to use instead, named in the message */
  readonly replacement: string;
  /**
   * The call does not block when called like this: `acquire(blocking=False)`,
   * `q.get(block=False)`, `acquire(timeout=0)`. Positional index of the flag and keyword name.
   */
  readonly nonBlockingWhen?: { readonly keyword: string; readonly position: number; readonly value: false | 0 };
  /** the call does not block when any argument names one of these flags: `getaddrinfo(..., AI_NUMERICHOST)` */
  readonly nonBlockingWithFlag?: readonly string[];
}

export interface BlockingTypeInfo {
  readonly code: BlockingCode;
  readonly peer: string | null;
  readonly replacement: string;
  /** methods that do not block (everything else does) */
  readonly except: ReadonlySet<string>;
}

type Entries = Record<string, Omit<BlockingCallInfo, 'code' | 'peer' | 'replacement'> | null>;

const table = new Map<string, BlockingCallInfo>();

function family(code: BlockingCode, peer: string | null, replacement: string, names: readonly string[] | Entries): void {
  if (Array.isArray(names)) {
    for (const name of names as readonly string[]) table.set(name, { code, peer, replacement });
    return;
  }
  for (const [name, extra] of Object.entries(names as Entries)) table.set(name, { code, peer, replacement, ...(extra ?? {}) });
}

function methods(type: string | readonly string[], names: readonly string[]): string[] {
  const types = typeof type === 'string' ? [type] : type;
  return types.flatMap((t) => names.map((m) => `${t}.${m}`));
}

// ── AIO101 blocking-sleep ─────────────────────────────────────────────────────
family('AIO101', 'ASYNC251', 'asyncio.sleep', ['time.sleep']);

// ── AIO102 blocking-http ──────────────────────────────────────────────────────
const HTTP_VERBS = ['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request'];
const HTTPX_LIKE = ['httpx', 'httpx2'];
family('AIO102', 'ASYNC210', 'aiohttp.ClientSession or httpx.AsyncClient', [
  ...methods('requests', HTTP_VERBS),
  ...methods('requests.api', HTTP_VERBS),
  ...methods(HTTPX_LIKE, [...HTTP_VERBS, 'stream']),
  'urllib3.request',
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
]);
family('AIO102', 'ASYNC212', 'aiohttp.ClientSession or httpx.AsyncClient', [
  ...methods(['requests.Session', 'requests.sessions.Session'], [...HTTP_VERBS, 'send']),
  ...methods(
    HTTPX_LIKE.map((m) => `${m}.Client`),
    ['close', 'delete', 'get', 'head', 'options', 'patch', 'post', 'put', 'request', 'send', 'stream'],
  ),
]);
family('AIO102', null, 'aiohttp.ClientSession or httpx.AsyncClient', [
  ...methods(['http.client.HTTPConnection', 'http.client.HTTPSConnection'], ['request', 'getresponse', 'connect', 'send', 'endheaders']),
  ...methods('http.client.HTTPResponse', ['read', 'readline', 'readlines', 'readinto']),
  'urllib.request.OpenerDirector.open',
]);

// ── AIO103 blocking-subprocess ────────────────────────────────────────────────
const SUBPROCESS_REPLACEMENT = 'asyncio.create_subprocess_exec';
family('AIO103', 'ASYNC221', SUBPROCESS_REPLACEMENT, [
  ...methods('subprocess', ['run', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput']),
  'os.system',
  'os.posix_spawn',
  'os.posix_spawnp',
  ...methods('os', ['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe']),
]);
family('AIO103', 'ASYNC220', SUBPROCESS_REPLACEMENT, ['subprocess.Popen', 'os.popen']);
family('AIO103', 'ASYNC222', SUBPROCESS_REPLACEMENT, [...methods('os', ['wait', 'wait3', 'wait4', 'waitid', 'waitpid'])]);
family('AIO103', null, 'asyncio.subprocess.Process', [...methods('subprocess.Popen', ['wait', 'communicate'])]);

// ── AIO104 blocking-file-io ───────────────────────────────────────────────────
const FILE_REPLACEMENT = 'aiofiles.open or anyio.open_file';
family('AIO104', 'ASYNC230', FILE_REPLACEMENT, ['builtins.open', 'io.open', 'io.open_code', 'codecs.open']);
family('AIO104', 'ASYNC231', FILE_REPLACEMENT, ['os.fdopen']);
family('AIO104', null, FILE_REPLACEMENT, [
  'gzip.open',
  'bz2.open',
  'lzma.open',
  'tempfile.TemporaryFile',
  'tempfile.NamedTemporaryFile',
  'tempfile.SpooledTemporaryFile',
  ...methods(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath'], ['open']),
]);

// ── AIO105 blocking-filesystem ────────────────────────────────────────────────
const FS_REPLACEMENT = 'asyncio.to_thread (or anyio.Path / aiofiles.os)';
family('AIO105', 'ASYNC240', FS_REPLACEMENT, [
  // flake8-async's list, including the few that only call getcwd() (relpath) for compatibility
  ...methods('os.path', [
    '_path_normpath',
    'normpath',
    '_joinrealpath',
    'islink',
    'lexists',
    'ismount',
    'realpath',
    'exists',
    'isdir',
    'isfile',
    'getatime',
    'getctime',
    'getmtime',
    'getsize',
    'samefile',
    'sameopenfile',
    'relpath',
    'isjunction',
  ]),
]);
family('AIO105', null, FS_REPLACEMENT, [
  ...methods(
    ['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath'],
    [
      'read_text',
      'read_bytes',
      'write_text',
      'write_bytes',
      'exists',
      'is_dir',
      'is_file',
      'is_symlink',
      'is_mount',
      'is_socket',
      'is_fifo',
      'is_block_device',
      'is_char_device',
      'is_junction',
      'iterdir',
      'glob',
      'rglob',
      'walk',
      'stat',
      'lstat',
      'owner',
      'group',
      'readlink',
      'mkdir',
      'rmdir',
      'unlink',
      'rename',
      'replace',
      'touch',
      'chmod',
      'lchmod',
      'resolve',
      'samefile',
      'symlink_to',
      'hardlink_to',
      'copy',
      'copytree',
      'move',
    ],
  ),
  ...methods('shutil', [
    'copy',
    'copy2',
    'copyfile',
    'copyfileobj',
    'copymode',
    'copystat',
    'copytree',
    'rmtree',
    'move',
    'disk_usage',
    'chown',
    'make_archive',
    'unpack_archive',
    'which',
  ]),
  ...methods('os', [
    'listdir',
    'scandir',
    'walk',
    'fwalk',
    'stat',
    'lstat',
    'statvfs',
    'remove',
    'unlink',
    'rmdir',
    'removedirs',
    'mkdir',
    'makedirs',
    'rename',
    'renames',
    'replace',
    'chmod',
    'chown',
    'lchown',
    'link',
    'symlink',
    'readlink',
    'access',
    'utime',
    'truncate',
    'mkfifo',
  ]),
  'glob.glob',
  'glob.iglob',
]);

// ── AIO106 blocking-input ─────────────────────────────────────────────────────
family('AIO106', 'ASYNC250', 'asyncio.to_thread(input, ...)', ['builtins.input']);

// ── AIO107 blocking-database ──────────────────────────────────────────────────
const CURSOR_METHODS = ['execute', 'executemany', 'fetchone', 'fetchmany', 'fetchall', 'callproc'];
family('AIO107', null, 'aiosqlite', [
  'sqlite3.connect',
  ...methods('sqlite3.Connection', ['execute', 'executemany', 'executescript', 'commit', 'rollback', 'backup', 'iterdump']),
  ...methods('sqlite3.Cursor', [...CURSOR_METHODS, 'executescript']),
]);
family('AIO107', null, 'asyncpg (or psycopg.AsyncConnection)', [
  'psycopg2.connect',
  ...methods('psycopg2.extensions.connection', ['commit', 'rollback']),
  ...methods('psycopg2.extensions.cursor', [...CURSOR_METHODS, 'copy_from', 'copy_to', 'copy_expert']),
]);
family('AIO107', null, 'psycopg.AsyncConnection (or asyncpg)', [
  'psycopg.connect',
  'psycopg.Connection.connect',
  ...methods('psycopg.Connection', ['execute', 'commit', 'rollback']),
  ...methods('psycopg.Cursor', [...CURSOR_METHODS, 'copy']),
]);
family('AIO107', null, 'aiomysql or asyncmy', [
  'pymysql.connect',
  'pymysql.Connect',
  'pymysql.connections.Connection',
  ...methods('pymysql.connections.Connection', ['query', 'commit', 'rollback', 'ping', 'select_db']),
  ...methods('pymysql.cursors.Cursor', CURSOR_METHODS),
  'MySQLdb.connect',
  'MySQLdb.Connect',
  ...methods('MySQLdb.connections.Connection', ['query', 'commit', 'rollback', 'ping', 'select_db']),
  ...methods('MySQLdb.cursors.Cursor', CURSOR_METHODS),
]);
family('AIO107', null, 'motor (or pymongo.AsyncMongoClient)', [
  ...methods('pymongo.MongoClient', ['list_database_names', 'server_info', 'drop_database', 'start_session']),
  ...methods('pymongo.database.Database', ['list_collection_names', 'command', 'create_collection', 'drop_collection']),
  ...methods('pymongo.collection.Collection', [
    'find_one',
    'insert_one',
    'insert_many',
    'update_one',
    'update_many',
    'replace_one',
    'delete_one',
    'delete_many',
    'count_documents',
    'estimated_document_count',
    'aggregate',
    'distinct',
    'bulk_write',
    'create_index',
    'drop',
    'find_one_and_update',
    'find_one_and_replace',
    'find_one_and_delete',
  ]),
]);

// ── AIO108 blocking-wait ──────────────────────────────────────────────────────
const ACQUIRE_FLAG = { nonBlockingWhen: { keyword: 'blocking', position: 0, value: false } } as const;
const QUEUE_GET_FLAG = { nonBlockingWhen: { keyword: 'block', position: 0, value: false } } as const;
const QUEUE_PUT_FLAG = { nonBlockingWhen: { keyword: 'block', position: 1, value: false } } as const;
const THREAD_LOCKS = ['threading.Lock', 'threading.RLock', 'threading.Semaphore', 'threading.BoundedSemaphore', 'threading.Condition'];
const THREAD_QUEUES = ['queue.Queue', 'queue.LifoQueue', 'queue.PriorityQueue', 'queue.SimpleQueue', 'multiprocessing.Queue', 'multiprocessing.JoinableQueue', 'multiprocessing.SimpleQueue'];
family('AIO108', null, 'asyncio.Lock / asyncio.Semaphore / asyncio.Condition', {
  ...Object.fromEntries(methods(THREAD_LOCKS, ['acquire']).map((n) => [n, ACQUIRE_FLAG])),
  ...Object.fromEntries(methods(['threading.Condition'], ['wait', 'wait_for']).map((n) => [n, null])),
  ...Object.fromEntries(methods(['threading.Barrier'], ['wait']).map((n) => [n, null])),
});
family('AIO108', null, 'asyncio.Event', methods('threading.Event', ['wait']));
family('AIO108', null, 'asyncio.Queue', {
  ...Object.fromEntries(methods(THREAD_QUEUES, ['get']).map((n) => [n, QUEUE_GET_FLAG])),
  ...Object.fromEntries(methods(THREAD_QUEUES, ['put']).map((n) => [n, QUEUE_PUT_FLAG])),
  ...Object.fromEntries(methods(['queue.Queue', 'queue.LifoQueue', 'queue.PriorityQueue', 'multiprocessing.JoinableQueue'], ['join']).map((n) => [n, null])),
});
family('AIO108', null, 'await asyncio.wrap_future(fut) (or loop.run_in_executor)', [
  ...methods('concurrent.futures.Future', ['result', 'exception']),
  'concurrent.futures.wait',
  'concurrent.futures.as_completed',
]);
family(
  'AIO108',
  null,
  'executor.shutdown(wait=False), or await asyncio.to_thread(executor.shutdown)',
  Object.fromEntries(
    methods(['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.ProcessPoolExecutor', 'concurrent.futures.Executor'], ['shutdown']).map((n) => [
      n,
      { nonBlockingWhen: { keyword: 'wait', position: 0, value: false } },
    ]),
  ),
);
family('AIO108', null, 'await asyncio.to_thread(thread.join) (or an asyncio.Event)', [
  ...methods(['threading.Thread', 'multiprocessing.Process'], ['join']),
]);
family('AIO108', null, 'loop.run_in_executor with the pool', [
  ...methods(['multiprocessing.pool.Pool', 'multiprocessing.pool.ThreadPool'], ['map', 'starmap', 'apply', 'join']),
  ...methods('multiprocessing.pool.AsyncResult', ['get', 'wait']),
]);
family('AIO108', null, 'asyncio streams (asyncio.open_connection) or loop.sock_* methods', [
  ...methods('socket.socket', ['recv', 'recvfrom', 'recv_into', 'recvfrom_into', 'accept', 'connect', 'sendall', 'send', 'sendto', 'sendfile']),
  'socket.create_connection',
  'select.select',
]);
family('AIO108', null, 'loop.getaddrinfo', {
  // a numeric host is parsed, never looked up
  'socket.getaddrinfo': { nonBlockingWithFlag: ['AI_NUMERICHOST'] },
  'socket.gethostbyname': null,
  'socket.gethostbyname_ex': null,
  'socket.gethostbyaddr': null,
  'socket.getfqdn': null,
});

// ── AIO109 nested-event-loop ──────────────────────────────────────────────────
family('AIO109', null, 'await the coroutine', [
  'asyncio.run',
  ...methods(['asyncio.AbstractEventLoop', 'asyncio.BaseEventLoop', 'asyncio.Runner'], ['run_until_complete', 'run_forever', 'run']),
]);

export const BLOCKING_CALLS: ReadonlyMap<string, BlockingCallInfo> = table;

/** Methods that name an event loop operation whatever the receiver (distinctive enough to match by name). */
export const EVENT_LOOP_METHODS: ReadonlySet<string> = new Set(['run_until_complete', 'run_forever']);

const FILE_TYPE_SAFE = new Set(['fileno', 'readable', 'writable', 'seekable', 'isatty', 'tell', 'detach', '__enter__', '__exit__']);
const URLLIB3_POOLS = [
  'urllib3.HTTPConnectionPool',
  'urllib3.HTTPSConnectionPool',
  'urllib3.PoolManager',
  'urllib3.ProxyManager',
  'urllib3.connectionpool.ConnectionPool',
  'urllib3.connectionpool.HTTPConnectionPool',
  'urllib3.connectionpool.HTTPSConnectionPool',
  'urllib3.poolmanager.PoolManager',
  'urllib3.poolmanager.ProxyManager',
  'urllib3.request.RequestMethods',
];
const FILE_TYPES = [
  'io.TextIOWrapper',
  'io.BufferedReader',
  'io.BufferedWriter',
  'io.BufferedRandom',
  'io.FileIO',
  'io.IOBase',
  'io.RawIOBase',
  'io.BufferedIOBase',
  'io.TextIOBase',
  '_io.TextIOWrapper',
  'typing.IO',
  'typing.TextIO',
  'typing.BinaryIO',
  'codecs.StreamReaderWriter',
  'gzip.GzipFile',
  'bz2.BZ2File',
  'lzma.LZMAFile',
  'tempfile._TemporaryFileWrapper',
];
const REDIS_TYPES = ['redis.Redis', 'redis.StrictRedis', 'redis.client.Redis', 'redis.client.StrictRedis', 'redis.client.Pipeline', 'redis.client.PubSub'];
const REDIS_SAFE = new Set(['pipeline', 'pubsub', 'lock', 'register_script', 'get_connection_kwargs', 'get_encoder', 'set_response_callback', 'client', 'monitor']);

const types = new Map<string, BlockingTypeInfo>();
for (const t of URLLIB3_POOLS) types.set(t, { code: 'AIO102', peer: 'ASYNC212', replacement: 'aiohttp.ClientSession or httpx.AsyncClient', except: new Set() });
for (const t of FILE_TYPES) types.set(t, { code: 'AIO104', peer: 'ASYNC232', replacement: FILE_REPLACEMENT, except: FILE_TYPE_SAFE });
for (const t of REDIS_TYPES) types.set(t, { code: 'AIO107', peer: null, replacement: 'redis.asyncio', except: REDIS_SAFE });

export const BLOCKING_TYPES: ReadonlyMap<string, BlockingTypeInfo> = types;

/**
 * Functions whose argument is made async by the call: `trio.wrap_file(open(p))` opens the file
 * (a quick syscall) and hands every later I/O to a thread. Calls passed directly are not flagged.
 */
export const ASYNC_WRAPPERS: ReadonlySet<string> = new Set(['trio.wrap_file', 'anyio.wrap_file']);

/** urllib3 `request(method, url)`: only a literal HTTP method makes it a request (flake8-async's ASYNC211). */
export const URLLIB3_REQUEST_METHODS: ReadonlySet<string> = new Set(['request', 'urlopen', 'request_encode_url', 'request_encode_body']);
export const HTTP_METHODS: ReadonlySet<string> = new Set(['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT', 'PATCH']);
