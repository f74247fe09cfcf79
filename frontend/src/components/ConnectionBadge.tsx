import { useSim } from '../store/sim';

const TEXT = { open: 'connected', connecting: 'connecting…', reconnecting: 'reconnecting…', offline: 'offline (retrying)' };

export function ConnectionBadge() {
  const c = useSim((s) => s.connection);
  return (
    <span className={`conn conn-${c}`} data-testid="connection" data-state={c} title="WebSocket to the server">
      <span className="dot" />{TEXT[c]}
    </span>
  );
}
