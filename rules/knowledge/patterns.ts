/**
 * User-configured blocking calls (AIO110): dotted names where `*` matches within one
 * component (`*.postwild`, `prewild.*`, `*session.get`, `*.*.*`). A pattern matches a
 * whole dotted name: `bee.bonnet` matches neither `bee` nor `bonnet`.
 */
import type { BlockingCallEntry } from '../../src/engine/config';

export interface CompiledBlockingPattern {
  /** the pattern as the user wrote it */
  readonly pattern: string;
  readonly replacement: string | null;
  readonly regex: RegExp;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePattern(pattern: string): RegExp {
  const components = pattern.trim().split('.');
  const source = components.map((component) => component.split('*').map(escapeRegex).join('[^.]*')).join('\\.');
  return new RegExp(`^${source}$`);
}

export function compileBlockingPatterns(entries: readonly BlockingCallEntry[]): CompiledBlockingPattern[] {
  const compiled: CompiledBlockingPattern[] = [];
  for (const entry of entries) {
    const pattern = entry.pattern.trim();
    if (pattern === '') continue;
    compiled.push({ pattern, replacement: entry.replacement?.trim() || null, regex: compilePattern(pattern) });
  }
  return compiled;
}

/** The first pattern matching any of `names` (qualified name, name as written), or null. */
export function matchBlockingPattern(
  patterns: readonly CompiledBlockingPattern[],
  names: readonly (string | null)[],
): CompiledBlockingPattern | null {
  for (const pattern of patterns) {
    for (const name of names) {
      if (name !== null && pattern.regex.test(name)) return pattern;
    }
  }
  return null;
}
