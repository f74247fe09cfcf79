import { useEffect, useState } from 'react';
import { fetchHealth, type Health } from '../api/health';
import './NotConfigured.css';

/** The health answer of a server without the history store: DOWN, with why and the server.xml to add. */
export type NotConfiguredHealth = Health & { status: 'DOWN'; server_xml: string };

/** The health answer when it says the server lacks the store (not a store failure, not UP), else null. */
export function notConfigured(health: Health | null | undefined): NotConfiguredHealth | null {
  return health && health.status === 'DOWN' && health.server_xml ? (health as NotConfiguredHealth) : null;
}

/** The driver jar the snippet names, with its Maven Central address (both in the snippet's comment). */
export function driverJar(serverXml: string): { name: string; url: string | null } | null {
  const name = serverXml.match(/sqlite-jdbc-[\w.]+\.jar/);
  if (!name) return null;
  const url = serverXml.match(/https:\/\/\S+\.jar/);
  return { name: name[0], url: url ? url[0] : null };
}

/** 'checking' until /api/health answers; then the not-configured answer, or 'ready' (UP, a store failure or no answer: the debugger shows those itself). */
export type SetupCheck = 'checking' | 'ready' | NotConfiguredHealth;

export function useSetupCheck(): SetupCheck {
  const [check, setCheck] = useState<SetupCheck>('checking');
  useEffect(() => {
    let live = true;
    fetchHealth()
      .then(notConfigured, () => null)
      .then((missing) => live && setCheck(missing ?? 'ready'));
    return () => {
      live = false;
    };
  }, []);
  return check;
}

/** Shown instead of the debugger on a server without the history store: why, and exactly what to add. */
export function NotConfigured({ health }: { health: NotConfiguredHealth }) {
  const [copied, setCopied] = useState(false);
  const jar = driverJar(health.server_xml);
  const copy = () => void navigator.clipboard?.writeText(health.server_xml).then(() => setCopied(true), () => setCopied(false));
  return (
    <main className="not-configured" data-testid="not-configured">
      <h1>happysim is not configured on this server</h1>
      <p className="not-configured-reason" data-testid="not-configured-reason">{health.error}</p>
      <ol>
        <li>
          Save the SQLite driver{' '}
          {jar?.url ? <a href={jar.url}><code>{jar.name}</code></a> : <code>{jar?.name ?? 'sqlite-jdbc'}</code>}{' '}
          (Maven Central) in the server's <code>lib</code> folder.
        </li>
        <li>
          Add this to the server's <code>server.xml</code>, or save it as <code>configDropins/overrides/happysim.xml</code>:
          <div className="not-configured-snippet">
            <button onClick={copy} data-testid="copy-server-xml">{copied ? 'Copied' : 'Copy'}</button>
            <pre data-testid="server-xml">{health.server_xml}</pre>
          </div>
        </li>
        <li>Restart the server and reload this page.</li>
      </ol>
      <p className="muted">The README explains each part: "Deploy the WAR to an existing Liberty".</p>
    </main>
  );
}
