/**
 * Finds the configuration that applies to a file: walking up from the file's folder, the
 * nearest `pyproject.toml` with a `[tool.aiolint]` table wins; without one anywhere up the
 * tree, the nearest `pyproject.toml` still marks the project root (for per-file-ignores and
 * relative paths) and defaults apply. File access goes through the injected `readFile`, so
 * the VS Code adapter can reuse this with its own file system; results are cached per folder.
 */
import * as path from 'node:path';
import { applySettings, parsePyprojectConfig } from '../engine/config-file';
import type { ConfigDiagnostic, ConfigSettings } from '../engine/config-file';
import type { ResolvedConfig } from '../engine/config';

/** Returns the file's text, or undefined when it does not exist (any other failure: throw). */
export type ReadTextFile = (filePath: string) => Promise<string | undefined>;

export interface LocatedConfig {
  /** the pyproject.toml whose `[tool.aiolint]` table was used, if any */
  configFile: string | undefined;
  /** folder of the chosen pyproject.toml (the project root), undefined when there is none */
  root: string | undefined;
  /** settings read from the file (not merged with defaults) */
  settings: ConfigSettings;
  /** defaults, then the file, then the locator's overrides */
  config: ResolvedConfig;
  /** problems of the configuration file; shown once per file by the caller */
  diagnostics: ConfigDiagnostic[];
}

export interface ConfigLocatorOptions {
  readFile: ReadTextFile;
  /** layered over the file's settings (command-line flags, editor settings) */
  overrides?: ConfigSettings;
  /** use this file for every path instead of searching (`--config FILE`) */
  explicitConfigFile?: string;
  /** how paths are written in diagnostics (the CLI shows them relative to the working directory) */
  displayPath?: (filePath: string) => string;
  /** selectors that name no rule, for warnings about the file's select/ignore/per-file-ignores/severity */
  unknownSelectors?: (selectors: readonly string[]) => string[];
}

export const PYPROJECT = 'pyproject.toml';

export class ConfigLocator {
  private readonly byFolder = new Map<string, Promise<LocatedConfig>>();
  private readonly byConfigFile = new Map<string, Promise<ParsedPyproject | undefined>>();

  constructor(private readonly options: ConfigLocatorOptions) {}

  /** The configuration for a file (absolute path). */
  configFor(filePath: string): Promise<LocatedConfig> {
    return this.configForFolder(path.dirname(path.resolve(filePath)));
  }

  /** The configuration for a folder (absolute path), as for a file inside it. */
  configForFolder(folder: string): Promise<LocatedConfig> {
    const resolved = path.resolve(folder);
    let located = this.byFolder.get(resolved);
    if (!located) {
      located = this.locate(resolved);
      this.byFolder.set(resolved, located);
    }
    return located;
  }

  /** Forget cached results (all, or those that may depend on one changed pyproject.toml). */
  invalidate(changedFile?: string): void {
    if (changedFile === undefined) {
      this.byFolder.clear();
      this.byConfigFile.clear();
      return;
    }
    const resolved = path.resolve(changedFile);
    this.byConfigFile.delete(resolved);
    const folder = path.dirname(resolved);
    for (const key of [...this.byFolder.keys()]) {
      if (isInside(key, folder)) this.byFolder.delete(key);
    }
  }

  private async locate(folder: string): Promise<LocatedConfig> {
    if (this.options.explicitConfigFile !== undefined) {
      const file = path.resolve(this.options.explicitConfigFile);
      const parsed = await this.read(file);
      if (!parsed) {
        throw new ConfigFileMissingError(file);
      }
      return this.result(file, path.dirname(file), parsed);
    }
    let nearestRoot: string | undefined;
    for (let current = folder; ; ) {
      const candidate = path.join(current, PYPROJECT);
      const parsed = await this.read(candidate);
      if (parsed) {
        nearestRoot ??= current;
        if (parsed.hasToolTable) return this.result(candidate, current, parsed);
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return this.result(undefined, nearestRoot, { settings: {}, diagnostics: [], hasToolTable: false });
  }

  private result(configFile: string | undefined, root: string | undefined, parsed: ParsedPyproject): LocatedConfig {
    return {
      configFile,
      root,
      settings: parsed.settings,
      config: applySettings(parsed.settings, this.options.overrides ?? {}),
      diagnostics: parsed.diagnostics,
    };
  }

  private read(file: string): Promise<ParsedPyproject | undefined> {
    let parsed = this.byConfigFile.get(file);
    if (!parsed) {
      parsed = this.options.readFile(file).then((text) => {
        if (text === undefined) return undefined;
        const label = this.options.displayPath ? this.options.displayPath(file) : file;
        return parsePyprojectConfig(text, label, this.options.unknownSelectors ? { unknownSelectors: this.options.unknownSelectors } : {});
      });
      this.byConfigFile.set(file, parsed);
    }
    return parsed;
  }
}

type ParsedPyproject = ReturnType<typeof parsePyprojectConfig>;

export class ConfigFileMissingError extends Error {
  constructor(readonly file: string) {
    super(`configuration file not found: ${file}`);
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
