package dev.jnetns.model;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.ErrnoException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handles on named namespaces, opened on first use and closed together. */
final class Session implements AutoCloseable {
    private final Map<String, Netns> spaces = new LinkedHashMap<>();
    private final Map<String, Rtnl> handles = new LinkedHashMap<>();

    /** The named namespace {@code name} (it must exist by now). */
    Netns netns(String name) throws ErrnoException {
        Netns ns = spaces.get(name);
        if (ns == null) {
            ns = Netns.open(name);
            spaces.put(name, ns);
        }
        return ns;
    }

    /** An rtnetlink handle for the named namespace {@code name}. */
    Rtnl rtnl(String name) throws ErrnoException {
        Rtnl r = handles.get(name);
        if (r == null) {
            r = Rtnl.open(netns(name));
            handles.put(name, r);
        }
        return r;
    }

    /** Forgets the handles of a namespace that was deleted. */
    void forget(String name) {
        Rtnl r = handles.remove(name);
        if (r != null) {
            try {
                r.close();
            } catch (ErrnoException e) {
                // the namespace is gone; nothing to release
            }
        }
        Netns ns = spaces.remove(name);
        if (ns != null) {
            ns.close();
        }
    }

    @Override
    public void close() {
        for (String name : new java.util.ArrayList<>(spaces.keySet())) {
            forget(name);
        }
        for (String name : new java.util.ArrayList<>(handles.keySet())) {
            forget(name);
        }
    }
}
