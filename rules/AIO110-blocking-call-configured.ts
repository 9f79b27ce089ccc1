/**
 * AIO110 blocking-call-configured: A call the configuration lists as blocking (`blocking-calls`), in async context.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO110 = defineRule({
  meta: {
    code: 'AIO110',
    name: 'blocking-call-configured',
    aliases: ['ASYNC200'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "A call the configuration lists as blocking (`blocking-calls`), in async context.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO110.md',
    locality: 'statement',
  },
  messages: {
    configured: "`{call}` is configured as blocking{suggestion}.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    if (ctx.knowledge.configuredBlocking.length === 0) return;
    reportBlockingCalls(ctx, { code: 'AIO110', messageId: () => 'configured' as const, fix: 'configured' });
  },
});
