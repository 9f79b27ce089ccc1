/**
 * AIO402 manual-loop-management: at module level (or under `if __name__ == "__main__":`),
 * `loop = asyncio.get_event_loop()` / `new_event_loop()` then `loop.run_until_complete(main())`
 * (then `loop.close()`). `asyncio.run(main())` does all of it correctly: a fresh loop,
 * async generators and the default executor shut down, the loop closed even on error.
 */
import { defineRule } from './rule';
import { coroutinesOf, normaliseName } from './support/coroutines';
import { asyncioReference } from './support/coroutines-edits';
import type { AnyExpr, AnyStmt, Call } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';
import type { RuleFix } from './rule';

const LOOP_FACTORIES: ReadonlySet<string> = new Set(['asyncio.get_event_loop', 'asyncio.new_event_loop', 'asyncio.events.get_event_loop', 'asyncio.events.new_event_loop']);

export const AIO402 = defineRule({
  meta: {
    code: 'AIO402',
    name: 'manual-loop-management',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: 'Creating a loop and calling `run_until_complete` by hand: use `asyncio.run(main())`.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO402.md',
  },
  messages: {
    useRun: 'Use `asyncio.run({main})`: it creates the loop, runs the coroutine, shuts down async generators and the default executor, and closes the loop even on error.',
  },
  check(ctx) {
    const { model, source } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    for (const block of topLevelBlocks(model)) {
      block.forEach((stmt, index) => {
        const run = runUntilCompleteIn(stmt);
        if (!run) return;
        const receiver = run.call.func.nodeType === 'Attribute' ? run.call.func.value : null;
        if (!receiver) return;
        const arg = run.call.args[0];
        if (!arg || run.call.args.length !== 1) return;
        let loopName: string | null = null;
        if (receiver.nodeType === 'Call') {
          if (!isLoopFactory(model, receiver)) return;
        } else if (receiver.nodeType === 'Name') {
          const binding = model.lookup(receiver.id, receiver);
          if (binding?.kind !== 'assignment' || !binding.value || binding.value.nodeType !== 'Call' || !isLoopFactory(model, binding.value)) return;
          loopName = receiver.id;
        } else return;
        const fix = buildFix(block, index, run, loopName, arg);
        ctx.report({ node: run.call, messageId: 'useRun', data: { main: model.textOf(arg) }, fix });
      });
    }

    function buildFix(block: readonly AnyStmt[], index: number, run: RunSite, loopName: string | null, arg: AnyExpr): RuleFix | null {
      // asyncio.run needs a coroutine: only when the argument is a known coroutine call
      if (arg.nodeType !== 'Call' || !resolver.coroutineCall(arg)) return null;
      const stmt = block[index];
      if (!stmt) return null;
      let first: AnyStmt = stmt;
      let last: AnyStmt = stmt;
      if (!loopName && source.startsWith('try', stmt.start)) return null;
      if (loopName) {
        // loop = get_event_loop()/new_event_loop(); [asyncio.set_event_loop(loop)]; run; [loop.close()]
        let i = index - 1;
        const setLoop = block[i];
        if (setLoop && isCallStatement(setLoop, (c) => qualifiedOf(model, c.func) === 'asyncio.set_event_loop')) i--;
        const creation = block[i];
        if (!creation || creation.nodeType !== 'Assign' || creation.targets.length !== 1 || creation.targets[0]?.nodeType !== 'Name' || (creation.targets[0]).id !== loopName) return null;
        first = creation;
        const close = block[index + 1];
        if (close && isCallStatement(close, (c) => isMethodOn(c, loopName, 'close'))) last = close;
        // the try/finally form: the whole `try` goes only together with its `finally: loop.close()`
        if (source.startsWith('try', stmt.start) && last === stmt) return null;
        // every other use of the loop variable would dangle
        const uses = model.nodesOfType('Name').filter((n) => n.id === loopName && model.lookup(n.id, n)?.scope === model.moduleScope);
        const allowed = uses.filter((n) => n.start >= first.start && n.end <= last.end);
        if (allowed.length !== uses.length) return null;
      }
      const asyncio = asyncioReference(model, source, stmt);
      if (!asyncio) return null;
      const argText = model.textOf(arg);
      const runText = `${asyncio.name}.run(${argText})`;
      const replacement = run.assignedTo ? `${run.assignedTo} = ${runText}` : runText;
      return { message: `Replace with \`asyncio.run(${argText})\``, edits: [...asyncio.edits, { start: first.start, end: last.end, content: replacement }] };
    }
  },
});

interface RunSite {
  readonly call: Call;
  /** `result = loop.run_until_complete(...)`: the target's text */
  readonly assignedTo: string | null;
}

/** `loop.run_until_complete(x)` as a statement, `r = loop.run_until_complete(x)`, or inside `try:` … `finally: loop.close()` */
function runUntilCompleteIn(stmt: AnyStmt): RunSite | null {
  if (stmt.nodeType === 'Expr' && isRunUntilComplete(stmt.value)) return { call: stmt.value as Call, assignedTo: null };
  if (stmt.nodeType === 'Assign' && stmt.targets.length === 1 && stmt.targets[0]?.nodeType === 'Name' && isRunUntilComplete(stmt.value)) {
    return { call: stmt.value as Call, assignedTo: stmt.targets[0].id };
  }
  return null;
}

function isRunUntilComplete(expr: AnyExpr): boolean {
  return expr.nodeType === 'Call' && expr.func.nodeType === 'Attribute' && expr.func.attr === 'run_until_complete';
}

function isLoopFactory(model: SemanticModel, call: Call): boolean {
  const name = qualifiedOf(model, call.func);
  return name !== null && LOOP_FACTORIES.has(name) && call.args.length === 0;
}

function qualifiedOf(model: SemanticModel, expr: AnyExpr): string | null {
  try {
    const name = model.qualifiedName(expr);
    return name ? normaliseName(name) : null;
  } catch {
    return null;
  }
}

function isCallStatement(stmt: AnyStmt, test: (call: Call) => boolean): boolean {
  return stmt.nodeType === 'Expr' && stmt.value.nodeType === 'Call' && test(stmt.value);
}

function isMethodOn(call: Call, receiver: string, method: string): boolean {
  return call.func.nodeType === 'Attribute' && call.func.attr === method && call.func.value.nodeType === 'Name' && call.func.value.id === receiver && call.args.length === 0;
}

/** Statement lists that run at import / script level: the module body and `if __name__ == "__main__":` bodies, with `try`/`finally` bodies flattened in. */
function topLevelBlocks(model: SemanticModel): AnyStmt[][] {
  const blocks: AnyStmt[][] = [];
  const visit = (body: AnyStmt[]): void => {
    blocks.push(body);
    for (const stmt of body) {
      if (stmt.nodeType === 'If' && isMainGuard(stmt.test)) {
        visit(stmt.body);
      }
      if (stmt.nodeType === 'Try' && !isFlattenable(stmt)) {
        visit(stmt.body);
      }
    }
  };
  visit(model.parse.module.body);
  return blocks.map((b) => flattenTryFinally(b));
}

/**
 * `try: loop.run_until_complete(x)` `finally: loop.close()` → the same statements in a row,
 * so the fix can replace the whole construct.
 */
function flattenTryFinally(block: AnyStmt[]): AnyStmt[] {
  const out: AnyStmt[] = [];
  for (const stmt of block) {
    if (stmt.nodeType === 'Try' && isFlattenable(stmt)) {
      const run = stmt.body[0];
      const close = stmt.finalbody[0];
      if (run && close) {
        // a synthetic pair that spans the whole try statement
        out.push({ ...run, start: stmt.start }, { ...close, end: stmt.end });
        continue;
      }
    }
    out.push(stmt);
  }
  return out;
}

function isFlattenable(stmt: Extract<AnyStmt, { nodeType: 'Try' }>): boolean {
  const run = stmt.body[0];
  const close = stmt.finalbody[0];
  return (
    stmt.handlers.length === 0 && stmt.orelse.length === 0 && stmt.body.length === 1 && stmt.finalbody.length === 1 &&
    run !== undefined && runUntilCompleteIn(run) !== null && close?.nodeType === 'Expr'
  );
}

function isMainGuard(test: AnyExpr): boolean {
  if (test.nodeType !== 'Compare' || test.ops.length !== 1 || test.ops[0] !== 'Eq') return false;
  const left = test.left;
  const right = test.comparators[0];
  const isName = (e: AnyExpr | undefined): boolean => e?.nodeType === 'Name' && e.id === '__name__';
  const isMain = (e: AnyExpr | undefined): boolean => e?.nodeType === 'Constant' && e.value === '__main__';
  return (isName(left) && isMain(right)) || (isMain(left) && isName(right));
}
