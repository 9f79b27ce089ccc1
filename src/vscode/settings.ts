/**
 * The extension's settings (`aiolint.*`, resource scope) and how they combine with a project's
 * `[tool.aiolint]` table. Only settings the user actually set take part in the merge, so an
 * untouched default never overrides the project's file.
 */
import type * as vscode from 'vscode';
import type { BlockingCallEntry, ResolvedConfig } from '../engine/config';
import type { ConfigSettings } from '../engine/config-file';
import { applySettings, parseBlockingCallString } from '../engine/config-file';
import type { Severity } from '../engine/findings';

export type RunMode = 'onType' | 'onSave';
/** `pyprojectFirst`: `[tool.aiolint]` wins where both set a value; `editorFirst`: the editor settings win. */
export type ConfigurationPreference = 'pyprojectFirst' | 'editorFirst';

export interface EditorSettings {
  enable: boolean;
  run: RunMode;
  configurationPreference: ConfigurationPreference;
  /** the lint settings the user set explicitly in the editor */
  lint: ConfigSettings;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** What `WorkspaceConfiguration.inspect` tells us, reduced to "the value the user set, if any". */
export type ExplicitValue = (key: string) => unknown;

/** Reads the settings for a resource: `explicit(key)` is the user's value, undefined when unset. */
export function readEditorSettings(explicit: ExplicitValue): EditorSettings {
  const lint: ConfigSettings = {};
  const select = stringList(explicit('select'));
  if (select) lint.select = select;
  const ignore = stringList(explicit('ignore'));
  if (ignore) lint.ignore = ignore;
  const extendSelect = stringList(explicit('extendSelect'));
  if (extendSelect) lint.extendSelect = extendSelect;
  const extendIgnore = stringList(explicit('extendIgnore'));
  if (extendIgnore) lint.extendIgnore = extendIgnore;
  const exclude = stringList(explicit('exclude'));
  if (exclude) lint.exclude = exclude;
  const coroutines = stringList(explicit('extraCoroutineFunctions'));
  if (coroutines) lint.coroutineFunctions = coroutines;
  const blocking = blockingCalls(explicit('extraBlockingCalls'));
  if (blocking) lint.blockingCalls = blocking;
  const limit = explicit('concurrencyLimit');
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) lint.concurrencyLimit = limit;
  const severity = severities(explicit('severity'));
  if (severity) lint.severity = severity;

  const enable = explicit('enable');
  const run = explicit('run');
  const preference = explicit('configurationPreference');
  return {
    enable: enable !== false,
    run: run === 'onSave' ? 'onSave' : 'onType',
    configurationPreference: preference === 'editorFirst' ? 'editorFirst' : 'pyprojectFirst',
    lint,
  };
}

/** The configuration a file is checked with: defaults, then the losing layer, then the winning one. */
export function mergeConfig(fileSettings: ConfigSettings, editor: EditorSettings): ResolvedConfig {
  const [lower, higher] = editor.configurationPreference === 'editorFirst'
    ? [fileSettings, editor.lint]
    : [editor.lint, fileSettings];
  const merged = applySettings(lower, higher);
  // severities combine code by code: a file that sets AIO101 does not wipe the editor's AIO405
  merged.severity = { ...(lower.severity ?? {}), ...(higher.severity ?? {}) };
  return merged;
}

/** Adapts `vscode.WorkspaceConfiguration` to `ExplicitValue`: the most specific value the user set. */
export function explicitFrom(configuration: vscode.WorkspaceConfiguration): ExplicitValue {
  return (key) => {
    const inspected = configuration.inspect(key);
    if (!inspected) return undefined;
    return inspected.workspaceFolderLanguageValue ?? inspected.workspaceLanguageValue ?? inspected.globalLanguageValue
      ?? inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
  };
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string').map((s) => s.trim()).filter((s) => s !== '');
}

function blockingCalls(value: unknown): BlockingCallEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries: BlockingCallEntry[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'string') {
      const entry = parseBlockingCallString(item);
      if (entry) entries.push(entry);
    } else if (typeof item === 'object' && item !== null) {
      const { pattern, replacement } = item as { pattern?: unknown; replacement?: unknown };
      if (typeof pattern === 'string' && pattern.trim() !== '') {
        entries.push(typeof replacement === 'string' && replacement.trim() !== ''
          ? { pattern: pattern.trim(), replacement: replacement.trim() }
          : { pattern: pattern.trim() });
      }
    }
  }
  return entries;
}

function severities(value: unknown): Record<string, Severity | 'off'> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const result: Record<string, Severity | 'off'> = {};
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level === 'string' && SEVERITIES.includes(level)) result[code.toUpperCase()] = level as Severity | 'off';
  }
  return result;
}
