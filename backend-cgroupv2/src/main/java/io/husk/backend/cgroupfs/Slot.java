package io.husk.backend.cgroupfs;

import java.nio.file.Path;

/**
 * A controller and where this container's cgroup has it, or why this host cannot offer it.
 *
 * @param dir       the container's directory in the hierarchy holding the controller; null when missing
 * @param hierarchy a directory of that hierarchy that exists before create(), for checks
 * @param missing   null when usable, else the reason shown after the refused field's name
 */
public record Slot(Controller controller, Path dir, Path hierarchy, String missing) {

    public static Slot usable(Controller controller, Path dir, Path hierarchy) {
        return new Slot(controller, dir, hierarchy, null);
    }

    public static Slot missing(Controller controller, String reason) {
        return new Slot(controller, null, null, reason);
    }

    public boolean available() {
        return missing == null;
    }
}
