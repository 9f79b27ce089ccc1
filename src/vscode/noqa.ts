/**
 * Text edits for the "Disable AIOxxx for this line / file" code actions. Pure string logic so that
 * it can be tested without an editor.
 */

/** `# noqa`, `# noqa: A, B` or `# NOQA:A,B` anywhere in a line's comment (flake8's syntax). */
const lineNoqa = /#\s*noqa(?::[\s]?(?<codes>[A-Z][A-Z0-9]*(?:[\s,]+[A-Z][A-Z0-9]*)*))?/i;

/** `# aiolint: noqa: A, B` on a line of its own: the file-level form (ruff's `# ruff: noqa: ...`). */
const fileNoqa = /^#\s*aiolint:\s*noqa:\s*(?<codes>[A-Z][A-Z0-9]*(?:[\s,]+[A-Z][A-Z0-9]*)*)\s*$/i;

export interface LineEdit {
  /** 0-based line to change */
  line: number;
  /** replace the whole line's text with this (without the line break) */
  newText: string;
  /** true: insert `newText` as a new line before `line` instead of replacing it */
  insert: boolean;
}

function splitCodes(list: string): string[] {
  return list.split(/[\s,]+/).filter((code) => code.length > 0);
}

function hasCode(codes: string[], code: string): boolean {
  return codes.some((c) => c.toUpperCase() === code.toUpperCase());
}

/**
 * The line with `code` added to its `# noqa` comment, or a new `  # noqa: CODE` comment appended.
 * Returns the line unchanged when it is already silenced for that code (or for everything).
 */
export function addLineNoqa(lineText: string, code: string): string {
  const match = lineNoqa.exec(lineText);
  if (match) {
    const codesText = match.groups?.codes;
    if (codesText === undefined) return lineText; // a bare `# noqa` silences every code already
    const codes = splitCodes(codesText);
    if (hasCode(codes, code)) return lineText;
    const merged = `# noqa: ${[...codes, code].join(', ')}`;
    return lineText.slice(0, match.index) + merged + lineText.slice(match.index + match[0].length);
  }
  const trimmed = lineText.replace(/\s+$/, '');
  return `${trimmed}  # noqa: ${code}`;
}

/**
 * Where to put a file-level `# aiolint: noqa: CODE`: merged into an existing one, or inserted after
 * the leading shebang, encoding line and module comments, before the first statement.
 */
export function addFileNoqa(lines: readonly string[], code: string): LineEdit | null {
  let insertAt = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    const match = fileNoqa.exec(text);
    if (match) {
      const codes = splitCodes(match.groups?.codes ?? '');
      if (hasCode(codes, code)) return null;
      const indent = /^\s*/.exec(lines[i] ?? '')?.[0] ?? '';
      return { line: i, newText: `${indent}# aiolint: noqa: ${[...codes, code].join(', ')}`, insert: false };
    }
    if (text.startsWith('#!') || /^#.*coding[:=]/.test(text)) insertAt = i + 1;
    if (text !== '' && !text.startsWith('#')) break;
  }
  return { line: insertAt, newText: `# aiolint: noqa: ${code}`, insert: true };
}
