import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFromPanelMessage } from '../../src/profiler/panel-messages';
import { makeNonce, panelHtml } from '../../src/vscode/profiler/panel-html';
import { findOnPath, pathCandidates } from '../../src/vscode/profiler/python-path';
import { describeTarget, parseTargetCommandLine, splitCommandLine } from '../../src/vscode/profiler/run-targets';

describe('typed command lines for "Profile Event Loop…"', () => {
  it('splits like a shell: quotes group, escapes inside double quotes', () => {
    expect(splitCommandLine(`app.py --name "a b" 'c d' "q\\"r"`)).toEqual(['app.py', '--name', 'a b', 'c d', 'q"r']);
    // bare backslashes stay (Windows paths)
    expect(splitCommandLine('C:\\proj\\app.py -v')).toEqual(['C:\\proj\\app.py', '-v']);
    expect(() => splitCommandLine('app.py "open')).toThrow('unclosed " quote');
  });

  it('reads scripts and -m modules, dropping a leading python', () => {
    expect(parseTargetCommandLine('python3 app.py --port 8080')).toEqual({ kind: 'script', path: 'app.py', args: ['--port', '8080'] });
    expect(parseTargetCommandLine('-m pkg.app -v')).toEqual({ kind: 'module', module: 'pkg.app', args: ['-v'] });
    expect(() => parseTargetCommandLine('  ')).toThrow('empty');
    expect(() => parseTargetCommandLine('-m')).toThrow('module name');
    expect(() => parseTargetCommandLine('-X dev app.py')).toThrow('must come first');
  });

  it('describes a target the way it was typed, round-tripping through the parser', () => {
    const target = { kind: 'script' as const, path: 'my app.py', args: ['--x', 'y z'] };
    expect(describeTarget(target)).toBe('"my app.py" --x "y z"');
    expect(parseTargetCommandLine(describeTarget(target))).toEqual(target);
    expect(describeTarget({ kind: 'module', module: 'pytest', args: ['tests'] })).toBe('-m pytest tests');
  });
});

describe('interpreter on PATH', () => {
  it('takes the first candidate name found, in PATH order', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aiolint-path-'));
    try {
      const [a, b] = [path.join(root, 'a'), path.join(root, 'b')];
      mkdirSync(a);
      mkdirSync(b);
      writeFileSync(path.join(a, 'python'), '');
      writeFileSync(path.join(b, 'python3'), '');
      const env = { PATH: [a, b].join(path.delimiter) };
      expect(findOnPath(pathCandidates('linux'), env, process.platform === 'win32' ? 'win32' : 'linux')).toBe(
        process.platform === 'win32' ? null : path.join(b, 'python3'),
      );
      expect(findOnPath(['nothing-like-this'], env)).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('prefers python3 on POSIX and python / py on Windows', () => {
    expect(pathCandidates('linux')).toEqual(['python3', 'python']);
    expect(pathCandidates('win32')).toEqual(['python', 'py', 'python3']);
  });
});

describe('panel messages and HTML', () => {
  it('accepts only well-formed messages from the webview', () => {
    expect(parseFromPanelMessage({ type: 'open-file', file: '/p/a.py', line: 3 })).toEqual({ type: 'open-file', file: '/p/a.py', line: 3 });
    expect(parseFromPanelMessage({ type: 'open-file', file: '/p/a.py', line: 0 })).toBeNull();
    expect(parseFromPanelMessage({ type: 'open-file', file: '', line: 3 })).toBeNull();
    expect(parseFromPanelMessage({ type: 'open-file', file: '/p/a.py', line: '3' })).toBeNull();
    expect(parseFromPanelMessage({ type: 'stop', extra: 1 })).toEqual({ type: 'stop' });
    expect(parseFromPanelMessage({ type: 'run-shell' })).toBeNull();
    expect(parseFromPanelMessage('stop')).toBeNull();
    expect(parseFromPanelMessage(null)).toBeNull();
  });

  it('loads only its own script, by nonce, under a CSP with no remote content', () => {
    const nonce = makeNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9]{16,}$/);
    expect(makeNonce()).not.toBe(nonce);
    const html = panelHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scriptUri: 'https://x/panel.js', styleUri: 'https://x/panel.css' });
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html).toContain(`<script nonce="${nonce}" src="https://x/panel.js"></script>`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
