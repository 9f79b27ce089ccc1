/**
 * The typed messages between the extension and the profiler panel (webview).
 * The webview only ever sees these; a recorded sequence of `ToPanelMessage`s is
 * enough to render it in a plain browser (that is how it is tested).
 * No `vscode` and no Node-only imports: the webview bundle includes this file.
 */
import type { Profile } from './profile';

/** Where the interpreter came from, in the order they are tried. */
export type InterpreterSource = 'python-extension' | 'setting' | 'path' | 'saved-profile';

export interface InterpreterChoice {
  /** what is spawned: an absolute path or a bare command name found on PATH */
  executable: string;
  source: InterpreterSource;
}

/** How the interpreter was chosen, in words: for the panel header and the output channel alike. */
export function interpreterSourceText(choice: InterpreterChoice): string {
  switch (choice.source) {
    case 'python-extension':
      return 'selected in the Python extension';
    case 'setting':
      return 'from the aiolint.python.interpreter setting';
    case 'path':
      return 'found on PATH';
    case 'saved-profile':
      return 'recorded in the saved profile';
  }
}

/** What the panel shows in its header before the first profile arrives. */
export interface RunInfo {
  /** the script path or `-m module`, with its arguments, as the user would type it */
  target: string;
  interpreter: InterpreterChoice;
  thresholdMs: number;
  /** wall-clock start, milliseconds since the epoch */
  startedAt: number;
}

/**
 * `running` while live; when over: `finished` (exit code 0), `crashed` (non-zero exit code
 * or an exception in the target), `stopped` (the user pressed Stop), `failed` (the probe
 * could not start or the transport broke); `saved` when showing a profile opened from disk.
 */
export type RunStatus = 'starting' | 'running' | 'finished' | 'crashed' | 'stopped' | 'failed' | 'saved';

export type ToPanelMessage =
  | { type: 'run-started'; run: RunInfo }
  /** a live snapshot; `elapsedS` is the run time so far */
  | { type: 'profile'; profile: Profile; elapsedS: number }
  | {
      type: 'run-ended';
      status: Extract<RunStatus, 'finished' | 'crashed' | 'stopped' | 'failed'>;
      exitCode: number | null;
      /** why it failed or crashed, in words; shown in the header */
      message: string | null;
      /** the final profile, or null when the probe never produced one */
      profile: Profile | null;
    }
  /** a profile opened from disk; `source` is the file's name for the header */
  | { type: 'saved-profile'; profile: Profile; source: string; thresholdMs: number };

export type FromPanelMessage =
  /** the webview script is running and listening */
  | { type: 'ready' }
  /** open `file` (absolute path) at 1-based `line` in an editor */
  | { type: 'open-file'; file: string; line: number }
  | { type: 'stop' }
  | { type: 'save' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The extension trusts nothing that crosses the webview boundary without checking it. */
export function parseFromPanelMessage(value: unknown): FromPanelMessage | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'save':
      return { type: value.type };
    case 'open-file': {
      const { file, line } = value;
      if (typeof file !== 'string' || file.length === 0) return null;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) return null;
      return { type: 'open-file', file, line };
    }
    default:
      return null;
  }
}
