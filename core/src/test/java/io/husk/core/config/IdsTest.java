package io.husk.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** uids, gids and id mappings: a value that wraps or means "no change" to the kernel would leave root in place. */
class IdsTest {
    private static final String USERNS = "{\"type\": \"user\"}, {\"type\": \"mount\"}";
    private static final String MAPS = ", \"uidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}],"
            + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}]";
    private Path bundle;

    @BeforeEach
    void setUp() throws Exception {
        bundle = Files.createTempDirectory("husk-validate");
        Files.createDirectory(bundle.resolve("rootfs"));
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.delete(bundle.resolve("rootfs"));
        Files.delete(bundle);
    }

    private void validate(String user, String namespaces, String linux) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/", "user": %s}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [%s] %s}}""".formatted(user, namespaces, linux);
        ConfigValidator.validate(ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json"), bundle);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"uid\": -1, \"gid\": 0}|process.user.uid",
        "{\"uid\": 4294967295, \"gid\": 0}|process.user.uid",
        "{\"uid\": 4294967296, \"gid\": 0}|process.user.uid",
        "{\"uid\": 0, \"gid\": -1}|process.user.gid",
        "{\"uid\": 0, \"gid\": 0, \"additionalGids\": [5, 4294967296]}|process.user.additionalGids[1]",
        "{\"uid\": 1.0, \"gid\": 0}|process.user.uid",
        "{\"uid\": 0, \"gid\": 0, \"umask\": -1}|process.user.umask",
        "{\"uid\": 0, \"gid\": 0, \"umask\": 4294967295}|process.user.umask",
        "{\"uid\": 0, \"gid\": 0, \"additionalGids\": [null]}|process.user.additionalGids[0]",
    })
    void outOfRangeUserIdsAreRefusedByField(String user, String field) {
        HuskException e = assertThrows(HuskException.class, () -> validate(user, "{\"type\": \"mount\"}", ""));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"containerID\": 0, \"hostID\": 100000, \"size\": 0}]|linux.uidMappings[0].size",
        "[{\"containerID\": 0, \"hostID\": -1, \"size\": 1}]|linux.uidMappings[0].hostID",
        "[{\"containerID\": 0, \"hostID\": 4294967000, \"size\": 65536}]|linux.uidMappings[0].hostID",
        "[{\"containerID\": 0, \"hostID\": 4294967295, \"size\": 1}]|linux.uidMappings[0].hostID",
        "[{\"containerID\": 4294967294, \"hostID\": 100000, \"size\": 2}]|linux.uidMappings[0].containerID",
        "[{\"containerID\": 0, \"hostID\": 0, \"size\": 4294967296}]|linux.uidMappings[0].containerID",
        "[{\"containerID\": 1, \"hostID\": 0, \"size\": 9223372036854775807}]|linux.uidMappings[0].containerID",
        "[{\"containerID\": 0, \"hostID\": 1000, \"size\": 10}, {\"containerID\": 5, \"hostID\": 5000, \"size\": 1}]"
                + "|linux.uidMappings[1].containerID: overlaps",
        "[{\"containerID\": 0, \"hostID\": 1000, \"size\": 10}, {\"containerID\": 50, \"hostID\": 1005, \"size\": 1}]"
                + "|linux.uidMappings[1].hostID: overlaps",
    })
    void badMappingsAreRefusedByEntry(String uidMappings, String field) {
        String linux = ", \"uidMappings\": " + uidMappings
                + ", \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 1}]";
        HuskException e = assertThrows(HuskException.class, () -> validate("{\"uid\": 0, \"gid\": 0}", USERNS,
                linux));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void theProcesssIdsMustBeMappedInANewUserNamespace() {
        HuskException e = assertThrows(HuskException.class,
                () -> validate("{\"uid\": 70000, \"gid\": 0}", USERNS, MAPS));
        assertTrue(e.getMessage().contains("process.user.uid: 70000 is not mapped by linux.uidMappings"),
                e.getMessage());
        e = assertThrows(HuskException.class,
                () -> validate("{\"uid\": 0, \"gid\": 0, \"additionalGids\": [65536]}", USERNS, MAPS));
        assertTrue(e.getMessage().contains("process.user.additionalGids[0]"), e.getMessage());
        validate("{\"uid\": 65535, \"gid\": 65535}", USERNS, MAPS);
    }

    @org.junit.jupiter.api.Test
    void aNewUserNamespaceNeedsMappingsAndGoodOnesPass() {
        HuskException e = assertThrows(HuskException.class, () -> validate("{\"uid\": 0, \"gid\": 0}", USERNS, ""));
        assertTrue(e.getMessage().contains("needs both uidMappings and gidMappings"), e.getMessage());
        validate("{\"uid\": 0, \"gid\": 0, \"additionalGids\": [4294967294]}", "{\"type\": \"mount\"}", "");
        validate("{\"uid\": 0, \"gid\": 0, \"additionalGids\": [65535]}", USERNS, MAPS);
        String whole = "[{\"containerID\": 0, \"hostID\": 0, \"size\": 4294967295}]";
        validate("{\"uid\": 0, \"gid\": 0}", USERNS, ", \"uidMappings\": " + whole + ", \"gidMappings\": " + whole);
    }
}
