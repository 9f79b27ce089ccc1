/**
 * Pure formatting and ordering for the panel's header and tables. No DOM here, so
 * it is unit-tested in Node and shared by whatever renders it.
 */
import type { RunStatus } from '../../src/profiler/panel-messages';
export { interpreterSourceText } from '../../src/profiler/panel-messages';
import type { Profile, ProfileBlock, ProfileTask } from '../../src/profiler/profile';

/** "0.4 ms", "3.2 ms", "210 ms", "1.23 s" — precision that matches what sampling can tell. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Run time: "4.2 s", "1 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** Share of the run's wall time spent blocked at one line: "12.3 %", "<0.1 %". */
export function formatShare(totalMs: number, durationS: number): string {
  if (!(durationS > 0)) return '—';
  const percent = (totalMs / (durationS * 1000)) * 100;
  if (percent > 0 && percent < 0.1) return '<0.1 %';
  return `${Math.min(percent, 100).toFixed(1)} %`;
}

/** The last two path segments, separator kept as given: "src/app.py". Works for Windows paths too. */
export function shortPath(file: string): string {
  const parts = file.split(/[\\/]/).filter((p) => p.length > 0);
  return parts.slice(-2).join(file.includes('\\') && !file.includes('/') ? '\\' : '/');
}

/** "app.py:12" style label for a source location. */
export function siteLabel(file: string, line: number): string {
  return `${shortPath(file)}:${line}`;
}

/** Stable identity of a hot spot across live snapshots (for expansion and focus). */
export function blockKey(block: Pick<ProfileBlock, 'file' | 'line'>): string {
  return `${block.file}:${block.line}`;
}

/** Hot spots by total blocked time, worst incident and then location breaking ties. */
export function sortBlocks(blocks: readonly ProfileBlock[]): ProfileBlock[] {
  return [...blocks].sort(
    (a, b) => b.totalMs - a.totalMs || b.maxMs - a.maxMs || a.file.localeCompare(b.file) || a.line - b.line,
  );
}

export interface HotSpotRow {
  key: string;
  block: ProfileBlock;
  location: string;
  total: string;
  count: string;
  worst: string;
  share: string;
  /** share of run time as a 0–1 fraction, for the bar behind the cell */
  shareFraction: number;
  label: string;
}

const blockLabels: Record<NonNullable<ProfileBlock['label']>, string> = {
  running: 'running code',
  selector: 'waiting in selector',
  starved: 'starved of CPU',
};

export function hotSpotRows(profile: Profile): HotSpotRow[] {
  const runMs = profile.durationS * 1000;
  return sortBlocks(profile.blocks).map((block) => ({
    key: blockKey(block),
    block,
    location: siteLabel(block.file, block.line),
    total: formatMs(block.totalMs),
    count: `${block.count}×`,
    worst: formatMs(block.maxMs),
    share: formatShare(block.totalMs, profile.durationS),
    shareFraction: runMs > 0 ? Math.min(block.totalMs / runMs, 1) : 0,
    label: block.label ? blockLabels[block.label] : 'running code',
  }));
}

const taskStateOrder: Record<ProfileTask['state'], number> = { pending: 0, failed: 1, cancelled: 2, finished: 3 };

/** Pending tasks first (oldest first), then by lifetime, then by steps. */
export function sortTasks(tasks: readonly ProfileTask[]): ProfileTask[] {
  return [...tasks].sort(
    (a, b) =>
      taskStateOrder[a.state] - taskStateOrder[b.state] ||
      b.lifetimeS - a.lifetimeS ||
      (b.steps ?? 0) - (a.steps ?? 0) ||
      a.name.localeCompare(b.name),
  );
}


export function statusText(status: RunStatus, exitCode: number | null): string {
  switch (status) {
    case 'starting':
      return 'starting…';
    case 'running':
      return 'running';
    case 'finished':
      return exitCode === null ? 'finished' : `finished (exit code ${exitCode})`;
    case 'crashed':
      return exitCode === null ? 'crashed' : `crashed (exit code ${exitCode})`;
    case 'stopped':
      return 'stopped';
    case 'failed':
      return 'failed';
    case 'saved':
      return 'saved profile';
  }
}

/**
 * What the panel cannot show for this run, in words. The probe's own list wins; without
 * one, infer from the loop class (uvloop and other C loops give no per-step timing).
 */
export function unavailableNotes(profile: Profile): string[] {
  if (profile.unavailable && profile.unavailable.length > 0) return profile.unavailable;
  if (profile.loop === null) {
    return ['The target has not started an asyncio event loop (yet): there is no loop lag or task data to show.'];
  }
  const notes: string[] = [];
  const pureAsyncio = profile.loop.startsWith('asyncio.');
  if (!pureAsyncio) {
    const name = profile.loop.split('.')[0] ?? profile.loop;
    notes.push(
      `Per-step timing is unavailable on ${name} (${profile.loop}): steps per second and per-task step counts are not measured. Blocking hot spots and loop lag are.`,
    );
  }
  return notes;
}

/** Whether any point of the series carries a steps-per-second figure. */
export function hasStepRates(profile: Profile): boolean {
  return profile.lag.series.some((p) => typeof p.stepsPerS === 'number');
}
