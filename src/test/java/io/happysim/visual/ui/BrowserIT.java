package io.happysim.visual.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.happysim.visual.it.Deployments;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser tests (frontend/e2e, node's test runner driving Debian's Chromium through playwright-core)
 * against the real WAR on the managed Liberty: what a user does in the debugger, end to end.
 * Screenshots land in target/e2e-artifacts/.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserIT {
    private static final long TIMEOUT_MINUTES = 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @Test
    void theBrowserSuitePasses() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("frontendSkip"), "frontend not built (-Dfrontend.skip)");
        File frontend = new File(System.getProperty("frontendDir", "frontend")).getAbsoluteFile();
        File artifacts = new File(System.getProperty("e2eArtifacts", "target/e2e-artifacts")).getAbsoluteFile();
        String npm = System.getProperty("npmExecutable", "npm");

        List<String> output = new ArrayList<>();
        int exit = run(List.of(npm, "run", "e2e"), frontend, artifacts, output);
        if (exit != 0) {
            // One retry of the files that failed, and only those. The race it was added for (an update from before a
            // Pause or a model change taken for the answer) is fixed — states are numbered and actions acked, see
            // StateOrder — but a browser on a loaded 2-core machine can still miss a wait; a real regression fails
            // twice, and the first failure stays in the log above (grep "[e2e] RETRY" to see whether one was needed).
            Set<String> failed = new TreeSet<>();
            Matcher m = FAILED_FILE.matcher(String.join("\n", output));
            while (m.find()) {
                failed.add(m.group(1));
            }
            if (!failed.isEmpty()) {
                System.out.println("[e2e] RETRY once, the files that failed: " + failed);
                List<String> retry = new ArrayList<>(List.of(System.getProperty("nodeExecutable", "node"), "--test", "--test-concurrency=1"));
                retry.addAll(failed);
                exit = run(retry, frontend, artifacts, new ArrayList<>());
            }
        }
        assertEquals(0, exit, "npm run e2e failed: see the [e2e] lines above and the screenshots in " + artifacts);
    }

    /** A failing test's location in node's TAP output: the test file. */
    private static final Pattern FAILED_FILE = Pattern.compile("location: '([^':]+\\.test\\.mjs)");

    /** Runs a browser-test command with the server's address, echoing (and keeping) its output; its exit code. */
    private static int run(List<String> command, File frontend, File artifacts, List<String> output) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(frontend).redirectErrorStream(true);
        pb.environment().put("BASE_URL", Deployments.baseUri().toString());
        pb.environment().put("E2E_ARTIFACTS", artifacts.getPath());
        pb.environment().put("NO_COLOR", "1");
        Process process = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[e2e] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (Exception e) {
                System.out.println("[e2e] output lost: " + e);
            }
        }, "e2e-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser tests did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        pump.join(5000);
        return process.exitValue();
    }
}
