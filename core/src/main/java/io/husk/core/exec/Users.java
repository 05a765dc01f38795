package io.husk.core.exec;

import io.husk.core.HuskException;
import io.husk.core.config.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Resolves {@code --user} ("uid", "uid:gid", "name", "name:group") in the container's own passwd and group. */
final class Users {
    private Users() {
    }

    /** [uid, gid]; a gid not given is the user's primary group from passwd, or 0. */
    static long[] resolve(String spec, Path rootfs) {
        String[] parts = spec.split(":", 2);
        if (parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new HuskException("--user \"" + spec + "\": want uid[:gid] or name[:group]");
        }
        String[] entry = numeric(parts[0]) ? find(rootfs, "etc/passwd", 2, parts[0])
                : require(find(rootfs, "etc/passwd", 0, parts[0]), spec, "no user " + parts[0]);
        long uid = numeric(parts[0]) ? Long.parseLong(parts[0]) : Long.parseLong(entry[2]);
        long gid;
        if (parts.length == 2) {
            gid = numeric(parts[1]) ? Long.parseLong(parts[1])
                    : Long.parseLong(require(find(rootfs, "etc/group", 0, parts[1]), spec, "no group " + parts[1])[2]);
        } else {
            gid = entry != null && entry.length > 3 && numeric(entry[3]) ? Long.parseLong(entry[3]) : 0;
        }
        Ids.id(uid, "--user \"" + spec + "\": uid");
        Ids.id(gid, "--user \"" + spec + "\": gid");
        return new long[] {uid, gid};
    }

    private static String[] require(String[] entry, String spec, String what) {
        if (entry == null || entry.length < 3 || !numeric(entry[2])) {
            throw new HuskException("--user \"" + spec + "\": " + what + " in the container");
        }
        return entry;
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.length() < 11 && s.chars().allMatch(Character::isDigit);
    }

    /** The line of a colon-separated database whose field equals value; never follows a symlink out. */
    private static String[] find(Path rootfs, String file, int field, String value) {
        Path db = rootfs.resolve(file);
        try {
            if (Files.isSymbolicLink(db) || !Files.isRegularFile(db, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            List<String> lines = Files.readAllLines(db);
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length > field && f[field].equals(value)) {
                    return f;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
