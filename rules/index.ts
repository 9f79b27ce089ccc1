/**
 * The rule registry: every rule the engine knows, in code order. Adding a rule means
 * one import and one entry here, a doc page `rules/docs/<CODE>.md` (a test enforces it)
 * and fixtures `test/rules/fixtures/<CODE>*.py`.
 */
import type { AnyRule } from './rule';
import { AIO101 } from './AIO101-blocking-sleep';
import { AIO102 } from './AIO102-blocking-http';
import { AIO103 } from './AIO103-blocking-subprocess';
import { AIO104 } from './AIO104-blocking-file-io';
import { AIO105 } from './AIO105-blocking-filesystem';
import { AIO106 } from './AIO106-blocking-input';
import { AIO107 } from './AIO107-blocking-database';
import { AIO108 } from './AIO108-blocking-wait';
import { AIO109 } from './AIO109-nested-event-loop';
import { AIO110 } from './AIO110-blocking-call-configured';
import { AIO120 } from './AIO120-transitive-blocking';
import { AIO201 } from './AIO201-unawaited-coroutine';
import { AIO202 } from './AIO202-coroutine-never-awaited';
import { AIO203 } from './AIO203-coroutine-in-boolean-context';
import { AIO204 } from './AIO204-coroutine-passed-to-sync';
import { AIO205 } from './AIO205-await-non-awaitable';
import { AIO206 } from './AIO206-async-context-manager-misuse';
import { AIO207 } from './AIO207-async-iteration-misuse';
import { AIO210 } from './AIO210-dangling-task';
import { AIO301 } from './AIO301-unbounded-gather';
import { AIO302 } from './AIO302-unbounded-task-spawn';
import { AIO303 } from './AIO303-unbounded-wait';
import { AIO401 } from './AIO401-get-event-loop-in-coroutine';
import { AIO402 } from './AIO402-manual-loop-management';
import { AIO403 } from './AIO403-swallowed-cancellation';
import { AIO404 } from './AIO404-busy-wait';
import { AIO405 } from './AIO405-async-without-await';
import { AIO406 } from './AIO406-legacy-coroutine';

export const RULES: readonly AnyRule[] = [
  // blocking calls in async context
  AIO101,
  AIO102,
  AIO103,
  AIO104,
  AIO105,
  AIO106,
  AIO107,
  AIO108,
  AIO109,
  AIO110,
  AIO120,
  // missing await and coroutine misuse
  AIO201,
  AIO202,
  AIO203,
  AIO204,
  AIO205,
  AIO206,
  AIO207,
  AIO210,
  // unbounded concurrency
  AIO301,
  AIO302,
  AIO303,
  // asyncio hygiene
  AIO401,
  AIO402,
  AIO403,
  AIO404,
  AIO405,
  AIO406,
];

const byCode = new Map<string, AnyRule>(RULES.map((rule) => [rule.meta.code, rule]));

/** The rule with code `code` ('AIO101'), or undefined. */
export function ruleByCode(code: string): AnyRule | undefined {
  return byCode.get(code.toUpperCase());
}
