/**
 * `aiolint profile [--python EXE] [--threshold-ms N] [--out FILE] [--fail-on-block-ms N] [--detailed] -- target…`
 * Owned by the profiler; the CLI's main module dispatches here.
 *
 * Runs the target under the probe with the terminal's own stdin/stdout/stderr (so the target
 * behaves exactly as without aiolint), lets the probe print its summary on stderr and write the
 * profile JSON, and exits with the target's exit code — or 3 when the target succeeded but a
 * block exceeded --fail-on-block-ms.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultProbePath, probeArguments, type ProfileTarget } from '../profiler/session';

export const PROFILE_HELP = `usage: aiolint profile [options] -- script.py [args...]
       aiolint profile [options] -- -m module [args...]

Runs a Python program under aiolint's event-loop probe: its output and exit code are kept,
a summary of where the event loop blocked goes to stderr.

options:
  --python EXE           interpreter to run (default: python3, or python on Windows)
  --threshold-ms N       report blocking periods of at least N ms (default 50)
  --out FILE             write the profile as JSON (the panel opens it too)
  --fail-on-block-ms N   exit with code 3 when the target succeeded but blocked the loop longer than N ms
  --detailed             also track coroutine creation sites and steps per task (slower)
`;

interface ProfileOptions {
  python: string | null;
  thresholdMs?: number;
  outFile?: string;
  failOnBlockMs?: number;
  detailed: boolean;
  target: ProfileTarget;
}

type Parsed = { options: ProfileOptions } | { help: true } | { error: string };

export function parseProfileArgs(args: readonly string[]): Parsed {
  let python: string | null = null;
  let thresholdMs: number | undefined;
  let outFile: string | undefined;
  let failOnBlockMs: number | undefined;
  let detailed = false;
  let rest: string[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      rest = args.slice(i + 1);
      break;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const takesValue = ['--python', '--threshold-ms', '--out', '--fail-on-block-ms'].includes(name);
    let value: string | undefined;
    if (takesValue) {
      if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
      else {
        value = args[i + 1];
        i++;
      }
      if (value === undefined || value === '') return { error: `${name} needs a value` };
    }
    switch (name) {
      case '--python':
        python = value ?? null;
        break;
      case '--out':
        outFile = value;
        break;
      case '--threshold-ms':
      case '--fail-on-block-ms': {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) return { error: `${name} needs a non-negative number, got '${value ?? ''}'` };
        if (name === '--threshold-ms') thresholdMs = n;
        else failOnBlockMs = n;
        break;
      }
      case '--detailed':
        detailed = true;
        break;
      case '-h':
      case '--help':
        return { help: true };
      default:
        if (arg === '-m' || !arg.startsWith('-')) {
          rest = args.slice(i);
          i = args.length;
          break;
        }
        return { error: `unknown option '${arg}'` };
    }
  }
  if (!rest || rest.length === 0) return { error: 'no target: give a script or -m module after --' };
  let target: ProfileTarget;
  if (rest[0] === '-m') {
    const module = rest[1];
    if (!module) return { error: '-m needs a module name' };
    target = { kind: 'module', module, args: rest.slice(2) };
  } else {
    target = { kind: 'script', path: rest[0] ?? '', args: rest.slice(1) };
  }
  return { options: { python, thresholdMs, outFile, failOnBlockMs, detailed, target } };
}

function defaultInterpreters(): string[] {
  return process.platform === 'win32' ? ['python', 'py', 'python3'] : ['python3', 'python'];
}

/** Spawns the probe with inherited stdio; resolves with the exit code, or null when the interpreter is missing. */
function runProbe(python: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { stdio: 'inherit' });
    // Ctrl-C reaches the target through the terminal's process group; we wait for it to finish.
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    const done = (code: number | null): void => {
      process.off('SIGINT', ignore);
      resolve(code);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') done(null);
      else {
        process.stderr.write(`aiolint profile: could not run ${python}: ${err.message}\n`);
        done(2);
      }
    });
    child.on('exit', (code, signal) => {
      if (code !== null) done(code);
      else done(signal === 'SIGINT' ? 130 : 1);
    });
  });
}

export async function runProfileCommand(args: readonly string[]): Promise<number> {
  const parsed = parseProfileArgs(args);
  if ('help' in parsed) {
    process.stdout.write(PROFILE_HELP);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`aiolint profile: error: ${parsed.error}\n\n${PROFILE_HELP}`);
    return 2;
  }
  const { options } = parsed;
  const probe = defaultProbePath();
  if (!existsSync(path.join(probe, '__main__.py'))) {
    process.stderr.write(`aiolint profile: the probe is missing (looked for ${probe}); reinstall aiolint\n`);
    return 2;
  }
  const probeArgs = probeArguments(probe, options.target, {
    thresholdMs: options.thresholdMs,
    outFile: options.outFile,
    failOnBlockMs: options.failOnBlockMs,
    detailed: options.detailed,
  });
  const candidates = options.python ? [options.python] : defaultInterpreters();
  for (const python of candidates) {
    const code = await runProbe(python, probeArgs);
    if (code !== null) return code;
  }
  process.stderr.write(
    `aiolint profile: no Python interpreter found (tried ${candidates.join(', ')}); pass one with --python\n`,
  );
  return 2;
}
