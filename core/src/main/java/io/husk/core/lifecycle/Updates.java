package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;

/**
 * {@code update}: writes a subset of the resources into a live container's cgroup. The cgroup files are the only
 * record; null fields stay as the kernel has them (the drivers keep quota or period when only one is given).
 */
final class Updates {
    private Updates() {
    }

    static void update(ContainerState s, Status st, CgroupManager cgroup, Resources r, String document) {
        if (st == Status.STOPPED || st == Status.CREATING) {
            throw new HuskException("cannot update container " + s.id() + ": it is " + st.label());
        }
        if (r.devices() != null) {
            // The device rules are planned together with the default allowances at create; a partial list here
            // would replace them. runc's update does not touch devices either.
            throw new HuskException("update: linux.resources.devices cannot be changed on a live container");
        }
        try {
            cgroup.check(r);
            cgroup.apply(r);
        } catch (CgroupException e) {
            throw new HuskException("update " + s.id() + ": " + refusal(e, document));
        }
    }

    /** The refusal with its fields as given: flags ("--cpu-period"), or paths inside the document ("cpu.period"). */
    static String refusal(CgroupException e, String document) {
        if (e.field() == null) {
            return e.getMessage();
        }
        StringBuilder named = new StringBuilder(document == null ? "" : document + ": ");
        String[] fields = e.field().split(", ");
        for (int i = 0; i < fields.length; i++) {
            named.append(i == 0 ? "" : ", ").append(document == null ? ResourceFlags.flagOf(fields[i])
                    : ResourceFlags.inDocument(fields[i]));
        }
        return named + ": " + e.reason();
    }
}
