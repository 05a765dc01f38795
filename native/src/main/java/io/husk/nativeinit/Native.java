package io.husk.nativeinit;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Loads the libc binding once, on first use: commands that never call into libc never pay for JNR. */
public final class Native {
    private static volatile LibC libc;

    private Native() {
    }

    public static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (Native.class) {
                l = libc;
                if (l == null) {
                    l = LibraryLoader.create(LibC.class).failImmediately().load("c");
                    libc = l;
                }
            }
        }
        return l;
    }

    public static int errno() {
        return Runtime.getRuntime(libc()).getLastError();
    }

    /** "what: strerror(errno)" for the last failed call. */
    public static String error(String what) {
        return what + ": " + libc().strerror(errno());
    }
}
