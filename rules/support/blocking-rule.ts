/**
 * The check shared by the direct blocking-call rules (AIO101–AIO110): report every
 * blocking call of one code in async context, on the call, with the fix the rule offers.
 */
import type { Call } from '../../src/python/ast';
import type { SemanticModel } from '../../src/analysis/types';
import type { MessageData, RuleContext, RuleFix } from '../rule';
import { blockingCallsInAsyncContext, blockingFileFacts, classifierFor, displayName, type BlockingCallSite } from './blocking';
import { awaitReplacingCallee, moduleReference, toThreadFix } from './fixes';

export type BlockingFixKind = 'await-asyncio-sleep' | 'to-thread' | 'configured' | null;

export interface BlockingRuleOptions<M extends string> {
  readonly code: string;
  /** message id for a site */
  readonly messageId: (site: BlockingCallSite) => M;
  readonly fix: BlockingFixKind;
}

/** The call as the user wrote its callee, for messages: `requests.get(...)`. */
export function callDisplay(model: SemanticModel, call: Call): string {
  const callee = model.textOf(call.func).replace(/\s+/g, ' ');
  return `${callee.length > 60 ? `${callee.slice(0, 57)}...` : callee}(${call.args.length + call.keywords.length > 0 ? '...' : ''})`;
}

function isAsyncWithItem(model: SemanticModel, call: Call): boolean {
  const parent = model.parentOf(call);
  if (parent?.nodeType !== 'withitem') return false;
  return model.parentOf(parent)?.nodeType === 'AsyncWith';
}

function sleepFix(model: SemanticModel, call: Call): RuleFix | null {
  const asyncio = moduleReference(model, call, 'asyncio');
  if (!asyncio) return null;
  const edits = awaitReplacingCallee(model, call, `${asyncio.name}.sleep`);
  if (!edits) return null;
  return {
    applicability: 'safe',
    message: `Replace with \`await ${asyncio.name}.sleep(...)\``,
    edits: asyncio.importEdit ? [asyncio.importEdit, ...edits] : edits,
  };
}

export function threadFix(ctx: RuleContext, call: Call): RuleFix | null {
  if (isAsyncWithItem(ctx.model, call)) return null;
  const fix = toThreadFix(ctx.model, call, ctx.config.targetVersion);
  if (!fix) return null;
  return { applicability: 'unsafe', message: `Run in a worker thread with \`${fix.title}\``, edits: fix.edits };
}

/** The user's replacement for an AIO110 entry, when it names a callable the file can reach. */
function configuredFix(model: SemanticModel, call: Call, replacement: string | null): RuleFix | null {
  if (!replacement || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(replacement)) return null;
  const first = replacement.split('.')[0] ?? replacement;
  if (!model.lookup(first, call)) return null;
  const edits = awaitReplacingCallee(model, call, replacement);
  if (!edits) return null;
  return { applicability: 'unsafe', message: `Replace with \`await ${replacement}(...)\``, edits };
}

export function reportBlockingCalls<M extends string>(ctx: RuleContext<M>, options: BlockingRuleOptions<M>): void {
  const classifier = classifierFor(ctx.knowledge, ctx.workspace);
  for (const site of blockingCallsInAsyncContext(ctx.model, classifier, ctx.nodesToCheck('Call'))) {
    if (site.match.code !== options.code) continue;
    const { call, match, resolved } = site;
    let fix: RuleFix | null = null;
    switch (options.fix) {
      case 'await-asyncio-sleep':
        fix = sleepFix(ctx.model, call);
        break;
      case 'to-thread':
        fix = threadFix(ctx, call);
        break;
      case 'configured':
        fix = configuredFix(ctx.model, call, match.replacement);
        break;
      default:
        break;
    }
    const data: MessageData = {
      call: callDisplay(ctx.model, call),
      callee: displayName(match.callee),
      replacement: match.replacement ?? '',
      receiver: resolved.receiver ? ctx.model.textOf(resolved.receiver) : '',
      suggestion: match.replacement ? `: use \`${match.replacement}\` instead` : '',
    };
    ctx.report({ node: call, messageId: options.messageId(site), data, fix, ...(match.peer ? { peerCode: match.peer } : {}) });
  }
}

/** The blocking rules' `fileFacts` (see `blockingFileFacts`). */
export function blockingRuleFileFacts(ctx: RuleContext): string {
  return blockingFileFacts(ctx.model);
}
