package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV4_IFADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV4_NETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV4_ROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV4_RULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV6_IFADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV6_NETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV6_ROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_IPV6_RULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_LINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_MPLS_NETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_NEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTNLGRP_NSID;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.AddressCodec;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.rtnl.NeighbourCodec;
import dev.jnetns.rtnl.NetconfCodec;
import dev.jnetns.rtnl.NsidCodec;
import dev.jnetns.rtnl.RouteCodec;
import dev.jnetns.rtnl.RuleCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches links, addresses, routes, neighbours, rules, nsids and netconf entries in one or many namespaces
 * ({@code ip monitor}),
 * and never leaves its user with a wrong picture: it keeps the state it has reported, reports only
 * real changes (no duplicates), and when the kernel drops notifications (ENOBUFS) it dumps again,
 * reports the difference and a {@link Resynced} marker, and carries on.
 *
 * <p>Each namespace gets a notification socket created inside it and a reader thread of its own
 * (which never enters the namespace). Events go to a callback, or, without one, to a queue read by
 * {@link #take()}. {@link #awaitSynced} tells when the monitor has caught up with every change made
 * before the call.
 *
 * <p>The callback runs on the reader threads (and, for the events of {@link Options#listExisting()},
 * on the thread that starts watching). What it throws is handed to that thread's
 * {@linkplain Thread#getUncaughtExceptionHandler() uncaught-exception handler} (by default printed
 * on stderr), once, and watching goes on with the next event.
 *
 * <p>{@link #close()} stops every reader and releases its sockets; it may be called from the
 * callback. After it no event is delivered, and every other method throws
 * {@code IllegalStateException("monitor is closed")}, as {@link Rtnl} and {@link Netns} do after
 * theirs: {@link #take()} and {@link #poll} also when they were waiting as it closed; events
 * still queued are discarded.
 */
public final class Monitor implements AutoCloseable {

    /** What to watch. */
    public enum Topic {
        /** Devices: {@code ip monitor link}. */
        LINK,
        /** IP addresses: {@code ip monitor address}. */
        ADDRESS,
        /** Routes: {@code ip monitor route}. */
        ROUTE,
        /** ARP/NDP entries: {@code ip monitor neigh}. */
        NEIGH,
        /** Policy-routing rules: {@code ip monitor rule}. */
        RULE,
        /** Ids given to other namespaces: {@code ip monitor nsid}. */
        NSID,
        /** Forwarding settings of devices, per family ({@link Netconf}): {@code ip monitor netconf}. */
        NETCONF
    }

    /** The kind of a change. */
    public enum Change {
        /** It appeared (or existed when {@link Options#listExisting()} asked for it). */
        ADDED,
        /** Some of its attributes changed. */
        CHANGED,
        /** It went away. */
        REMOVED
    }

    /** Something that happened in namespace {@code netns} (the label it was given). */
    public sealed interface Event permits LinkEvent, AddressEvent, RouteEvent, NeighbourEvent, RuleEvent, NsidEvent,
            NetconfEvent, Resynced, Failed {
        /**
         * Where it happened.
         *
         * @return the label the namespace was given in {@link #start}
         */
        String netns();
    }

    /**
     * A device changed.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param link the device, as it is now (as it was, for REMOVED)
     */
    public record LinkEvent(String netns, Change change, Link link) implements Event {
    }

    /**
     * An IP address changed.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param address the address
     */
    public record AddressEvent(String netns, Change change, Address address) implements Event {
    }

    /**
     * A route changed.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param route the route
     */
    public record RouteEvent(String netns, Change change, Route route) implements Event {
    }

    /**
     * An ARP/NDP entry changed.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param neighbour the entry
     */
    public record NeighbourEvent(String netns, Change change, Neighbour neighbour) implements Event {
    }

    /**
     * A policy-routing rule was added or removed.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param rule the rule
     */
    public record RuleEvent(String netns, Change change, Rule rule) implements Event {
    }

    /**
     * An id was given to another namespace (ADDED) or taken back (REMOVED).
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param id the id, as the kernel announced it
     */
    public record NsidEvent(String netns, Change change, NamespaceId id) implements Event {
    }

    /**
     * A device's (or the all or default entry's) forwarding settings of one family appeared (with a
     * new device), changed or went away (with the device). The kernel's notification of a change
     * holds only the setting that changed: {@code netconf} is the entry with it applied, or with
     * {@link Options#everyNotification()} the notification itself, as {@code ip monitor} prints it.
     *
     * @param netns the namespace's label
     * @param change what happened to it
     * @param netconf the entry
     */
    public record NetconfEvent(String netns, Change change, Netconf netconf) implements Event {
    }

    /**
     * Notifications were lost (the kernel said ENOBUFS); the monitor dumped {@code netns} again and
     * the events before this one brought the reported state back in line: from here on the view
     * of {@code netns} is complete again. {@link #awaitSynced} waits for this point without events.
     *
     * @param netns the namespace's label
     */
    public record Resynced(String netns) implements Event {
    }

    /**
     * Watching {@code netns} stopped for good: the kernel kept failing.
     *
     * @param netns the namespace's label
     * @param error the last failure
     */
    public record Failed(String netns, Exception error) implements Event {
    }

    /**
     * Options.
     *
     * @param listExisting report what exists first, as ADDED events
     * @param receiveBuffer SO_RCVBUF of the notification sockets, 0 for the system default
     * @param everyNotification report each notification as the kernel sends it, as {@code ip monitor}
     *        prints them: a RTM_NEW* message as ADDED (even when it repeats what was reported, or
     *        changes something), a RTM_DEL* message as REMOVED, bridge-port links and bridge
     *        forwarding entries included; what the kernel removes without a notification (a deleted
     *        device's IPv4 routes) is not reported. Without it only real changes are reported.
     */
    public record Options(boolean listExisting, int receiveBuffer, boolean everyNotification) {
        /** Report changes only, with the system's buffer size. */
        public static final Options DEFAULT = new Options(false, 0, false);

        /**
         * Options reporting real changes only.
         *
         * @param listExisting report what exists first, as ADDED events
         * @param receiveBuffer SO_RCVBUF of the notification sockets, 0 for the system default
         */
        public Options(boolean listExisting, int receiveBuffer) {
            this(listExisting, receiveBuffer, false);
        }
    }

    /** How many times in a row a resync may fail before {@link Failed}. */
    static final int RESYNC_ATTEMPTS = 5;

    private final List<Watcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How long {@link #close()} and {@link #remove} wait, in all, for readers busy in a callback. */
    private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** The events for {@link #take()}; null with a callback. */
    private final MonitorQueue queue;
    private final Set<Topic> topics;
    private final Options options;
    private final Consumer<Event> out;
    private volatile NetnsDirWatch dirWatch;
    private volatile boolean closed;

    private Monitor(Set<Topic> topics, Options options, Consumer<Event> sink) {
        this.queue = sink == null ? new MonitorQueue() : null;
        this.topics = EnumSet.copyOf(topics);
        this.options = options;
        this.out = sink == null ? queue::add : e -> deliver(sink, e);
    }

    /** Hands {@code e} to the callback; what it throws goes to this thread's uncaught-exception handler. */
    private static void deliver(Consumer<Event> sink, Event e) {
        try {
            sink.accept(e);
        } catch (Throwable t) {
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, t);
        }
    }

    /** Reports {@code e}, unless this monitor is closed. */
    private void report(Event e) {
        if (!closed) {
            out.accept(e);
        }
    }

    static IllegalStateException closedError() {
        return new IllegalStateException("monitor is closed");
    }

    private void checkOpen() {
        if (closed) {
            throw closedError();
        }
    }

    /**
     * Starts watching {@code spaces} (label → namespace) for {@code topics}; events go to {@code sink},
     * or to the queue of {@link #take()} when {@code sink} is null. Equivalent to:
     * {@code ip monitor [link] [address] [route] [neigh]}.
     *
     * @param spaces the namespaces to watch, by the label events carry
     * @param topics what to watch
     * @param options whether to report what exists first, and the socket buffer size
     * @param sink takes each event, on the watching threads; null to queue them for {@link #take()}
     * @return the running monitor (closed already when {@code sink} closed it); close it to stop
     * @throws ErrnoException when a socket cannot be opened or subscribed (nothing is left running)
     */
    public static Monitor start(Map<String, Netns> spaces, Set<Topic> topics, Options options, Consumer<Event> sink)
            throws ErrnoException {
        Monitor m = new Monitor(topics, options, sink);
        try {
            for (Map.Entry<String, Netns> e : spaces.entrySet()) {
                m.watch(e.getKey(), e.getValue());
            }
        } catch (ErrnoException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * Starts watching every namespace under /run/netns, each labelled with its name, and follows
     * the directory (inotify): a namespace named later is watched from when its name appears, one
     * whose name is deleted is no longer watched. Equivalent to: {@code ip -all monitor ...}, which
     * ip reads once; {@link Failed} with label "" when the directory can no longer be followed.
     *
     * @param topics what to watch
     * @param options whether to report what exists first, and the sockets' buffer size
     * @param sink receives the events, on the monitor's threads; null to read them with {@link #take()} and
     *     {@link #poll}
     * @return the monitor, started
     * @throws ErrnoException when a socket cannot be opened or subscribed
     */
    public static Monitor startNamed(Set<Topic> topics, Options options, Consumer<Event> sink) throws ErrnoException {
        Monitor m = new Monitor(topics, options, sink);
        try {
            m.dirWatch = new NetnsDirWatch(ns -> {
                try (ns) {
                    m.watch(ns.name(), ns);
                } catch (ErrnoException | RuntimeException e) {
                    m.report(new Failed(ns.name(), e));
                }
            }, m::remove, e -> m.report(new Failed("", e)));
            for (String name : Netns.names()) {
                try (Netns ns = Netns.open(name)) {
                    m.watch(name, ns);
                } catch (ErrnoException e) {
                    // a stale name under /run/netns: nothing to watch
                }
            }
        } catch (ErrnoException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * Starts watching {@code ns} under {@code label} too (a label already watched is left as it is).
     *
     * @param label the label its events carry
     * @param ns the namespace to watch
     * @throws ErrnoException when a socket cannot be opened or subscribed
     * @throws IllegalStateException when this monitor is closed
     */
    public void add(String label, Netns ns) throws ErrnoException {
        checkOpen();
        watch(label, ns);
    }

    /** Starts watching {@code ns} unless {@code label} is watched or this monitor is closed. */
    private synchronized void watch(String label, Netns ns) throws ErrnoException {
        if (closed || watchers.stream().anyMatch(w -> w.label.equals(label))) {
            return;
        }
        Watcher w = new Watcher(label, ns, topics, options, this::report);
        watchers.add(w);
        if (closed) {   // meanwhile (by the callback, given the listing): close() may not have seen w
            w.stopping = true;   // its reader ends at once, releasing the sockets
        }
        w.thread.start();
    }

    /**
     * Stops watching the namespace labelled {@code label}, if it is watched; from the callback
     * too, after which that namespace's reader ends as the callback returns.
     *
     * @param label the label its events carry
     * @throws IllegalStateException when this monitor is closed
     */
    public void remove(String label) {
        checkOpen();
        for (Watcher w : watchers) {
            if (w.label.equals(label) && watchers.remove(w)) {
                w.stop(System.nanoTime() + STOP_WAIT_NANOS);
            }
        }
    }

    /**
     * The labels of the namespaces watched now.
     *
     * @return the labels
     * @throws IllegalStateException when this monitor is closed
     */
    public List<String> labels() {
        checkOpen();
        return watchers.stream().map(w -> w.label).toList();
    }

    /**
     * The next event, when the monitor was started without a callback; blocks, as
     * {@link java.util.concurrent.BlockingQueue#take()} does, until an event comes or the monitor is closed.
     *
     * @return the event
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws IllegalStateException when this monitor is closed, also by another thread while waiting, or
     *     was started with a callback (its events go there)
     */
    public Event take() throws InterruptedException {
        return queue().poll(Long.MAX_VALUE);
    }

    /**
     * The next event, when the monitor was started without a callback.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return the event, or null when none came in time
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws IllegalStateException when this monitor is closed, also by another thread while waiting, or
     *     was started with a callback (its events go there)
     */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue().poll(unit.toNanos(timeout));
    }

    /** The queue of {@link #take()}; a monitor with a callback has none. */
    private MonitorQueue queue() {
        if (queue == null) {
            throw new IllegalStateException("monitor was started with a callback: its events go there, not to take/poll");
        }
        return queue;
    }

    /**
     * Waits until the monitor has caught up with every change made before this call, in every
     * namespace it watches: each reader has found its socket empty after that moment, with no
     * resync pending (after a loss, the dump and its events are done). The notifications the
     * kernel sends for a change are queued before the change's request returns, so afterwards
     * {@link #links}/{@link #routes} and the events delivered include every such change.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return true when caught up; false when {@code timeout} ran out or a namespace stopped being
     *         watched ({@link Failed}, or the monitor was closed meanwhile)
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when this monitor is closed
     */
    public boolean awaitSynced(long timeout, TimeUnit unit) throws InterruptedException {
        checkOpen();
        long start = System.nanoTime();
        long deadline = start + unit.toNanos(timeout);
        for (Watcher w : watchers) {
            if (!w.awaitCaughtUp(start, deadline)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The routes this monitor believes a namespace has now (its reconstructed state).
     *
     * @param netns the namespace's label
     * @return the routes
     * @throws IllegalStateException when this monitor is closed
     */
    public List<Route> routes(String netns) {
        return watcher(netns).snapshot(Topic.ROUTE);
    }

    /**
     * The links this monitor believes a namespace has now.
     *
     * @param netns the namespace's label
     * @return the links
     * @throws IllegalStateException when this monitor is closed
     */
    public List<Link> links(String netns) {
        return watcher(netns).snapshot(Topic.LINK);
    }

    private Watcher watcher(String netns) {
        checkOpen();
        return watchers.stream().filter(w -> w.label.equals(netns)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not watching " + netns));
    }

    /**
     * Stops watching: no event is delivered after this, {@link #take()} and {@link #poll} waiting
     * now throw, and each reader's sockets are released as it ends (the readers busy in a callback
     * are waited for up to 5 s in all; the caller's own reader, when called from the callback, not
     * at all: it ends as the callback returns). A second call does nothing more.
     */
    @Override
    public void close() {
        closed = true;
        if (queue != null) {
            queue.close();
        }
        NetnsDirWatch d = dirWatch;
        if (d != null) {
            d.close();
        }
        watchers.forEach(w -> w.stopping = true);
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        for (Watcher w : watchers) {
            w.stop(deadline);
        }
    }

    /** One namespace: its notification socket, its dump handle, what was reported, its reader thread. */
    private static final class Watcher {
        final String label;
        final Set<Topic> topics;
        final boolean every;
        final Consumer<Event> out;
        final NlSocket events;
        final Rtnl rtnl;
        final Thread thread;
        final Map<Topic, Map<String, Object>> state = new java.util.EnumMap<>(Topic.class);
        volatile boolean stopping;
        /** System.nanoTime() before the last read that found the socket empty with the view complete. */
        private long caughtUpTo;
        private boolean caughtUpOnce;
        private boolean ended;

        /** Opens the sockets, reports the listing when asked to; the reader thread is left to start. */
        Watcher(String label, Netns ns, Set<Topic> topics, Options options, Consumer<Event> out) throws ErrnoException {
            this.label = label;
            this.topics = topics;
            this.every = options.everyNotification();
            this.out = out;
            for (Topic t : Topic.values()) {
                state.put(t, new LinkedHashMap<>());
            }
            try (Netns.Hold h = ns.hold()) {
                events = HelperThread.callErrno("monitor", () -> {
                    ns.enter();
                    return NlSocket.open(NETLINK_ROUTE, "monitor " + label);
                });
            }
            Rtnl r = null;
            try {
                if (options.receiveBuffer() > 0) {
                    events.setReceiveBuffer(options.receiveBuffer());
                }
                for (Topic t : topics) {
                    for (int g : groups(t)) {
                        events.join(g);
                    }
                }
                r = Rtnl.open(ns);
                rtnl = r;
                sync(options.listExisting(), false);   // subscribed first: nothing falls between dump and events
            } catch (ErrnoException | RuntimeException e) {
                events.close();
                if (r != null) {
                    r.close();
                }
                throw e;
            }
            thread = new Thread(this::run, "jnetns-monitor-" + label);
            thread.setDaemon(true);
        }

        private static int[] groups(Topic t) {
            switch (t) {
                case LINK: return new int[] {RTNLGRP_LINK};
                case ADDRESS: return new int[] {RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR};
                case ROUTE: return new int[] {RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE};
                case RULE: return new int[] {RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE};
                case NSID: return new int[] {RTNLGRP_NSID};
                case NETCONF: return new int[] {RTNLGRP_IPV4_NETCONF, RTNLGRP_IPV6_NETCONF, RTNLGRP_MPLS_NETCONF};
                default: return new int[] {RTNLGRP_NEIGH};
            }
        }

        /** The reader: owns the sockets once started, and releases them as it ends. */
        private void run() {
            try {
                read();
            } finally {
                release();
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        private void read() {
            int failures = 0;
            while (!stopping) {
                try {
                    long before = System.nanoTime();
                    if (!events.readEvents(0, this::handle)) {   // nothing queued: every change before 'before' is seen
                        caughtUp(before);
                        events.readEvents(100, this::handle);
                    }
                } catch (ErrnoException e) {
                    if (stopping) {
                        return;
                    }
                    if (!e.is(Errno.ENOBUFS)) {
                        report(new Failed(label, e));
                        return;
                    }
                    try {
                        events.drain();   // what was queued is older than the dump below
                        sync(true, true);
                        failures = 0;
                    } catch (ErrnoException | RuntimeException again) {
                        if (++failures >= RESYNC_ATTEMPTS) {
                            report(new Failed(label, again));
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    report(new Failed(label, e));
                    return;
                }
            }
        }

        private synchronized void caughtUp(long time) {
            caughtUpTo = time;
            caughtUpOnce = true;
            notifyAll();
        }

        /** Waits until this reader has caught up to {@code time}; false at {@code deadline} or when it ended. */
        synchronized boolean awaitCaughtUp(long time, long deadline) throws InterruptedException {
            while (!caughtUpOnce || caughtUpTo - time < 0) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** Dumps every topic and reports (when {@code report}) how it differs from what was reported. */
        private synchronized void sync(boolean report, boolean marker) throws ErrnoException {
            if (topics.contains(Topic.LINK)) {
                replace(Topic.LINK, keyed(rtnl.links().list().stream().map(Link::withoutStats).toList(), Watcher::key),
                        report);
            }
            if (topics.contains(Topic.ADDRESS)) {
                replace(Topic.ADDRESS, keyed(rtnl.addresses().list(), Watcher::key), report);
            }
            if (topics.contains(Topic.ROUTE)) {
                replace(Topic.ROUTE, keyed(rtnl.routes().list().stream().map(Route::withoutCacheInfo).toList(), Watcher::key),
                        report);
            }
            if (topics.contains(Topic.NEIGH)) {
                replace(Topic.NEIGH, keyed(rtnl.neighbours().list().stream().map(Neighbour::withoutAges).toList(), Watcher::key),
                        report);
            }
            if (topics.contains(Topic.RULE)) {
                List<Rule> rules = new ArrayList<>(rtnl.rules().list(AF_INET));
                rules.addAll(rtnl.rules().list(AF_INET6));
                replace(Topic.RULE, keyed(rules, Watcher::key), report);
            }
            if (topics.contains(Topic.NSID)) {
                replace(Topic.NSID, keyed(rtnl.nsidsOf(NamespaceId.ABSENT), Watcher::key), report);
            }
            if (topics.contains(Topic.NETCONF)) {
                replace(Topic.NETCONF, keyed(rtnl.netconfs(0), Watcher::key), report);
            }
            if (marker) {
                report(new Resynced(label));
            }
        }

        private static <T> Map<String, Object> keyed(Collection<T> items, java.util.function.Function<T, String> key) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (T t : items) {
                m.put(key.apply(t), t);
            }
            return m;
        }

        private void replace(Topic t, Map<String, Object> now, boolean report) {
            Map<String, Object> had = state.get(t);
            if (report) {
                for (Map.Entry<String, Object> e : had.entrySet()) {
                    if (!now.containsKey(e.getKey())) {
                        emit(t, Change.REMOVED, e.getValue());
                    }
                }
                for (Map.Entry<String, Object> e : now.entrySet()) {
                    Object old = had.get(e.getKey());
                    if (old == null) {
                        emit(t, Change.ADDED, e.getValue());
                    } else if (!old.equals(e.getValue())) {
                        emit(t, Change.CHANGED, e.getValue());
                    }
                }
            }
            had.clear();
            had.putAll(now);
        }

        /** One notification: applied to the state, reported when it changes it. */
        private synchronized void handle(NlMessage m) {
            switch (m.type()) {
                case RTM_NEWLINK:
                case RTM_DELLINK: {
                    Link l = LinkCodec.decode(m);
                    if (l.family() == 0) {   // AF_BRIDGE notifications describe bridge ports, not devices
                        update(Topic.LINK, l.withoutStats(), m.type() == RTM_DELLINK);
                    } else if (every) {
                        emit(Topic.LINK, m.type() == RTM_DELLINK ? Change.REMOVED : Change.ADDED, l);
                    }
                    break;
                }
                case RTM_NEWADDR: update(Topic.ADDRESS, AddressCodec.decode(m), false); break;
                case RTM_DELADDR: update(Topic.ADDRESS, AddressCodec.decode(m), true); break;
                case RTM_NEWROUTE:
                case RTM_DELROUTE: {
                    Route r = RouteCodec.decode(m);
                    if ((r.flags() & RTM_F_CLONED) == 0) {   // cache clones are not in dumps either
                        update(Topic.ROUTE, r.withoutCacheInfo(), m.type() == RTM_DELROUTE);
                    }
                    break;
                }
                case RTM_NEWNEIGH:
                case RTM_DELNEIGH: {
                    Neighbour n = NeighbourCodec.decode(m);
                    if (n.family() == 2 || n.family() == 10) {   // not the bridge's forwarding database
                        update(Topic.NEIGH, n.withoutAges(), m.type() == RTM_DELNEIGH);
                    } else if (every) {
                        emit(Topic.NEIGH, m.type() == RTM_DELNEIGH ? Change.REMOVED : Change.ADDED, n);
                    }
                    break;
                }
                case RTM_NEWRULE: update(Topic.RULE, RuleCodec.decode(m), false); break;
                case RTM_DELRULE: update(Topic.RULE, RuleCodec.decode(m), true); break;
                case RTM_NEWNSID: update(Topic.NSID, NsidCodec.decode(m), false); break;
                case RTM_DELNSID: update(Topic.NSID, NsidCodec.decode(m), true); break;
                case RTM_NEWNETCONF: netconf(NetconfCodec.decode(m), false); break;
                case RTM_DELNETCONF: netconf(NetconfCodec.decode(m), true); break;
                default: break;
            }
        }

        private void update(Topic t, Object value, boolean removed) {
            if (!topics.contains(t)) {
                return;
            }
            Map<String, Object> s = state.get(t);
            String key = key(value);
            Object old = s.get(key);
            if (removed) {
                if (old != null || every) {
                    s.remove(key);
                    emit(t, Change.REMOVED, value);
                }
                if (t == Topic.LINK) {
                    forgetDevice(((Link) value).index());
                }
            } else if (old == null || every) {
                s.put(key, value);
                emit(t, Change.ADDED, value);
            } else if (!Objects.equals(old, value)) {
                s.put(key, value);
                emit(t, Change.CHANGED, value);
            }
        }

        /**
         * A netconf notification holds only the settings that changed (a new device's: all of
         * them): applied to the entry held; with {@code every}, reported as it came.
         */
        private void netconf(Netconf c, boolean removed) {
            if (!topics.contains(Topic.NETCONF)) {
                return;
            }
            Map<String, Object> s = state.get(Topic.NETCONF);
            Netconf old = (Netconf) s.get(key(c));
            Netconf now = old == null || removed ? c : old.updatedBy(c);
            if (!every) {
                update(Topic.NETCONF, removed && old != null ? old : now, removed);
            } else if (removed) {
                s.remove(key(c));
                emit(Topic.NETCONF, Change.REMOVED, c);
            } else {
                s.put(key(c), now);
                emit(Topic.NETCONF, Change.ADDED, c);
            }
        }

        /** The kernel removes a deleted device's addresses, routes and neighbours, not always saying so. */
        private void forgetDevice(int index) {
            removeIf(Topic.NETCONF, v -> ((Netconf) v).ifindex() == index);
            removeIf(Topic.ADDRESS, v -> ((Address) v).index() == index);
            removeIf(Topic.ROUTE, v -> ((Route) v).oif() == index);
            removeIf(Topic.NEIGH, v -> ((Neighbour) v).index() == index);
        }

        private void removeIf(Topic t, java.util.function.Predicate<Object> p) {
            var it = state.get(t).values().iterator();
            while (it.hasNext()) {
                Object v = it.next();
                if (p.test(v)) {
                    it.remove();
                    if (!every) {   // the kernel said nothing: ip monitor prints nothing
                        emit(t, Change.REMOVED, v);
                    }
                }
            }
        }

        private void emit(Topic t, Change c, Object v) {
            switch (t) {
                case LINK: report(new LinkEvent(label, c, (Link) v)); break;
                case ADDRESS: report(new AddressEvent(label, c, (Address) v)); break;
                case ROUTE: report(new RouteEvent(label, c, (Route) v)); break;
                case RULE: report(new RuleEvent(label, c, (Rule) v)); break;
                case NSID: report(new NsidEvent(label, c, (NamespaceId) v)); break;
                case NETCONF: report(new NetconfEvent(label, c, (Netconf) v)); break;
                default: report(new NeighbourEvent(label, c, (Neighbour) v)); break;
            }
        }

        /** Reports {@code e}, unless this reader is stopping (the rest of a datagram read before). */
        private void report(Event e) {
            if (!stopping) {
                out.accept(e);
            }
        }

        static String key(Object v) {
            if (v instanceof Link) {
                return String.valueOf(((Link) v).index());
            }
            if (v instanceof Address) {
                Address a = (Address) v;
                return a.index() + "|" + a.prefix();
            }
            if (v instanceof Route) {
                Route r = (Route) v;
                return r.family() + "|" + r.table() + "|" + r.type() + "|" + r.dst() + "|" + r.metric()
                        + (r.family() == 10 ? "|" + r.oif() : "");
            }
            if (v instanceof Rule) {
                return v.toString();   // a rule has no identity but all of itself
            }
            if (v instanceof NamespaceId) {
                return String.valueOf(((NamespaceId) v).nsid());
            }
            if (v instanceof Netconf c) {
                return c.family() + "|" + c.ifindex();
            }
            Neighbour n = (Neighbour) v;
            return n.index() + "|" + IpPrefix.format(n.dst());
        }

        @SuppressWarnings("unchecked")
        <T> List<T> snapshot(Topic t) {
            synchronized (this) {
                return new ArrayList<>((Collection<T>) state.get(t).values());
            }
        }

        /** Ends the reader, waiting for it until {@code deadline} (System.nanoTime()) unless this is the reader (its callback). */
        void stop(long deadline) {
            stopping = true;
            if (Thread.currentThread() == thread) {
                return;
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void release() {
            try {
                events.close();
            } catch (ErrnoException e) {
                // closing
            }
            try {
                rtnl.close();
            } catch (ErrnoException e) {
                // closing
            }
        }
    }
}
