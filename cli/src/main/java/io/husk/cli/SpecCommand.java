package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a starting config.json, as {@code runc spec} does: a shell in a rootfs directory, with namespaces. */
@Command(name = "spec", description = "Write a default config.json into the bundle directory.")
final class SpecCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Option(names = {"--bundle", "-b"}, defaultValue = ".", description = "Where to write config.json.")
    Path bundle;

    @Override
    public void run() {
        Path target = bundle.resolve("config.json");
        try (InputStream in = SpecCommand.class.getResourceAsStream("config-template.json")) {
            Files.write(target, in.readAllBytes(), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new HuskException("File " + target + " exists. Remove it first");
        } catch (IOException e) {
            throw new HuskException("cannot write " + target + ": " + IoErrors.reason(e));
        }
    }
}
