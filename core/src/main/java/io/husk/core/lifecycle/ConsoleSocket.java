package io.husk.core.lifecycle;

/**
 * Where the master of a container's terminal goes: a socket fd open in this process.
 *
 * @param fd       the socket; the helper gets a copy
 * @param optional husk's own socket for a foreground run, used only when {@code process.terminal} is set; a
 *                 user's {@code --console-socket} is not optional and requires a terminal
 */
public record ConsoleSocket(int fd, boolean optional) {
}
