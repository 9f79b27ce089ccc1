import type { InterpreterChoice } from '../../profiler/panel-messages';

/** How the interpreter was chosen, for the output channel and messages. */
export function interpreterSourceTextForLog(choice: InterpreterChoice): string {
  switch (choice.source) {
    case 'python-extension':
      return 'selected in the Python extension';
    case 'setting':
      return 'from the aiolint.python.interpreter setting';
    case 'path':
      return 'found on PATH';
    case 'saved-profile':
      return 'recorded in the saved profile';
  }
}
