package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.DeviceMover;
import dev.jnetns.sys.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns link ...}: network devices, as {@code ip link}. */
final class LinkCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns link show [[dev] DEV] [up] [type KIND] [master DEV] [group G]\n"
            + "       jnetns link add [link PARENT] [name] NAME [mtu N] [address MAC] [txqueuelen N] [netns NS]\n"
            + "                       type KIND [ARGS]\n"
            + "         KIND := veth [peer [name] PEER [mtu N] [address MAC] [netns NS]] | bridge | ifb | dummy |\n"
            + "                 macvlan|macvtap mode private|vepa|bridge|passthru|source | vlan id ID |\n"
            + "                 ipvlan mode l2|l3|l3s | bond mode MODE | tap | tun |\n"
            + "                 vxlan id VNI [dev DEV] [dstport PORT] [remote|group ADDR] [local ADDR] [ttl N] [nolearning] |\n"
            + "                 any other kind the kernel knows (sent alone, as ip sends it)\n"
            + "       jnetns link set [dev] DEV [up|down] [promisc|arp|multicast|allmulticast on|off] [mtu N]\n"
            + "                       [address MAC] [name NEW] [master DEV|nomaster]\n"
            + "                       [alias TEXT] [txqueuelen N] [netns NS|PID] [group G]\n"
            + "       jnetns link del [dev] DEV | group G\n"
            + "       jnetns link move DEV netns NS     (moves DEV with its addresses, routes, MTU and state)\n";

    @Override
    Integer run(String verb, Words w) throws Exception {
        if (isShow(verb)) {
            show(w);
        } else if (Words.matches(verb, "add")) {
            add(w);
        } else if (Words.matches(verb, "set")) {
            set(w);
        } else if (Words.matches(verb, "delete")) {
            delete(w);
        } else if (verb.equals("move")) {
            move(w);
        } else {
            return null;
        }
        return 0;
    }

    /** {@code link show [[dev] DEV] [up] [type KIND] [master DEV] [group G]}. */
    private void show(Words w) throws ErrnoException {
        LinkFilter filter = LinkFilter.parse(w, "link show");
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        // ip -j prints the devices its own (not the kernel's) filtering drops as {}
        boolean placeholders = top.json && !filter.equals(filter.kernelSide());
        List<Link> shown = (placeholders ? filter.kernelSide() : filter).apply(links);
        LinkPrinter printer = new LinkPrinter(links, top.details, true,
                top.json ? java.util.Map.of() : JnetnsCommand.netnsNames(rtnl, links), top.stats);
        if (placeholders) {
            printer.hideInJson(l -> !filter.keeps(l));
        }
        Out out = top.printOut();
        out.beginArray(null);
        for (Link l : shown) {
            out.beginObject(null);
            if (!printer.hidden(l)) {
                int mark = out.length();
                if (top.brief) {
                    printer.brief(l, out, true);
                } else {
                    printer.print(l, out, true);
                }
                out.text("\n");
                if (top.oneline && !top.brief && !out.json()) {
                    out.text(LinkPrinter.oneline(out.cut(mark)));
                }
            }
            out.endObject();
        }
        out.endArray();
        top.print(out);
    }

    /** Namespaces opened while parsing, closed after the request. */
    private final List<Netns> opened = new ArrayList<>();

    private Netns netns(String nameOrPath) throws ErrnoException {
        Netns ns = Netns.open(nameOrPath);
        opened.add(ns);
        return ns;
    }

    private void closeOpened() {
        opened.forEach(Netns::close);
        opened.clear();
    }

    /** Opens a namespace named in a command (and keeps it for closing later). */
    @FunctionalInterface
    interface NetnsSource {
        Netns open(String nameOrPath) throws ErrnoException;
    }

    /** {@code link add ...}. */
    private void add(Words w) throws Exception {
        try {
            top.rtnl().links().add(parseAdd(w, this::netns));
        } finally {
            closeOpened();
        }
    }

    /** Parses {@code link add [link PARENT] [name] NAME [mtu N] [address MAC] [txqueuelen N] [netns NS] type KIND ...}. */
    static LinkSpec parseAdd(Words w, NetnsSource spaces) throws ErrnoException {
        String name = null;
        String parent = null;
        Integer mtu = null;
        String mac = null;
        Integer txq = null;
        String ns = null;
        String kind = null;
        while (w.hasNext() && kind == null) {
            String word = w.next();
            switch (word) {
                case "link": parent = w.valueOf(word); break;
                case "name": name = w.valueOf(word); break;
                case "mtu": mtu = (int) w.number(word, 0xffffffffL); break;
                case "address": mac = w.valueOf(word); break;
                case "txqueuelen": case "txqlen": case "qlen": txq = (int) w.number(word, 0xffffffffL); break;
                case "netns": ns = w.valueOf(word); break;
                case "type": kind = w.valueOf(word); break;
                default:
                    if (name != null) {
                        throw new UsageException("link add: unexpected \"" + word + "\"");
                    }
                    name = word;
            }
        }
        if (name == null) {
            throw new UsageException("link add: no device name given");
        }
        if (kind == null) {
            throw new UsageException("link add " + name + ": \"type\" is required");
        }
        LinkSpec s = kindSpec(name, kind, parent, w, spaces);
        if (mtu != null) {
            s.mtu(mtu);
        }
        if (mac != null) {
            s.address(mac);
        }
        if (txq != null) {
            s.txQueueLen(txq);
        }
        if (ns != null) {
            s.netns(spaces.open(ns));
        }
        return s;
    }

    private static LinkSpec kindSpec(String name, String kind, String parent, Words w, NetnsSource spaces)
            throws ErrnoException {
        LinkSpec s;
        switch (kind) {
            case "veth": {
                String peer = null;
                Integer peerMtu = null;
                String peerMac = null;
                String peerNs = null;
                if (w.hasNext()) {
                    String p = w.next();
                    if (!p.equals("peer")) {
                        throw new UsageException("veth: expected \"peer\", got \"" + p + "\"");
                    }
                    while (w.hasNext()) {
                        String word = w.next();
                        switch (word) {
                            case "name": peer = w.valueOf(word); break;
                            case "mtu": peerMtu = (int) w.number(word, 0xffffffffL); break;
                            case "address": peerMac = w.valueOf(word); break;
                            case "netns": peerNs = w.valueOf(word); break;
                            default:
                                if (peer != null) {
                                    throw new UsageException("veth peer: unexpected \"" + word + "\"");
                                }
                                peer = word;
                        }
                    }
                }
                if (peer == null) {
                    throw new UsageException("veth " + name + ": \"peer name PEER\" is required");
                }
                s = LinkSpec.veth(name, peer);
                if (peerMtu != null) {
                    s.peerMtu(peerMtu);
                }
                if (peerMac != null) {
                    s.peerAddress(peerMac);
                }
                if (peerNs != null) {
                    s.peerNetns(spaces.open(peerNs));
                }
                return s;
            }
            case "tap": s = LinkSpec.tap(name); break;
            case "tun": s = LinkSpec.tun(name); break;
            case "macvlan":
            case "macvtap": {
                String mode = "vepa";
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("mode")) {
                        throw new UsageException(kind + ": unexpected \"" + word + "\"");
                    }
                    mode = w.valueOf(word);
                }
                requireParent(kind, parent);
                return kind.equals("macvlan") ? LinkSpec.macvlan(name, parent, mode) : LinkSpec.macvtap(name, parent, mode);
            }
            case "vlan": {
                Integer id = null;
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("id")) {
                        throw new UsageException("vlan: unexpected \"" + word + "\"");
                    }
                    id = (int) w.number(word, 4094);
                }
                if (id == null) {
                    throw new UsageException("vlan: \"id\" is required");
                }
                requireParent(kind, parent);
                return LinkSpec.vlan(name, parent, id);
            }
            case "ipvlan": {
                String mode = "l3";
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("mode")) {
                        throw new UsageException("ipvlan: unexpected \"" + word + "\"");
                    }
                    mode = w.valueOf(word);
                }
                requireParent(kind, parent);
                return LinkSpec.ipvlan(name, parent, mode);
            }
            case "bond": {
                String mode = "balance-rr";
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("mode")) {
                        throw new UsageException("bond: unexpected \"" + word + "\"");
                    }
                    mode = w.valueOf(word);
                }
                return LinkSpec.bond(name, mode);
            }
            case "vxlan":
                return vxlan(name, w);
            default:   // bridge, ifb, dummy and whatever else the kernel knows: the kind alone, as ip sends it
                s = LinkSpec.ofKind(name, kind);
                break;
        }
        if (w.hasNext()) {
            throw new UsageException(kind + ": unexpected \"" + w.next() + "\"");
        }
        if (parent != null) {
            throw new UsageException(kind + ": \"link " + parent + "\" does not apply");
        }
        return s;
    }

    private static void requireParent(String kind, String parent) {
        if (parent == null) {
            throw new UsageException(kind + ": \"link PARENT\" is required");
        }
    }

    private static LinkSpec vxlan(String name, Words w) {
        Integer vni = null;
        List<Runnable> options = new ArrayList<>();
        LinkSpec[] s = new LinkSpec[1];
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "id": case "vni": vni = (int) w.number(word, 0xffffff); break;
                case "dev": { String d = w.valueOf(word); options.add(() -> s[0].dev(d)); break; }
                case "dstport": case "port": { int p = (int) w.number(word, 65535); options.add(() -> s[0].port(p)); break; }
                case "remote": case "group": { String a = w.valueOf(word); options.add(() -> s[0].remote(IpPrefix.parseAddress(a))); break; }
                case "local": { String a = w.valueOf(word); options.add(() -> s[0].local(IpPrefix.parseAddress(a))); break; }
                case "ttl": { int t = (int) w.number(word, 255); options.add(() -> s[0].ttl(t)); break; }
                case "nolearning": options.add(() -> s[0].learning(false)); break;
                case "learning": options.add(() -> s[0].learning(true)); break;
                default: throw new UsageException("vxlan: unexpected \"" + word + "\"");
            }
        }
        if (vni == null) {
            throw new UsageException("vxlan: \"id VNI\" is required");
        }
        s[0] = LinkSpec.vxlan(name, vni);
        options.forEach(Runnable::run);
        return s[0];
    }

    /** The "on" or "off" after {@code option}, as ip reads it. */
    private static boolean onOff(Words w, String option) {
        String v = w.valueOf(option);
        if (!v.equals("on") && !v.equals("off")) {
            throw new UsageException("invalid \"" + option + "\" value \"" + v + "\" (on or off)");
        }
        return v.equals("on");
    }

    /** {@code link set [dev] DEV ...}. */
    private void set(Words w) throws Exception {
        String dev = null;
        LinkUpdate u = LinkUpdate.create();
        try {
            while (w.hasNext()) {
                String word = w.next();
                switch (word) {
                    case "dev": dev = w.valueOf(word); break;
                    case "up": u.up(); break;
                    case "down": u.down(); break;
                    case "promisc": u.promisc(onOff(w, word)); break;
                    case "arp": u.arp(onOff(w, word)); break;
                    case "multicast": u.multicast(onOff(w, word)); break;
                    case "allmulticast": u.allmulticast(onOff(w, word)); break;
                    case "mtu": u.mtu((int) w.number(word, 0xffffffffL)); break;
                    case "address": u.address(w.valueOf(word)); break;
                    case "name": u.name(w.valueOf(word)); break;
                    case "master": u.master(w.valueOf(word)); break;
                    case "nomaster": u.noMaster(); break;
                    case "alias": u.alias(w.valueOf(word)); break;
                    case "txqueuelen": case "txqlen": case "qlen": u.txQueueLen((int) w.number(word, 0xffffffffL)); break;
                    case "group": u.group((int) w.number(word, 0xffffffffL)); break;
                    case "netns": {
                        String ns = w.valueOf(word);
                        if (ns.chars().allMatch(Character::isDigit)) {
                            u.netnsPid(Long.parseLong(ns));
                        } else {
                            u.netns(netns(ns));
                        }
                        break;
                    }
                    default:
                        if (dev != null) {
                            throw new UsageException("link set: unexpected \"" + word + "\"");
                        }
                        dev = word;
                }
            }
            if (dev == null) {
                throw new UsageException("link set: no device given");
            }
            Rtnl rtnl = top.rtnl();
            rtnl.links().set(dev, u);
        } finally {
            closeOpened();
        }
    }

    /** {@code link move [dev] DEV netns NS}: the device with its addresses, routes, MTU and state. */
    private void move(Words w) throws ErrnoException {
        String dev = null;
        String ns = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.valueOf(word);
            } else if (word.equals("netns")) {
                ns = w.valueOf(word);
            } else if (dev == null) {
                dev = word;
            } else {
                throw new UsageException("link move: unexpected \"" + word + "\"");
            }
        }
        if (dev == null || ns == null) {
            throw new UsageException("link move: usage: link move DEV netns NS");
        }
        try (Netns target = Netns.open(ns); Rtnl to = Rtnl.open(target)) {
            DeviceMover.move(top.rtnl(), to, dev);
        }
    }

    /** {@code link del [dev] DEV | group G}. */
    private void delete(Words w) throws ErrnoException {
        String dev = null;
        Integer group = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.valueOf(word);
            } else if (word.equals("group")) {
                group = (int) w.number(word, 0xffffffffL);
            } else if (dev == null) {
                dev = word;
            } else {
                throw new UsageException("link del: unexpected \"" + word + "\"");
            }
        }
        Rtnl rtnl = top.rtnl();
        if (group != null) {
            rtnl.links().deleteGroup(group);
        } else if (dev != null) {
            rtnl.links().delete(dev);
        } else {
            throw new UsageException("link del: no device given");
        }
    }
}
