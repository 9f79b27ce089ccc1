/**
 * Blocking-call detection shared by AIO101–AIO110 and AIO120: one classifier over
 * resolved calls (knowledge base + configured patterns + receiver types, including
 * project classes that inherit from a known blocking type), and one memoised list of
 * the blocking calls in async context per file, which each AIO1xx rule filters by code.
 */
import type { AnyExpr, AnyNode, AnyStmt, Call } from '../../src/python/ast';
import type { BlockingClassifier, BlockingHit, ResolvedCall, SemanticModel, WorkspaceIndex } from '../../src/analysis/types';
import type { KnowledgeBase } from '../knowledge';
import { nodesOfTypeWithin } from './nodes-in-range';
import { statementFacts } from './statement-facts';
import { ASYNC_WRAPPERS, EVENT_LOOP_METHODS, HTTP_METHODS, URLLIB3_REQUEST_METHODS, type BlockingCallInfo } from '../knowledge/blocking-calls';
import { matchBlockingPattern } from '../knowledge/patterns';

export interface BlockingMatch extends BlockingHit {
  /** the peer (flake8-async) code for this call, if upstream has one */
  readonly peer: string | null;
  /** the async alternative named in messages */
  readonly replacement: string | null;
}

function constantArgument(call: Call, position: number, keyword: string): { present: boolean; value: unknown } {
  const kw = call.keywords.find((k) => k.arg === keyword);
  const expr = kw ? kw.value : position < call.args.length && !call.args.slice(0, position + 1).some((a) => a.nodeType === 'Starred') ? call.args[position] : undefined;
  if (!expr) return { present: false, value: undefined };
  if (expr.nodeType === 'Constant') return { present: true, value: expr.value };
  return { present: true, value: Symbol.for('non-constant') };
}

/** `lock.acquire(False)`, `q.get(block=False)`, `acquire(timeout=0)`: the call returns at once. */
function isNonBlockingCall(info: BlockingCallInfo, call: Call): boolean {
  if (info.nonBlockingWithFlag && namesAFlag(call, info.nonBlockingWithFlag)) return true;
  const flag = info.nonBlockingWhen;
  if (!flag) return false;
  const argument = constantArgument(call, flag.position, flag.keyword);
  if (argument.present && (argument.value === false || argument.value === 0n || argument.value === 0)) return true;
  const timeout = call.keywords.find((k) => k.arg === 'timeout');
  return timeout?.value.nodeType === 'Constant' && (timeout.value.value === 0n || timeout.value.value === 0);
}

/** Some argument is (or ORs together) a name or attribute in `flags`: `socket.AI_NUMERICHOST | socket.AI_PASSIVE`. */
function namesAFlag(call: Call, flags: readonly string[]): boolean {
  const mentions = (expr: AnyExpr): boolean => {
    if (expr.nodeType === 'Name') return flags.includes(expr.id);
    if (expr.nodeType === 'Attribute') return flags.includes(expr.attr);
    if (expr.nodeType === 'BinOp') return mentions(expr.left) || mentions(expr.right);
    return false;
  };
  return call.args.some(mentions) || call.keywords.some((keyword) => mentions(keyword.value));
}

/** Exceptions a non-blocking socket operation raises instead of waiting. */
const WOULD_BLOCK = new Set(['BlockingIOError', 'InterruptedError', 'SSLWantReadError', 'SSLWantWriteError', 'EWOULDBLOCK', 'EAGAIN']);

function handlerNames(type: AnyExpr | null): string[] {
  if (!type) return [];
  if (type.nodeType === 'Tuple') return type.elts.flatMap(handlerNames);
  if (type.nodeType === 'Name') return [type.id];
  if (type.nodeType === 'Attribute') return [type.attr];
  return [];
}

const nonBlockingReceivers = new WeakMap<SemanticModel, Set<string>>();

/**
 * Receivers the file switches to non-blocking mode (`x.setblocking(False)`, `x.settimeout(0)`), keyed by
 * `receiverKey`: attributes (`self.sock`) file-wide, plain names within their function.
 */
function nonBlockingReceiversOf(model: SemanticModel): Set<string> {
  let set = nonBlockingReceivers.get(model);
  if (!set) {
    set = new Set();
    for (const call of model.nodesOfType('Call')) {
      if (call.func.nodeType === 'Attribute' && switchesToNonBlocking(call)) set.add(receiverKey(model, call, call.func.value));
    }
    nonBlockingReceivers.set(model, set);
  }
  return set;
}

/**
 * The call is on a socket the code treats as non-blocking: inside a `try` that handles
 * BlockingIOError (the non-blocking idiom), or on a receiver the file puts in non-blocking mode.
 */
function receiverKey(model: SemanticModel, call: Call, receiver: AnyExpr): string {
  const text = model.textOf(receiver);
  if (receiver.nodeType !== 'Name') return text;
  let scope = model.scopeOf(call);
  while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
  return `${scope.node.start}:${text}`;
}

function usedAsNonBlocking(model: SemanticModel, call: Call, receiver: AnyExpr): boolean {
  if (nonBlockingReceiversOf(model).has(receiverKey(model, call, receiver))) return true;
  let child: AnyNode = call;
  for (let parent = model.parentOf(call); parent; child = parent, parent = model.parentOf(parent)) {
    if (parent.nodeType === 'FunctionDef' || parent.nodeType === 'AsyncFunctionDef' || parent.nodeType === 'Lambda' || parent.nodeType === 'ClassDef') return false;
    if ((parent.nodeType === 'Try' || parent.nodeType === 'TryStar') && parent.body.includes(child as AnyStmt)) {
      if (parent.handlers.some((handler) => handlerNames(handler.type).some((name) => WOULD_BLOCK.has(name)))) return true;
    }
  }
  return false;
}

/** os.spawn*: P_WAIT (or no mode) runs to completion (ASYNC221); any other mode only starts a process (ASYNC220). */
function spawnPeer(call: Call): string {
  const modeArg = call.keywords.find((k) => k.arg === 'mode')?.value ?? call.args[0];
  if (!modeArg) return 'ASYNC221';
  const name = modeArg.nodeType === 'Attribute' ? modeArg.attr : modeArg.nodeType === 'Name' ? modeArg.id : null;
  return name === 'P_WAIT' ? 'ASYNC221' : 'ASYNC220';
}

/**
 * urllib3 `pool.request(method, url)`: 'verb' when the method is a literal HTTP verb (any case;
 * flake8-async's ASYNC211), 'dynamic' when it is computed (a request all the same, reported as
 * a pool method like ASYNC212), null when it cannot be a request (no method, a non-verb literal).
 */
function urllib3RequestKind(call: Call): 'verb' | 'dynamic' | null {
  const method = call.keywords.find((k) => k.arg === 'method')?.value ?? call.args[0];
  if (!method) return null;
  if (method.nodeType !== 'Constant') return 'dynamic';
  return typeof method.value === 'string' && HTTP_METHODS.has(method.value.toUpperCase()) ? 'verb' : null;
}

function fromInfo(info: BlockingCallInfo, callee: string, peer: string | null = info.peer): BlockingMatch {
  return { code: info.code, callee, peer, replacement: info.replacement };
}

export class Classifier implements BlockingClassifier {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly workspace: WorkspaceIndex,
  ) {}

  classify(model: SemanticModel, resolved: ResolvedCall): BlockingMatch | null {
    const match = this.classifyUnfiltered(model, resolved);
    if (!match) return null;
    // a directly awaited `open(...)` / configured name evidently refers to an async API of that name
    if ((match.code === 'AIO110' || match.callee === 'builtins.open') && model.isAwaited(resolved.call)) return null;
    // a socket the code treats as non-blocking: `try: sock.recv(n) except BlockingIOError: ...`
    if (match.callee.startsWith('socket.socket.') && resolved.receiver && usedAsNonBlocking(model, resolved.call, resolved.receiver)) return null;
    // handed to a wrapper that makes the object async: `trio.wrap_file(open(p))`
    const parent = model.parentOf(resolved.call);
    if (parent?.nodeType === 'Call' && parent.args.includes(resolved.call)) {
      const wrapper = model.resolveCall(parent).qualifiedName;
      if (wrapper !== null && ASYNC_WRAPPERS.has(wrapper)) return null;
    }
    return match;
  }

  private classifyUnfiltered(_model: SemanticModel, resolved: ResolvedCall): BlockingMatch | null {
    const { call, qualifiedName, receiverType, method } = resolved;
    if (qualifiedName !== null) {
      const info = this.knowledge.blockingCalls.get(qualifiedName);
      if (info) {
        if (isNonBlockingCall(info, call)) return null;
        if (qualifiedName.startsWith('os.spawn')) return fromInfo(info, qualifiedName, spawnPeer(call));
        return fromInfo(info, qualifiedName);
      }
    }
    if (receiverType !== null && method !== null) {
      const typed = this.classifyMethod(receiverType, method, call);
      if (typed) return typed;
    }
    if (method !== null && EVENT_LOOP_METHODS.has(method) && (receiverType === null || !this.workspace.findMethod(receiverType, method))) {
      const info = this.knowledge.blockingCalls.get(`asyncio.AbstractEventLoop.${method}`);
      if (info) return fromInfo(info, `loop.${method}`);
    }
    if (this.knowledge.configuredBlocking.length > 0) {
      const pattern = matchBlockingPattern(this.knowledge.configuredBlocking, [qualifiedName, resolved.dottedName]);
      if (pattern) return { code: 'AIO110', callee: resolved.dottedName ?? qualifiedName ?? pattern.pattern, peer: 'ASYNC200', replacement: pattern.replacement };
    }
    return null;
  }

  /** A method on a receiver of known type, including project classes that inherit from a known type. */
  private classifyMethod(receiverType: string, method: string, call: Call): BlockingMatch | null {
    const seen = new Set<string>();
    let frontier = [receiverType];
    for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const type of frontier) {
        if (seen.has(type)) continue;
        seen.add(type);
        const info = this.knowledge.blockingCalls.get(`${type}.${method}`);
        if (info) return isNonBlockingCall(info, call) ? null : fromInfo(info, `${type}.${method}`);
        const typeInfo = this.knowledge.blockingTypes.get(type);
        if (typeInfo && !typeInfo.except.has(method) && !method.startsWith('__')) {
          let peer = typeInfo.peer;
          if (typeInfo.code === 'AIO102' && URLLIB3_REQUEST_METHODS.has(method)) {
            const kind = urllib3RequestKind(call);
            if (kind === null) return null;
            if (kind === 'verb') peer = 'ASYNC211';
          }
          return { code: typeInfo.code, callee: `${type}.${method}`, peer, replacement: typeInfo.replacement };
        }
        // a project class: its own method is project code (AIO120's business); else look at its bases
        const cls = this.workspace.resolveClass(type);
        if (cls) {
          if (cls.methods.has(method)) return null;
          next.push(...cls.bases);
        }
      }
      frontier = next;
    }
    return null;
  }
}

const classifiers = new WeakMap<KnowledgeBase, WeakMap<WorkspaceIndex, Classifier>>();

/** The (stable, memo-friendly) classifier for a knowledge base and workspace. */
export function classifierFor(knowledge: KnowledgeBase, workspace: WorkspaceIndex): Classifier {
  let perWorkspace = classifiers.get(knowledge);
  if (!perWorkspace) {
    perWorkspace = new WeakMap();
    classifiers.set(knowledge, perWorkspace);
  }
  let classifier = perWorkspace.get(workspace);
  if (!classifier) {
    classifier = new Classifier(knowledge, workspace);
    perWorkspace.set(workspace, classifier);
  }
  return classifier;
}

export interface BlockingCallSite {
  readonly call: Call;
  readonly resolved: ResolvedCall;
  readonly match: BlockingMatch;
}

const sitesMemo = new WeakMap<SemanticModel, WeakMap<readonly Call[], WeakMap<Classifier, BlockingCallSite[]>>>();

/**
 * The blocking calls in async context (not under TYPE_CHECKING) among `calls` — the rule's
 * `ctx.nodesToCheck('Call')`, which is one array per check, so the ten blocking rules share one
 * scan — memoised per model, call list and classifier (a patched model keeps its lists, so the
 * list alone is not a key).
 */
export function blockingCallsInAsyncContext(model: SemanticModel, classifier: Classifier, calls: readonly Call[]): readonly BlockingCallSite[] {
  let perList = sitesMemo.get(model);
  if (!perList) {
    perList = new WeakMap();
    sitesMemo.set(model, perList);
  }
  let perClassifier = perList.get(calls);
  if (!perClassifier) {
    perClassifier = new WeakMap();
    perList.set(calls, perClassifier);
  }
  const memo = perClassifier.get(classifier);
  if (memo) return memo;
  const sites: BlockingCallSite[] = [];
  for (const call of calls) {
    if (!model.isAsyncContext(call) || model.isTypeCheckingOnly(call)) continue;
    const resolved = model.resolveCall(call);
    const match = classifier.classify(model, resolved);
    if (match) sites.push({ call, resolved, match });
  }
  perClassifier.set(classifier, sites);
  return sites;
}

/**
 * What the blocking rules read across statements (their `fileFacts`): the attributes the file
 * switches to non-blocking mode anywhere (`self.sock.setblocking(False)` in one method makes
 * `self.sock.recv()` in another non-blocking). Plain names count within their own function only.
 */
export const blockingFileFacts = statementFacts(nonBlockingAttributesIn);

/** The attributes switched to non-blocking mode in one statement's slice (as `nonBlockingReceiversOf` keys them). */
function nonBlockingAttributesIn(model: SemanticModel, start: number, end: number): string[] {
  const found: string[] = [];
  for (const call of nodesOfTypeWithin(model, 'Call', start, end)) {
    const func = call.func;
    if (func.nodeType !== 'Attribute' || func.value.nodeType === 'Name' || !switchesToNonBlocking(call)) continue;
    found.push(receiverKey(model, call, func.value));
  }
  return found;
}

/** `x.setblocking(False)` / `x.settimeout(0)`. */
function switchesToNonBlocking(call: Call): boolean {
  const func = call.func;
  if (func.nodeType !== 'Attribute' || (func.attr !== 'setblocking' && func.attr !== 'settimeout')) return false;
  const arg = call.args[0];
  return arg?.nodeType === 'Constant' && (arg.value === false || arg.value === 0n || arg.value === 0);
}

/** Short display name of a callee: `builtins.open` → `open`. */
export function displayName(callee: string): string {
  return callee.startsWith('builtins.') ? callee.slice('builtins.'.length) : callee;
}
