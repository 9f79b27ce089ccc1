/// <reference types="mocha" />
/**
 * Extension-host integration tests against the real `vscode` API (mocha, BDD). Run by
 * @vscode/test-cli in desktop VS Code (.vscode-test.mjs) and, where no desktop build can be
 * downloaded, inside code-server's extension host (scripts/test.d/40-integration.sh).
 * The workspace is test/integration/fixtures/workspace (a copy of it, in code-server).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = (): vscode.Uri => {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('no workspace folder');
  return first.uri;
};

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const codes = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri)
  .filter((d) => d.source === 'aiolint')
  .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
  .sort();

describe('aiolint in the extension host', function (this: Mocha.Suite) {
  this.timeout(60_000);
  let app: vscode.Uri;

  before(async () => {
    app = vscode.Uri.joinPath(folder(), 'pkg', 'app.py');
    await vscode.window.showTextDocument(app);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('aiolint').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('publishes diagnostics for an opened file, across modules', async () => {
    await until('AIO101 and AIO120', () => (codes(app).join() === 'AIO101,AIO120' ? true : undefined));
    const diagnostic = vscode.languages.getDiagnostics(app).find((d) => typeof d.code === 'object' && d.code.value === 'AIO120');
    assert.ok(diagnostic);
    assert.ok(diagnostic.relatedInformation?.some((info) => info.location.uri.path.endsWith('/pkg/util.py')));
    assert.match(String(typeof diagnostic.code === 'object' ? diagnostic.code.target : ''), /rules\/docs\/AIO120\.md$/);
  });

  it('offers code actions and applies the fix', async () => {
    const diagnostic = await until('AIO101', () => vscode.languages.getDiagnostics(app).find((d) => typeof d.code === 'object' && d.code.value === 'AIO101'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', app, diagnostic.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable AIO101 for this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for AIO101'), titles.join(' | '));
    const fix = actions.find((a) => a.title.startsWith('Replace with `await asyncio.sleep'));
    assert.ok(fix?.edit, titles.join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const document = await vscode.workspace.openTextDocument(app);
    assert.match(document.getText(), /await asyncio\.sleep\(1\)/);
    await until('AIO101 gone', () => (codes(app).includes('AIO101') ? undefined : true));
  });

  it('honours a settings change without a reload', async () => {
    await until('AIO120', () => (codes(app).includes('AIO120') ? true : undefined));
    await vscode.workspace.getConfiguration('aiolint').update('severity', { AIO120: 'off' }, vscode.ConfigurationTarget.Workspace);
    await until('AIO120 off', () => (codes(app).includes('AIO120') ? undefined : true));
    await vscode.workspace.getConfiguration('aiolint').update('severity', { AIO120: 'error' }, vscode.ConfigurationTarget.Workspace);
    const diagnostic = await until('AIO120 as error', () => vscode.languages.getDiagnostics(app).find((d) => typeof d.code === 'object' && d.code.value === 'AIO120'));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });
});
