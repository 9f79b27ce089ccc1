/**
 * What a registered file imports, as the semantic model lists it (absolute module names): the edges
 * of the findings cache's dependency keys. Only projects made by the engine's `createProject` expose
 * their model; anything else has no known imports.
 */
import type { LintProject } from '../../engine/project';

interface WithModels {
  workspace: { modelOf(path: string): { importedModules: ReadonlySet<string> } | null };
}

function hasModels(project: LintProject): project is LintProject & WithModels {
  return 'workspace' in project;
}

/** The file's imports; undefined when the project cannot tell. Parses the file if it has not been. */
export function importedModules(project: LintProject, path: string): string[] | undefined {
  if (!hasModels(project) || !project.hasFile(path)) return undefined;
  try {
    return [...(project.workspace.modelOf(path)?.importedModules ?? [])];
  } catch {
    // the model cannot be built (lint reports that as an internal error): nothing is imported
    return [];
  }
}
