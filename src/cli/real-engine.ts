/**
 * The real engine behind the command line: the parser's decoder, the project, the fix
 * applier and the rule registry with its doc pages.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyFixes, createProject, unknownSelectors } from '../engine/index';
import { decodePythonSource } from '../python/decode';
import type { LintProject } from '../engine/project';
import { RULES } from '../../rules/index';
import { RESIDENT_LINES, workerScript } from './parallel';
import type { AnyRule } from '../../rules/rule';
import type { CheckEngine } from './engine-api';
import type { RuleDescriptor } from './formatters';

function describeRule(rule: AnyRule): RuleDescriptor {
  const { code, name, aliases, summary, defaultSeverity } = rule.meta;
  return { code, name, aliases, summary, defaultSeverity };
}

/** The rule with this code or alias (aliases may be shared: the first rule in code order wins). */
export function findRule(codeOrAlias: string): AnyRule | undefined {
  const wanted = codeOrAlias.toUpperCase();
  return (
    RULES.find((rule) => rule.meta.code === wanted) ??
    RULES.find((rule) => rule.meta.aliases.some((alias) => alias.toUpperCase() === wanted)) ??
    RULES.find((rule) => rule.meta.name.toUpperCase() === wanted)
  );
}

/**
 * The repository (or installed package) folder holding `rules/docs`: two levels up from
 * src/cli when run from source, one level up from dist/cli.js when bundled.
 */
async function packageRoot(): Promise<string | undefined> {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let folder = here, i = 0; i < 4; i++, folder = path.dirname(folder)) {
    try {
      await fs.stat(path.join(folder, 'rules', 'docs'));
      return folder;
    } catch {
      // keep looking upwards
    }
  }
  return undefined;
}

type RealProject = ReturnType<typeof createProject>;


function isRealProject(project: LintProject): project is RealProject {
  return 'workspace' in project;
}

export function createCheckEngine(): CheckEngine {
  return {
    createProject(root) {
      return createProject({ root, maxResidentLines: RESIDENT_LINES });
    },
    importsOf(project, registered) {
      if (!isRealProject(project)) return [];
      try {
        return [...(project.workspace.importsOf(registered) ?? [])];
      } catch {
        // the model cannot be built (lint reports that as an internal error): no known imports
        return [];
      }
    },
    workerScript() {
      // only the bundle has a worker next to it (tests running the sources lint on this thread)
      const script = workerScript();
      return existsSync(script) ? script : undefined;
    },
    decode: decodePythonSource,
    applyFixes(text, findings) {
      // the caller already chose which fixes apply (safe, or unsafe too with --unsafe-fixes)
      return applyFixes(text, findings, { unsafe: true });
    },
    rules: RULES.map(describeRule),
    unknownSelectors(selectors) {
      return unknownSelectors(RULES, selectors);
    },
    async ruleDoc(codeOrAlias) {
      const rule = findRule(codeOrAlias);
      if (!rule) return undefined;
      const root = await packageRoot();
      try {
        if (root !== undefined) return { code: rule.meta.code, markdown: await fs.readFile(path.join(root, rule.meta.docs), 'utf8') };
      } catch {
        // the page is missing from this installation: fall back to the rule's own summary
      }
      const { code, name, aliases, summary } = rule.meta;
      const aliasLine = aliases.length > 0 ? `\n\nAliases: ${aliases.join(', ')}` : '';
      return { code, markdown: `# ${code} ${name}\n\n${summary}${aliasLine}\n` };
    },
  };
}
