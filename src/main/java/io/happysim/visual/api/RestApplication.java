package io.happysim.visual.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every REST resource of the debugger lives under {@code /api}, beside the static frontend at {@code /}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
