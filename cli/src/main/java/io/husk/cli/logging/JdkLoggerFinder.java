package io.husk.cli.logging;

import com.google.auto.service.AutoService;

/**
 * Sends the JDK's platform logging (System.Logger) to husk's log, in husk's format and to {@code --log}.
 *
 * <p>Why it exists at all: the first use of java.util.logging (jffi's StubLoader makes one on every create)
 * makes the JDK look for a LoggerFinder with ServiceLoader, which opens every jar on the class path, some 20 ms
 * of each create. A finder in husk-cli, the first jar, ends that search at once.
 */
@AutoService(System.LoggerFinder.class)
public final class JdkLoggerFinder extends System.LoggerFinder {
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new JdkLogger(name);
    }
}
