package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.AddressCodec;
import java.util.List;

/** The IP addresses of one namespace: {@code ip addr}. Obtained from {@link Rtnl#addresses()}. */
public final class Addresses {
    private final NlSocket socket;
    private final Links links;

    Addresses(NlSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    /**
     * {@return every address, IPv4 first} Equivalent to: {@code ip addr show}.
     *
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Address> list() throws ErrnoException {
        return dump(AF_UNSPEC, 0);
    }

    /**
     * {@return the addresses of one device} Equivalent to: {@code ip addr show dev DEV}.
     *
     * @param dev the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Address> list(String dev) throws ErrnoException {
        return dump(AF_UNSPEC, links.index(dev));
    }

    /**
     * {@return the addresses of {@code family} on device {@code index}, each with its message as the
     * kernel sent it} The dump {@code ip [-4|-6] addr save [dev DEV]} writes.
     *
     * @param family AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0) for every family
     * @param index the device's ifindex, 0 for every device
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Saved<Address>> listSaved(int family, int index) throws ErrnoException {
        return dump("addr save", family, index, (a, m) -> new Saved<>(a, m.bytes()));
    }

    /** Addresses of {@code family} (AF_UNSPEC for all) on {@code index} (0 for all), filtered in the kernel. */
    List<Address> dump(int family, int index) throws ErrnoException {
        return dump("addr show", family, index, (a, m) -> a);
    }

    /** Each address of {@code family} on {@code index} (0: all) as {@code keep} makes it from the address and its message. */
    private <T> List<T> dump(String what, int family, int index,
                             java.util.function.BiFunction<Address, dev.jnetns.netlink.NlMessage, T> keep)
            throws ErrnoException {
        return socket.dump(what, (w, seq) -> {
            w.beginMessage(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
            AddressCodec.header(w, family, index);
            w.endMessage();
        }, m -> {
            if (m.type() != RTM_NEWADDR) {
                return null;
            }
            Address a = AddressCodec.decode(m);
            return index == 0 || a.index() == index ? keep.apply(a, m) : null;
        });
    }

    /**
     * Equivalent to: {@code ip addr add SPEC dev DEV}.
     *
     * @param dev the device's name
     * @param spec the address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(String dev, AddressSpec spec) throws ErrnoException {
        modify(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "addr add " + spec + " dev " + dev, dev, spec);
    }

    /**
     * Adds the address {@code a} describes, every attribute of it as the record holds it (peer,
     * broadcast, label, scope, flags, lifetimes, metric, protocol, unmodelled attributes), on the
     * device of ifindex {@code a.index()}: a record a dump gave, written back. Equivalent to:
     * {@code ip addr add} with every option the address shows.
     *
     * @param a the address, as a dump gave it
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(Address a) throws ErrnoException {
        send(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "addr add " + a, a);
    }

    /**
     * Adds or updates the address {@code a} describes, every attribute of it as the record holds it,
     * on the device of ifindex {@code a.index()} (see {@link #add(Address)}). Equivalent to:
     * {@code ip addr replace} with every option the address shows.
     *
     * @param a the address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(Address a) throws ErrnoException {
        send(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, "addr replace " + a, a);
    }

    /**
     * Deletes the address {@code a} describes, sent with every attribute of it as the record holds it,
     * from the device of ifindex {@code a.index()}. Equivalent to: {@code ip addr del} with every
     * option the address shows.
     *
     * @param a the address, as a dump gave it
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(Address a) throws ErrnoException {
        send(RTM_DELADDR, 0, "addr del " + a, a);
    }

    private void send(int type, int flags, String what, Address a) throws ErrnoException {
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            AddressCodec.encode(a, w);
            w.endMessage();
        });
    }

    /**
     * Adds or updates. Equivalent to: {@code ip addr replace SPEC dev DEV}.
     *
     * @param dev the device's name
     * @param spec the address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(String dev, AddressSpec spec) throws ErrnoException {
        modify(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, "addr replace " + spec + " dev " + dev, dev, spec);
    }

    /**
     * Equivalent to: {@code ip addr del SPEC dev DEV}.
     *
     * @param dev the device's name
     * @param spec the address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(String dev, AddressSpec spec) throws ErrnoException {
        modify(RTM_DELADDR, 0, "addr del " + spec + " dev " + dev, dev, spec);
    }

    /**
     * Removes every address of {@code family} (AF_UNSPEC for all) from a device; returns how many.
     * Equivalent to: {@code ip addr flush dev DEV}.
     *
     * @param dev the device's name
     * @param family AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0) for all
     * @return how many addresses were removed: every one the device had, IPv4 secondaries that the
     *     kernel deleted with their primary ({@code promote_secondaries} off) included
     * @throws IllegalArgumentException for any other family (nothing is removed)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public int flush(String dev, int family) throws ErrnoException {
        if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("addr flush: family " + family + " is none of 0 (all), 2 (inet), 10 (inet6)");
        }
        int index = links.index(dev);
        List<Address> all = dump(family, index);
        for (Address a : all) {
            try {
                socket.execute("addr flush dev " + dev, (w, seq) -> {
                    w.beginMessage(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq);
                    AddressCodec.encode(a, w);   // ip's flush sends the dumped message back
                    w.endMessage();
                });
            } catch (ErrnoException e) {
                // gone already: deleting a primary IPv4 address took this secondary with it
                if (!e.is(Errno.EADDRNOTAVAIL)) {
                    throw e;
                }
            }
        }
        return all.size();
    }

    private void modify(int type, int flags, String what, String dev, AddressSpec s) throws ErrnoException {
        int index = links.index(dev);
        check(s);
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            write(w, type, index, s);
            w.endMessage();
        });
    }

    /**
     * Adds many addresses in few system calls: the requests go out many per datagram, the kernel
     * applies each on its own, in order, and answers only refusals. Without {@code stopAtFirstError}
     * this is a file of {@code addr add} lines run with {@code ip -batch -force}. With it, no datagram
     * is sent after one that held a refusal, but unlike {@code ip -batch} (which stops at the failing
     * line) the requests after the refused one in its datagram are applied all the same:
     * {@link BulkResult#applied} says which were. Devices and specs are checked before anything is sent.
     *
     * @param devs the device of each address
     * @param specs the addresses, in order (the device of {@code specs.get(i)} is {@code devs.get(i)})
     * @param stopAtFirstError true to send no datagram after one that held a refusal; false to send them
     *     all (as {@code -force})
     * @return what was sent, and the addresses the kernel refused, by index
     * @throws IllegalArgumentException when the lists differ in size, or for an invalid spec or device
     *     name (nothing is sent)
     * @throws NoSuchLinkException naming the index of the first address whose device does not exist
     *     (nothing is sent)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public BulkResult addAll(List<String> devs, List<AddressSpec> specs, boolean stopAtFirstError)
            throws ErrnoException {
        if (devs.size() != specs.size()) {
            throw new IllegalArgumentException("addr add: " + devs.size() + " devices for " + specs.size() + " addresses");
        }
        java.util.Map<String, Integer> indexes = new java.util.HashMap<>();
        for (Link l : links.list()) {
            indexes.put(l.name(), l.index());
        }
        int[] index = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            Integer x = indexes.get(Links.checkName(devs.get(i)));
            if (x == null) {
                throw new NoSuchLinkException("addr add #" + i + " (" + specs.get(i) + ")", devs.get(i));
            }
            check(specs.get(i));
            index[i] = x;
        }
        return socket.executeAll(specs.size(), (w, seq, i) -> {
            w.beginMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, seq);
            write(w, RTM_NEWADDR, index[i], specs.get(i));
            w.endMessage();
        }, stopAtFirstError, i -> "addr add " + specs.get(i) + " dev " + devs.get(i));
    }

    private static void check(AddressSpec s) {
        long valid = s.validLifetime != null ? s.validLifetime : Address.FOREVER;
        long preferred = s.preferredLifetime != null ? s.preferredLifetime : valid;
        if (preferred > valid) {
            throw new IllegalArgumentException("preferred_lft is greater than valid_lft");
        }
        if (s.withoutLocal && s.peer != null) {
            throw new IllegalArgumentException("a spec sent without its local has no peer: " + s.local + " peer " + s.peer);
        }
    }

    /** The address {@code ip addr add|replace|del SPEC dev DEV} asks for, as a record to write. */
    private static Address request(int type, int index, AddressSpec s) {
        long valid = s.validLifetime != null ? s.validLifetime : Address.FOREVER;
        long preferred = s.preferredLifetime != null ? s.preferredLifetime : valid;
        boolean lifetimes = s.validLifetime != null || s.preferredLifetime != null;
        if (s.withoutLocal) {
            return new Address(index, s.local.family(), null, s.local.address(), s.local.length(), s.broadcast,
                    type == RTM_DELADDR && s.scope == null ? 0 : s.effectiveScope(), s.flags, s.label,
                    lifetimes ? valid : -1, lifetimes ? preferred : -1, null, null, s.metric != null ? s.metric : -1,
                    -1, lifetimes ? 0 : -1, lifetimes ? 0 : -1, RawAttributes.NONE);
        }
        return new Address(index, s.local.family(), s.local.address(), s.peer != null ? s.peer.address() : null,
                s.peer != null ? s.peer.length() : s.local.length(), s.broadcast,
                type == RTM_DELADDR && s.scope == null ? 0 : s.effectiveScope(), s.flags, s.label,
                lifetimes ? valid : -1, lifetimes ? preferred : -1, null, null, s.metric != null ? s.metric : -1, -1,
                lifetimes ? 0 : -1, lifetimes ? 0 : -1, RawAttributes.NONE);
    }

    private static void write(NlWriter w, int type, int index, AddressSpec s) {
        AddressCodec.encode(request(type, index, s), w);
    }
}
