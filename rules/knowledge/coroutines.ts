/**
 * Knowledge base: what library callables return when called, as far as the
 * coroutine rules (AIO2xx, AIO3xx, AIO4xx) care — coroutines that must be awaited,
 * async context managers, async iterables, and the types of results so that
 * receivers can be followed (`reader, writer = await asyncio.open_connection()`
 * makes `writer.drain()` a coroutine call).
 *
 * Functions and classes are keyed by qualified name; methods live under the
 * qualified name of their receiver's class. The data is reviewed like code: every
 * family has a test in test/rules/knowledge-coroutines.test.ts.
 *
 * Users extend it with `coroutine-functions` (see `withConfiguredCoroutines`).
 */

/** What a call produces. Type names are qualified class names of `LIBRARY_CLASSES`. */
export interface CallableInfo {
  /**
   * 'coroutine': the call returns a coroutine (or a coroutine-like awaitable such as
   * aiohttp's request context manager) that does nothing until awaited;
   * 'future': returns an already-scheduled Future/Task (awaiting it is optional).
   */
  readonly awaitable?: 'coroutine' | 'future';
  /** class of the plain call result: `asyncio.Lock()` → 'asyncio.Lock' */
  readonly returns?: string;
  /** class of `await call()`; an array when the result is a tuple */
  readonly awaitReturns?: string | readonly string[];
  /** the call result is an async context manager; the string is the type bound by `as` */
  readonly asyncContext?: string | true;
  /** the call result is a plain (sync) context manager */
  readonly syncContext?: string | true;
  /** the call result is an async iterable (`async for`) */
  readonly asyncIterable?: boolean;
  /** the call result is only a sync iterable (`for`) */
  readonly syncIterable?: boolean;
  /** the callable is synchronous and returns nothing awaitable (AIO205) */
  readonly sync?: boolean;
}

export interface ClassInfo {
  /** instances support `async with` (and not plain `with`): the type bound by `as`, or true for the instance itself */
  readonly asyncContext?: string | true;
  /** instances support plain `with` only */
  readonly syncContext?: string | true;
  /** instances support `async for` */
  readonly asyncIterable?: boolean;
  /** instances support plain `for` only */
  readonly syncIterable?: boolean;
  /** methods by name */
  readonly methods?: Readonly<Record<string, CallableInfo>>;
  /** attributes whose type is known: `response.content` → 'aiohttp.StreamReader' */
  readonly attributes?: Readonly<Record<string, string>>;
  /** qualified names of base classes whose methods are inherited */
  readonly bases?: readonly string[];
}

const C: CallableInfo = { awaitable: 'coroutine' };
const coroutines = (...names: string[]): Record<string, CallableInfo> => Object.fromEntries(names.map((n) => [n, C]));
const coroutineReturning = (type: string | readonly string[]): CallableInfo => ({ awaitable: 'coroutine', awaitReturns: type });
/** `await f()` works and so does `async with f() as x` (aiohttp requests, aiofiles.open, websockets.connect …) */
const awaitableContext = (type: string): CallableInfo => ({ awaitable: 'coroutine', awaitReturns: type, asyncContext: type });
const instance = (type: string): CallableInfo => ({ returns: type });

/** Library functions (and class constructors) by qualified name. */
export const LIBRARY_FUNCTIONS: Readonly<Record<string, CallableInfo>> = {
  // ── asyncio: coroutine functions ──────────────────────────────────────────
  ...coroutines(
    'asyncio.sleep',
    'asyncio.wait',
    'asyncio.wait_for',
    'asyncio.to_thread',
    'asyncio.staggered.staggered_race',
    'asyncio.tasks.sleep',
    'asyncio.tasks.wait',
    'asyncio.tasks.wait_for',
  ),
  'asyncio.open_connection': coroutineReturning(['asyncio.StreamReader', 'asyncio.StreamWriter']),
  'asyncio.open_unix_connection': coroutineReturning(['asyncio.StreamReader', 'asyncio.StreamWriter']),
  'asyncio.streams.open_connection': coroutineReturning(['asyncio.StreamReader', 'asyncio.StreamWriter']),
  'asyncio.start_server': coroutineReturning('asyncio.Server'),
  'asyncio.start_unix_server': coroutineReturning('asyncio.Server'),
  'asyncio.create_subprocess_exec': coroutineReturning('asyncio.subprocess.Process'),
  'asyncio.create_subprocess_shell': coroutineReturning('asyncio.subprocess.Process'),
  'asyncio.subprocess.create_subprocess_exec': coroutineReturning('asyncio.subprocess.Process'),
  'asyncio.subprocess.create_subprocess_shell': coroutineReturning('asyncio.subprocess.Process'),
  // scheduled futures: awaiting is optional, discarding a task is AIO210's business
  'asyncio.gather': { awaitable: 'future' },
  'asyncio.shield': { awaitable: 'future' },
  'asyncio.ensure_future': { awaitable: 'future', returns: 'asyncio.Task' },
  'asyncio.create_task': { awaitable: 'future', returns: 'asyncio.Task' },
  'asyncio.Task': { awaitable: 'future', returns: 'asyncio.Task' },
  'asyncio.run_coroutine_threadsafe': { returns: 'concurrent.futures.Future' },
  // a plain iterator of awaitables, and also an async iterator since 3.13: either loop works;
  // `next()` on it gives a coroutine to await
  'asyncio.as_completed': { returns: 'asyncio.as_completed.<iterator>' },
  // ── asyncio: constructors and context managers ───────────────────────────
  'asyncio.Lock': instance('asyncio.Lock'),
  'asyncio.Semaphore': instance('asyncio.Semaphore'),
  'asyncio.BoundedSemaphore': instance('asyncio.BoundedSemaphore'),
  'asyncio.Condition': instance('asyncio.Condition'),
  'asyncio.Event': instance('asyncio.Event'),
  'asyncio.Barrier': instance('asyncio.Barrier'),
  'asyncio.Queue': instance('asyncio.Queue'),
  'asyncio.PriorityQueue': instance('asyncio.Queue'),
  'asyncio.LifoQueue': instance('asyncio.Queue'),
  'asyncio.StreamReader': instance('asyncio.StreamReader'),
  'asyncio.TaskGroup': instance('asyncio.TaskGroup'),
  'asyncio.Runner': instance('asyncio.Runner'),
  'asyncio.timeout': { asyncContext: true },
  'asyncio.timeout_at': { asyncContext: true },
  'asyncio.timeouts.timeout': { asyncContext: true },
  'asyncio.get_event_loop': instance('asyncio.AbstractEventLoop'),
  'asyncio.get_running_loop': instance('asyncio.AbstractEventLoop'),
  'asyncio.new_event_loop': instance('asyncio.AbstractEventLoop'),
  'asyncio.events.get_event_loop': instance('asyncio.AbstractEventLoop'),
  'asyncio.events.get_running_loop': instance('asyncio.AbstractEventLoop'),
  'asyncio.current_task': instance('asyncio.Task'),
  'contextlib.AsyncExitStack': instance('contextlib.AsyncExitStack'),
  'contextlib.ExitStack': instance('contextlib.ExitStack'),
  'contextlib.aclosing': { asyncContext: true },
  'contextlib.closing': { syncContext: true },
  'contextlib.suppress': { syncContext: true },
  'contextlib.nullcontext': {}, // both kinds since 3.10
  // ── sync context managers (for `async with` misuse) ──────────────────────
  'open': { syncContext: true, syncIterable: true, sync: true },
  'io.open': { syncContext: true, syncIterable: true, sync: true },
  'codecs.open': { syncContext: true, sync: true },
  'tempfile.TemporaryDirectory': { syncContext: true },
  'tempfile.NamedTemporaryFile': { syncContext: true },
  'tempfile.TemporaryFile': { syncContext: true },
  'threading.Lock': instance('threading.Lock'),
  'threading.RLock': instance('threading.Lock'),
  'threading.Semaphore': instance('threading.Lock'),
  'threading.BoundedSemaphore': instance('threading.Lock'),
  'threading.Condition': instance('threading.Lock'),
  'multiprocessing.Lock': instance('threading.Lock'),
  'concurrent.futures.ThreadPoolExecutor': { syncContext: true },
  'concurrent.futures.ProcessPoolExecutor': { syncContext: true },
  'sqlite3.connect': { syncContext: true, sync: true },
  'socket.socket': { syncContext: true },
  'subprocess.Popen': { syncContext: true },
  'zipfile.ZipFile': { syncContext: true },
  'tarfile.open': { syncContext: true, sync: true },
  'requests.Session': { syncContext: true },
  'httpx.Client': { syncContext: true },
  // ── sync iterables (for `async for` misuse) ──────────────────────────────
  'range': { syncIterable: true },
  'enumerate': { syncIterable: true },
  'zip': { syncIterable: true },
  'reversed': { syncIterable: true },
  'sorted': { syncIterable: true, sync: true },
  'os.listdir': { syncIterable: true, sync: true },
  'os.scandir': { syncIterable: true, syncContext: true, sync: true },
  'os.walk': { syncIterable: true, sync: true },
  'glob.glob': { syncIterable: true, sync: true },
  'glob.iglob': { syncIterable: true, sync: true },
  'itertools.count': { syncIterable: true },
  'itertools.chain': { syncIterable: true },
  'itertools.batched': { syncIterable: true },
  // ── well-known synchronous callables (awaiting their result is a TypeError) ──
  'time.sleep': { sync: true },
  'print': { sync: true },
  'input': { sync: true },
  'len': { sync: true },
  'str': { sync: true },
  'int': { sync: true },
  'repr': { sync: true },
  'json.dumps': { sync: true },
  'json.loads': { sync: true },
  'json.dump': { sync: true },
  'json.load': { sync: true },
  'os.system': { sync: true },
  'os.remove': { sync: true },
  'os.path.exists': { sync: true },
  'shutil.copy': { sync: true },
  'shutil.rmtree': { sync: true },
  'subprocess.run': { sync: true },
  'subprocess.call': { sync: true },
  'subprocess.check_call': { sync: true },
  'subprocess.check_output': { sync: true },
  'requests.get': { sync: true },
  'requests.post': { sync: true },
  'requests.put': { sync: true },
  'requests.patch': { sync: true },
  'requests.delete': { sync: true },
  'requests.head': { sync: true },
  'requests.request': { sync: true },
  'urllib.request.urlopen': { sync: true, syncContext: true },
  'httpx.get': { sync: true },
  'httpx.post': { sync: true },
  'httpx.put': { sync: true },
  'httpx.delete': { sync: true },
  'httpx.request': { sync: true },
  // ── aiohttp ──────────────────────────────────────────────────────────────
  'aiohttp.ClientSession': instance('aiohttp.ClientSession'),
  'aiohttp.client.ClientSession': instance('aiohttp.ClientSession'),
  'aiohttp.request': awaitableContext('aiohttp.ClientResponse'),
  'aiohttp.TCPConnector': instance('aiohttp.TCPConnector'),
  'aiohttp.web.run_app': { sync: true },
  'aiohttp.web._run_app': C,
  // ── asyncpg ──────────────────────────────────────────────────────────────
  'asyncpg.connect': coroutineReturning('asyncpg.Connection'),
  'asyncpg.create_pool': { awaitable: 'coroutine', awaitReturns: 'asyncpg.Pool', asyncContext: 'asyncpg.Pool' },
  // ── aiofiles ─────────────────────────────────────────────────────────────
  'aiofiles.open': awaitableContext('aiofiles.AsyncFile'),
  'aiofiles.tempfile.NamedTemporaryFile': awaitableContext('aiofiles.AsyncFile'),
  'aiofiles.tempfile.TemporaryFile': awaitableContext('aiofiles.AsyncFile'),
  'aiofiles.tempfile.TemporaryDirectory': { awaitable: 'coroutine', asyncContext: true },
  ...coroutines(
    'aiofiles.os.stat',
    'aiofiles.os.remove',
    'aiofiles.os.unlink',
    'aiofiles.os.rename',
    'aiofiles.os.renames',
    'aiofiles.os.replace',
    'aiofiles.os.mkdir',
    'aiofiles.os.makedirs',
    'aiofiles.os.rmdir',
    'aiofiles.os.removedirs',
    'aiofiles.os.listdir',
    'aiofiles.os.scandir',
    'aiofiles.os.sendfile',
    'aiofiles.os.link',
    'aiofiles.os.symlink',
    'aiofiles.os.readlink',
    'aiofiles.os.access',
    'aiofiles.os.getcwd',
    'aiofiles.os.path.exists',
    'aiofiles.os.path.isfile',
    'aiofiles.os.path.isdir',
    'aiofiles.os.path.islink',
    'aiofiles.os.path.ismount',
    'aiofiles.os.path.getsize',
    'aiofiles.os.path.getmtime',
    'aiofiles.os.path.getatime',
    'aiofiles.os.path.getctime',
    'aiofiles.os.path.samefile',
    'aiofiles.os.path.sameopenfile',
    'aiofiles.os.path.abspath',
  ),
  // ── httpx ────────────────────────────────────────────────────────────────
  'httpx.AsyncClient': instance('httpx.AsyncClient'),
  // ── redis.asyncio ────────────────────────────────────────────────────────
  'redis.asyncio.Redis': instance('redis.asyncio.Redis'),
  'redis.asyncio.StrictRedis': instance('redis.asyncio.Redis'),
  'redis.asyncio.from_url': instance('redis.asyncio.Redis'),
  'redis.asyncio.Redis.from_url': instance('redis.asyncio.Redis'),
  'redis.asyncio.client.Redis': instance('redis.asyncio.Redis'),
  // ── motor ────────────────────────────────────────────────────────────────
  'motor.motor_asyncio.AsyncIOMotorClient': instance('motor.motor_asyncio.AsyncIOMotorClient'),
  // ── aiosqlite ────────────────────────────────────────────────────────────
  'aiosqlite.connect': awaitableContext('aiosqlite.Connection'),
  // ── websockets ───────────────────────────────────────────────────────────
  'websockets.connect': { awaitable: 'coroutine', awaitReturns: 'websockets.ClientConnection', asyncContext: 'websockets.ClientConnection', asyncIterable: true },
  'websockets.client.connect': awaitableContext('websockets.ClientConnection'),
  'websockets.asyncio.client.connect': awaitableContext('websockets.ClientConnection'),
  'websockets.serve': awaitableContext('websockets.Server'),
  'websockets.server.serve': awaitableContext('websockets.Server'),
  'websockets.asyncio.server.serve': awaitableContext('websockets.Server'),
  'websockets.unix_connect': awaitableContext('websockets.ClientConnection'),
  'websockets.unix_serve': awaitableContext('websockets.Server'),
  // ── anyio ────────────────────────────────────────────────────────────────
  ...coroutines(
    'anyio.sleep',
    'anyio.sleep_forever',
    'anyio.sleep_until',
    'anyio.wait_all_tasks_blocked',
    'anyio.to_thread.run_sync',
    'anyio.to_process.run_sync',
    'anyio.run_process',
    'anyio.getaddrinfo',
    'anyio.getnameinfo',
    'anyio.wait_socket_readable',
    'anyio.wait_socket_writable',
    'anyio.wait_readable',
    'anyio.wait_writable',
    'anyio.lowlevel.checkpoint',
    'anyio.lowlevel.checkpoint_if_cancelled',
    'anyio.lowlevel.cancel_shielded_checkpoint',
  ),
  'anyio.open_file': coroutineReturning('anyio.AsyncFile'),
  'anyio.connect_tcp': coroutineReturning('anyio.abc.SocketStream'),
  'anyio.connect_unix': coroutineReturning('anyio.abc.SocketStream'),
  'anyio.create_tcp_listener': coroutineReturning('anyio.abc.SocketListener'),
  'anyio.create_unix_listener': coroutineReturning('anyio.abc.SocketListener'),
  'anyio.create_udp_socket': coroutineReturning('anyio.abc.SocketStream'),
  'anyio.open_process': coroutineReturning('anyio.abc.Process'),
  'anyio.create_task_group': { asyncContext: 'anyio.abc.TaskGroup' },
  'anyio.fail_after': { syncContext: true },
  'anyio.move_on_after': { syncContext: true },
  'anyio.CancelScope': { syncContext: true },
  'anyio.Lock': instance('anyio.Lock'),
  'anyio.Semaphore': instance('anyio.Semaphore'),
  'anyio.CapacityLimiter': instance('anyio.Semaphore'),
  'anyio.Event': instance('anyio.Event'),
  'anyio.Condition': instance('anyio.Lock'),
  'anyio.Path': instance('anyio.Path'),
};

/** receiver classes and their methods */
export const LIBRARY_CLASSES: Readonly<Record<string, ClassInfo>> = {
  // ── asyncio ──────────────────────────────────────────────────────────────
  'asyncio.Lock': { asyncContext: true, methods: coroutines('acquire') },
  'asyncio.Semaphore': { asyncContext: true, methods: coroutines('acquire') },
  'asyncio.BoundedSemaphore': { asyncContext: true, methods: coroutines('acquire') },
  'asyncio.Condition': { asyncContext: true, methods: coroutines('acquire', 'wait', 'wait_for') },
  'asyncio.Event': { methods: coroutines('wait') },
  'asyncio.Barrier': { asyncContext: true, methods: coroutines('wait', 'reset', 'abort') },
  'asyncio.Queue': { methods: coroutines('get', 'put', 'join') },
  'asyncio.TaskGroup': { asyncContext: true, methods: { create_task: { awaitable: 'future', returns: 'asyncio.Task' } } },
  'asyncio.Runner': { syncContext: true },
  'asyncio.as_completed.<iterator>': { methods: { __next__: C } },
  'asyncio.Task': { methods: { cancel: { sync: true }, done: { sync: true }, result: { sync: true } } },
  'asyncio.StreamReader': {
    asyncIterable: true,
    methods: coroutines('read', 'readline', 'readexactly', 'readuntil'),
  },
  'asyncio.StreamWriter': {
    methods: {
      ...coroutines('drain', 'wait_closed', 'start_tls'),
      write: { sync: true },
      writelines: { sync: true },
      close: { sync: true },
    },
  },
  'asyncio.Server': { asyncContext: true, methods: coroutines('serve_forever', 'wait_closed', 'start_serving') },
  'asyncio.subprocess.Process': {
    methods: { ...coroutines('wait', 'communicate'), kill: { sync: true }, terminate: { sync: true } },
    attributes: { stdout: 'asyncio.StreamReader', stderr: 'asyncio.StreamReader', stdin: 'asyncio.StreamWriter' },
  },
  'asyncio.AbstractEventLoop': {
    methods: {
      ...coroutines(
        'sock_recv',
        'sock_recv_into',
        'sock_sendall',
        'sock_connect',
        'sock_accept',
        'sock_sendfile',
        'getaddrinfo',
        'getnameinfo',
        'create_connection',
        'create_server',
        'create_unix_connection',
        'create_unix_server',
        'create_datagram_endpoint',
        'connect_read_pipe',
        'connect_write_pipe',
        'subprocess_exec',
        'subprocess_shell',
        'shutdown_asyncgens',
        'shutdown_default_executor',
        'start_tls',
        'sendfile',
      ),
      create_task: { awaitable: 'future', returns: 'asyncio.Task' },
      run_in_executor: { awaitable: 'future' },
      create_future: { returns: 'asyncio.Future' },
      call_soon: { sync: true },
      call_later: { sync: true },
      call_at: { sync: true },
      call_soon_threadsafe: { sync: true },
      run_until_complete: { sync: true },
      run_forever: { sync: true },
      close: { sync: true },
      stop: { sync: true },
      time: { sync: true },
    },
  },
  'contextlib.AsyncExitStack': {
    asyncContext: true,
    methods: { ...coroutines('enter_async_context', 'aclose'), enter_context: { sync: true }, callback: { sync: true } },
  },
  'contextlib.ExitStack': { syncContext: true },
  'threading.Lock': { syncContext: true, methods: { acquire: { sync: true }, release: { sync: true } } },
  // ── aiohttp ──────────────────────────────────────────────────────────────
  'aiohttp.ClientSession': {
    asyncContext: true,
    methods: {
      get: awaitableContext('aiohttp.ClientResponse'),
      post: awaitableContext('aiohttp.ClientResponse'),
      put: awaitableContext('aiohttp.ClientResponse'),
      patch: awaitableContext('aiohttp.ClientResponse'),
      delete: awaitableContext('aiohttp.ClientResponse'),
      head: awaitableContext('aiohttp.ClientResponse'),
      options: awaitableContext('aiohttp.ClientResponse'),
      request: awaitableContext('aiohttp.ClientResponse'),
      ws_connect: awaitableContext('aiohttp.ClientWebSocketResponse'),
      close: C,
    },
  },
  'aiohttp.ClientResponse': {
    asyncContext: true,
    methods: { ...coroutines('text', 'json', 'read', 'wait_for_close'), release: { sync: true }, raise_for_status: { sync: true } },
    attributes: { content: 'aiohttp.StreamReader' },
  },
  'aiohttp.StreamReader': {
    asyncIterable: true,
    methods: coroutines('read', 'readline', 'readany', 'readexactly', 'readchunk'),
  },
  'aiohttp.ClientWebSocketResponse': {
    asyncIterable: true,
    asyncContext: true,
    methods: coroutines('send_str', 'send_bytes', 'send_json', 'receive', 'receive_str', 'receive_bytes', 'receive_json', 'close', 'ping', 'pong'),
  },
  'aiohttp.TCPConnector': { methods: coroutines('close') },
  // ── asyncpg ──────────────────────────────────────────────────────────────
  'asyncpg.Connection': {
    methods: {
      ...coroutines('execute', 'executemany', 'fetch', 'fetchrow', 'fetchval', 'fetchmany', 'copy_from_table', 'copy_to_table', 'copy_records_to_table', 'set_type_codec', 'close', 'reload_schema_state', 'reset'),
      prepare: coroutineReturning('asyncpg.PreparedStatement'),
      transaction: { asyncContext: true },
      cursor: { asyncIterable: true, awaitable: 'coroutine' },
    },
  },
  'asyncpg.Pool': {
    asyncContext: 'asyncpg.Pool',
    methods: {
      ...coroutines('execute', 'executemany', 'fetch', 'fetchrow', 'fetchval', 'close', 'release', 'expire_connections'),
      acquire: awaitableContext('asyncpg.Connection'),
    },
  },
  'asyncpg.PreparedStatement': { methods: coroutines('fetch', 'fetchrow', 'fetchval', 'executemany') },
  // ── aiofiles ─────────────────────────────────────────────────────────────
  'aiofiles.AsyncFile': {
    asyncIterable: true,
    asyncContext: true,
    methods: coroutines('read', 'readline', 'readlines', 'write', 'writelines', 'flush', 'close', 'seek', 'tell', 'truncate'),
  },
  // ── httpx ────────────────────────────────────────────────────────────────
  'httpx.AsyncClient': {
    asyncContext: true,
    methods: {
      ...Object.fromEntries(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send'].map((m) => [m, coroutineReturning('httpx.Response')])),
      aclose: C,
      stream: { asyncContext: 'httpx.Response' },
    },
  },
  'httpx.Response': {
    methods: {
      ...coroutines('aread', 'aclose'),
      aiter_bytes: { asyncIterable: true },
      aiter_text: { asyncIterable: true },
      aiter_lines: { asyncIterable: true },
      aiter_raw: { asyncIterable: true },
      iter_bytes: { syncIterable: true },
      iter_lines: { syncIterable: true },
      json: { sync: true },
      raise_for_status: { sync: true },
    },
  },
  // ── redis.asyncio ────────────────────────────────────────────────────────
  'redis.asyncio.Redis': {
    asyncContext: true,
    methods: {
      ...coroutines(
        'get', 'set', 'delete', 'exists', 'expire', 'incr', 'decr', 'incrby', 'mget', 'mset', 'getset', 'setex', 'setnx',
        'hget', 'hset', 'hgetall', 'hdel', 'hmget', 'hincrby', 'hkeys', 'hvals', 'hexists',
        'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen', 'blpop', 'brpop',
        'sadd', 'srem', 'smembers', 'sismember', 'scard', 'zadd', 'zrange', 'zrem', 'zscore', 'zrangebyscore',
        'publish', 'keys', 'ttl', 'ping', 'flushdb', 'flushall', 'aclose', 'close', 'execute_command', 'xadd', 'xread',
      ),
      pipeline: { returns: 'redis.asyncio.Pipeline', asyncContext: 'redis.asyncio.Pipeline' },
      pubsub: { returns: 'redis.asyncio.PubSub' },
      lock: { asyncContext: true },
      scan_iter: { asyncIterable: true },
      hscan_iter: { asyncIterable: true },
    },
  },
  'redis.asyncio.Pipeline': { asyncContext: true, methods: coroutines('execute', 'reset') },
  'redis.asyncio.PubSub': { methods: coroutines('subscribe', 'unsubscribe', 'psubscribe', 'get_message', 'aclose'), attributes: {} },
  // ── motor ────────────────────────────────────────────────────────────────
  'motor.motor_asyncio.AsyncIOMotorClient': { methods: coroutines('list_database_names', 'server_info', 'drop_database', 'start_session') },
  'motor.motor_asyncio.AsyncIOMotorDatabase': { methods: coroutines('list_collection_names', 'command', 'create_collection', 'drop_collection') },
  'motor.motor_asyncio.AsyncIOMotorCollection': {
    methods: {
      ...coroutines(
        'find_one', 'insert_one', 'insert_many', 'update_one', 'update_many', 'replace_one', 'delete_one', 'delete_many',
        'count_documents', 'estimated_document_count', 'distinct', 'create_index', 'drop_index', 'drop', 'find_one_and_update',
        'find_one_and_delete', 'find_one_and_replace', 'bulk_write',
      ),
      find: { returns: 'motor.motor_asyncio.AsyncIOMotorCursor', asyncIterable: true },
      aggregate: { returns: 'motor.motor_asyncio.AsyncIOMotorCursor', asyncIterable: true },
    },
  },
  'motor.motor_asyncio.AsyncIOMotorCursor': { asyncIterable: true, methods: coroutines('to_list', 'next') },
  // ── aiosqlite ────────────────────────────────────────────────────────────
  'aiosqlite.Connection': {
    asyncContext: true,
    methods: {
      ...coroutines('commit', 'rollback', 'close', 'executemany', 'executescript', 'execute_fetchall', 'create_function', 'backup'),
      execute: awaitableContext('aiosqlite.Cursor'),
      cursor: awaitableContext('aiosqlite.Cursor'),
    },
  },
  'aiosqlite.Cursor': { asyncIterable: true, asyncContext: true, methods: coroutines('execute', 'executemany', 'fetchone', 'fetchall', 'fetchmany', 'close') },
  // ── websockets ───────────────────────────────────────────────────────────
  'websockets.ClientConnection': {
    asyncIterable: true,
    asyncContext: true,
    methods: { ...coroutines('send', 'recv', 'close', 'ping', 'pong', 'wait_closed'), recv_streaming: { asyncIterable: true } },
  },
  'websockets.ServerConnection': {
    asyncIterable: true,
    methods: { ...coroutines('send', 'recv', 'close', 'ping', 'pong', 'wait_closed'), recv_streaming: { asyncIterable: true } },
  },
  'websockets.Server': { asyncContext: true, methods: coroutines('serve_forever', 'wait_closed', 'start_serving') },
  // ── anyio ────────────────────────────────────────────────────────────────
  'anyio.abc.TaskGroup': { methods: { start: C, start_soon: { sync: true } } },
  'anyio.Lock': { asyncContext: true, methods: coroutines('acquire') },
  'anyio.Semaphore': { asyncContext: true, methods: coroutines('acquire') },
  'anyio.Event': { methods: coroutines('wait') },
  'anyio.AsyncFile': { asyncIterable: true, asyncContext: true, methods: coroutines('read', 'readline', 'readlines', 'write', 'writelines', 'flush', 'aclose', 'seek', 'tell') },
  'anyio.abc.SocketStream': { asyncContext: true, methods: coroutines('send', 'receive', 'aclose', 'send_eof') },
  'anyio.abc.SocketListener': { asyncContext: true, methods: coroutines('serve', 'accept', 'aclose') },
  'anyio.abc.Process': { asyncContext: true, methods: coroutines('wait', 'aclose') },
  'anyio.Path': {
    methods: coroutines('read_text', 'read_bytes', 'write_text', 'write_bytes', 'exists', 'is_file', 'is_dir', 'mkdir', 'unlink', 'rmdir', 'stat', 'touch', 'resolve', 'rename', 'replace'),
  },
};

/** Names of semaphore-like classes: `async with sem:` on one of these bounds concurrency (AIO3xx). */
export const SEMAPHORE_CLASSES: ReadonlySet<string> = new Set(['asyncio.Semaphore', 'asyncio.BoundedSemaphore', 'anyio.Semaphore', 'anyio.CapacityLimiter']);

/** Callables that schedule a coroutine as a task (AIO210, AIO302). */
export const TASK_SPAWNERS: ReadonlySet<string> = new Set([
  'asyncio.create_task',
  'asyncio.ensure_future',
  'asyncio.tasks.create_task',
  'asyncio.tasks.ensure_future',
  'asyncio.Task', // the constructor schedules the coroutine too
]);

/** The exceptions a cancelled asyncio task raises (AIO403). */
export const CANCELLED_ERRORS: ReadonlySet<string> = new Set([
  'asyncio.CancelledError',
  'asyncio.exceptions.CancelledError',
  'asyncio.futures.CancelledError',
  'concurrent.futures.CancelledError',
]);

/** Sleep functions a polling loop waits on (AIO404). */
export const SLEEP_FUNCTIONS: ReadonlySet<string> = new Set(['asyncio.sleep', 'asyncio.tasks.sleep', 'anyio.sleep', 'anyio.sleep_until']);

/**
 * Decorators known to keep an `async def` a coroutine function (they return the
 * function itself, or an async wrapper). Any other decorator makes the result unknown.
 */
export const ASYNC_PRESERVING_DECORATORS: ReadonlySet<string> = new Set([
  'staticmethod',
  'classmethod',
  'abc.abstractmethod',
  'typing.overload',
  'typing.final',
  'typing_extensions.final',
  'typing_extensions.override',
  'typing.override',
  'typing.no_type_check',
  'functools.singledispatch', // dispatches to the registered async implementation
  'pytest.mark.asyncio',
  'pytest_asyncio.fixture',
]);

/** Decorators known to turn a function into an async context manager factory / a sync one (AIO206). */
export const ASYNC_CONTEXT_DECORATORS: ReadonlySet<string> = new Set(['contextlib.asynccontextmanager']);
export const SYNC_CONTEXT_DECORATORS: ReadonlySet<string> = new Set(['contextlib.contextmanager']);

/** Functions handed a coroutine that they cannot await (AIO204): builtins and formatting. */
export const SYNC_CONSUMERS: ReadonlySet<string> = new Set([
  'print', 'str', 'repr', 'len', 'bool', 'int', 'float', 'list', 'tuple', 'dict', 'set', 'sorted', 'sum', 'min', 'max', 'any', 'all',
  'format', 'hash', 'json.dumps', 'json.dump', 'pprint.pprint', 'pprint.pformat',
  'logging.debug', 'logging.info', 'logging.warning', 'logging.error', 'logging.exception', 'logging.critical', 'logging.log',
]);

/** Method names of `logging.Logger` (AIO204: `logger.info(fetch())`). */
export const LOGGER_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** Looks a callable up, with the user's extra coroutine functions from the configuration. */
export function libraryFunction(qualifiedName: string, configured: readonly string[] = []): CallableInfo | undefined {
  const known = Object.hasOwn(LIBRARY_FUNCTIONS, qualifiedName) ? LIBRARY_FUNCTIONS[qualifiedName] : undefined;
  if (known) return known;
  if (configured.includes(qualifiedName)) return C;
  return undefined;
}

/** A library class by qualified name (own entries only: 'constructor' is not a class). */
export function libraryClass(qualifiedName: string): ClassInfo | undefined {
  return Object.hasOwn(LIBRARY_CLASSES, qualifiedName) ? LIBRARY_CLASSES[qualifiedName] : undefined;
}

/** A method of a library class (following the class's declared bases), or undefined. */
export function libraryMethod(classQualifiedName: string, method: string, configured: readonly string[] = []): CallableInfo | undefined {
  const seen = new Set<string>();
  const queue = [classQualifiedName];
  while (queue.length > 0) {
    const name = queue.shift();
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const cls = libraryClass(name);
    const info = cls?.methods && Object.hasOwn(cls.methods, method) ? cls.methods[method] : undefined;
    if (info) return info;
    if (cls?.bases) queue.push(...cls.bases);
  }
  if (configured.includes(`${classQualifiedName}.${method}`)) return C;
  return undefined;
}
