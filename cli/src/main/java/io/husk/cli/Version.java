package io.husk.cli;

import io.husk.core.config.ConfigValidator;
import io.husk.nativeinit.Protocol;
import picocli.CommandLine.IVersionProvider;

/** {@code husk --version}, in runc's shape. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"husk version " + husk(),
                             "spec: " + ConfigValidator.OCI_VERSION_MAX,
                             "init protocol: " + Protocol.VERSION,
                             "java: " + System.getProperty("java.version")};
    }

    /** husk's version, from the jar's manifest ("0.1.0-dev" when run from classes). */
    static String husk() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
