package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LocalOriginPolicyTest {
    private final LocalOriginPolicy loopback = new LocalOriginPolicy("localhost", "", "");

    @Test
    void acceptsLoopbackHostsWithOrWithoutPort() {
        for (String host : new String[] {"localhost", "localhost:9080", "127.0.0.1:9080", "[::1]:9080", "LOCALHOST:1"}) {
            assertNull(loopback.rejectHost(host), host);
        }
        assertNull(loopback.rejectHost(null), "HTTP/1.0 clients send no Host");
    }

    @Test
    void refusesAForeignHostAsDnsRebindingWould() {
        assertNotNull(loopback.rejectHost("evil.example.com:9080"));
        assertNotNull(loopback.rejectHost("192.168.1.20:9080"));
    }

    @Test
    void acceptsTheConfiguredHostAndExtraHosts() {
        LocalOriginPolicy lan = new LocalOriginPolicy("sim-box.lan", "sim.example.org, other", "");
        assertNull(lan.rejectHost("sim-box.lan:9080"));
        assertNull(lan.rejectHost("sim.example.org"));
        assertNull(lan.rejectHost("other:80"));
        assertNotNull(lan.rejectHost("evil.example.com"));
    }

    @Test
    void aWildcardListenerAcceptsAnyHost() {
        assertNull(new LocalOriginPolicy("*", "", "").rejectHost("anything:9080"));
        assertNull(new LocalOriginPolicy("0.0.0.0", "", "").rejectHost("10.0.0.5:9080"));
    }

    @Test
    void acceptsTheServersOwnOriginAndNone() {
        assertNull(loopback.rejectOrigin("http://localhost:9080", "localhost:9080"));
        assertNull(loopback.rejectOrigin("http://127.0.0.1:9080", "127.0.0.1:9080"));
        assertNull(loopback.rejectOrigin("http://localhost", "localhost:80"), "default port on either side");
        assertNull(loopback.rejectOrigin(null, "localhost:9080"), "curl and scripts send no Origin");
    }

    @Test
    void refusesForeignNullAndMalformedOrigins() {
        assertNotNull(loopback.rejectOrigin("http://evil.example.com", "localhost:9080"));
        assertNotNull(loopback.rejectOrigin("http://localhost:9999", "localhost:9080"), "another port is another origin");
        assertNotNull(loopback.rejectOrigin("null", "localhost:9080"), "sandboxed iframes and file pages");
        assertNotNull(loopback.rejectOrigin("not a url at all", "localhost:9080"));
        assertNotNull(loopback.rejectOrigin("ftp://localhost:9080", "localhost:9080"));
        assertNotNull(loopback.rejectOrigin("http://localhost:9080", null));
    }

    @Test
    void extraOriginsAreAllowed() {
        LocalOriginPolicy dev = new LocalOriginPolicy("localhost", "", "http://localhost:5173");
        assertNull(dev.rejectOrigin("http://localhost:5173", "localhost:9080"));
        assertNotNull(dev.rejectOrigin("http://localhost:5174", "localhost:9080"));
    }
}
