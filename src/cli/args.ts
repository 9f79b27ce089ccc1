/**
 * Command-line parsing (node's util.parseArgs) into typed commands, with usage errors as
 * values so the caller decides the exit code (2).
 */
import { parseArgs } from 'node:util';
import type { CheckOptions } from './check';
import { OUTPUT_FORMATS } from './formatters';
import type { OutputFormat } from './formatters';
import { parseShard } from './shard';

export type Command =
  | { kind: 'help'; topic?: 'check' | 'rule' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'rule'; code: string }
  | { kind: 'rule-list' }
  | { kind: 'profile'; args: string[] }
  | { kind: 'usage-error'; message: string };

export const MAIN_HELP = `aiolint — an asyncio linter for Python

Usage:
  aiolint check [PATHS...] [options]   lint Python files (default: the current folder)
  aiolint rule <CODE> | --all           show a rule's documentation (code, alias or name), or list the rules
  aiolint profile [options] -- TARGET   run a program under the event-loop profiler
  aiolint --version | --help

Run 'aiolint check --help' for the check options.
`;

export const CHECK_HELP = `Usage: aiolint check [PATHS...] [options]

Lints the Python files under PATHS (files or folders; default: the current folder).
Folders are searched recursively, skipping .gitignore'd files, the configuration's
\`exclude\` and the usual environment folders (.venv, venv, node_modules, __pycache__,
build, dist, .tox, site-packages, ...). Settings come from the nearest pyproject.toml
with a [tool.aiolint] table.

Options:
  --select CODES       only these rules (codes, aliases, rule names, prefixes, or ALL), comma-separated;
                       replaces the configuration's \`select\` and \`extend-select\`
  --extend-select CODES
                       run these rules as well as the selected ones, comma-separated
  --ignore CODES       turn these rules off, comma-separated; added to the configuration's \`ignore\`
  --extend-ignore CODES
                       the same as --ignore (for ruff users)
  --format FORMAT      text (default), json, sarif or github
  --fix                apply safe fixes, then report what remains
  --unsafe-fixes       with --fix, also apply unsafe fixes (and count them as fixable)
  --exit-zero          exit with 0 even when problems are found
  --stats              print files, lines, time and cache hits (to stderr)
  --config FILE        use this pyproject.toml instead of searching for one
  --no-cache           do not read or write the cache (.aiolint-cache/ at the project root)
  -j, --jobs N         lint on N threads (default: one per core; 1 = no worker threads)
  --shard K/N          check only shard K of N (files split by a hash of their path), for CI jobs
  -h, --help           show this help

Exit codes: 0 no problems, 1 problems found, 2 usage or internal error.
`;

export const RULE_HELP = `Usage: aiolint rule <CODE>
       aiolint rule --all

Prints the documentation of a rule; CODE is our code (AIO101), a peer's alias (ASYNC251) or
the rule's name (blocking-sleep). With --all (or no code), lists every rule.
`;

/** `a,b`, `a b`, repeated flags → ['A', 'B'] */
function splitCodes(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(/[,\s]+/))
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'usage-error', message: 'no command given' };
  switch (first) {
    case '-h':
    case '--help':
    case 'help':
      return rest[0] === 'check' || rest[0] === 'rule' ? { kind: 'help', topic: rest[0] } : { kind: 'help' };
    case '-V':
    case '--version':
    case 'version':
      return { kind: 'version' };
    case 'profile':
      return { kind: 'profile', args: rest };
    case 'rule':
      return parseRule(rest);
    case 'check':
      return parseCheck(rest);
    default:
      return { kind: 'usage-error', message: `unknown command '${first}'` };
  }
}

function parseRule(args: string[]): Command {
  if (args.includes('-h') || args.includes('--help')) return { kind: 'help', topic: 'rule' };
  if (args.length === 0 || (args.length === 1 && args[0] === '--all')) return { kind: 'rule-list' };
  if (args.length !== 1 || args[0]?.startsWith('-')) return { kind: 'usage-error', message: 'aiolint rule takes one rule code (or --all)' };
  return { kind: 'rule', code: (args[0] ?? '').toUpperCase() };
}

function parseCheck(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        select: { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        'extend-select': { type: 'string', multiple: true },
        'extend-ignore': { type: 'string', multiple: true },
        format: { type: 'string' },
        'output-format': { type: 'string' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        'exit-zero': { type: 'boolean' },
        stats: { type: 'boolean' },
        config: { type: 'string' },
        'no-cache': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', topic: 'check' };
  const format = values.format ?? values['output-format'] ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    return { kind: 'usage-error', message: `unknown format '${format}' (expected ${OUTPUT_FORMATS.join(', ')})` };
  }
  const options: CheckOptions = {
    paths: positionals,
    format: format as OutputFormat,
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    exitZero: values['exit-zero'] ?? false,
    stats: values.stats ?? false,
    noCache: values['no-cache'] ?? false,
  };
  if (values.select) options.select = splitCodes(values.select);
  if (values.ignore) options.ignore = splitCodes(values.ignore);
  if (values['extend-select']) options.extendSelect = splitCodes(values['extend-select']);
  if (values['extend-ignore']) options.ignore = [...(options.ignore ?? []), ...splitCodes(values['extend-ignore'])];
  if (values.config !== undefined) options.configFile = values.config;
  if (values.jobs !== undefined) {
    const jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return { kind: 'usage-error', message: `--jobs takes a positive whole number, not '${values.jobs}'` };
    options.jobs = jobs;
  }
  if (values.shard !== undefined) {
    const shard = parseShard(values.shard);
    if (typeof shard === 'string') return { kind: 'usage-error', message: shard };
    options.shard = shard;
  }
  return { kind: 'check', options };
}
