import { useEffect, useState } from 'react';
import { describeHealth, fetchHealth, type Health } from './health';

export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    fetchHealth()
      .then((h) => { setHealth(h); setFailure(undefined); })
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem', background: '#030712', color: '#f3f4f6', minHeight: '100vh' }}>
      <h1>Happy Simulator Debugger</h1>
      <p data-testid="health">{describeHealth(health, failure)}</p>
    </main>
  );
}
