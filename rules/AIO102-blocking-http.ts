/**
 * AIO102 blocking-http: A synchronous HTTP call in async context blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO102 = defineRule({
  meta: {
    code: 'AIO102',
    name: 'blocking-http',
    aliases: ['ASYNC210', 'ASYNC211', 'ASYNC212'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "A synchronous HTTP call in async context blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO102.md',
    locality: 'statement',
  },
  messages: {
    http: "`{call}` is a blocking HTTP call (`{callee}`) and stalls the event loop until the response arrives: use an async client ({replacement}).",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO102', messageId: () => 'http' as const, fix: 'to-thread' });
  },
});
