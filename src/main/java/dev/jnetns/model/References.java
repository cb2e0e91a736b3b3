package dev.jnetns.model;

import dev.jnetns.model.Topology.LinkDecl;
import dev.jnetns.model.Topology.NexthopDecl;
import dev.jnetns.model.Topology.Ref;
import dev.jnetns.model.Topology.RouteDecl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks between entries of a topology: every device a field names (a veth's peer, a parent,
 * a master, a vxlan's {@code dev}, a route's {@code dev}) is in the file, in the namespace it is
 * looked for in, and no device is declared twice.
 */
final class References {
    private References() {
    }

    /**
     * Checks the references of {@code t}.
     *
     * @throws IllegalArgumentException naming the JSON path of the first bad reference
     */
    static void check(Topology t) {
        Map<String, Map<String, LinkDecl>> declared = new HashMap<>();
        Map<String, Set<String>> peers = new HashMap<>();
        t.namespaces().forEach((ns, decl) -> {
            Map<String, LinkDecl> mine = new HashMap<>();
            List<LinkDecl> links = decl.links();
            for (int i = 0; i < links.size(); i++) {
                if (mine.put(links.get(i).name(), links.get(i)) != null) {
                    throw bad(ns, "links[" + i + "].name", "device \"" + links.get(i).name() + "\" is declared twice");
                }
            }
            declared.put(ns, mine);
            peers.put(ns, new HashSet<>());
        });
        t.namespaces().forEach((ns, decl) -> {
            List<LinkDecl> links = decl.links();
            for (int i = 0; i < links.size(); i++) {
                LinkDecl l = links.get(i);
                if (l.peer() != null) {
                    String where = namespaceOf(t, ns, l.peer(), "links[" + i + "].peer");
                    LinkDecl other = declared.get(where).get(l.peer().name());
                    if (where.equals(ns) && l.peer().name().equals(l.name())) {
                        throw bad(ns, "links[" + i + "].peer", "a veth cannot be its own peer");
                    }
                    if (other != null && other.kind() != null) {
                        throw bad(ns, "links[" + i + "].peer", "\"" + l.peer().name() + "\" in " + where
                                + " is created by its own entry (as " + other.kind() + ")");
                    }
                    if (!peers.get(where).add(l.peer().name())) {
                        throw bad(ns, "links[" + i + "].peer", "\"" + l.peer().name() + "\" in " + where
                                + " is the peer of another veth too");
                    }
                }
            }
        });
        t.namespaces().forEach((ns, decl) -> {
            List<LinkDecl> links = decl.links();
            for (int i = 0; i < links.size(); i++) {
                LinkDecl l = links.get(i);
                String at = "links[" + i + "]";
                if (l.link() != null) {
                    String where = namespaceOf(t, ns, l.link(), at + ".link");
                    present(declared, peers, where, l.link().name(), ns, at + ".link");
                }
                if (l.dev() != null) {
                    present(declared, peers, ns, l.dev(), ns, at + ".dev");
                }
                if (l.master() != null) {
                    present(declared, peers, ns, l.master(), ns, at + ".master");
                    LinkDecl m = declared.get(ns).get(l.master());
                    if (m != null && m.kind() != null && !m.kind().equals("bridge") && !m.kind().equals("bond")) {
                        throw bad(ns, at + ".master", "\"" + l.master() + "\" is a " + m.kind() + ", not a bridge or bond");
                    }
                }
            }
            for (int i = 0; i < decl.neighbours().size(); i++) {
                present(declared, peers, ns, decl.neighbours().get(i).dev(), ns, "neighbours[" + i + "].dev");
            }
            List<RouteDecl> routes = decl.routes();
            for (int i = 0; i < routes.size(); i++) {
                RouteDecl r = routes.get(i);
                if (r.dev() != null) {
                    present(declared, peers, ns, r.dev(), ns, "routes[" + i + "].dev");
                }
                List<NexthopDecl> hops = r.nexthops();
                for (int k = 0; k < hops.size(); k++) {
                    if (hops.get(k).dev() != null) {
                        present(declared, peers, ns, hops.get(k).dev(), ns, "routes[" + i + "].nexthops[" + k + "].dev");
                    }
                }
            }
        });
    }

    /** The namespace a reference points into: its own {@code netns}, which the file must hold, or {@code ns}. */
    private static String namespaceOf(Topology t, String ns, Ref ref, String at) {
        if (ref.netns() == null) {
            return ns;
        }
        if (!t.namespaces().containsKey(ref.netns())) {
            throw bad(ns, at + ".netns", "namespace \"" + ref.netns() + "\" is not in the file");
        }
        return ref.netns();
    }

    /** {@code name} is declared in {@code where}, or made there as a veth's peer; lo is always there. */
    private static void present(Map<String, Map<String, LinkDecl>> declared, Map<String, Set<String>> peers,
                                String where, String name, String ns, String at) {
        if (!name.equals("lo") && !declared.get(where).containsKey(name) && !peers.get(where).contains(name)) {
            throw bad(ns, at, "no device \"" + name + "\" in namespace " + where
                    + " (a device the file does not create must be declared in its \"links\")");
        }
    }

    private static IllegalArgumentException bad(String ns, String at, String what) {
        return new IllegalArgumentException("namespaces." + ns + "." + at + ": " + what);
    }
}
