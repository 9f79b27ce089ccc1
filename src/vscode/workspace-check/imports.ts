/**
 * What a registered file imports, as the semantic model lists it (absolute module names): the edges
 * of the findings cache's dependency keys. Only projects made by the engine's `createProject` expose
 * their model; anything else has no known imports.
 */
import type { LintProject } from '../../engine/project';

interface WithModels {
  workspace: { importsOf(path: string): readonly string[] | null };
}

function hasModels(project: LintProject): project is LintProject & WithModels {
  return 'workspace' in project;
}

/**
 * The file's imports; undefined when the project cannot tell. Read from the workspace index, which
 * keeps them after a tree is evicted (asking the model would rebuild an evicted tree).
 */
export function importedModules(project: LintProject, path: string): string[] | undefined {
  if (!hasModels(project) || !project.hasFile(path)) return undefined;
  try {
    return [...(project.workspace.importsOf(path) ?? [])];
  } catch {
    // the model cannot be built (lint reports that as an internal error): nothing is imported
    return [];
  }
}
