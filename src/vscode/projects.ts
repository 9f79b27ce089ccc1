/**
 * One engine project per workspace folder (cross-file facts stay within a folder), plus one per
 * scheme for Python files outside every folder. Maps editor URIs to the project paths the engine
 * speaks (`/`-separated, relative to the folder) and back, and remembers the text each path was
 * last given, so findings in files that are not open can still be placed on lines.
 */
import * as vscode from 'vscode';
import type { LintProject } from '../engine/project';
import { TextPositions } from './text-positions';
import { relativePath } from './workspace-files';

/** Creates an empty engine project for a root (folder path, `/` separators). */
export type ProjectFactory = (root: string) => LintProject;

export interface ProjectState {
  readonly key: string;
  readonly folder: vscode.WorkspaceFolder | undefined;
  /** the URI project paths are relative to */
  readonly base: vscode.Uri;
  readonly project: LintProject;
  /** path → the text the project holds for it */
  readonly texts: Map<string, TextPositions>;
  /** the background read of every Python file of the folder (cross-file facts), once started */
  indexing: Promise<void> | undefined;
}

export interface ProjectFile {
  readonly state: ProjectState;
  readonly path: string;
}

export class Projects {
  private readonly states = new Map<string, ProjectState>();

  constructor(
    private readonly create: ProjectFactory,
    private readonly folderOf: (uri: vscode.Uri) => vscode.WorkspaceFolder | undefined = (uri) => vscode.workspace.getWorkspaceFolder(uri),
  ) {}

  locate(uri: vscode.Uri): ProjectFile {
    const folder = this.folderOf(uri);
    if (folder) {
      const relative = relativePath(folder.uri, uri);
      if (relative !== undefined) return { state: this.stateFor(folder.uri.toString(), folder, folder.uri), path: relative };
    }
    const base = uri.with({ path: '/', query: '', fragment: '' });
    return { state: this.stateFor(`loose:${base.toString()}`, undefined, base), path: uri.path.replace(/^\/+/, '') };
  }

  /** The project of a workspace folder. */
  ofFolder(folder: vscode.WorkspaceFolder): ProjectState {
    return this.stateFor(folder.uri.toString(), folder, folder.uri);
  }

  uriOf(state: ProjectState, path: string): vscode.Uri {
    return vscode.Uri.joinPath(state.base, ...path.split('/'));
  }

  /**
   * Gives the project a file's text; `changed` is false when it already held exactly this text.
   * `dependants` are the other files to re-check (none when the edit stayed inside what other
   * modules cannot see); undefined when the engine could not tell, so the caller must ask
   * `dependentsOf` the slow way.
   */
  setText(file: ProjectFile, text: string): { positions: TextPositions; changed: boolean; dependants?: readonly string[] } {
    const known = file.state.texts.get(file.path);
    if (known?.text === text && file.state.project.hasFile(file.path)) return { positions: known, changed: false, dependants: [] };
    const positions = new TextPositions(text);
    file.state.texts.set(file.path, positions);
    try {
      const update = file.state.project.updateFile(file.path, text);
      return { positions, changed: true, dependants: update.dependants };
    } catch {
      // a bug while analysing the new text must not lose the edit: register it plainly; linting
      // the file reports the internal error
      file.state.project.setFile(file.path, text);
      return { positions, changed: true };
    }
  }

  /**
   * Gives the project a file it has not seen (background indexing): registered lazily, parsed
   * only when a check or a cross-file question needs it.
   */
  register(file: ProjectFile, text: string): void {
    file.state.project.setFile(file.path, text);
    file.state.texts.set(file.path, new TextPositions(text));
  }

  remove(file: ProjectFile): void {
    if (file.state.project.hasFile(file.path)) file.state.project.removeFile(file.path);
    file.state.texts.delete(file.path);
  }

  all(): ProjectState[] {
    return [...this.states.values()];
  }

  /** Forget the projects of folders that left the workspace. */
  retainFolders(folders: readonly vscode.WorkspaceFolder[]): ProjectState[] {
    const keep = new Set(folders.map((folder) => folder.uri.toString()));
    const dropped: ProjectState[] = [];
    for (const [key, state] of this.states) {
      if (state.folder && !keep.has(key)) {
        this.states.delete(key);
        dropped.push(state);
      }
    }
    return dropped;
  }

  private stateFor(key: string, folder: vscode.WorkspaceFolder | undefined, base: vscode.Uri): ProjectState {
    let state = this.states.get(key);
    if (!state) {
      state = { key, folder, base, project: this.create(base.path), texts: new Map(), indexing: undefined };
      this.states.set(key, state);
    }
    return state;
  }
}
