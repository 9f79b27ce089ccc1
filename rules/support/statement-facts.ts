/**
 * File facts (a rule's `fileFacts`) gathered statement by statement and remembered per top-level
 * statement node. After an edit inside one statement the engine patches the model and keeps the
 * other statements' nodes, so only the edited statement is looked at again: what a fact costs per
 * keystroke stops growing with the size of the file.
 */
import type { AnyStmt } from '../../src/python/ast';
import type { SemanticModel } from '../../src/analysis/types';

/** The facts of one top-level statement's slice `[start, end)` (from the end of the statement before it). */
export type StatementFacts = (model: SemanticModel, start: number, end: number) => readonly string[];

/**
 * A rule's file facts as one string to compare before and after an edit: the union of `facts` over
 * the top-level statements, sorted. Computed once per model, and each statement's part once per
 * statement node.
 */
export function statementFacts(facts: StatementFacts): (model: SemanticModel) => string {
  const byModel = new WeakMap<SemanticModel, string>();
  const byStatement = new WeakMap<AnyStmt, readonly string[]>();
  return (model) => {
    let joined = byModel.get(model);
    if (joined !== undefined) return joined;
    const found = new Set<string>();
    const body = model.parse.module.body;
    for (let i = 0; i < body.length; i++) {
      const stmt = body[i] as AnyStmt;
      let own = byStatement.get(stmt);
      if (!own) {
        own = facts(model, i > 0 ? (body[i - 1] as AnyStmt).end : 0, stmt.end);
        byStatement.set(stmt, own);
      }
      for (const fact of own) found.add(fact);
    }
    // (NUL never occurs in source text, so the join cannot make two lists look the same)
    joined = [...found].sort().join('\0');
    byModel.set(model, joined);
    return joined;
  };
}
