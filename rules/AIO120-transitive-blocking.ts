/**
 * AIO120 transitive-blocking: an async function calls a sync function of the project
 * (same file or another module) that blocks, directly or through further sync calls.
 * The chain is followed across files by the workspace index (bounded depth, cycle-safe,
 * memoised) and shown as related information down to the blocking line.
 */
import type { RelatedInput } from './rule';
import { defineRule } from './rule';
import { blockingCallsInAsyncContext, blockingFileFacts, classifierFor, displayName } from './support/blocking';
import { callDisplay, threadFix } from './support/blocking-rule';

/** How many sync calls deep a chain may go. */
export const MAX_CHAIN_DEPTH = 8;

export const AIO120 = defineRule({
  meta: {
    code: 'AIO120',
    name: 'transitive-blocking',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: 'An async function calls a project sync function that (directly or further down) makes a blocking call.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO120.md',
    locality: 'statement',
  },
  messages: {
    transitive: '`{call}` runs the sync function `{function}`, which blocks the event loop: it reaches `{blocking}` ({code}){via}.',
  },
  fileFacts: (ctx) => blockingFileFacts(ctx.model),
  check(ctx) {
    const { model, workspace } = ctx;
    const classifier = classifierFor(ctx.knowledge, workspace);
    const direct = new Set(blockingCallsInAsyncContext(model, classifier, ctx.nodesToCheck('Call')).map((site) => site.call));
    for (const call of ctx.nodesToCheck('Call')) {
      if (direct.has(call) || model.isAwaited(call)) continue;
      if (!model.isAsyncContext(call) || model.isTypeCheckingOnly(call)) continue;
      const target = workspace.resolveCallTarget(model, call);
      if (!target || !workspace.runsSynchronously(target)) continue;
      const chain = workspace.blockingChain(target, classifier, MAX_CHAIN_DEPTH);
      const last = chain?.[chain.length - 1];
      if (!chain || !last) continue;
      const related: RelatedInput[] = [
        { file: target.file, start: target.node.start, end: target.node.start + 3, message: `\`${target.qualifiedName}\` is a sync function defined here` },
      ];
      for (const step of chain) {
        related.push({
          file: step.file,
          start: step.start,
          end: step.end,
          message: step.code ? `blocking call \`${displayName(step.callee)}\` (${step.code})` : `calls \`${step.callee}\``,
        });
      }
      const intermediate = chain.slice(0, -1).map((step) => `\`${step.callee.slice(step.callee.lastIndexOf('.') + 1)}\``);
      ctx.report({
        node: call,
        messageId: 'transitive',
        data: {
          call: callDisplay(model, call),
          function: target.qualifiedName,
          blocking: displayName(last.callee),
          code: last.code ?? '',
          via: intermediate.length > 0 ? ` via ${intermediate.join(' → ')}` : '',
        },
        fix: threadFix(ctx, call),
        related,
      });
    }
  },
});
