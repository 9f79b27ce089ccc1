/**
 * Finds the `[tool.aiolint]` table that applies to a document, reading through `vscode.workspace.fs`
 * (so it works in virtual workspaces and untrusted ones): walking up from the document's folder, the
 * nearest `pyproject.toml` with the table wins. In a workspace folder the walk stops at the folder's
 * root for non-`file` schemes (a virtual file system has no meaningful parent beyond it).
 */
import * as vscode from 'vscode';
import type { ConfigDiagnostic, ConfigSettings } from '../engine/config-file';
import { parsePyprojectConfig } from '../engine/config-file';

export interface ProjectConfig {
  /** the pyproject.toml whose table was used */
  configFile: vscode.Uri | undefined;
  settings: ConfigSettings;
  diagnostics: ConfigDiagnostic[];
}

/** Returns the text, or undefined when the file does not exist. */
export type ReadUri = (uri: vscode.Uri) => Promise<string | undefined>;

export const readThroughWorkspaceFs: ReadUri = async (uri) => {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    if (error instanceof vscode.FileSystemError) return undefined;
    throw error;
  }
};

export class ProjectConfigLocator {
  private readonly byFolder = new Map<string, Promise<ProjectConfig>>();
  private readonly byFile = new Map<string, Promise<ReturnType<typeof parsePyprojectConfig> | undefined>>();

  constructor(
    private readonly readFile: ReadUri,
    /** how a config file is named in messages */
    private readonly describe: (uri: vscode.Uri) => string,
  ) {}

  /** The configuration for a document (its folder's, as the walk finds it). */
  configFor(document: vscode.Uri, stopAt: vscode.Uri | undefined): Promise<ProjectConfig> {
    const folder = vscode.Uri.joinPath(document, '..');
    const key = folder.toString();
    let found = this.byFolder.get(key);
    if (!found) {
      found = this.locate(folder, stopAt);
      this.byFolder.set(key, found);
    }
    return found;
  }

  /** Forget everything (a pyproject.toml was created, changed or deleted). */
  invalidate(): void {
    this.byFolder.clear();
    this.byFile.clear();
  }

  private async locate(start: vscode.Uri, stopAt: vscode.Uri | undefined): Promise<ProjectConfig> {
    const mayLeaveFolder = start.scheme === 'file' || stopAt === undefined;
    const stopPath = stopAt?.path.replace(/\/$/, '');
    for (let current = start; ; ) {
      const candidate = vscode.Uri.joinPath(current, 'pyproject.toml');
      const parsed = await this.read(candidate);
      if (parsed?.hasToolTable) {
        return { configFile: candidate, settings: parsed.settings, diagnostics: parsed.diagnostics };
      }
      if (!mayLeaveFolder && current.path.replace(/\/$/, '') === stopPath) break;
      const parent = vscode.Uri.joinPath(current, '..');
      if (parent.path === current.path) break;
      current = parent;
    }
    return { configFile: undefined, settings: {}, diagnostics: [] };
  }

  private read(uri: vscode.Uri): Promise<ReturnType<typeof parsePyprojectConfig> | undefined> {
    const key = uri.toString();
    let parsed = this.byFile.get(key);
    if (!parsed) {
      parsed = this.readFile(uri).then(
        (text) => (text === undefined ? undefined : parsePyprojectConfig(text, this.describe(uri))),
        () => undefined,
      );
      this.byFile.set(key, parsed);
    }
    return parsed;
  }
}
