/**
 * AIO105 blocking-filesystem: File-system calls (`os.path`, `pathlib`, `shutil`, `os`) in async context block the event loop.
 * What counts as blocking is data: rules/knowledge/blocking-calls.ts.
 */
import { defineRule } from './rule';
import { blockingRuleFileFacts, reportBlockingCalls } from './support/blocking-rule';

export const AIO105 = defineRule({
  meta: {
    code: 'AIO105',
    name: 'blocking-filesystem',
    aliases: ['ASYNC240'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: "File-system calls (`os.path`, `pathlib`, `shutil`, `os`) in async context block the event loop.",
    enabledByDefault: true,
    docs: 'rules/docs/AIO105.md',
    locality: 'statement',
  },
  messages: {
    fs: "`{call}` touches the file system (`{callee}`) and blocks the event loop: use {replacement}.",
  },
  fileFacts: blockingRuleFileFacts,
  check(ctx) {
    reportBlockingCalls(ctx, { code: 'AIO105', messageId: () => 'fs' as const, fix: 'to-thread' });
  },
});
