/**
 * AIO101 blocking-sleep: `time.sleep()` in async context blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO101 = defineRule({
  meta: {
    code: 'AIO101',
    name: 'blocking-sleep',
    aliases: ['ASYNC251'],
    defaultSeverity: 'warning',
    fixApplicability: 'safe',
    summary: "`time.sleep()` in async context blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO101.md',
    locality: 'statement',
  },
  messages: {
    sleep: "`{call}` blocks the event loop for the whole sleep: use `await asyncio.sleep(...)`.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO101', messageId: () => 'sleep' as const, fix: 'await-asyncio-sleep' });
  },
});
