package dev.jnetns.cli;

import dev.jnetns.NamespaceId;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.Exporter;
import dev.jnetns.model.JsonText;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code jnetns netns ...}: named network namespaces, as {@code ip netns}. */
final class NetnsCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns netns { list | add NAME | del NAME | exec [--drop-cap CAP]... NAME CMD [ARG...] |\n"
            + "                     identify [PID] | pids NAME | set NAME NSID|auto | list-id [target-nsid ID] |\n"
            + "                     export NAME }\n";

    @Override
    String defaultVerb() {
        return "list";
    }

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        PrintWriter out = top.out();
        if (verb.equals("list-id")) {
            listIds(w);
        } else if (Words.matches(verb, "list") || Words.matches(verb, "show")) {
            w.end("netns list");
            list(out);
        } else if (Words.matches(verb, "add") || Words.matches(verb, "delete")) {
            addOrDelete(verb, w);
        } else if (Words.matches(verb, "exec")) {
            return exec(w);
        } else if (Words.matches(verb, "identify")) {
            long pid = w.hasNext() ? pid(w.next()) : ProcessHandle.current().pid();
            w.end("netns identify");
            Netns.identify(pid).forEach(out::println);
        } else if (Words.matches(verb, "pids")) {
            String name = w.valueOf("pids");
            w.end("netns pids");
            try (Netns ns = Netns.open(name)) {
                ns.pids().forEach(out::println);
            }
        } else if (verb.equals("set")) {
            set(w);
        } else if (Words.matches(verb, "export")) {
            String name = w.valueOf("export");
            w.end("netns export");
            out.print(JsonText.write(Exporter.export(name).toJson()));
        } else {
            return null;
        }
        return 0;
    }

    /** {@code netns add NAME} or {@code netns del NAME}. */
    private static void addOrDelete(String verb, Words w) throws ErrnoException {
        boolean add = Words.matches(verb, "add");
        String name = w.valueOf(add ? "add" : "delete");
        w.end(add ? "netns add" : "netns delete");
        if (add) {
            Netns.createNamed(name).close();
        } else {
            Netns.delete(name);
        }
    }

    /**
     * A batch line {@code netns add|del NAME}, run without the command parser (many of them make a
     * batch of namespaces); false for any other line.
     */
    static boolean runDirect(List<String> words) throws ErrnoException {
        if (words.size() != 3 || !Words.matches(words.get(0), "netns")
                || !(Words.matches(words.get(1), "add") || Words.matches(words.get(1), "delete"))) {
            return false;
        }
        addOrDelete(words.get(1), new Words(words.subList(2, 3)));
        return true;
    }

    private static long pid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid pid \"" + s + "\"");
        }
    }

    /** {@code netns list}: names and, where assigned, their ids in the current (or -n) namespace. */
    private void list(PrintWriter out) throws ErrnoException {
        List<String> names = Netns.names();
        Json j = top.json().beginArray();
        Rtnl rtnl = top.rtnl();
        for (String name : names) {
            int id = idOf(rtnl, name);
            if (top.json) {
                j.beginObject().put("name", name);
                if (id >= 0) {
                    j.put("id", id);
                }
                j.endObject();
            } else {
                out.println(id >= 0 ? name + " (id: " + id + ")" : name);
            }
        }
        if (top.json) {
            out.println(j.endArray());
        }
    }

    /** The nsid of a named namespace, -1 when none or when it cannot be opened (a stale name). */
    private static int idOf(Rtnl rtnl, String name) {
        try (Netns ns = Netns.open(name)) {
            return rtnl.nsid(ns);
        } catch (ErrnoException e) {
            return -1;
        }
    }

    /**
     * {@code netns list-id [target-nsid ID]}: every nsid (of the namespace this one knows as ID)
     * with the name it belongs to, when one is known, as ip's print_nsid writes them.
     */
    private void listIds(Words w) throws ErrnoException {
        int target = NamespaceId.ABSENT;
        if ("target-nsid".equals(w.peek())) {
            w.next();
            target = (int) w.number("target-nsid", Integer.MAX_VALUE);
        }
        w.end("netns list-id");
        Rtnl rtnl = top.rtnl();
        Map<Integer, String> names = new HashMap<>();
        for (String name : Netns.names()) {
            names.putIfAbsent(idOf(rtnl, name), name);
        }
        Out out = top.printOut();
        out.records(rtnl.nsidsOf(target), (id, o) -> {
            if (id.nsid() < 0) {
                o.text("nsid unassigned ");
            } else {
                o.number("nsid", "nsid %s ", id.nsid());
            }
            if (id.currentNsid() != NamespaceId.ABSENT) {
                if (id.currentNsid() < 0) {
                    o.text("current-nsid unassigned ");
                } else {
                    o.number("current-nsid", "current-nsid %s ", id.currentNsid());
                }
            }
            String name = names.remove(id.currentNsid() != NamespaceId.ABSENT ? id.currentNsid() : id.nsid());
            if (name != null) {
                o.string("name", "(iproute2 netns name: %s)", name);
            }
            o.text("\n");
        });
        top.print(out);
    }

    /** {@code netns set NAME NSID|auto}. */
    private void set(Words w) throws ErrnoException {
        String name = w.valueOf("set");
        String id = w.valueOf(name);
        w.end("netns set");
        int nsid;
        if (id.equals("auto")) {
            nsid = -1;
        } else {
            try {
                nsid = Integer.parseInt(id);
            } catch (NumberFormatException e) {
                nsid = -2;
            }
            if (nsid < 0) {
                throw new UsageException("invalid nsid \"" + id + "\" (a number from 0, or auto)");
            }
        }
        try (Netns ns = Netns.open(name)) {
            Rtnl rtnl = top.rtnl();
            rtnl.setNsid(ns, nsid);
        }
    }

    /** {@code netns exec [--drop-cap CAP]... NAME CMD [ARG...]}: the child's exit code becomes ours. */
    private int exec(Words w) throws ErrnoException {
        java.util.Set<Integer> drop = new java.util.HashSet<>();
        while ("--drop-cap".equals(w.peek())) {
            w.next();
            drop.add(dev.jnetns.uapi.LinuxCapability.byName(w.valueOf("--drop-cap")));
        }
        String name = w.valueOf("exec");
        List<String> command = w.rest();
        if (command.isEmpty()) {
            throw new UsageException("netns exec " + name + ": no command given");
        }
        try (Netns ns = Netns.open(name)) {
            Process p = ns.start(new ProcessBuilder(command).inheritIO(), drop);
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    p.destroy();
                }
            }
        }
    }
}
