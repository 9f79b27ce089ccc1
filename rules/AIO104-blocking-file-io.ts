/**
 * AIO104 blocking-file-io: Synchronous file I/O in async context blocks the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO104 = defineRule({
  meta: {
    code: 'AIO104',
    name: 'blocking-file-io',
    aliases: ['ASYNC230', 'ASYNC231', 'ASYNC232'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "Synchronous file I/O in async context blocks the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO104.md',
    locality: 'statement',
  },
  messages: {
    open: "`{call}` opens a file synchronously and blocks the event loop: use {replacement}, or run it in a thread.",
    method: "`{call}` does blocking I/O on the file object `{receiver}`: use {replacement}, or run it in a thread.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO104', messageId: (site) => (site.match.peer === 'ASYNC232' ? 'method' : 'open'), fix: 'to-thread' });
  },
});
