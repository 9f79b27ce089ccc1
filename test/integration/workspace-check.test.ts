/// <reference types="mocha" />
/**
 * aiolint: Check Workspace in the extension host: a generated package big enough for worker threads
 * is checked twice; the second check serves every file from the findings cache, shows the same
 * diagnostics and is faster (a ratio of the two runs, never an absolute time).
 */
import * as assert from 'node:assert/strict';
import type { WorkspaceCheckResult } from '../../src/vscode/workspace-check/check';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';


const MODULES = 120;

/** A module of ~110 lines importing its neighbour, with a blocking call and a call into the neighbour. */
function generatedModule(i: number, nonce: string): string {
  const name = (n: number): string => `mod${String(n).padStart(3, '0')}`;
  const lines = [`# ${nonce}`, 'import asyncio', 'import time', '', `from generated.${name(Math.max(0, i - 1))} import helper_0 as previous`, '', ''];
  for (let f = 0; f < 8; f++) {
    lines.push(`def helper_${f}(x):`, `    total = x + ${f}`, '    for n in range(3):', '        total += n', '    return total', '', '');
    lines.push(`async def task_${f}(x):`, '    await asyncio.sleep(0)', `    return helper_${f}(x)`, '', '');
  }
  lines.push('async def slow():', '    time.sleep(1)', '    previous(1)', '    asyncio.sleep(1)', '');
  return lines.join('\n');
}

/** Every aiolint diagnostic in the workspace, as comparable text. */
function snapshot(): string[] {
  return vscode.languages.getDiagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === 'aiolint').map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const { start, end } = d.range;
      const related = (d.relatedInformation ?? []).map((info) => `${info.location.uri.path}:${info.location.range.start.line}`).join(',');
      return `${uri.path}:${start.line}:${start.character}-${end.line}:${end.character} ${String(code)} ${d.severity} ${d.message} [${related}]`;
    }))
    .sort();
}

describe('aiolint: Check Workspace', function (this: Mocha.Suite) {
  this.timeout(180_000);
  let generated: vscode.Uri;

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    if (!first) throw new Error('no workspace folder');
    generated = vscode.Uri.joinPath(first.uri, 'generated');
    // fresh text each run: the first check below can never be served from an earlier run's cache
    const nonce = `run ${Date.now().toString(36)}`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(generated, '__init__.py'), new Uint8Array());
    for (let i = 0; i < MODULES; i++) {
      const name = `mod${String(i).padStart(3, '0')}.py`;
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(generated, name), new TextEncoder().encode(generatedModule(i, nonce)));
    }
  });

  after(async () => {
    await vscode.workspace.fs.delete(generated, { recursive: true, useTrash: false });
  });

  it('checks again from the cache: same diagnostics, every file cached, faster', async () => {
    const cold = await vscode.commands.executeCommand<WorkspaceCheckResult>('aiolint.checkWorkspace');
    assert.equal(cold.cancelled, false);
    assert.ok(cold.files >= MODULES + 1, `cold: ${JSON.stringify(cold)}`);
    assert.ok(cold.linted >= MODULES, `cold: ${JSON.stringify(cold)}`);
    assert.ok(cold.threads >= 1, `the generated package is big enough for worker threads: ${JSON.stringify(cold)}`);
    const afterCold = snapshot();
    const slow = vscode.Uri.joinPath(generated, 'mod005.py').path;
    assert.ok(afterCold.some((line) => line.startsWith(`${slow}:`) && line.includes(' AIO101 ')), afterCold.slice(0, 5).join('\n'));
    assert.ok(afterCold.some((line) => line.startsWith(`${slow}:`) && line.includes(' AIO201 ')), afterCold.slice(0, 5).join('\n'));

    const warm = await vscode.commands.executeCommand<WorkspaceCheckResult>('aiolint.checkWorkspace');
    assert.equal(warm.cancelled, false);
    assert.equal(warm.files, cold.files);
    assert.equal(warm.cached, warm.files, `every file from the cache: ${JSON.stringify(warm)}`);
    assert.equal(warm.linted, 0);
    assert.equal(warm.findings, cold.findings);
    assert.deepEqual(snapshot(), afterCold);
    const ratio = warm.durationMs / Math.max(cold.durationMs, 1);
    // listing the files is the search service's work, the same for both checks (and noisy on a loaded machine)
    const ownRatio = (warm.durationMs - warm.listingMs) / Math.max(cold.durationMs - cold.listingMs, 1);
    const figures = `cold ${cold.durationMs} ms (${cold.linted} linted on ${cold.threads} thread(s), listing ${cold.listingMs} ms), warm ${warm.durationMs} ms (${warm.cached} cached, listing ${warm.listingMs} ms), ratio ${ratio.toFixed(2)} (without listing ${ownRatio.toFixed(2)}), ${cold.files} files, ${cold.lines} lines; phases cold ${JSON.stringify(cold.phases)}, warm ${JSON.stringify(warm.phases)}`;
    const results = process.env['AIOLINT_INTEGRATION_RESULTS'];
    if (results) writeFileSync(`${results}.figures.txt`, `Check Workspace: ${figures}\n`, { flag: 'a' });
    assert.ok(ratio < 1, `the warm check is not faster: ${figures}`);
    assert.ok(ownRatio < 0.5, `the warm check's own work is not clearly less: ${figures}`);
  });

  it('Clear Findings Cache empties it: the next check lints every file again', async () => {
    const removed = await vscode.commands.executeCommand<number>('aiolint.clearFindingsCache');
    assert.ok(removed >= 1, `the stored document was deleted: ${String(removed)}`);
    const again = await vscode.commands.executeCommand<WorkspaceCheckResult>('aiolint.checkWorkspace');
    assert.equal(again.cached, 0, JSON.stringify(again));
    assert.ok(again.linted >= MODULES, JSON.stringify(again));
  });
});
