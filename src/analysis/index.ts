/**
 * Public API of the analysis layer: the semantic model of a file and the workspace index.
 * Rules read the types in `types.ts`; the engine creates `Workspace`s.
 */
export type * from './types';
export { buildModel, resolveRelativeModule, type Model, type ModelOptions } from './model';
export { Workspace, buildModuleInfo } from './workspace';
export { moduleNameOf, normalisePath, relativeTo, type ModulePath } from './module-names';
export { BUILTIN_NAMES, WELL_KNOWN_MODULES, RETURN_TYPES, MEMBER_TYPES, TYPE_ALIASES } from './library';
