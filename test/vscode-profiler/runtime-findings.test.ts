import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToPanelMessage } from '../../src/profiler/panel-messages';
import type { Profile } from '../../src/profiler/profile';
import { runtimeFindings, staticRelated } from '../../src/vscode/profiler/runtime-findings';

function finalProfile(): Profile {
  const messages = JSON.parse(readFileSync(path.join(__dirname, '../panel/fixtures/live-run.json'), 'utf8')) as ToPanelMessage[];
  const last = messages.at(-1);
  if (last?.type !== 'run-ended' || !last.profile) throw new Error('fixture must end with a profile');
  return last.profile;
}

describe('runtime findings from a profile', () => {
  it('maps each hot spot to AIO901 at its line, with the spec wording and the callers as related locations', () => {
    const findings = runtimeFindings(finalProfile()).filter((f) => f.code === 'AIO901');
    const app = findings.find((f) => f.file.endsWith('app.py'));
    expect(app).toMatchObject({ line: 12, name: 'observed-loop-block' });
    expect(app?.message).toBe('blocked the event loop 3× for up to 210 ms (625 ms in total) in the last profiling run; worst while running Task-3 (fetch_inventory)');
    expect(app?.related).toEqual([{ file: '/projects/shop/shop/app.py', line: 58, message: 'called from refresh_loop (app.py:58)' }]);
    const db = findings.find((f) => f.file.endsWith('db.py'));
    expect(db?.message).toBe('blocked the event loop once for 64 ms in the last profiling run; worst while running Task-12 (load_snapshot)');
    expect(findings).toHaveLength(3);
  });

  it('maps unawaited coroutines to AIO902 and unretrieved exceptions to AIO903 at their creation sites', () => {
    const findings = runtimeFindings(finalProfile(), 'in the saved profile run.json');
    expect(findings.find((f) => f.code === 'AIO902')).toMatchObject({
      file: '/projects/shop/shop/app.py',
      line: 49,
      message: 'coroutine `send_receipt` created here was never awaited in the saved profile run.json',
    });
    expect(findings.find((f) => f.code === 'AIO903')).toMatchObject({
      line: 66,
      message: "task Task-9 (notify) created here ended with an exception nobody retrieved in the saved profile run.json: ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 2525)",
    });
  });

  it('folds repeated leaks at one site into one finding with a count, and drops sites without a line', () => {
    const profile = finalProfile();
    profile.unawaited = [
      { coroutine: 'tick', file: '/p/a.py', line: 3 },
      { coroutine: 'tick', file: '/p/a.py', line: 3 },
      { coroutine: 'tick', file: '', line: 0 },
    ];
    const unawaited = runtimeFindings(profile).filter((f) => f.code === 'AIO902');
    expect(unawaited.map((f) => f.message)).toEqual(['coroutine `tick` created here was never awaited (2×) in the last profiling run']);
  });

  it('says when a static rule already flags the line', () => {
    const finding = runtimeFindings(finalProfile())[0];
    if (!finding) throw new Error('no finding');
    expect(staticRelated(finding, [{ code: 'AIO101', message: '`time.sleep` blocks the event loop' }])).toEqual([
      { file: finding.file, line: finding.line, message: 'aiolint AIO101 already flags this line statically: `time.sleep` blocks the event loop' },
    ]);
  });
});
