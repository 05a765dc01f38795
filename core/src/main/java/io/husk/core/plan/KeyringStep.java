package io.husk.core.plan;

import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.List;

/**
 * The container's own session keyring, named after it so that exec'd processes join the same one (runc's
 * {@code _ses.<id>}; {@code --no-new-keyring} keeps the caller's instead).
 */
public final class KeyringStep {
    /** KEY_USR_SEARCH of {@code linux/key.h}. */
    static final long USER_SEARCH = 0x00080000L;

    private KeyringStep() {
    }

    public static String name(String containerId) {
        return "_ses." + containerId;
    }

    /**
     * Searchable by its owner, which joining alone does not grant: a join by name only finds a keyring its caller
     * may search. The owner is whoever the init is when it joins (host root, or in a new user namespace the
     * namespace's root), and exec joins as that same user. Nobody else may search it: another container could
     * then join this one's keyring by its name.
     */
    static void add(String name, List<Step> steps) {
        if (name != null) {
            steps.add(Step.of(Op.SESSION_KEYRING, name, USER_SEARCH));
        }
    }
}
