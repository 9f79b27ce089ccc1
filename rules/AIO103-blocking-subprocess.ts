/**
 * AIO103 blocking-subprocess: Running or waiting for a subprocess synchronously blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO103 = defineRule({
  meta: {
    code: 'AIO103',
    name: 'blocking-subprocess',
    aliases: ['ASYNC220', 'ASYNC221', 'ASYNC222'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "Running or waiting for a subprocess synchronously blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO103.md',
    locality: 'statement',
  },
  messages: {
    subprocess: "`{call}` blocks the event loop while it starts or waits for a process (`{callee}`): use `{replacement}`.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO103', messageId: () => 'subprocess' as const, fix: 'to-thread' });
  },
});
