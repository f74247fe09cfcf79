package io.happysim.visual.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.store.TestDataSources;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * What a server without the history store is told, and that the server.xml it is told to add is the README's and
 * configures the store as the project's own server does.
 */
class StoreSetupTest {
    @TempDir
    Path dir;

    @Test
    void aSqliteDataSourceIsUsable() {
        DataSource sqlite = TestDataSources.sqlite(dir.resolve("h.db"));
        StoreSetup.Found found = StoreSetup.lookUp(naming(sqlite));
        assertTrue(found.isUsable(), found.problem());
        assertSame(sqlite, found.dataSource());
        assertNull(found.problem());
    }

    @Test
    void anUnboundNameSaysWhichElementOrFeatureIsMissing() {
        StoreSetup.Found found = StoreSetup.lookUp(naming(new NameNotFoundException("jdbc/visualStore")));
        assertFalse(found.isUsable());
        assertEquals("no DataSource is bound at jdbc/visualStore (the server has no <dataSource jndiName=\"jdbc/visualStore\">,"
                + " or not the jdbc-4.3 feature)", found.problem());
    }

    @Test
    void aDataSourceTheServerCannotCreateNamesTheDeepestCauseAndTheJar() {
        NamingException wrapped = new NamingException("CWNEN1001E: the object could not be obtained");
        wrapped.setRootCause(new RuntimeException(new ClassNotFoundException("org.sqlite.SQLiteDataSource")));
        String problem = StoreSetup.lookUp(naming(wrapped)).problem();
        assertTrue(problem.startsWith("the DataSource jdbc/visualStore cannot be created: org.sqlite.SQLiteDataSource"), problem);
        assertTrue(problem.contains("sqlite-jdbc-" + StoreSetup.SQLITE_JDBC_VERSION + ".jar"), problem);
    }

    @Test
    void somethingElseBoundAtTheNameIsNotADataSource() {
        assertEquals("jdbc/visualStore is a java.lang.String, not a DataSource", StoreSetup.lookUp(naming("jdbc:sqlite:x.db")).problem());
    }

    @Test
    void anotherDatabaseIsRefusedByItsProductName() {
        String problem = StoreSetup.lookUp(naming(database("Apache Derby", "Apache Derby Embedded JDBC Driver"))).problem();
        assertEquals("jdbc/visualStore connects to Apache Derby (driver Apache Derby Embedded JDBC Driver), not SQLite: the history"
                + " store needs SQLite (org.sqlite.SQLiteDataSource from sqlite-jdbc)", problem);
    }

    @Test
    void aDataSourceThatDoesNotConnectSaysWhy() {
        DataSource sqliteInAMissingFolder = TestDataSources.sqlite(dir.resolve("no-such-folder").resolve("h.db"));
        String problem = StoreSetup.lookUp(naming(sqliteInAMissingFolder)).problem();
        assertTrue(problem.startsWith("the DataSource jdbc/visualStore does not connect: [SQLITE_CANTOPEN]"), problem);
        assertTrue(problem.endsWith("(does the folder of its url exist, and may the server write there?)"), "SQLite does not name the file: "
                + problem);
    }

    @Test
    void theLogLineIsOneLineWithTheReasonTheJarAndTheServerXml() {
        String line = StoreSetup.logLine("no DataSource is bound at jdbc/visualStore");
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("happysim is not configured: no DataSource is bound at jdbc/visualStore. "), line);
        assertTrue(line.contains(StoreSetup.SQLITE_JDBC_URL), line);
        assertTrue(line.contains("<dataSource id=\"visualStore\" jndiName=\"jdbc/visualStore\" type=\"javax.sql.DataSource\""), line);
        assertTrue(line.contains("<feature>jdbc-4.3</feature><feature>jndi-1.0</feature></featureManager>"), line);
        assertFalse(line.contains("<!--"), "comments stay out of the one-line form: " + line);
    }

    @Test
    void theReadmePrintsExactlyTheServerXmlTheApplicationShows() throws Exception {
        assertEquals(StoreSetup.SERVER_XML.strip(), readmeBlock("deploy-server-xml").strip());
    }

    @Test
    void theDriverIsTheVersionThePomBuildsWith() throws Exception {
        Matcher pom = Pattern.compile("<sqlite.version>([^<]+)</sqlite.version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find());
        assertEquals(pom.group(1), StoreSetup.SQLITE_JDBC_VERSION);
        assertEquals("https://repo1.maven.org/maven2/org/xerial/sqlite-jdbc/" + pom.group(1) + "/sqlite-jdbc-" + pom.group(1) + ".jar",
                StoreSetup.SQLITE_JDBC_URL);
        List<String> versionsNamed = Pattern.compile("sqlite-jdbc[-:](\\d[\\w.]*\\d)").matcher(StoreSetup.SERVER_XML).results()
                .map(m -> m.group(1)).distinct().toList();
        assertEquals(List.of(pom.group(1)), versionsNamed, "every jar and coordinate in the snippet names the pom's version");
        Element file = (Element) parse(StoreSetup.SERVER_XML).getElementsByTagName("file").item(0);
        assertEquals("${server.config.dir}/lib/sqlite-jdbc-" + pom.group(1) + ".jar", file.getAttribute("name"));
    }

    /** The project's server is what every integration test runs on: the snippet must not drift from it. */
    @Test
    void theSnippetHasTheProjectServersFeaturesButTheTestConnectorAndItsDataSource() throws Exception {
        Document project = parse(Files.readString(Path.of("liberty/config/server.xml")));
        Document snippet = parse(StoreSetup.SERVER_XML);

        List<String> projectFeatures = texts(project, "feature");
        projectFeatures.remove("localConnector-1.0");
        assertEquals(projectFeatures, texts(snippet, "feature"));

        assertEquals(attributes(project, "dataSource"), attributes(snippet, "dataSource"));
        assertEquals(attributes(project, "jdbcDriver"), attributes(snippet, "jdbcDriver"));
        assertEquals(attributes(project, "connectionManager"), attributes(snippet, "connectionManager"));
        Map<String, String> projectProperties = attributes(project, "properties");
        Map<String, String> snippetProperties = attributes(snippet, "properties");
        assertEquals("jdbc:sqlite:${happysim.db.path}", projectProperties.remove("url"));
        assertEquals("jdbc:sqlite:${server.output.dir}/happysim.db", snippetProperties.remove("url"));
        assertEquals(projectProperties, snippetProperties);
    }

    @Test
    void aServerThatDoesNotCallItsDatabaseScratchKeepsIt() {
        assertFalse(new Settings().temporaryDatabase(), "no happysim/dbPath entry: the file named in the URL is kept");
    }

    static String readmeBlock(String marker) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("<!-- " + marker + ":start -->\\s*```xml\\n(.*?)```\\s*<!-- " + marker + ":end -->", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "the README has the block between its " + marker + " markers");
        return block.group(1);
    }

    private static Context naming(Object bound) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, m, args) -> {
            if (m.getName().equals("lookup") && args[0] instanceof String name) {
                assertEquals("jdbc/visualStore", name);
                if (bound instanceof NamingException e) {
                    throw e;
                }
                return bound;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static DataSource database(String product, String driver) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDriverName" -> driver;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMetaData" -> meta;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new SQLException("unexpected " + m.getName());
                });
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static Map<String, String> attributes(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "one <" + tag + ">");
        NamedNodeMap attributes = nodes.item(0).getAttributes();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            map.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        return map;
    }
}
