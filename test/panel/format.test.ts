import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatMs, formatShare, hotSpotRows, shortPath, sortTasks, statusText, unavailableNotes } from '../../media/panel/format';
import { initialState, reduce, runTimeS, toggleExpanded } from '../../media/panel/state';
import type { ToPanelMessage } from '../../src/profiler/panel-messages';

const live = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/live-run.json'), 'utf8')) as ToPanelMessage[];

describe('panel formatting', () => {
  it('formats durations with the precision sampling can tell', () => {
    expect([0.42, 3.24, 209.6, 1234, 12_345].map(formatMs)).toEqual(['0.4 ms', '3.2 ms', '210 ms', '1.23 s', '12.3 s']);
    expect([4.25, 65, 3725].map(formatDuration)).toEqual(['4.3 s', '1 min 05 s', '1 h 02 min']);
    expect(formatShare(625, 4.5)).toBe('13.9 %');
    expect(formatShare(1, 100)).toBe('<0.1 %');
    expect(formatShare(10, 0)).toBe('—');
    expect(shortPath('/a/b/c.py')).toBe('b/c.py');
    expect(shortPath('C:\\proj\\pkg\\c.py')).toBe('pkg\\c.py');
  });

  it('sorts hot spots by total blocked time', () => {
    const last = live.at(-1);
    if (last?.type !== 'run-ended' || !last.profile) throw new Error('fixture');
    expect(hotSpotRows(last.profile).map((r) => [r.location, r.total, r.count, r.worst, r.share])).toEqual([
      ['shop/app.py:12', '625 ms', '3×', '210 ms', '13.9 %'],
      ['shop/pricing.py:27', '180 ms', '2×', '118 ms', '4.0 %'],
      ['shop/db.py:40', '64 ms', '1×', '64 ms', '1.4 %'],
    ]);
    expect(sortTasks(last.profile.taskList ?? []).map((t) => t.name)).toEqual(['Task-1', 'Task-3', 'Task-9', 'Task-11', 'Task-7']);
  });

  it('says what is unavailable on a loop', () => {
    const last = live.at(-1);
    if (last?.type !== 'run-ended' || !last.profile) throw new Error('fixture');
    expect(unavailableNotes(last.profile)).toEqual([]);
    expect(unavailableNotes({ ...last.profile, loop: 'uvloop.Loop' })[0]).toContain('Per-step timing is unavailable on uvloop');
    expect(unavailableNotes({ ...last.profile, loop: null })[0]).toContain('has not started an asyncio event loop');
    expect(unavailableNotes({ ...last.profile, unavailable: ['from the probe'] })).toEqual(['from the probe']);
    expect(statusText('crashed', 1)).toBe('crashed (exit code 1)');
  });
});

describe('panel state', () => {
  it('follows a recorded run and ignores a snapshot that arrives after the end', () => {
    let state = initialState();
    for (const message of live) state = reduce(state, message);
    expect(state.status).toBe('finished');
    expect(state.exitCode).toBe(0);
    expect(state.profile?.durationS).toBe(4.5);
    expect(runTimeS(state, Date.now())).toBe(4.5);
    const late = live[1];
    if (late?.type !== 'profile') throw new Error('fixture');
    expect(reduce(state, late)).toBe(state);
  });

  it('starts over on a new run and keeps expansion as UI state', () => {
    let state = initialState();
    for (const message of live) state = reduce(state, message);
    state = toggleExpanded(state, 'a:1');
    expect(state.expanded).toEqual(['a:1']);
    expect(toggleExpanded(state, 'a:1').expanded).toEqual([]);
    const first = live[0];
    if (first?.type !== 'run-started') throw new Error('fixture');
    const restarted = reduce(state, first);
    expect(restarted.status).toBe('running');
    expect(restarted.profile).toBeNull();
    expect(restarted.expanded).toEqual([]);
  });
});
