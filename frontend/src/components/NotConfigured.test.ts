import { describe, expect, it } from 'vitest';
import type { Health } from '../api/health';
import { driverJar, notConfigured } from './NotConfigured';

const xml = `<server>
    <!-- sqlite-jdbc-3.54.1.0.jar from Maven Central (org.xerial:sqlite-jdbc:3.54.1.0), saved in the server's lib folder:
         https://repo1.maven.org/maven2/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar -->
    <library id="sqliteLib"><file name="\${server.config.dir}/lib/sqlite-jdbc-3.54.1.0.jar"/></library>
</server>`;
const up: Health = { status: 'UP', store: 'wal', db_path: '/tmp/h.db', drains: 2, error: null, server_xml: null };
const missing: Health = { status: 'DOWN', store: null, db_path: null, drains: 0, error: 'not configured: no DataSource is bound at jdbc/visualStore', server_xml: xml };

describe('notConfigured', () => {
  it('is the answer of a server without the store', () => {
    expect(notConfigured(missing)?.error).toBe('not configured: no DataSource is bound at jdbc/visualStore');
  });
  it('leaves an UP server and a failing store to the debugger', () => {
    expect(notConfigured(up)).toBeNull();
    expect(notConfigured({ ...up, status: 'DOWN', store: null, error: 'history store unavailable: disk full' })).toBeNull();
    expect(notConfigured(null)).toBeNull();
  });
});

describe('driverJar', () => {
  it('reads the jar and its Maven Central address from the snippet', () => {
    expect(driverJar(xml)).toEqual({
      name: 'sqlite-jdbc-3.54.1.0.jar',
      url: 'https://repo1.maven.org/maven2/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar',
    });
  });
  it('is null when the snippet names no driver', () => {
    expect(driverJar('<server/>')).toBeNull();
  });
});
