/**
 * Where a rule's documentation lives: the page in the repository (the diagnostic's code link) and the
 * copy bundled in the extension (what "Show documentation" opens, so it works offline).
 */
import * as vscode from 'vscode';

/** `repository.url` of package.json; rule pages live at `<repository>/blob/main/rules/docs/<CODE>.md`. */
export const REPOSITORY_URL = 'https://github.com/aiolint/aiolint';

/** Runtime findings (AIO9xx) come from the profiler; their pages live beside the static rules'. */
export function ruleDocsUrl(code: string, repository: string = REPOSITORY_URL): string {
  return `${repository.replace(/\.git$/, '').replace(/\/$/, '')}/blob/main/rules/docs/${encodeURIComponent(code.toUpperCase())}.md`;
}

/** The bundled doc page of a rule inside the installed extension. */
export function bundledDocsUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'rules', 'docs', `${code.toUpperCase()}.md`);
}
