package io.husk.cli;

import io.husk.nativeinit.Protocol;
import picocli.CommandLine.IVersionProvider;

/** {@code husk --version}, in runc's shape. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"husk version " + (v == null ? "0.1.0-dev" : v),
                             "spec: 1.2.0",
                             "init protocol: " + Protocol.VERSION,
                             "java: " + System.getProperty("java.version")};
    }
}
