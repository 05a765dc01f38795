package io.husk.backend.cgroupfs;

import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.CgroupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes cgroup interface files. Every failure names the file and, for writes, the value: the two
 * facts one needs to understand a refused cgroup write.
 */
public final class CgroupFiles {
    private CgroupFiles() {
    }

    /** One write(2), without O_CREAT so a missing interface file is an error rather than a new file. */
    public static void write(Path dir, String file, String value) throws CgroupException {
        Path path = dir.resolve(file);
        try {
            Files.write(path, value.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new RefusedWrite(file, "cannot write \"" + value + "\" to " + path + ": " + IoErrors.reason(e), e);
        }
    }

    public static String read(Path dir, String file) throws CgroupException {
        Path path = dir.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CgroupException("cannot read " + path + ": " + IoErrors.reason(e), e);
        }
    }

    public static Optional<String> readIfExists(Path dir, String file) throws CgroupException {
        return Files.exists(dir.resolve(file)) ? Optional.of(read(dir, file)) : Optional.empty();
    }

    public static long readLong(Path dir, String file) throws CgroupException {
        return parseLong(dir.resolve(file), read(dir, file));
    }

    /** Reads files of "key value" lines such as memory.stat and cpu.stat. */
    public static Map<String, Long> readKeyValues(Path dir, String file) throws CgroupException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : read(dir, file).split("\n")) {
            List<String> words = words(line);
            if (words.size() == 2) {
                values.put(words.get(0), parseLong(dir.resolve(file), words.get(1)));
            }
        }
        return values;
    }

    /**
     * The lines of a small kernel file. Not Files.readAllLines: its reader and decoder machinery is what kill and
     * delete would initialise, interpreted, to read /proc/self/mountinfo and /proc/self/cgroup.
     */
    public static List<String> lines(Path file) throws IOException {
        return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n"));
    }

    /** The words of {@code text} between runs of whitespace; a loop, as regex's first use costs milliseconds. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    public static boolean exists(Path dir, String file) {
        return Files.exists(dir.resolve(file));
    }


    private static long parseLong(Path path, String text) throws CgroupException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            // Unsigned counters past 2^63 (v1's "unlimited" on some kernels) still have to be shown.
            try {
                return Long.parseUnsignedLong(text.trim());
            } catch (NumberFormatException again) {
                throw new CgroupException("unexpected content \"" + text + "\" in " + path, e);
            }
        }
    }
}
