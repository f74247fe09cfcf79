package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClientAbortTest {
    @Test
    void aResetOrBrokenPipeWhileWritingIsTheBrowserGoingAway() {
        assertTrue(ClientAbort.isClientAbort(new ServletException(new IOException("Connection reset by peer")), false));
        assertTrue(ClientAbort.isClientAbort(new IOException("Broken pipe"), false));
        assertTrue(ClientAbort.isClientAbort(new IOException("anything"), true), "an I/O failure once the body is under way");
    }

    @Test
    void otherFailuresAreRealFaults() {
        assertFalse(ClientAbort.isClientAbort(new IOException("No space left on device"), false));
        assertFalse(ClientAbort.isClientAbort(new IllegalStateException("bug"), true));
        assertFalse(ClientAbort.isClientAbort(new ServletException("boom"), false));
    }
}
