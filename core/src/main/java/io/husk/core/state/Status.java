package io.husk.core.state;

/** The runtime-spec statuses, plus "paused" as runc reports it. */
public enum Status {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
