/**
 * Which rules run, ruff's way: `select` and `ignore` take codes, aliases, prefixes of
 * either, or `ALL`; an empty `select` means the default set. When a rule matches both,
 * the more specific selector wins (`select = ["AIO101"]`, `ignore = ["AIO1"]` keeps
 * AIO101); on a tie `ignore` wins. `extendSelect` adds to the selection (to the default set
 * when `select` is empty) and `extendIgnore` to `ignore`. A severity of 'off' disables a rule outright.
 */
import type { ResolvedConfig } from './config';
import type { Severity } from './findings';

export interface SelectableRule {
  readonly meta: {
    readonly code: string;
    readonly name: string;
    readonly aliases: readonly string[];
    readonly enabledByDefault: boolean;
    readonly defaultSeverity: Severity;
  };
}

/** How specifically `selector` names `rule`: -1 no match, 0 `ALL`, else the selector's length (exact codes score highest). */
export function selectorSpecificity(selector: string, rule: SelectableRule): number {
  const wanted = selector.trim().toUpperCase();
  if (wanted === '') return -1;
  if (wanted === 'ALL') return 0;
  const names = [rule.meta.code, ...rule.meta.aliases].map((name) => name.toUpperCase());
  if (names.includes(wanted)) return 1000 + wanted.length;
  if (rule.meta.name.toUpperCase() === wanted) return 1000 + wanted.length;
  return names.some((name) => name.startsWith(wanted)) ? wanted.length : -1;
}

function bestSpecificity(selectors: readonly string[], rule: SelectableRule): number {
  let best = -1;
  for (const selector of selectors) best = Math.max(best, selectorSpecificity(selector, rule));
  return best;
}

/** The configured severity for a rule (keyed by code, alias or name), or undefined. */
export function configuredSeverity(config: ResolvedConfig, rule: SelectableRule): Severity | 'off' | undefined {
  const entries = Object.entries(config.severity);
  if (entries.length === 0) return undefined;
  const keys = new Set([rule.meta.code, rule.meta.name, ...rule.meta.aliases].map((key) => key.toUpperCase()));
  for (const [key, value] of entries) if (keys.has(key.toUpperCase())) return value;
  return undefined;
}

export function isRuleEnabled(rule: SelectableRule, config: ResolvedConfig, extraIgnores: readonly string[] = []): boolean {
  if (configuredSeverity(config, rule) === 'off') return false;
  const base = config.select.length === 0 ? (rule.meta.enabledByDefault ? 0 : -1) : bestSpecificity(config.select, rule);
  const selected = Math.max(base, bestSpecificity(config.extendSelect ?? [], rule));
  if (selected < 0) return false;
  const ignored = bestSpecificity([...config.ignore, ...(config.extendIgnore ?? []), ...extraIgnores], rule);
  return ignored < selected || ignored < 0;
}

export function selectRules<R extends SelectableRule>(rules: readonly R[], config: ResolvedConfig, extraIgnores: readonly string[] = []): R[] {
  return rules.filter((rule) => isRuleEnabled(rule, config, extraIgnores));
}

/** Selectors in a configuration that match no rule (for the edges to warn about). */
export function unknownSelectors(rules: readonly SelectableRule[], selectors: readonly string[]): string[] {
  return selectors.filter((selector) => !rules.some((rule) => selectorSpecificity(selector, rule) >= 0));
}
