/**
 * What "Profile Event Loop…" can run, as typed by the user: a command line such as
 * `app.py --port 8080` or `-m pkg.app args`, split like a shell would (quotes, no
 * expansion). Pure, so it is unit-tested.
 */
import type { ProfileTarget } from '../../profiler/session';

/** Split a command line into words: whitespace separates, '…' and "…" group; inside "…" only \" and \\ are escapes, so Windows paths keep their backslashes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) current += text.charAt(++i);
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (inWord) words.push(current);
  return words;
}

/** A typed command line → a target; an optional leading `python`/`python3` is dropped. */
export function parseTargetCommandLine(text: string): ProfileTarget {
  const words = splitCommandLine(text.trim());
  if (words.length > 0 && /^(python(3(\.\d+)?)?|py)(\.exe)?$/i.test(words[0] ?? '')) words.shift();
  const first = words[0];
  if (first === undefined) throw new Error('the command line is empty');
  if (first === '-m') {
    const module = words[1];
    if (module === undefined) throw new Error('-m needs a module name');
    return { kind: 'module', module, args: words.slice(2) };
  }
  if (first.startsWith('-')) throw new Error(`a script path or -m module must come first, not ${first}`);
  return { kind: 'script', path: first, args: words.slice(1) };
}

/** The target as the user would type it (for the header and the remembered choice). */
export function describeTarget(target: ProfileTarget, shorten: (file: string) => string = (f) => f): string {
  const quote = (word: string) => (/[\s"']/.test(word) ? `"${word.replace(/"/g, '\\"')}"` : word);
  const head = target.kind === 'module' ? ['-m', target.module] : [shorten(target.path)];
  return [...head, ...(target.args ?? [])].map(quote).join(' ');
}
