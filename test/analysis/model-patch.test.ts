/**
 * `patchModel` against a full build: after generated edits inside a top-level def or class, the
 * model made by replacing one statement in the previous model must answer every structural
 * question exactly as a model built from scratch does: each node's parent and scope, the per-kind
 * node lists, every scope with its bindings (offsets included), TYPE_CHECKING ranges, imports.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, patchModel, type Model, type ScopeImpl } from '../../src/analysis/model';
import type { AnyNode, NodeType } from '../../src/python/ast';
import { parse, walk } from '../../src/python/index';
import { locateStatementEdit, reparseStatement } from '../../src/python/incremental';
import { CHILD_FIELDS } from '../../src/python/walk';
import { fixtureProjects, random, randomEdit } from '../support/generated-edits';

const OPTIONS = { moduleName: 'pkg.mod', isPackage: false };

const where = (node: AnyNode | null): string => (node ? `${node.nodeType}@${String(node.start)}-${String(node.end)}` : 'null');

function scopeDigest(scope: ScopeImpl): unknown {
  return {
    kind: scope.kind,
    qualname: scope.qualname,
    node: where(scope.node),
    parent: scope.parent ? where(scope.parent.node) : null,
    children: scope.children.map((child) => where(child.node)),
    isAsync: scope.isAsync,
    isGenerator: scope.isGenerator,
    hasStarImport: scope.hasStarImport,
    selfName: scope.selfName,
    globals: [...scope.globals],
    nonlocals: [...scope.nonlocals],
    attributes: [...scope.attributeAssignments].map(([attr, list]) => [attr, list.map((item) => [where(item.node), where(item.value), where(item.annotation)])]),
    bindings: [...scope.bindings].map(([name, list]) =>
      [name, list.map((b) => [b.kind, b.offset, where(b.node), where(b.scope.node), b.importedName, where(b.value), where(b.annotation), b.typeCheckingOnly])],
    ),
  };
}

/** Everything structural a model says, by position (the two models hold different node objects). */
function digest(model: Model): unknown {
  const nodes: string[] = [];
  walk(model.parse.module, (node) => {
    nodes.push(`${where(node)} parent=${where(model.parentOf(node))} scope=${where(model.scopeOf(node).node)} tc=${String(model.isTypeCheckingOnly(node))}`);
    return undefined;
  });
  const kinds: Record<string, string[]> = {};
  for (const type of Object.keys(CHILD_FIELDS) as NodeType[]) {
    const list = model.nodesOfType(type);
    if (list.length > 0) kinds[type] = list.map(where);
  }
  const internals = model as unknown as { localClasses: Map<string, ScopeImpl>; localFunctions: Map<string, AnyNode> };
  return {
    nodes,
    kinds,
    scopes: model.scopes.map(scopeDigest),
    imported: [...model.importedModules].sort(),
    localClasses: [...internals.localClasses].map(([key, scope]) => [key, where(scope.node)]).sort(),
    localFunctions: [...internals.localFunctions].map(([key, node]) => [key, where(node)]).sort(),
  };
}


describe('patchModel', () => {
  it('answers like a full build after generated edits, chained, over every rule fixture', () => {
    const next = random(99);
    let patched = 0;
    let spliced = 0;
    for (const project of fixtureProjects()) {
      for (const [name, original] of Object.entries(project.files)) {
        let current = parse(original);
        let model = buildModel(current, OPTIONS);
        for (let round = 0; round < 8; round++) {
          const edit = randomEdit(current.source, next);
          if (!edit) break;
          const at = locateStatementEdit(current, edit.text);
          const oldStatement = at ? current.module.body[at.index] : undefined;
          // as the workspace does it: the old model's node lists move the statements after the edit
          const moved = model;
          const reparsed = at && oldStatement ? reparseStatement(current, edit.text, at, (after, delta) => { moved.moveNodesAfter(after, delta); }) : null;
          let nextModel: Model | null = null;
          if (reparsed && at && oldStatement) {
            spliced++;
            nextModel = patchModel(model, reparsed, { index: at.index, oldStatement, sliceStart: at.sliceStart, oldEnd: oldStatement.end, delta: at.delta });
            if (nextModel) {
              patched++;
              expect(digest(nextModel), `${project.name}/${name} after ${edit.description} (round ${String(round)})`).toEqual(digest(buildModel(parse(edit.text), OPTIONS)));
            }
          }
          current = reparsed ?? parse(edit.text);
          model = nextModel ?? buildModel(current, OPTIONS);
        }
      }
    }
    expect(spliced).toBeGreaterThan(50);
    // imports and redefinitions decline; most edits patch
    expect(patched / spliced).toBeGreaterThan(0.7);
  });
});
