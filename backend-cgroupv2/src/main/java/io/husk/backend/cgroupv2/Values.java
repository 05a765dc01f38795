package io.husk.backend.cgroupv2;

import java.math.BigInteger;

/** Reading v2 values that may be "max". */
final class Values {
    /** runc shows "max" as the largest unsigned 64-bit number. */
    static final BigInteger MAX = new BigInteger("18446744073709551615");

    private Values() {
    }

    static Object number(String text) {
        String value = text.strip();
        return value.equals("max") ? MAX : Long.parseLong(value);
    }
}
