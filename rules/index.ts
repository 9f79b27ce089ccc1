/**
 * The rule registry: every rule the engine knows, in code order. Adding a rule means
 * one import and one entry here, a doc page `rules/docs/<CODE>.md` (a test enforces it)
 * and fixtures `test/rules/fixtures/<CODE>*.py`.
 */
import type { AnyRule } from './rule';

export const RULES: readonly AnyRule[] = [
];

const byCode = new Map<string, AnyRule>(RULES.map((rule) => [rule.meta.code, rule]));

/** The rule with code `code` ('AIO101'), or undefined. */
export function ruleByCode(code: string): AnyRule | undefined {
  return byCode.get(code.toUpperCase());
}
