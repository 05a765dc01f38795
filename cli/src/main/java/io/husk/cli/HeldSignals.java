package io.husk.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * While create (or run, up to the supervisor) works in the JVM, INT, TERM and HUP are held instead of ending the
 * JVM: ended halfway, it would leave a state directory without state, cgroups, or an init waiting at its gate
 * for good. As runc does, create finishes and then ignores them; a foreground run passes them to the container
 * once it runs, as its supervisor would have.
 */
final class HeldSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM", "HUP"};

    private final List<Signal> held = new ArrayList<>();
    private final List<Signal> caught = new ArrayList<>();
    private final List<sun.misc.SignalHandler> previous = new ArrayList<>();

    private HeldSignals() {
    }

    static HeldSignals hold() {
        HeldSignals h = new HeldSignals();
        for (String name : NAMES) {
            Signal s = new Signal(name);
            h.previous.add(Signal.handle(s, h::caught));
            h.held.add(s);
        }
        return h;
    }

    private synchronized void caught(Signal s) {
        caught.add(s);
    }

    /** The numbers of the signals that arrived, in order. */
    synchronized List<Integer> caught() {
        return caught.stream().map(Signal::getNumber).toList();
    }

    /** Gives the JVM its own handling back (a signal from now on ends it as usual). */
    @Override
    public void close() {
        for (int i = 0; i < held.size(); i++) {
            Signal.handle(held.get(i), previous.get(i));
        }
    }
}
