package io.husk.spi.rootfs;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a strategy gets to work with.
 *
 * @param containerId the container id
 * @param bundle      the bundle directory, absolute
 * @param rootPath    the config's {@code root.path}, resolved against the bundle
 * @param readonly    the config's {@code root.readonly}
 * @param stateDir    the container's private state directory; a strategy may keep files under it
 * @param annotations the config's annotations
 */
public record RootfsRequest(String containerId, Path bundle, Path rootPath, boolean readonly, Path stateDir,
                            Map<String, String> annotations) {
}
