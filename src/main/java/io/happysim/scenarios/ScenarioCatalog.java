package io.happysim.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Logger;

/**
 * The scenarios a user can pick: the built-ins, those on the application's class path
 * (ServiceLoader), and those in a folder of model JARs, which {@link #rescan()} reads again
 * without a restart — so bringing your own model is a drop-in.
 *
 * <p>A JAR's scenarios are the classes its {@code META-INF/services/io.happysim.scenarios.Scenario}
 * lists, or, without that file, every public concrete class in it that implements
 * {@link Scenario} and has a public no-argument constructor. Each is tried once with its defaults
 * (a build with the default seed) so a model that cannot build is reported now, not when a user
 * picks it. Whatever is wrong — a class that does not load, a constructor or build that throws,
 * an id another scenario already has — becomes a {@link Problem} naming the JAR, and everything
 * else keeps working. Each JAR is loaded from a private copy named by its content, so replacing
 * the file while the server runs is safe and a changed JAR is a new class loader.
 */
public final class ScenarioCatalog {
    private static final Logger LOG = Logger.getLogger(ScenarioCatalog.class.getName());
    private static final String SERVICE_FILE = "META-INF/services/" + Scenario.class.getName();
    /** Ids the API's own paths take ({@code /api/scenarios/rescan}, {@code /api/scenarios/problems}). */
    private static final java.util.Set<String> RESERVED_IDS = java.util.Set.of("rescan", "problems");

    /** Something wrong with one model JAR (or one class in it), as the picker and the log show it. */
    public record Problem(String source, String message) {
    }

    /** Where each scenario came from: {@code built-in}, {@code class path} or the JAR's file name. */
    public record Entry(Scenario scenario, String source) {
    }

    private final Path modelsDir;
    private final Path copies;
    private volatile List<Entry> entries = List.of();
    private volatile List<Problem> problems = List.of();

    /**
     * @param modelsDir the folder of model JARs; null, or a folder that does not exist, means none
     */
    public ScenarioCatalog(Path modelsDir) {
        this.modelsDir = modelsDir;
        try {
            this.copies = Files.createTempDirectory("happysim-models");
            this.copies.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a folder for copies of model JARs", e);
        }
        rescan();
    }

    /** Reads the built-ins, the class path and the models folder again; returns the problems found. */
    public synchronized List<Problem> rescan() {
        Map<String, Entry> byId = new LinkedHashMap<>();
        List<Problem> found = new ArrayList<>();
        for (Scenario scenario : Scenarios.builtIns()) {
            byId.put(scenario.id(), new Entry(scenario, "built-in"));
        }
        try {
            for (Scenario scenario : ServiceLoader.load(Scenario.class, Scenario.class.getClassLoader())) {
                admit(byId, found, scenario, "class path", false);
            }
        } catch (ServiceConfigurationError e) {
            found.add(new Problem("class path", e.getMessage()));
        }
        // the previous scan's loaders are not closed: a model of theirs may still be running and load classes lazily
        for (Path jar : jars(found)) {
            loadJar(jar, byId, found);
        }
        entries = List.copyOf(byId.values());
        problems = List.copyOf(found);
        found.forEach(p -> LOG.warning(() -> "Model " + p.source() + ": " + p.message()));
        LOG.info(() -> "Scenarios: " + entries.size() + " (" + (modelsDir == null ? "no models folder" : "models folder " + modelsDir)
                + "), " + problems.size() + " problem(s)");
        return problems;
    }

    private List<Path> jars(List<Problem> found) {
        if (modelsDir == null || !Files.isDirectory(modelsDir)) {
            return List.of();
        }
        TreeMap<String, Path> sorted = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(modelsDir, "*.jar")) {
            stream.forEach(p -> sorted.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            found.add(new Problem(modelsDir.toString(), "cannot read the models folder: " + e.getMessage()));
        }
        return List.copyOf(sorted.values());
    }

    private void loadJar(Path jar, Map<String, Entry> byId, List<Problem> found) {
        String source = jar.getFileName().toString();
        Path copy;
        List<String> classNames;
        try {
            copy = privateCopy(jar);
            classNames = scenarioClassNames(copy);
        } catch (IOException | RuntimeException e) {
            found.add(new Problem(source, "not a readable JAR: " + e.getMessage()));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, Scenario.class.getClassLoader());
        } catch (IOException e) {
            found.add(new Problem(source, "cannot open: " + e.getMessage()));
            return;
        }
        int before = found.size();
        int admitted = 0;
        for (String className : classNames) {
            Scenario scenario = instantiate(loader, className, source, found);
            if (scenario != null && admit(byId, found, scenario, source, true)) {
                admitted++;
            }
        }
        if (admitted == 0 && found.size() == before) {
            found.add(new Problem(source, "has no public class implementing " + Scenario.class.getName()
                    + " with a public no-argument constructor"));
        }
    }

    private Path privateCopy(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        Path copy = copies.resolve(digest + "-" + jar.getFileName());
        if (!Files.exists(copy)) {
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
        }
        return copy;
    }

    /** The classes the service file lists, else every top-level or nested class file in the JAR. */
    private static List<String> scenarioClassNames(Path jarPath) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            JarEntry service = jar.getJarEntry(SERVICE_FILE);
            if (service != null) {
                try (InputStream in = jar.getInputStream(service)) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
                return names;
            }
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                String entry = all.nextElement().getName();
                if (entry.endsWith(".class") && !entry.equals("module-info.class") && !entry.startsWith("META-INF/")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    /** A scenario instance of the named class, or null (with a problem when the class was meant to be one). */
    private static Scenario instantiate(ClassLoader loader, String className, String source, List<Problem> found) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            found.add(new Problem(source, "class " + className + " does not load: " + e));
            return null;
        }
        if (!Scenario.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())
                || !Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        try {
            return (Scenario) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            found.add(new Problem(source, className + " has no public no-argument constructor"));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            found.add(new Problem(source, className + " could not be created: " + cause));
        }
        return null;
    }

    /** Adds {@code scenario} unless its id is taken or (for a model JAR) it cannot build with its defaults. */
    private static boolean admit(Map<String, Entry> byId, List<Problem> found, Scenario scenario, String source, boolean tryBuild) {
        String id;
        try {
            id = scenario.id();
            if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                found.add(new Problem(source, scenario.getClass().getName() + " has an id that is not URL-safe: '" + id + "'"));
                return false;
            }
        } catch (RuntimeException e) {
            found.add(new Problem(source, scenario.getClass().getName() + ".id() failed: " + e));
            return false;
        }
        if (RESERVED_IDS.contains(id)) {
            found.add(new Problem(source, scenario.getClass().getName() + " takes the id '" + id + "', which the API keeps for itself"));
            return false;
        }
        Entry taken = byId.get(id);
        if (taken != null) {
            found.add(new Problem(source, "duplicate id '" + id + "' (" + scenario.getClass().getName() + "): "
                    + taken.source() + " already has it"));
            return false;
        }
        if (tryBuild) {
            try {
                scenario.build(Scenario.DEFAULT_SEED);
            } catch (RuntimeException | LinkageError e) {
                found.add(new Problem(source, "scenario '" + id + "' fails to build with its defaults: " + e));
                return false;
            }
        }
        byId.put(id, new Entry(scenario, source));
        return true;
    }


    /** Every scenario, built-ins first, then the class path's, then the models folder's (by file name). */
    public List<Scenario> all() {
        return entries.stream().map(Entry::scenario).toList();
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Scenario> find(String id) {
        return entries.stream().map(Entry::scenario).filter(s -> s.id().equals(id)).findFirst();
    }

    /** What the last scan found wrong. */
    public List<Problem> problems() {
        return problems;
    }

    /** The models folder, or null. */
    public Path modelsDir() {
        return modelsDir;
    }
}
