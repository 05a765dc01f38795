package io.husk.nativeinit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of the wire format: a code and arguments that are either {@link Long} or {@code byte[]}
 * (strings travel as UTF-8 with their NUL). See {@code protocol.h} for the layout.
 */
public record Record(int code, List<Object> args) {

    public Record {
        args = List.copyOf(args);
    }

    public long integer(int i) {
        return (Long) args.get(i);
    }

    public String string(int i) {
        byte[] b = (byte[]) args.get(i);
        return new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8);
    }

    /** Appends this record to a frame being built. */
    public void writeTo(ByteArrayOutputStream out) {
        ByteBuffer head = le(8).putInt(code).putInt(args.size());
        out.write(head.array(), 0, 8);
        for (Object a : args) {
            if (a instanceof Long l) {
                out.write('i');
                out.write(le(8).putLong(l).array(), 0, 8);
            } else {
                byte[] b = (byte[]) a;
                out.write('s');
                out.write(le(4).putInt(b.length).array(), 0, 4);
                out.write(b, 0, b.length);
            }
        }
    }

    /** Reads the records of one frame body. */
    public static List<Record> parseAll(byte[] body) {
        ByteBuffer buf = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Record> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            int code = buf.getInt();
            int argc = buf.getInt();
            List<Object> args = new ArrayList<>(argc);
            for (int i = 0; i < argc; i++) {
                byte kind = buf.get();
                if (kind == 'i') {
                    args.add(buf.getLong());
                } else if (kind == 's') {
                    byte[] b = new byte[buf.getInt()];
                    buf.get(b);
                    args.add(b);
                } else {
                    throw new IllegalArgumentException("bad argument kind " + kind);
                }
            }
            out.add(new Record(code, args));
        }
        return out;
    }

    /** A string argument as it travels: UTF-8 plus the terminating NUL. */
    public static byte[] str(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[u.length + 1];
        System.arraycopy(u, 0, b, 0, u.length);
        return b;
    }

    /** Raw bytes (a BPF program) as a string argument: a NUL is appended, the helper ignores it. */
    public static byte[] bytes(byte[] raw) {
        byte[] b = new byte[raw.length + 1];
        System.arraycopy(raw, 0, b, 0, raw.length);
        return b;
    }

    /** Wraps records into one frame: a little-endian length followed by the records. */
    public static byte[] frame(List<Record> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Record r : records) {
            r.writeTo(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        out.write(le(4).putInt(body.size()).array(), 0, 4);
        out.write(body.toByteArray(), 0, body.size());
        return out.toByteArray();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
