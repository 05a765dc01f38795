package io.husk.spi.rootfs;

/** A rootfs strategy could not prepare or clean up; the message names the path or the setting. */
public class RootfsException extends Exception {
    public RootfsException(String message) {
        super(message);
    }
}
