package dev.jnetns.cni;

import dev.jnetns.Netns;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** A test's throwaway namespaces: the runtime's, and containers made on demand; closed together. */
final class Namespaces implements AutoCloseable {
    final Netns runtime;
    private final List<Netns> containers = new ArrayList<>();

    Namespaces() throws ErrnoException {
        runtime = Netns.create();
    }

    /** A new container namespace, closed with the others. */
    Netns container() throws ErrnoException {
        Netns ns = Netns.create();
        containers.add(ns);
        return ns;
    }

    @Override
    public void close() {
        containers.forEach(Netns::close);
        runtime.close();
    }
}
