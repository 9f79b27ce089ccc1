/**
 * The profiler panel (webview). Receives `ToPanelMessage`s, keeps one `PanelState`
 * (persisted with `setState`, so a window reload restores it) and renders header,
 * charts and tables. Talks back only through `FromPanelMessage`s.
 */
import 'uplot/dist/uPlot.min.css';
import './panel.css';
import type { FromPanelMessage, ToPanelMessage } from '../../src/profiler/panel-messages';
import type { Profile, ProfileFrame } from '../../src/profiler/profile';
import { chartData, LiveChart, type ChartKind } from './charts';
import { h } from './dom';
import {
  formatDuration,
  formatMs,
  hasStepRates,
  hotSpotRows,
  interpreterSourceText,
  siteLabel,
  sortTasks,
  statusText,
  unavailableNotes,
} from './format';
import { initialState, isLive, isPanelState, reduce, runTimeS, toggleExpanded, type PanelState } from './state';

interface WebviewApi {
  postMessage(message: FromPanelMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const restored = vscode.getState();
let state: PanelState = isPanelState(restored) ? restored : initialState();

function post(message: FromPanelMessage): void {
  vscode.postMessage(message);
}

function openSite(file: string, line: number): void {
  post({ type: 'open-file', file, line });
}

// ---------------------------------------------------------------- layout (built once)

const root = document.getElementById('app') ?? document.body;
const header = h('header', { class: 'header' });
const notes = h('section', { class: 'notes', 'aria-live': 'polite' });
const chartsSection = h('section', { class: 'charts' });
const hotSpots = h('section', { class: 'section', 'aria-label': 'Blocking hot spots' });
const tasksSection = h('section', { class: 'section', 'aria-label': 'Tasks' });
const unawaitedSection = h('section', { class: 'section', 'aria-label': 'Coroutines never awaited' });
const exceptionsSection = h('section', { class: 'section', 'aria-label': 'Task exceptions never retrieved' });
const empty = h('p', { class: 'empty-state' }, 'Waiting for the first profile…');
root.append(header, notes, empty, chartsSection, hotSpots, tasksSection, unawaitedSection, exceptionsSection);

const chartTitles: Record<ChartKind, string> = {
  lag: 'Loop lag (worst per interval)',
  pending: 'Tasks pending',
  steps: 'Loop steps per second',
};
const charts = new Map<ChartKind, { chart: LiveChart; box: HTMLElement; placeholder: HTMLElement }>();
for (const kind of ['lag', 'pending', 'steps'] as const) {
  const plotBox = h('div', { class: 'chart-plot', 'data-chart': kind });
  const placeholder = h('p', { class: 'chart-placeholder' });
  const box = h('figure', { class: 'chart' }, h('figcaption', null, chartTitles[kind]), plotBox, placeholder);
  chartsSection.append(box);
  charts.set(kind, { chart: new LiveChart(kind, plotBox), box, placeholder });
}

// ---------------------------------------------------------------- header

function headerField(label: string, value: string | Node, title?: string): HTMLElement {
  return h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), h('span', { class: 'field-value', title: title ?? (typeof value === 'string' ? value : '') }, value));
}

function renderHeader(): void {
  const profile = state.profile;
  const target = state.run?.target ?? profile?.target ?? '—';
  const interpreter = state.run
    ? `${state.run.interpreter.executable} (${interpreterSourceText(state.run.interpreter)})`
    : profile
      ? `${profile.python.executable} (${interpreterSourceText({ executable: profile.python.executable, source: 'saved-profile' })})`
      : '—';
  const python = profile ? `${profile.python.implementation} ${profile.python.version}` : null;
  const status = h('span', { class: `status status-${state.status}`, role: 'status' }, statusText(state.status, state.exitCode));

  const actions = h('div', { class: 'actions' });
  if (isLive(state)) {
    const stop = h('button', { class: 'button', title: 'Stop the profiled program' }, 'Stop');
    stop.addEventListener('click', () => {
      post({ type: 'stop' });
    });
    actions.append(stop);
  }
  if (profile && state.status !== 'saved') {
    const save = h('button', { class: 'button secondary', title: 'Save this profile as JSON' }, 'Save…');
    save.addEventListener('click', () => {
      post({ type: 'save' });
    });
    actions.append(save);
  }

  const title = h('h1', null, state.source ? `Saved profile — ${state.source}` : 'Event loop profile');
  header.replaceChildren(
    h('div', { class: 'header-top' }, title, status, actions),
    h(
      'div',
      { class: 'fields' },
      headerField('Target', target),
      headerField('Interpreter', interpreter),
      python ? headerField('Python', python) : null,
      headerField('Loop', profile?.loop ?? (isLive(state) ? 'not started yet' : 'none')),
      headerField('Run time', formatDuration(runTimeS(state, Date.now())), undefined),
      profile ? headerField('Loop lag', `p50 ${formatMs(profile.lag.p50Ms)} · p99 ${formatMs(profile.lag.p99Ms)} · max ${formatMs(profile.lag.maxMs)}`) : null,
      headerField('Threshold', `${state.thresholdMs} ms`),
    ),
  );
  if (state.message) header.append(h('p', { class: 'run-message', role: 'alert' }, state.message));
}

// ---------------------------------------------------------------- notes and charts

function renderNotes(profile: Profile | null): void {
  const lines = profile ? unavailableNotes(profile) : [];
  notes.replaceChildren(...lines.map((line) => h('p', { class: 'note' }, h('span', { class: 'note-label' }, 'Not measured: '), line)));
  notes.hidden = lines.length === 0;
}

function renderCharts(profile: Profile | null): void {
  chartsSection.hidden = profile === null;
  if (!profile) return;
  for (const [kind, { chart, box, placeholder }] of charts) {
    const unmeasured =
      (kind === 'steps' && !hasStepRates(profile)) ||
      (kind === 'pending' && !profile.lag.series.some((p) => typeof p.pending === 'number'));
    box.classList.toggle('unmeasured', unmeasured);
    placeholder.textContent = unmeasured ? 'Not measured on this loop.' : '';
    placeholder.hidden = !unmeasured;
    if (!unmeasured) chart.update(chartData(kind, profile, state.thresholdMs));
  }
}

// ---------------------------------------------------------------- tables

function siteLink(file: string | null, line: number | null, text?: string): HTMLElement {
  if (file === null || line === null) return h('span', { class: 'muted' }, 'unknown');
  const link = h('a', { class: 'site', href: '#', title: `${file}:${line}` }, text ?? siteLabel(file, line));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    openSite(file, line);
  });
  return link;
}

function sectionTitle(text: string, count: number | string): HTMLElement {
  return h('h2', null, text, h('span', { class: 'badge' }, String(count)));
}

/** Re-rendering replaces rows; keep keyboard focus on the same row across live updates. */
function focusedKey(): string | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? (active.dataset.key ?? null) : null;
}

function restoreFocus(key: string | null): void {
  if (key === null) return;
  const target = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  target?.focus();
}

function stackList(stack: ProfileFrame[]): HTMLElement {
  return h(
    'ol',
    { class: 'stack', 'aria-label': 'Sampled stack, innermost first' },
    ...stack.map((frame, index) =>
      h('li', null, siteLink(frame.file, frame.line, `${frame.function}  ${siteLabel(frame.file, frame.line)}`), index === 0 ? h('span', { class: 'muted' }, ' (innermost)') : null),
    ),
  );
}

function renderHotSpots(profile: Profile | null): void {
  if (!profile) {
    hotSpots.replaceChildren();
    return;
  }
  const rows = hotSpotRows(profile);
  const title = sectionTitle('Blocking hot spots', rows.length);
  if (rows.length === 0) {
    hotSpots.replaceChildren(title, h('p', { class: 'muted' }, `No blocks longer than ${state.thresholdMs} ms so far.`));
    return;
  }
  const body = h('tbody');
  for (const row of rows) {
    const expanded = state.expanded.includes(row.key);
    const toggle = h('button', { class: 'twisty', title: expanded ? 'Hide sampled stack' : 'Show sampled stack', 'aria-expanded': String(expanded), tabIndex: -1 }, expanded ? '▾' : '▸');
    toggle.addEventListener('click', (event) => {
      event.stopPropagation();
      setState(toggleExpanded(state, row.key));
    });
    const bar = h('span', { class: 'share-bar' });
    bar.style.width = `${(row.shareFraction * 100).toFixed(1)}%`;
    const track = h('span', { class: 'share-track', 'aria-hidden': 'true' }, bar);
    const tr = h(
      'tr',
      { class: 'row hot-spot', tabIndex: 0, 'data-key': row.key, 'data-file': row.block.file, 'data-line': String(row.block.line), 'aria-expanded': String(expanded), title: `Open ${row.block.file}:${row.block.line}` },
      h('td', { class: 'cell-location' }, toggle, h('span', { class: 'location' }, row.location), h('span', { class: 'function muted' }, row.block.function)),
      h('td', { class: 'num cell-total' }, row.total),
      h('td', { class: 'num cell-count' }, row.count),
      h('td', { class: 'num cell-worst' }, row.worst),
      h('td', { class: 'num cell-share' }, track, h('span', null, row.share)),
      h('td', { class: 'cell-label muted' }, row.label),
    );
    tr.addEventListener('click', () => {
      openSite(row.block.file, row.block.line);
    });
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') openSite(row.block.file, row.block.line);
      else if (event.key === ' ' || (event.key === 'ArrowRight' && !expanded) || (event.key === 'ArrowLeft' && expanded)) {
        event.preventDefault();
        setState(toggleExpanded(state, row.key));
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        moveRowFocus(tr, event.key === 'ArrowDown' ? 1 : -1);
      }
    });
    body.append(tr);
    if (expanded) {
      body.append(
        h(
          'tr',
          { class: 'detail' },
          h(
            'td',
            { class: 'detail-cell' },
            row.block.task ? h('p', { class: 'muted' }, `Worst incident while running ${row.block.task}.`) : null,
            row.block.stack.length > 0 ? stackList(row.block.stack) : h('p', { class: 'muted' }, 'No stack was sampled.'),
          ),
        ),
      );
      const cell = body.lastElementChild?.firstElementChild;
      if (cell instanceof HTMLTableCellElement) cell.colSpan = 6;
    }
  }
  const table = h(
    'table',
    { class: 'table hot-spots' },
    h(
      'thead',
      null,
      h('tr', null, h('th', null, 'Source line'), h('th', { class: 'num' }, 'Total blocked'), h('th', { class: 'num' }, 'Count'), h('th', { class: 'num' }, 'Worst'), h('th', { class: 'num' }, 'Share of run'), h('th', null, 'Loop thread was')),
    ),
    body,
  );
  hotSpots.replaceChildren(title, table);
}

function moveRowFocus(from: HTMLElement, direction: 1 | -1): void {
  const rows = [...(from.closest('tbody')?.querySelectorAll<HTMLElement>('tr[tabindex]') ?? [])];
  const index = rows.indexOf(from);
  rows[index + direction]?.focus();
}

function clickableRow(file: string | null, line: number | null, key: string, cells: HTMLElement[]): HTMLTableRowElement {
  const tr = h('tr', { class: 'row', tabIndex: 0, 'data-key': key }, ...cells);
  if (file !== null && line !== null) {
    tr.title = `Open ${file}:${line}`;
    tr.addEventListener('click', () => {
      openSite(file, line);
    });
  }
  tr.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && file !== null && line !== null) openSite(file, line);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveRowFocus(tr, event.key === 'ArrowDown' ? 1 : -1);
    }
  });
  return tr;
}

function renderTasks(profile: Profile | null): void {
  if (!profile) {
    tasksSection.replaceChildren();
    return;
  }
  const t = profile.tasks;
  const pendingNow = profile.taskList?.filter((task) => task.state === 'pending').length;
  const summary = h(
    'p',
    { class: 'summary' },
    `${t.created} created · ${t.finished} finished · ${t.cancelled} cancelled · ${t.failed} failed · peak ${t.maxPending} pending`,
    pendingNow === undefined ? '' : ` · ${pendingNow} pending now`,
  );
  const list = profile.taskList ? sortTasks(profile.taskList) : [];
  if (list.length === 0) {
    tasksSection.replaceChildren(sectionTitle('Tasks', t.created), summary);
    return;
  }
  // detailed mode on CPython 3.12+ times each task's steps (sys.monitoring)
  const stepTimes = list.some((task) => task.maxStepMs !== undefined);
  const msCell = (ms: number | undefined) => h('td', { class: 'num' }, ms === undefined ? '—' : formatMs(ms));
  const body = h('tbody');
  list.forEach((task, index) => {
    body.append(
      clickableRow(task.file, task.line, `task:${index}:${task.name}`, [
        h('td', null, task.name),
        h('td', { class: 'mono' }, task.coroutine),
        h('td', null, siteLink(task.file, task.line)),
        h('td', null, h('span', { class: `state state-${task.state}` }, task.state)),
        h('td', { class: 'num' }, formatDuration(task.lifetimeS)),
        h('td', { class: 'num' }, task.steps === null ? '—' : String(task.steps)),
        ...(stepTimes ? [msCell(task.busyMs), msCell(task.maxStepMs)] : []),
      ]),
    );
  });
  const stepTimeHeads = stepTimes ? [h('th', { class: 'num' }, 'Busy'), h('th', { class: 'num' }, 'Longest step')] : [];
  tasksSection.replaceChildren(
    sectionTitle('Tasks', t.created),
    summary,
    h(
      'table',
      { class: 'table tasks' },
      h('thead', null, h('tr', null, h('th', null, 'Task'), h('th', null, 'Coroutine'), h('th', null, 'Created at'), h('th', null, 'State'), h('th', { class: 'num' }, 'Lifetime'), h('th', { class: 'num' }, 'Steps'), ...stepTimeHeads)),
      body,
    ),
  );
}

function renderUnawaited(profile: Profile | null): void {
  if (!profile) {
    unawaitedSection.replaceChildren();
    return;
  }
  const title = sectionTitle('Coroutines never awaited', profile.unawaited.length);
  if (profile.unawaited.length === 0) {
    unawaitedSection.replaceChildren(title, h('p', { class: 'muted' }, 'None seen.'));
    return;
  }
  const body = h('tbody');
  profile.unawaited.forEach((item, index) => {
    body.append(clickableRow(item.file, item.line, `unawaited:${index}`, [h('td', { class: 'mono' }, item.coroutine), h('td', null, siteLink(item.file, item.line))]));
  });
  unawaitedSection.replaceChildren(title, h('table', { class: 'table' }, h('thead', null, h('tr', null, h('th', null, 'Coroutine'), h('th', null, 'Created at'))), body));
}

function renderExceptions(profile: Profile | null): void {
  if (!profile) {
    exceptionsSection.replaceChildren();
    return;
  }
  const title = sectionTitle('Task exceptions never retrieved', profile.unretrievedExceptions.length);
  if (profile.unretrievedExceptions.length === 0) {
    exceptionsSection.replaceChildren(title, h('p', { class: 'muted' }, 'None seen.'));
    return;
  }
  const body = h('tbody');
  profile.unretrievedExceptions.forEach((item, index) => {
    body.append(
      clickableRow(item.file, item.line, `exception:${index}`, [h('td', null, item.task), h('td', { class: 'mono' }, item.exception), h('td', null, siteLink(item.file, item.line))]),
    );
  });
  exceptionsSection.replaceChildren(
    title,
    h('table', { class: 'table' }, h('thead', null, h('tr', null, h('th', null, 'Task'), h('th', null, 'Exception'), h('th', null, 'Task created at'))), body),
  );
}

// ---------------------------------------------------------------- render loop

function render(): void {
  const key = focusedKey();
  const profile = state.profile;
  document.body.dataset.status = state.status;
  empty.hidden = profile !== null || !isLive(state);
  renderHeader();
  renderNotes(profile);
  renderCharts(profile);
  renderHotSpots(profile);
  renderTasks(profile);
  renderUnawaited(profile);
  renderExceptions(profile);
  restoreFocus(key);
}

function setState(next: PanelState): void {
  state = next;
  vscode.setState(state);
  render();
}

function isToPanelMessage(data: unknown): data is ToPanelMessage {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return type === 'run-started' || type === 'profile' || type === 'run-ended' || type === 'saved-profile';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToPanelMessage(event.data)) return;
  setState(reduce(state, event.data));
});

// the run-time clock ticks between snapshots
setInterval(() => {
  if (isLive(state)) renderHeader();
}, 1000);

// charts draw theme colours into a canvas: redraw when VS Code switches theme (body class changes)
new MutationObserver(() => {
  for (const { chart } of charts.values()) chart.rebuild();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

new ResizeObserver(() => {
  for (const { chart } of charts.values()) chart.resize();
}).observe(chartsSection);

render();
post({ type: 'ready' });
