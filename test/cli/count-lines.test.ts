import { describe, expect, it } from 'vitest';
import { countLines, PositionMapper } from '../../src/cli/report';

describe('countLines', () => {
  it('agrees with the position mapper on every kind of line break, with or without a final one', () => {
    const samples = ['', 'a', '\n', 'a\n', 'a\nb', 'a\r\nb\r\n', 'a\rb', 'a\r', '\r\n', '\r\r\n\n', 'x\n\n\ny', '\ufeffa\r\nb', 'a\n\r'];
    for (const text of samples) expect(countLines(text), JSON.stringify(text)).toBe(new PositionMapper(text).lineCount);
  });
});
