/**
 * AIO109 nested-event-loop: Starting an event loop inside a running one raises RuntimeError.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO109 = defineRule({
  meta: {
    code: 'AIO109',
    name: 'nested-event-loop',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: null,
    summary: "Starting an event loop inside a running one raises RuntimeError.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO109.md',
    locality: 'statement',
  },
  messages: {
    nested: "`{call}` tries to run an event loop inside the running one (RuntimeError at run time): `await` the coroutine instead.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO109', messageId: () => 'nested' as const, fix: null });
  },
});
