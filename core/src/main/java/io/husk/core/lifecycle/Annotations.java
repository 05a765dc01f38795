package io.husk.core.lifecycle;

import java.util.Map;

/** The config annotations husk itself reads; one registry, so they are documented and found in one place. */
public final class Annotations {
    /** Selects the rootfs strategy ("bind", "overlayfs", or a vendor's). */
    public static final String ROOTFS = "io.husk.rootfs";
    /** Selects the start gate ("fifo" or "socket"). */
    public static final String SYNC = "io.husk.sync";

    private Annotations() {
    }

    static String get(Map<String, String> annotations, String key, String fallback) {
        if (annotations == null) {
            return fallback;
        }
        String v = annotations.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
