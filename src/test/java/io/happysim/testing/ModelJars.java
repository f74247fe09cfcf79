package io.happysim.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a model JAR from Java sources at test time, as a user would with one Maven command. */
public final class ModelJars {
    private ModelJars() {
    }

    /**
     * Compiles {@code sources} (fully qualified class name → source) against the test class path
     * and writes them to {@code jar}, with a service file listing {@code services} if any.
     */
    public static Path build(Path jar, Map<String, String> sources, List<String> services) throws IOException {
        Path work = Files.createTempDirectory("model-src");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", "-nowarn"));
        args.addAll(files);
        int status = compiler.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the model sources do not compile");
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (!services.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/io.happysim.scenarios.Scenario"));
                out.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A minimal scenario class named {@code pkg.Cls} with this id and title, whose build runs {@code buildBody} first. */
    public static String scenario(String pkg, String cls, String id, String title, String buildBody) {
        return "package " + pkg + ";\n"
                + "import io.happysim.scenarios.*;\n"
                + "import io.happysim.core.Simulation;\n"
                + "public class " + cls + " implements Scenario {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String title() { return \"" + title + "\"; }\n"
                + "  public String description() { return \"A test model.\"; }\n"
                + "  public ScenarioModel build(long seed, ParameterValues values) {\n"
                + "    " + buildBody + "\n"
                + "    return new ScenarioModel(id(), Simulation.builder().seed(seed).durationSeconds(1).build(), java.util.List.of());\n"
                + "  }\n"
                + "}\n";
    }

    /** Writes a file that is not a JAR at all. */
    public static Path garbage(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("not a zip".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
