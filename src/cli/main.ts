/**
 * `aiolint` command line entry (bundled to dist/cli.js). Dispatches to `check`, `rule` and
 * `profile`; every failure becomes a message and exit code 2, never a stack trace (set
 * AIOLINT_DEBUG=1 to see one).
 */
import { version } from '../../package.json';
import { CHECK_HELP, MAIN_HELP, RULE_HELP, parseCommand } from './args';
import { runCheck } from './check';
import { ConfigFileMissingError } from './config-locator';
import type { CliIO } from './check';
import type { CheckEngine } from './engine-api';
import { createCheckEngine } from './real-engine';
import { runProfileCommand } from './profile-command';

export const VERSION: string = version;

export interface MainIO extends Partial<CliIO> {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: MainIO, engine: CheckEngine = createCheckEngine()): Promise<number> {
  const cliIO: CliIO = { version: VERSION, ...io };
  const command = parseCommand(argv);
  try {
    switch (command.kind) {
      case 'help':
        io.stdout(command.topic === 'check' ? CHECK_HELP : command.topic === 'rule' ? RULE_HELP : MAIN_HELP);
        return 0;
      case 'version':
        io.stdout(`aiolint ${VERSION}\n`);
        return 0;
      case 'usage-error':
        io.stderr(`aiolint: error: ${command.message}\n\n${argv[0] === 'check' ? CHECK_HELP : MAIN_HELP}`);
        return 2;
      case 'profile':
        return await runProfileCommand(command.args);
      case 'rule': {
        const doc = await engine.ruleDoc(command.code);
        if (!doc) {
          io.stderr(`aiolint: error: no rule named ${command.code} (try a code such as AIO101 or an alias such as ASYNC251)\n`);
          return 2;
        }
        io.stdout(doc.markdown.endsWith('\n') ? doc.markdown : `${doc.markdown}\n`);
        return 0;
      }
      case 'rule-list': {
        const lines = engine.rules.map((rule) => {
          const aliases = rule.aliases.length > 0 ? ` (${rule.aliases.join(', ')})` : '';
          return `${rule.code.padEnd(7)} ${rule.name}${aliases}: ${rule.summary}`;
        });
        io.stdout(`${lines.join('\n')}\n`);
        return 0;
      }
      case 'check': {
        const unknown = engine.unknownSelectors([...(command.options.select ?? []), ...(command.options.extendSelect ?? []), ...(command.options.ignore ?? [])]);
        if (unknown.length > 0) {
          io.stderr(`aiolint: error: unknown rule selector${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}\n`);
          return 2;
        }
        return await runCheck(command.options, engine, cliIO);
      }
    }
  } catch (error) {
    if (error instanceof ConfigFileMissingError) {
      io.stderr(`aiolint: error: ${error.message}\n`);
      return 2;
    }
    const detail = process.env['AIOLINT_DEBUG'] && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    io.stderr(`aiolint: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return 2;
  }
}

function runAsScript(): void {
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`aiolint: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

// run when bundled as dist/cli.js (CommonJS); importing this module (tests) runs nothing
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) runAsScript();
