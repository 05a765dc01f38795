package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcTableTest {
    @Test
    void terminalsAreNamedAsPsNamesThem() {
        assertEquals("?", ProcTable.tty(0));
        assertEquals("pts/3", ProcTable.tty((136 << 8) | 3));
        assertEquals("pts/259", ProcTable.tty((137 << 8) | 3));
        assertEquals("tty1", ProcTable.tty((4 << 8) | 1));
        assertEquals("ttyS0", ProcTable.tty((4 << 8) | 64));
    }

    @Test
    void cpuTimeIsHoursMinutesSecondsWithDays() {
        assertEquals("00:00:00", ProcTable.cpuTime(0));
        assertEquals("01:02:03", ProcTable.cpuTime(3723));
        assertEquals("2-00:00:01", ProcTable.cpuTime(2 * 86400 + 1));
    }

    @Test
    void aRowHasTheColumnsOfPsEf(@TempDir Path dir) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("uptime"), "1000.00 900.00\n");
        Files.writeString(proc.resolve("stat"), "cpu 1 2 3\nbtime 1700000000\n");
        Path p = Files.createDirectories(proc.resolve("42"));
        // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
        Files.writeString(p.resolve("stat"), "42 (sle ep) S 7 42 42 34816 42 0 0 0 0 0 150 50 0 0 20 0 1 0 50000"
                + " 0 0\n");
        Files.writeString(p.resolve("status"), "Name:\tsleep\nUid:\t0\t1000\t1000\t1000\n");
        Files.write(p.resolve("cmdline"), "sleep\u0000300\u0000".getBytes());
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/:/bin/sh\nada:x:1000:1000::/:/bin/sh\n");
        ProcTable t = new ProcTable(proc, passwd);
        String row = t.row(42);
        assertTrue(row.matches("ada +42 +7 +0 +\\S+ pts/0 +00:00:02 sleep 300"), row);
        assertNull(t.row(43), "an exited process has no row");
        assertTrue(ProcTable.HEADER.matches("UID +PID +PPID +C +STIME +TTY +TIME +CMD"), ProcTable.HEADER);
    }
}
