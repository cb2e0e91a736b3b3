package dev.jnetns.cli;

import dev.jnetns.Link;
import dev.jnetns.TunTapSpec;
import dev.jnetns.kind.Tun;
import dev.jnetns.ErrnoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns tuntap ...}: persistent tun/tap devices, as {@code ip tuntap}. */
final class TuntapCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns tuntap { add | del | show | list | lst | help } [ dev NAME ]\n"
            + "       [ mode { tun | tap } ] [ user UID ] [ group GID ]\n"
            + "       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n"
            + "(show prints what netlink reports: one_queue, which the kernel ignores, is not among it)\n";

    /** ip's verbs in its order (iptuntap.c do_iptuntap). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (Words.matches(verb, "add")) {
            TunTapSpec spec = parse(w, true);
            try {
                top.rtnl().tunTaps().add(spec);
            } catch (ErrnoException e) {
                throw new CommandFailed(ioctlFailure(e));   // ip: exit 1, not 2
            }
        } else if (Words.matches(verb, "delete")) {
            TunTapSpec spec = parse(w, false);
            try {
                top.rtnl().tunTaps().delete(spec);
            } catch (ErrnoException e) {
                throw new CommandFailed(ioctlFailure(e));
            }
        } else if (isShow(verb)) {
            show(w);
        } else {
            return null;
        }
        return 0;
    }

    private static String ioctlFailure(ErrnoException e) {
        return "ioctl(TUNSETIFF): " + e.errnoName().description();
    }

    /** ip's parse_args: mode, user, group (add only), the flags, [dev|name] NAME. */
    private static TunTapSpec parse(Words w, boolean add) {
        String mode = null;
        String name = null;
        long user = -1;
        long group = -1;
        List<String> flags = new ArrayList<>();
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "mode")) {
                String m = w.value();
                String asked = Words.matches(m, "tun") ? "tun" : Words.matches(m, "tap") ? "tap" : null;
                if (asked == null) {
                    throw new UsageException("Unknown tunnel mode \"" + m + "\"");
                }
                if (mode != null && !mode.equals(asked)) {
                    throw new UsageException("You managed to ask for more than one tunnel mode.");
                }
                mode = asked;
            } else if (add && Words.matches(word, "user")) {
                user = id(w.value(), "user");
            } else if (add && Words.matches(word, "group")) {
                group = id(w.value(), "group");
            } else if (Words.matches(word, "pi") || Words.matches(word, "one_queue") || Words.matches(word, "vnet_hdr")
                    || Words.matches(word, "multi_queue")) {
                flags.add(Words.matches(word, "pi") ? "pi" : Words.matches(word, "one_queue") ? "one_queue"
                        : Words.matches(word, "vnet_hdr") ? "vnet_hdr" : "multi_queue");
            } else if (Words.matches(word, "dev")) {
                name = LinkCommand.ifname(w.value(), "\"dev\" not a valid ifname", 16);
            } else {
                if (Words.matches(word, "name")) {
                    word = w.value();
                } else if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                }
                if (name != null) {
                    throw Words.garbage("name", word);
                }
                name = LinkCommand.ifname(word, "\"name\" not a valid ifname", 16);
            }
        }
        if (mode == null) {
            throw new CommandFailed("You failed to specify a tunnel mode");
        }
        TunTapSpec s = mode.equals("tap") ? TunTapSpec.tap(name) : TunTapSpec.tun(name);
        for (String f : flags) {
            switch (f) {
                case "pi" -> s.pi();
                case "one_queue" -> s.oneQueue();
                case "vnet_hdr" -> s.vnetHdr();
                default -> s.multiQueue();
            }
        }
        if (user >= 0) {
            s.owner(user);
        }
        if (group >= 0) {
            s.group(group);
        }
        return s;
    }

    /** A uid or gid: a number, or a name from /etc/passwd or /etc/group (ip: getpwnam, getgrnam). */
    private static long id(String text, String what) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        try {
            for (String line : Files.readAllLines(Path.of(what.equals("user") ? "/etc/passwd" : "/etc/group"))) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(text)) {
                    return Long.parseLong(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no such name, reported below
        }
        throw new UsageException("invalid " + what + " \"" + text + "\"");
    }

    /** {@code tuntap show}: each tun/tap device with its flags, from the netlink data ip -d prints; ip ignores its words too. */
    private void show(Words w) throws ErrnoException {
        w.rest();
        PrintWriter out = top.out();
        Json j = top.json ? top.json().beginArray() : null;
        for (Link l : top.rtnl().links().list()) {
            if (l.info() == null || !(l.info().data() instanceof Tun t)) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            flags.add(t.type() == 2 ? "tap" : "tun");
            if (t.pi() == 1) {
                flags.add("pi");
            }
            if (t.vnetHdr() == 1) {
                flags.add("vnet_hdr");
            }
            if (t.multiQueue() == 1) {
                flags.add("multi_queue");
            }
            if (t.persist() == 1) {
                flags.add("persist");
            }
            if (t.pi() == 1) {
                flags.add("filter");   // ip prints it for the bit IFF_NO_PI shares with IFF_NOFILTER
            }
            if (j != null) {
                j.beginObject().put("ifname", l.name()).put("flags", flags);
                if (t.owner() >= 0) {
                    j.put("user", t.owner());
                }
                if (t.group() >= 0) {
                    j.put("group", t.group());
                }
                j.endObject();
            } else {
                out.println(l.name() + ": " + String.join(" ", flags) + (t.owner() >= 0 ? " user " + t.owner() : "")
                        + (t.group() >= 0 ? " group " + t.group() : ""));
            }
        }
        if (j != null) {
            out.println(j.endArray());
        }
    }
}
