/** The README's command-line and configuration sections keep up with the code. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_HELP, MAIN_HELP } from '../../src/cli/args';
import { DEFAULT_CONFIG } from '../../src/engine/config';

const README = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const next = README.indexOf('\n## ', start + 1);
  return README.slice(start, next === -1 ? undefined : next);
}

describe('README', () => {
  it('documents every option of aiolint check and every command', () => {
    const text = section('Command line');
    const options = new Set(CHECK_HELP.match(/--[a-z][a-z-]+/g));
    expect(options.size).toBeGreaterThan(8);
    for (const option of options) if (option !== '--help') expect(text, option).toContain(`\`${option}`);
    for (const command of ['aiolint check', 'aiolint rule', 'aiolint profile']) {
      expect(MAIN_HELP).toContain(command);
      expect(text).toContain(command);
    }
  });

  it('documents every [tool.aiolint] key', () => {
    const text = section('Configuration');
    const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const key of Object.keys(DEFAULT_CONFIG)) expect(text, kebab(key)).toContain(`\`${kebab(key)}\``);
  });
});
