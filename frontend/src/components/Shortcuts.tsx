import { useEffect } from 'react';
import { pause, play, step } from '../store/actions';
import { useFilters } from '../store/filters';
import { useLayout } from '../store/layout';
import { useSim } from '../store/sim';
import { useUi } from '../store/ui';
import { SHORTCUTS, shortcutFor, type ShortcutAction } from '../lib/shortcuts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

function run(action: ShortcutAction, target: EventTarget | null): boolean {
  const s = useSim.getState();
  const ready = s.connection === 'open' && !s.state?.is_complete;
  switch (action) {
    case 'playPause':
      if (s.playMode) pause();
      else if (ready) play('play');
      return true;
    case 'step':
      if (!s.playMode && ready) step(1);
      return true;
    case 'step10':
      if (!s.playMode && ready) step(10);
      return true;
    case 'debug':
      if (!s.playMode && ready) play('debug');
      return true;
    case 'search':
      useLayout.getState().update((l) => ({ ...l, rightTab: 'events' }));
      useFilters.setState((f) => ({ focusSearch: f.focusSearch + 1, follow: null }));
      return true;
    case 'now':
      useSim.setState({ timeRange: { start_s: null, end_s: null } });
      useFilters.setState({ eventsMode: 'live', follow: null });
      useLayout.getState().update((l) => ({ ...l, rightTab: 'events' }));
      return true;
    case 'help':
      useUi.setState((u) => ({ shortcutsOpen: !u.shortcutsOpen }));
      return true;
    case 'close': {
      if (isTyping(target)) {
        (target as HTMLElement).blur();
        return true;
      }
      const ui = useUi.getState();
      if (ui.shortcutsOpen) useUi.setState({ shortcutsOpen: false });
      else if (useFilters.getState().follow) useFilters.setState({ follow: null });
      else useUi.setState({ cardOpen: false });
      return true;
    }
  }
}

/** The keyboard shortcuts (one listener for the page) and their "?" overlay. */
export function Shortcuts() {
  const open = useUi((s) => s.shortcutsOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, isTyping(e.target));
      if (action && run(action, e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <div className="overlay" data-testid="shortcuts" onClick={() => useUi.setState({ shortcutsOpen: false })}>
      <div className="overlay-box" onClick={(e) => e.stopPropagation()}>
        <div className="scenario-card-head"><b>Keyboard shortcuts</b><span className="spacer" />
          <button className="icon" title="Close (Esc)" onClick={() => useUi.setState({ shortcutsOpen: false })}>×</button></div>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action} data-testid={`shortcut-${s.action}`}>
                <td>{s.keys.map((k) => <kbd key={k}>{k}</kbd>)}</td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="muted small">Shortcuts do nothing while you type in a field (Esc leaves it).</div>
      </div>
    </div>
  );
}
