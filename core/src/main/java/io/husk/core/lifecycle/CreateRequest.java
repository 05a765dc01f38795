package io.husk.core.lifecycle;

/**
 * The arguments of {@code create} (and of the create half of {@code run}).
 *
 * @param bundle      the bundle directory exactly as given (recorded as such in the state)
 * @param noNewKeyring the container keeps the caller's session keyring instead of its own ("_ses.<id>")
 * @param preserveFds how many fds after stdio pass into the container
 * @param dryRun      print the plan instead of creating anything
 * @param console     where the terminal's master goes ({@code --console-socket}, or a foreground run's own), or null
 */
public record CreateRequest(String id, String bundle, String pidFile, boolean noPivot, boolean noNewKeyring,
                            int preserveFds,
                            boolean dryRun, ConsoleSocket console) {
}
