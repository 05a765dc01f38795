package io.husk.backend.overlayfs;

import io.husk.spi.rootfs.RootfsException;
import io.husk.spi.rootfs.RootfsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an overlay rootfs keeps its layers, read from the request and its annotations.
 *
 * @param lowers the lower layers, topmost first (overlayfs' lowerdir order)
 * @param base   the directory holding {@code upper}, {@code work} and {@code merged}
 * @param keep   whether {@code delete} keeps the upper directory
 */
record OverlayLayers(List<Path> lowers, String lowersField, Path base, boolean keep) {
    /** Colon-separated absolute lower layers, topmost first; replaces {@code root.path} as the lower layer. */
    static final String LOWERS = "io.husk.overlay.lowers";
    /** An absolute directory to hold upper/ and work/ instead of the container's state directory. */
    static final String UPPER = "io.husk.overlay.upper";
    /** "true": the upper directory survives {@code delete}. */
    static final String KEEP = "io.husk.overlay.keep";

    /** A page is the limit of mount(2) data; stay well inside it. */
    private static final int MAX_DATA = 4000;

    static OverlayLayers of(RootfsRequest r) throws RootfsException {
        Map<String, String> ann = r.annotations() == null ? Map.of() : r.annotations();
        List<Path> lowers = new ArrayList<>();
        String field = "root.path";
        String named = ann.get(LOWERS);
        if (named != null) {
            field = "annotation " + LOWERS;
            for (String s : named.split(":", -1)) {
                lowers.add(absolute(field, s));
            }
        } else {
            lowers.add(r.rootPath());
        }
        Path base = r.stateDir().resolve("overlay");
        if (ann.containsKey(UPPER)) {
            base = absolute("annotation " + UPPER, ann.get(UPPER));
        }
        String keep = ann.getOrDefault(KEEP, "false");
        if (!keep.equals("true") && !keep.equals("false")) {
            throw new RootfsException("annotation " + KEEP + ": \"" + keep + "\" is not true or false");
        }
        if (keep.equals("true") && !ann.containsKey(UPPER)) {
            throw new RootfsException("annotation " + KEEP + ": needs " + UPPER
                    + " (the state directory is removed on delete)");
        }
        OverlayLayers l = new OverlayLayers(List.copyOf(lowers), field, base, keep.equals("true"));
        l.checkData();
        return l;
    }

    private static Path absolute(String field, String s) throws RootfsException {
        if (s.isEmpty() || !s.startsWith("/")) {
            throw new RootfsException(field + ": \"" + s + "\" is not an absolute path");
        }
        return Path.of(s).normalize();
    }

    Path upper() {
        return base.resolve("upper");
    }

    Path work() {
        return base.resolve("work");
    }

    Path merged() {
        return base.resolve("merged");
    }

    String mountData() {
        List<String> l = lowers.stream().map(Path::toString).toList();
        return "lowerdir=" + String.join(":", l) + ",upperdir=" + upper() + ",workdir=" + work();
    }

    /** overlayfs splits its data at ',' and lowerdir at ':'; such paths would be misread, so refuse them. */
    private void checkData() throws RootfsException {
        for (Path p : lowers) {
            if (p.toString().contains(",") || p.toString().contains(":")) {
                throw new RootfsException(lowersField + ": " + p + " contains ',' or ':', which overlayfs cannot take");
            }
        }
        if (base.toString().contains(",") || base.toString().contains(":")) {
            throw new RootfsException("overlayfs: " + base + " contains ',' or ':', which overlayfs cannot take");
        }
        if (mountData().length() > MAX_DATA) {
            throw new RootfsException(lowersField + ": too many layers for one overlay mount");
        }
    }
}
