/** The README's rule table lists every registered rule, linked to its page, with its name. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README rule table', () => {
  for (const rule of RULES) {
    it(rule.meta.code, () => {
      const row = readme.split('\n').find((line) => line.startsWith(`| [${rule.meta.code}](${rule.meta.docs})`));
      expect(row, `README.md needs a row for ${rule.meta.code}`).toBeDefined();
      expect(row).toContain(rule.meta.name);
    });
  }
});
