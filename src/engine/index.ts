/**
 * The engine's public API: create a project, feed it files, lint, apply fixes.
 */
export type * from './findings';
export type * from './project';
export type * from './config';
export { DEFAULT_CONFIG } from './config';
export { createProject, DEFAULT_RESIDENT_LINES, workerResidentLines, perFileIgnoresFor, isExcluded, type CreateProjectOptions } from './lint-project';
export { applyFixes, fixUntilStable, isApplicable, type ApplyOptions, type ApplyResult, type FixLoopResult } from './apply-fixes';
export { selectRules, isRuleEnabled, selectorSpecificity, unknownSelectors, configuredSeverity } from './selection';
export { parseSuppressions, isSuppressed, type Suppressions } from './suppressions';
