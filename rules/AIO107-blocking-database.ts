/**
 * AIO107 blocking-database: A synchronous database driver call in async context blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO107 = defineRule({
  meta: {
    code: 'AIO107',
    name: 'blocking-database',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: null,
    summary: "A synchronous database driver call in async context blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO107.md',
    locality: 'statement',
  },
  messages: {
    db: "`{call}` is a blocking database call (`{callee}`): use an async driver such as {replacement}.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO107', messageId: () => 'db' as const, fix: null });
  },
});
