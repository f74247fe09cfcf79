/** The debugger's keyboard shortcuts: one table for the handler and the "?" overlay. */
export type ShortcutAction = 'playPause' | 'step' | 'step10' | 'debug' | 'search' | 'now' | 'help' | 'close';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  what: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['Space'], action: 'playPause', what: 'Play / Pause' },
  { keys: ['S', '.'], action: 'step', what: 'Step one event' },
  { keys: ['Shift+S', '>'], action: 'step10', what: 'Step 10 events' },
  { keys: ['D'], action: 'debug', what: 'Debug: play until a breakpoint fires' },
  { keys: ['/'], action: 'search', what: 'Search the events (text or field=value, e.g. request_id=42)' },
  { keys: ['N', 'End'], action: 'now', what: 'Jump to now: charts up to now, the event log following the newest events' },
  { keys: ['?'], action: 'help', what: 'Show / hide this list' },
  { keys: ['Esc'], action: 'close', what: 'Close this list, the model card or a lifeline' },
];

/** The action a key press asks for, or null (typing in a field is never a shortcut; Esc is, to leave the field). */
export function shortcutFor(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, typing: boolean): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'close';
  if (typing) return null;
  switch (e.key) {
    case ' ':
      return 'playPause';
    case 's':
    case '.':
      return 'step';
    case 'S':
    case '>':
      return 'step10';
    case 'd':
    case 'D':
      return 'debug';
    case '/':
      return 'search';
    case 'n':
    case 'N':
    case 'End':
      return 'now';
    case '?':
      return 'help';
    default:
      return null;
  }
}
