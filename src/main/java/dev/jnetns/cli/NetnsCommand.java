package dev.jnetns.cli;

import dev.jnetns.rtnl.Escape;
import dev.jnetns.NamespaceId;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.Exporter;
import dev.jnetns.model.JsonText;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code jnetns netns ...}: named network namespaces, as {@code ip netns}. */
final class NetnsCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns netns { list | add NAME | attach NAME PID | del NAME | exec [--drop-cap CAP]... NAME CMD [ARG...] |\n"
            + "                     identify [PID] | pids NAME | set NAME NSID|auto | list-id [target-nsid ID] |\n"
            + "                     export NAME }\n"
            + "       jnetns -all netns exec CMD [ARG...]   (in every namespace under /run/netns, as ip -all)\n";

    @Override
    String defaultVerb() {
        return "list";
    }

    /** ip's verbs in its order (ipnetns.c do_netns); NAME is checked first, as ip checks it. */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        PrintWriter out = top.out();
        String name = w.peek();
        if (!top.allNetns && name != null && invalidName(name)) {
            throw new UsageException("Invalid netns name \"" + name + "\"");
        }
        if (Words.matches(verb, "list") || Words.matches(verb, "show") || Words.matches(verb, "lst")) {
            list(out);   // ip's netns_list reads no words: any after it are ignored
        } else if (Words.matches(verb, "list-id")) {
            listIds(w);
        } else if (Words.matches(verb, "help")) {
            throw new HelpShown(USAGE);
        } else if (Words.matches(verb, "add") || Words.matches(verb, "delete")) {
            addOrDelete(verb, w);
        } else if (Words.matches(verb, "set")) {
            set(w);
        } else if (Words.matches(verb, "identify")) {
            identify(w, out);
        } else if (Words.matches(verb, "pids")) {
            if (!w.hasNext()) {
                throw new CommandFailed("No netns name specified");
            }
            String ns = w.next();
            extra(w);
            try (Netns n = open(ns)) {
                n.pids().forEach(out::println);
            }
        } else if (Words.matches(verb, "exec")) {
            return top.allNetns ? execAll(w) : exec(w);
        } else if (Words.matches(verb, "attach")) {
            attach(w);
        } else if (Words.matches(verb, "monitor")) {
            throw new CommandFailed("\"ip netns " + verb + "\" is not implemented by jnetns");
        } else if (verb.equals("export")) {
            String ns = w.value();
            w.end("netns export");
            out.print(JsonText.write(Exporter.export(ns).toJson()));
        } else {
            return null;
        }
        return 0;
    }

    /**
     * {@code netns identify [PID]}: as ip's netns_identify, one line, the last name (in directory order)
     * of the namespace of PID, empty when it has none; without PID the namespace this command runs
     * in, which is -n's (ip opens /proc/self/ns/net after switching to it).
     */
    private void identify(Words w, PrintWriter out) {
        Path nsFile;
        if (!w.hasNext()) {
            String ns = top.netns();
            nsFile = ns == null ? Path.of("/proc/self/ns/net")
                    : ns.contains("/") ? Path.of(ns) : Path.of("/run/netns", ns);
        } else {
            String pid = w.next();
            extra(w);
            nsFile = Path.of("/proc/" + pid(pid) + "/ns/net");
        }
        List<String> names;
        try {
            names = Netns.identify(nsFile);
        } catch (ErrnoException e) {
            throw new CommandFailed("Cannot open network namespace: " + e.errnoName().description());
        }
        out.println(names.isEmpty() ? "" : names.get(names.size() - 1));
    }

    /** ip's "extra arguments specified" (its return -1: exit 1) for a word after the last one a verb takes. */
    private static void extra(Words w) {
        if (w.hasNext()) {
            throw new CommandFailed("extra arguments specified");
        }
    }

    /** A named namespace, or ip's message when it cannot be opened. */
    private static Netns open(String name) {
        try {
            return Netns.open(name);
        } catch (ErrnoException e) {
            throw new CommandFailed("Cannot open network namespace: " + e.errnoName().description());
        }
    }

    /**
     * {@code netns add NAME} or {@code netns del NAME}, with ip's messages (exit 1) when the file cannot
     * be made or removed; ip reads no word after NAME (any are ignored).
     */
    private static void addOrDelete(String verb, Words w) {
        boolean add = Words.matches(verb, "add");
        if (!w.hasNext()) {
            throw new CommandFailed("No netns name specified");
        }
        String name = w.next();
        try {
            if (add) {
                Netns.createNamed(name).close();
            } else {
                Netns.delete(name);
            }
        } catch (ErrnoException e) {
            throw new CommandFailed(failure(add, name, e));
        }
    }

    /**
     * {@code netns attach NAME PID}: as ip's netns_add for attach, with its messages (exit 1); ip reads
     * no word after PID (any are ignored).
     */
    private static void attach(Words w) {
        String name = w.hasNext() ? w.next() : null;
        if (!w.hasNext()) {
            throw new CommandFailed("No netns name and PID specified");
        }
        String word = w.next();
        Integer pid = CNumbers.s32(word);
        if (pid == null || pid == 0) {
            throw new CommandFailed("Invalid PID: " + word);
        }
        try {
            Netns.attachNamed(name, pid);
        } catch (ErrnoException e) {
            String path = "/run/netns/" + name;
            throw new CommandFailed(e.operation().startsWith("bind ")
                    ? "Bind /proc/" + pid + "/ns/net -> " + path + " failed: " + e.errnoName().description()
                    : "Cannot create namespace file \"" + path + "\": " + e.errnoName().description() + e.needs());
        }
    }

    /** ip's message when {@code netns add} (or del) of {@code name} fails with {@code e}. */
    static String failure(boolean add, String name, ErrnoException e) {
        return "Cannot " + (add ? "create" : "remove") + " namespace file \"/run/netns/" + name + "\": "
                + e.errnoName().description() + e.needs();
    }

    /** What ip's is_valid_netns_name refuses: empty, over NAME_MAX (255) bytes, a '/', "." or "..". */
    private static boolean invalidName(String name) {
        return name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255
                || name.contains("/") || name.equals(".") || name.equals("..");
    }

    /** A {@code netns add|del} name as ip checks it first (a usage error, exit 255, which ends a batch). */
    static String checkedName(String name) {
        if (invalidName(name)) {
            throw new UsageException("Invalid netns name \"" + name + "\"");
        }
        return name;
    }

    /**
     * A pid as ip's netns_identify takes it: decimal digits only, else "is not a pid" (exit 1); a
     * number no process can have is -1, which no {@code /proc} entry matches.
     */
    private static long pid(String s) {
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandFailed("Specified string '" + s + "' is not a pid");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
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
        List<NamespaceId> ids;
        try {
            ids = rtnl.nsidsOf(target);
        } catch (ErrnoException e) {   // ip: "Dump terminated" and exit(1), which ends even a -force batch
            throw new UsageException(e.getMessage(), Main.EXIT_USAGE);
        }
        Map<Integer, String> names = new HashMap<>();
        for (String name : Netns.names()) {
            names.putIfAbsent(idOf(rtnl, name), name);
        }
        Out out = top.printOut();
        out.records(ids, (id, o) -> {
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

    /** {@code netns set NAME NSID|auto}, with ip's netns_set checks and messages. */
    private void set(Words w) throws ErrnoException {
        if (!w.hasNext()) {
            throw new CommandFailed("No netns name specified");
        }
        String name = w.next();
        if (!w.hasNext()) {
            throw new CommandFailed("No nsid specified");
        }
        String id = w.next();   // ip's netns_set reads no further word
        int nsid;
        if (id.equals("auto")) {
            nsid = -1;
        } else {
            if (id.startsWith("-") && id.length() > 1 && id.substring(1).chars().allMatch(Character::isDigit)) {
                throw Words.invalid("\"netnsid\" value should be >= 0", id);
            }
            try {
                nsid = (int) Words.parseNumber("netnsid", id, Integer.MAX_VALUE);
            } catch (UsageException e) {
                throw Words.invalid("Invalid \"netnsid\" value", id);
            }
        }
        Netns ns;
        try {
            ns = Netns.open(name);
        } catch (ErrnoException e) {
            throw new CommandFailed("Cannot open network namespace \"" + name + "\": " + e.errnoName().description());
        }
        try (ns) {
            top.rtnl().setNsid(ns, nsid);
        }
    }

    /** {@code netns exec [--drop-cap CAP]... NAME CMD [ARG...]}: the child's exit code becomes ours. */
    private int exec(Words w) throws ErrnoException {
        java.util.Set<Integer> drop = new java.util.HashSet<>();
        while ("--drop-cap".equals(w.peek())) {
            w.next();
            drop.add(dev.jnetns.uapi.LinuxCapability.byName(w.value()));
        }
        if (!w.hasNext()) {
            throw new CommandFailed("No netns name specified");
        }
        String name = w.next();
        List<String> command = w.rest();
        if (command.isEmpty()) {
            throw new CommandFailed("No command specified");
        }
        if (!java.nio.file.Files.exists(java.nio.file.Path.of(name.contains("/") ? name : "/run/netns/" + name))) {
            throw new UsageException("Cannot open network namespace \"" + name + "\": No such file or directory");
        }
        try (Netns ns = Netns.open(name)) {
            return run(ns, command, drop);
        }
    }

    /** Runs {@code command} in {@code ns}, output to ours; its exit code, 1 (as ip) when it cannot be started. */
    private int run(Netns ns, List<String> command, java.util.Set<Integer> drop) throws ErrnoException {
        top.out().flush();   // what we printed comes before what the command prints
        Process p;
        try {
            p = ns.start(new ProcessBuilder(command).inheritIO(), drop);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT) && !e.is(Errno.EACCES) && !e.is(Errno.ENOEXEC)) {
                throw e;
            }
            System.err.println("exec of \"" + Escape.controls(command.get(0)) + "\" failed: " + e.errnoName().description());
            return 1;
        }
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
            }
        }
    }

    /**
     * {@code -all netns exec CMD [ARG...]}: the command in every namespace under /run/netns, each
     * run headed by {@code netns: NAME} after a blank line, as ip prints it; exits 0 whatever the
     * runs exit with, as ip does.
     */
    private int execAll(Words w) throws ErrnoException {
        List<String> command = w.rest();
        if (command.isEmpty()) {
            throw new CommandFailed("No command specified");
        }
        for (String name : Netns.names()) {
            top.out().println();
            top.out().println("netns: " + name);
            try (Netns ns = Netns.open(name)) {
                run(ns, command, java.util.Set.of());
            } catch (ErrnoException e) {
                top.out().flush();
                System.err.println("jnetns: " + Escape.controls(e.getMessage()));
            }
        }
        return 0;
    }
}
