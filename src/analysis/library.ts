/**
 * What the semantic model knows about libraries, as data: builtin names, module
 * names common enough to be recognised when a file uses them without importing
 * them, and the types some factories return (so receivers can be typed:
 * `conn = sqlite3.connect(p)` → `sqlite3.Connection`).
 */

/** Names of Python's builtins that resolve to `builtins.<name>` when not bound in the file. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float',
  'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance',
  'issubclass', 'iter', 'len', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord',
  'pow', 'print', 'property', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod',
  'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip', '__import__',
]);

/**
 * Module names treated as the module when a file uses them without binding them
 * (rules.md: "a name never bound in the file that equals a well-known module name").
 */
export const WELL_KNOWN_MODULES: ReadonlySet<string> = new Set([
  'asyncio', 'bz2', 'codecs', 'concurrent', 'contextlib', 'functools', 'glob', 'gzip', 'http', 'io', 'json', 'logging',
  'lzma', 'multiprocessing', 'os', 'pathlib', 'queue', 'select', 'selectors', 'shutil', 'signal', 'socket', 'sqlite3',
  'subprocess', 'sys', 'tempfile', 'threading', 'time', 'typing', 'urllib', 'aiofiles', 'aiohttp', 'anyio', 'httpx',
  'httpx2', 'MySQLdb', 'psycopg', 'psycopg2', 'pymongo', 'pymysql', 'redis', 'requests', 'trio', 'urllib3',
]);

/**
 * Other unbound names with an unambiguous meaning (flake8-async's corpus uses them unimported):
 * name → qualified name.
 */
export const UNBOUND_NAME_MEANINGS: ReadonlyMap<string, string> = new Map([
  ['urlopen', 'urllib.request.urlopen'],
  ['request', 'urllib.request'],
  ['Optional', 'typing.Optional'],
  ['Union', 'typing.Union'],
  ['TYPE_CHECKING', 'typing.TYPE_CHECKING'],
]);

/** Factories (and methods of typed receivers) → the qualified type of what they return. */
export const RETURN_TYPES: ReadonlyMap<string, string> = new Map([
  ['builtins.open', 'io.TextIOWrapper'],
  ['io.open', 'io.TextIOWrapper'],
  ['io.open_code', 'io.BufferedReader'],
  ['codecs.open', 'codecs.StreamReaderWriter'],
  ['os.fdopen', 'io.TextIOWrapper'],
  ['gzip.open', 'gzip.GzipFile'],
  ['bz2.open', 'bz2.BZ2File'],
  ['lzma.open', 'lzma.LZMAFile'],
  ['tempfile.TemporaryFile', 'tempfile._TemporaryFileWrapper'],
  ['tempfile.NamedTemporaryFile', 'tempfile._TemporaryFileWrapper'],
  ['pathlib.Path.open', 'io.TextIOWrapper'],
  ['pathlib.Path.home', 'pathlib.Path'],
  ['pathlib.Path.cwd', 'pathlib.Path'],
  ['pathlib.Path.resolve', 'pathlib.Path'],
  ['pathlib.Path.absolute', 'pathlib.Path'],
  ['pathlib.Path.with_name', 'pathlib.Path'],
  ['pathlib.Path.with_suffix', 'pathlib.Path'],
  ['pathlib.Path.joinpath', 'pathlib.Path'],
  ['pathlib.Path.expanduser', 'pathlib.Path'],
  ['socket.socket', 'socket.socket'],
  ['socket.create_connection', 'socket.socket'],
  ['socket.create_server', 'socket.socket'],
  ['socket.fromfd', 'socket.socket'],
  ['sqlite3.connect', 'sqlite3.Connection'],
  ['sqlite3.Connection.cursor', 'sqlite3.Cursor'],
  ['sqlite3.Connection.execute', 'sqlite3.Cursor'],
  ['psycopg2.connect', 'psycopg2.extensions.connection'],
  ['psycopg2.extensions.connection.cursor', 'psycopg2.extensions.cursor'],
  ['psycopg.connect', 'psycopg.Connection'],
  ['psycopg.Connection.connect', 'psycopg.Connection'],
  ['psycopg.Connection.cursor', 'psycopg.Cursor'],
  ['pymysql.connect', 'pymysql.connections.Connection'],
  ['pymysql.Connect', 'pymysql.connections.Connection'],
  ['pymysql.connections.Connection.cursor', 'pymysql.cursors.Cursor'],
  ['MySQLdb.connect', 'MySQLdb.connections.Connection'],
  ['MySQLdb.Connect', 'MySQLdb.connections.Connection'],
  ['MySQLdb.connections.Connection.cursor', 'MySQLdb.cursors.Cursor'],
  ['redis.from_url', 'redis.Redis'],
  ['redis.Redis.from_url', 'redis.Redis'],
  ['redis.StrictRedis.from_url', 'redis.Redis'],
  ['redis.Redis.pipeline', 'redis.client.Pipeline'],
  ['redis.Redis.pubsub', 'redis.client.PubSub'],
  ['threading.Lock', 'threading.Lock'],
  ['threading.RLock', 'threading.RLock'],
  ['threading.Event', 'threading.Event'],
  ['threading.Condition', 'threading.Condition'],
  ['threading.Semaphore', 'threading.Semaphore'],
  ['threading.BoundedSemaphore', 'threading.BoundedSemaphore'],
  ['multiprocessing.Queue', 'multiprocessing.Queue'],
  ['multiprocessing.JoinableQueue', 'multiprocessing.JoinableQueue'],
  ['multiprocessing.SimpleQueue', 'multiprocessing.SimpleQueue'],
  ['multiprocessing.Pool', 'multiprocessing.pool.Pool'],
  ['multiprocessing.pool.Pool', 'multiprocessing.pool.Pool'],
  ['multiprocessing.pool.ThreadPool', 'multiprocessing.pool.ThreadPool'],
  ['multiprocessing.pool.Pool.apply_async', 'multiprocessing.pool.AsyncResult'],
  ['multiprocessing.pool.Pool.map_async', 'multiprocessing.pool.AsyncResult'],
  ['multiprocessing.pool.ThreadPool.apply_async', 'multiprocessing.pool.AsyncResult'],
  ['multiprocessing.pool.ThreadPool.map_async', 'multiprocessing.pool.AsyncResult'],
  ['concurrent.futures.ThreadPoolExecutor.submit', 'concurrent.futures.Future'],
  ['concurrent.futures.ProcessPoolExecutor.submit', 'concurrent.futures.Future'],
  ['concurrent.futures.Executor.submit', 'concurrent.futures.Future'],
  ['asyncio.get_event_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.new_event_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.get_running_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.events.get_event_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.Runner', 'asyncio.Runner'],
  ['urllib.request.build_opener', 'urllib.request.OpenerDirector'],
  ['http.client.HTTPConnection.getresponse', 'http.client.HTTPResponse'],
  ['http.client.HTTPSConnection.getresponse', 'http.client.HTTPResponse'],
  ['pymongo.MongoClient', 'pymongo.MongoClient'],
]);

/** Attribute access (or subscript) on a value of this type gives a value of that type: `client.db` → Database. */
export const MEMBER_TYPES: ReadonlyMap<string, string> = new Map([
  ['pymongo.MongoClient', 'pymongo.database.Database'],
  ['pymongo.database.Database', 'pymongo.collection.Collection'],
  ['pymongo.collection.Collection', 'pymongo.collection.Collection'],
]);

/** Type aliases: names under which the same class is reachable. */
export const TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['requests.sessions.Session', 'requests.Session'],
  ['requests.session', 'requests.Session'],
  ['pathlib.PurePath', 'pathlib.PurePath'],
  ['pathlib.PosixPath', 'pathlib.Path'],
  ['pathlib.WindowsPath', 'pathlib.Path'],
  ['redis.client.Redis', 'redis.Redis'],
  ['redis.StrictRedis', 'redis.Redis'],
  ['redis.client.StrictRedis', 'redis.Redis'],
  ['pymongo.mongo_client.MongoClient', 'pymongo.MongoClient'],
  ['threading._RLock', 'threading.RLock'],
  ['_thread.LockType', 'threading.Lock'],
  ['_thread.lock', 'threading.Lock'],
  ['socket.SocketType', 'socket.socket'],
  ['asyncio.BaseEventLoop', 'asyncio.AbstractEventLoop'],
  ['asyncio.events.AbstractEventLoop', 'asyncio.AbstractEventLoop'],
  ['sqlite3.dbapi2.Connection', 'sqlite3.Connection'],
  ['subprocess.CompletedProcess', 'subprocess.CompletedProcess'],
]);
