package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.Link;
import dev.jnetns.Nexthop;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.ErrnoException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns nexthop ...}: nexthop objects, as {@code ip nexthop}. */
final class NexthopCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] nexthop { list | flush } [ protocol ID ] SELECTOR\n"
            + "       jnetns [-4|-6] nexthop { add | replace } id ID NH [ protocol ID ]\n"
            + "       jnetns nexthop { get | del } id ID\n"
            + "SELECTOR := [ id ID ] [ dev DEV ] [ groups ] [ fdb ]\n"
            + "NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ] | group GROUP [ fdb ] [ type mpath ] }\n"
            + "GROUP := [ <id[,weight]>/<id[,weight]>/... ]\n";


    /** ip's verbs in its order (ipnexthop.c do_ipnh). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (Words.matches(verb, "add")) {
            top.rtnl().nexthops().add(parse(w));
        } else if (Words.matches(verb, "replace")) {
            top.rtnl().nexthops().replace(parse(w));
        } else if (Words.matches(verb, "delete")) {
            top.rtnl().nexthops().delete(parse(w));   // ip 6.1's ipnh_modify: add's words, sent as they are
        } else if (isShow(verb)) {
            listOrFlush(w, false);
        } else if (Words.matches(verb, "get")) {
            int id = getId(w);
            Rtnl rtnl = top.rtnl();
            print(rtnl.links().list(), List.of(rtnl.nexthops().get(id)));
        } else if (Words.matches(verb, "bucket") || Words.matches(verb, "test")) {
            throw new CommandFailed("\"ip nexthop " + verb + "\" is not implemented by jnetns");
        } else if (Words.matches(verb, "flush")) {
            listOrFlush(w, true);
        } else {
            return null;
        }
        return 0;
    }

    /** ip's ipnh_parse_id. */
    private static int id(String text) {
        return (int) Words.u32(text, "invalid id value");
    }

    /** {@code get id ID} as ip's ipnh_get reads it: another word, or no id but 0, is its usage (exit 255). */
    private static int getId(Words w) {
        int id = 0;
        while (w.hasNext()) {
            if (!w.next().equals("id")) {
                throw new HelpShown(USAGE);
            }
            id = id(w.value());
        }
        if (id == 0) {
            throw new HelpShown(USAGE);
        }
        return id;
    }

    /** {@code add|replace} words as ip's ipnh_modify reads them. */
    private Nexthop parse(Words w) throws ErrnoException {
        int family = top.family(0);
        int id = 0;
        int oif = 0;
        InetAddress via = null;
        boolean blackhole = false;
        boolean onlink = false;
        boolean fdb = false;
        Integer protocol = null;
        List<Nexthop.Member> group = null;
        List<Link> links = top.rtnl().links().list();
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("id")) {
                id = id(w.value());
            } else if (word.equals("dev")) {
                String dev = w.value();
                oif = links.stream().filter(l -> l.name().equals(dev)).findFirst()
                        .orElseThrow(() -> Words.invalid("Device does not exist", dev)).index();
                family = family == 0 ? AF_INET : family;
            } else if (word.equals("via")) {
                via = Words.address(w.value(), family);
                family = Words.familyOf(via);
            } else if (word.equals("blackhole")) {
                blackhole = true;
                family = family == 0 ? AF_INET : family;
            } else if (word.equals("fdb")) {
                fdb = true;
            } else if (word.equals("onlink")) {
                onlink = true;
            } else if (word.equals("group")) {
                String g = w.value();
                group = group(g);
            } else if (word.equals("type")) {
                String t = w.value();
                if (!t.equals("mpath")) {
                    throw new CommandFailed("nexthop group type " + t + " is not implemented by jnetns");
                }
            } else if (Words.matches(word, "protocol")) {
                String p = w.value();
                try {
                    protocol = RtNames.PROTOCOLS.number(p);
                } catch (IllegalArgumentException e) {
                    throw Words.invalid("\"protocol\" value is invalid", p);
                }
            } else if (word.equals("encap")) {
                throw new CommandFailed("nexthop encap is not implemented by jnetns");
            } else if (word.equals("help")) {
                throw new HelpShown(USAGE);
            } else {
                throw Words.invalid("", word);
            }
        }
        Nexthop n = group != null ? Nexthop.group(id, group)
                : blackhole ? Nexthop.blackhole(id, family)
                : via != null ? Nexthop.gateway(id, via, oif) : Nexthop.device(id, family, oif);
        if (protocol != null) {
            n = n.withProtocol(protocol);
        }
        if (onlink) {
            n = n.withOnlink();
        }
        return fdb ? n.withFdb() : n;
    }

    /** {@code ID[,WEIGHT]/ID[,WEIGHT]...}. */
    private static List<Nexthop.Member> group(String text) {
        List<Nexthop.Member> out = new ArrayList<>();
        try {
            for (String m : text.split("/", -1)) {
                int comma = m.indexOf(',');
                int id = (int) Words.parseNumber("id", comma < 0 ? m : m.substring(0, comma), 0xffffffffL);
                int weight = comma < 0 ? 1 : (int) Words.parseNumber("weight", m.substring(comma + 1), 256);   // ip 6.1: 1..256
                out.add(new Nexthop.Member(id, weight));
            }
        } catch (UsageException | IllegalArgumentException e) {
            throw Words.invalid("\"group\" value is invalid", text);
        }
        return out;
    }

    /**
     * {@code list|flush [id ID] [dev DEV] [groups] [fdb] [protocol N]}: ip's ipnh_list_flush; device,
     * groups and fdb filter in the kernel (as ip asks it), the protocol (a number, as ip reads it
     * there) here.
     */
    private void listOrFlush(Words w, boolean flush) throws ErrnoException {
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int oif = 0;
        boolean groups = false;
        boolean fdb = false;
        Integer proto = null;
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "dev")) {
                String dev = w.value();
                oif = links.stream().filter(l -> l.name().equals(dev)).findFirst()
                        .orElseThrow(() -> Words.invalid("Device does not exist", dev)).index();
            } else if (Words.matches(word, "groups")) {
                groups = true;
            } else if (Words.matches(word, "master") || Words.matches(word, "vrf")) {
                throw new CommandFailed("nexthop show " + word + " is not implemented by jnetns");
            } else if (word.equals("id")) {
                int id = id(w.value());
                if (!flush) {
                    print(links, List.of(rtnl.nexthops().get(id)));
                    return;
                }
                int only = id;
                List<Nexthop> one = rtnl.nexthops().list(top.family(0)).stream().filter(n -> n.id() == only).toList();
                flush(rtnl, one);
                return;
            } else if (Words.matches(word, "protocol")) {
                String p = w.value();
                try {
                    proto = (int) Words.parseNumber("protocol", p, 255);
                } catch (UsageException e) {
                    throw Words.invalid("invalid protocol value", p);
                }
            } else if (Words.matches(word, "fdb")) {
                fdb = true;
            } else if (Words.matches(word, "help")) {
                throw new HelpShown(USAGE);
            } else {
                throw Words.invalid("", word);
            }
        }
        Integer protocol = proto;
        List<Nexthop> picked = rtnl.nexthops().list(top.family(0), oif, groups, fdb).stream()
                .filter(n -> protocol == null || n.protocol() == protocol).toList();
        if (!flush) {
            print(links, picked);
            return;
        }
        flush(rtnl, picked);
    }

    /** Deletes {@code picked}; "Flushed N nexthops" or "Nothing to flush", as ip. */
    private void flush(Rtnl rtnl, List<Nexthop> picked) throws ErrnoException {
        int flushed = 0;
        for (Nexthop n : picked) {
            try {
                rtnl.nexthops().delete(n.id());
                flushed++;
            } catch (ErrnoException e) {
                if (!e.is(dev.jnetns.Errno.ENOENT)) {
                    throw e;   // gone with a group or device before us is fine
                }
            }
        }
        top.out().println(flushed == 0 ? "Nothing to flush" : "Flushed " + flushed + " nexthops");
    }

    /** ip's print_nexthop, text or JSON; -N prints scope and protocol as numbers. */
    private void print(List<Link> links, List<Nexthop> all) {
        Json j = top.json ? top.json().beginArray() : null;
        records(links, all, j, false);
        if (j != null) {
            top.out().println(j.endArray());
        }
    }

    /**
     * Each nexthop as ip's print_nexthop prints it: a line of text, or an object in {@code j};
     * {@code deleted}: after "Deleted " (ip -echo nexthop del).
     */
    void records(List<Link> links, List<Nexthop> all, Json j, boolean deleted) {
        PrintWriter out = top.out();
        for (Nexthop n : all) {
            StringBuilder t = new StringBuilder(deleted ? "Deleted " : "");
            if (j != null) {
                j.beginObject();
                if (deleted) {
                    j.put("deleted", true);
                }
            }
            NexthopPrinter.fields(n, links, top.details, top.numeric, j, t);
            if (j != null) {
                j.endObject();
            } else {
                out.println(t);
            }
        }
    }

}
