/**
 * The panel's whole state and how each message changes it. Pure, so the webview can
 * persist it with `setState` (restored after a window reload) and tests can replay
 * recorded messages without a DOM.
 */
import type { RunInfo, RunStatus, ToPanelMessage } from '../../src/profiler/panel-messages';
import type { Profile } from '../../src/profiler/profile';

export interface PanelState {
  /** bump when the shape changes, so an old persisted state is dropped rather than misread */
  schema: 1;
  run: RunInfo | null;
  /** file name of an opened saved profile */
  source: string | null;
  status: RunStatus;
  exitCode: number | null;
  message: string | null;
  profile: Profile | null;
  elapsedS: number;
  thresholdMs: number;
  /** hot spots whose sampled stack is shown (by `blockKey`) */
  expanded: string[];
}

export function initialState(): PanelState {
  return {
    schema: 1,
    run: null,
    source: null,
    status: 'starting',
    exitCode: null,
    message: null,
    profile: null,
    elapsedS: 0,
    thresholdMs: 50,
    expanded: [],
  };
}

export function isPanelState(value: unknown): value is PanelState {
  return typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === 1;
}

export function isLive(state: PanelState): boolean {
  return state.status === 'starting' || state.status === 'running';
}

export function reduce(state: PanelState, message: ToPanelMessage): PanelState {
  switch (message.type) {
    case 'run-started':
      return {
        ...initialState(),
        run: message.run,
        thresholdMs: message.run.thresholdMs,
        status: 'running',
      };
    case 'profile':
      // a snapshot that arrives after the end (a late batch) must not revive the run
      if (!isLive(state)) return state;
      return { ...state, status: 'running', profile: message.profile, elapsedS: message.elapsedS };
    case 'run-ended': {
      const profile = message.profile ?? state.profile;
      return {
        ...state,
        status: message.status,
        exitCode: message.exitCode,
        message: message.message,
        profile,
        elapsedS: profile?.durationS ?? state.elapsedS,
      };
    }
    case 'saved-profile':
      return {
        ...initialState(),
        source: message.source,
        status: 'saved',
        exitCode: message.profile.exitCode,
        profile: message.profile,
        elapsedS: message.profile.durationS,
        thresholdMs: message.thresholdMs,
      };
  }
}

export function toggleExpanded(state: PanelState, key: string): PanelState {
  const expanded = state.expanded.includes(key)
    ? state.expanded.filter((k) => k !== key)
    : [...state.expanded, key];
  return { ...state, expanded };
}

/** Run time to show: the live clock while running, the profile's duration once over. */
export function runTimeS(state: PanelState, now: number): number {
  if (isLive(state) && state.run) return Math.max(state.elapsedS, (now - state.run.startedAt) / 1000);
  return state.profile?.durationS ?? state.elapsedS;
}
