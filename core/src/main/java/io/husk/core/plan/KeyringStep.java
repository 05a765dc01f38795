package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.List;

/**
 * The container's own session keyring, named after it so that exec'd processes join the same one (runc's
 * {@code _ses.<id>}; {@code --no-new-keyring} keeps the caller's instead).
 */
public final class KeyringStep {
    /** KEY_USR_SEARCH and KEY_OTH_SEARCH of {@code linux/key.h}. */
    static final long USER_SEARCH = 0x00080000L, OTHER_SEARCH = 0x00000008L;

    private KeyringStep() {
    }

    public static String name(String containerId) {
        return "_ses." + containerId;
    }

    /**
     * In a new user namespace the keyring's owner is the namespace's root, not the caller's uid: there it is
     * made searchable by others, else by its owner.
     */
    static void add(String name, Spec.Linux linux, List<Step> steps) {
        if (name != null) {
            long search = NamespaceSteps.newUserNamespace(linux) ? OTHER_SEARCH : USER_SEARCH;
            steps.add(Step.of(Op.SESSION_KEYRING, name, search));
        }
    }
}
