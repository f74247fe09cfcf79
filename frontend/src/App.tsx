import { useEffect, useRef } from 'react';
import { ControlBar, StatusLine } from './components/ControlBar';
import { Timeline } from './components/Timeline';
import { GraphView } from './components/GraphView';
import { Dashboard } from './components/Dashboard';
import { Inspector } from './components/Inspector';
import { EventLog } from './components/EventLog';
import { SimLog } from './components/SimLog';
import { BreakpointsPanel } from './components/Breakpoints';
import { StoreStatus } from './components/StoreStatus';
import { NotConfigured, useSetupCheck } from './components/NotConfigured';
import { startConnection } from './store/actions';
import { useLayout, type MainView, type RightTab } from './store/layout';

const RIGHT_TABS: { id: RightTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'events', label: 'Event Log' },
  { id: 'logs', label: 'Sim Log' },
  { id: 'breakpoints', label: 'Breakpoints' },
];

export function App() {
  const setup = useSetupCheck();
  useEffect(() => (setup === 'ready' ? startConnection() : undefined), [setup]);
  const mainView = useLayout((s) => s.mainView);
  const rightTab = useLayout((s) => s.rightTab);
  const rightWidth = useLayout((s) => s.rightWidth);
  const setMain = (v: MainView) => useLayout.getState().update((l) => ({ ...l, mainView: v }));
  const setRight = (t: RightTab) => useLayout.getState().update((l) => ({ ...l, rightTab: t }));

  if (setup !== 'ready') return setup === 'checking' ? null : <NotConfigured health={setup} />;
  return (
    <div className="app">
      <ControlBar />
      <StatusLine />
      <Timeline />
      <div className="body">
        <section className="main">
          <nav className="tabs">
            <button className={mainView === 'graph' ? 'on' : ''} onClick={() => setMain('graph')} data-testid="tab-graph">Graph</button>
            <button className={mainView === 'dashboard' ? 'on' : ''} onClick={() => setMain('dashboard')} data-testid="tab-dashboard">Dashboard</button>
          </nav>
          <div className="main-content">
            {mainView === 'graph' ? <GraphView /> : <Dashboard />}
          </div>
        </section>
        <Resizer />
        <aside className="right" style={{ width: rightWidth }}>
          <nav className="tabs">
            {RIGHT_TABS.map((t) => (
              <button key={t.id} className={rightTab === t.id ? 'on' : ''} onClick={() => setRight(t.id)} data-testid={`tab-${t.id}`}>{t.label}</button>
            ))}
          </nav>
          <div className="right-content">
            {rightTab === 'inspector' && <Inspector />}
            {rightTab === 'events' && <EventLog />}
            {rightTab === 'logs' && <SimLog />}
            {rightTab === 'breakpoints' && <BreakpointsPanel />}
          </div>
        </aside>
      </div>
      <StoreStatus />
    </div>
  );
}

/** Drag to resize the right panel (min 240 px, max 70 % of the window); the width is saved with the layout. */
function Resizer() {
  const dragging = useRef(false);
  useEffect(() => {
    const move = (e: MouseEvent) => {
      if (!dragging.current) return;
      const w = Math.min(window.innerWidth * 0.7, Math.max(240, window.innerWidth - e.clientX));
      useLayout.setState({ rightWidth: Math.round(w) });
    };
    const up = () => {
      if (!dragging.current) return;
      dragging.current = false;
      document.body.classList.remove('resizing');
      useLayout.getState().update((l) => ({ ...l }));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, []);
  return <div className="resizer" onMouseDown={() => { dragging.current = true; document.body.classList.add('resizing'); }} />;
}
