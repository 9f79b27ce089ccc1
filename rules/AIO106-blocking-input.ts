/**
 * AIO106 blocking-input: `input()` in async context blocks the event loop until the user answers.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO106 = defineRule({
  meta: {
    code: 'AIO106',
    name: 'blocking-input',
    aliases: ['ASYNC250'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "`input()` in async context blocks the event loop until the user answers.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO106.md',
    locality: 'statement',
  },
  messages: {
    input: "`{call}` blocks the event loop until a line is typed: run it in a thread with `await asyncio.to_thread(input, ...)`.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO106', messageId: () => 'input' as const, fix: 'to-thread' });
  },
});
