/**
 * Offsets (what the engine speaks) to 0-based line/character positions (what the editor speaks) for
 * texts that are not open in an editor. Line breaks are `\n`, `\r\n` and `\r`, as in both Python and
 * VS Code; characters are UTF-16 code units in both, so no conversion is needed within a line.
 */
import { createLineIndex } from '../python/lineIndex';
import type { LineIndex } from '../python/ast';

export interface LineCharacter {
  line: number;
  character: number;
}

export class TextPositions {
  /** the engine's line table (1-based lines), built on first use */
  private readonly lines: LineIndex;

  constructor(readonly text: string) {
    this.lines = createLineIndex(text);
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lines.lineOf(clamped);
    return { line: line - 1, character: clamped - this.lines.lineStart(line) };
  }

  offsetAt(position: LineCharacter): number {
    return this.lines.offsetOf(position.line + 1, position.character);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }
}
