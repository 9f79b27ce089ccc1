/**
 * AIO108 blocking-wait: Waiting on a thread primitive, queue, future, thread or socket in async context blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO108 = defineRule({
  meta: {
    code: 'AIO108',
    name: 'blocking-wait',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: null,
    summary: "Waiting on a thread primitive, queue, future, thread or socket in async context blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO108.md',
    locality: 'statement',
  },
  messages: {
    wait: "`{call}` waits synchronously (`{callee}`) and blocks the event loop: use {replacement}.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO108', messageId: () => 'wait' as const, fix: null });
  },
});
