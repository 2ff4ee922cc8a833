package org.cairnmq.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** Archives the ITs deploy. Only called on the client side, from {@code @Deployment} methods. */
public final class CairnDeployments {

    /** System property (set by failsafe) holding the path of the Cairn EAR the build copied. */
    public static final String CAIRN_EAR_PATH_PROPERTY = "cairn.ear.path";

    /** Deployment name of the Cairn EAR: part of the adapter's name {@code cairn.ear#cairn-ra.rar}. */
    public static final String CAIRN_EAR_NAME = "cairn.ear";

    private CairnDeployments() {
    }

    /** The test server's HTTP base URL, {@code http://127.0.0.1:<8080 + port offset>/} (see arquillian.xml). */
    public static String httpBaseUrl() {
        int offset = Integer.getInteger("cairn.it.port.offset", 100);
        return "http://127.0.0.1:" + (8080 + offset) + "/";
    }

    /** The real Cairn EAR, imported as it is from the file the build copied (see src-it/pom.xml). */
    public static EnterpriseArchive cairnEar() {
        File ear = new File(System.getProperty(CAIRN_EAR_PATH_PROPERTY, "target/deployments/" + CAIRN_EAR_NAME));
        if (!ear.isFile()) {
            throw new IllegalStateException("Cairn EAR not found at " + ear.getAbsolutePath()
                    + "; build it with `mvn verify` from the repository root");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
