package io.husk.core.lifecycle;

import java.nio.file.Path;

/**
 * The global settings of one husk invocation.
 *
 * @param root           the state root ({@code --root})
 * @param pluginsDir     where vendor backend jars are found
 * @param defaultRootfs  the rootfs strategy when the config's annotation names none
 * @param defaultSync    the start gate when the config's annotation names none
 * @param launcher       the command that starts husk again (for the cleanup after a foreground run)
 */
public record RuntimeOptions(Path root, Path pluginsDir, String defaultRootfs, String defaultSync,
                             java.util.List<String> launcher) {
}
