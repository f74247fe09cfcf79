package io.happysim.visual.it;

import java.io.File;
import java.net.URI;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests deploy and where they find it: the real WAR the build produced, not a hand-picked subset. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("warFile", "target/happysim.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("run the integration tests through Maven (mvn verify): " + war + " is missing");
        }
        return ShrinkWrap.create(ZipImporter.class, "happysim.war").importFrom(war).as(WebArchive.class);
    }

    /** The application's root: it is served at "/" (WEB-INF/ibm-web-ext.xml), on the test server's port. */
    public static URI baseUri() {
        return URI.create("http://localhost:" + System.getProperty("httpPort", "9181") + "/");
    }
}
