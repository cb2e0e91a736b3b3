package dev.jnetns.netlink;

import dev.jnetns.BulkResult;
import dev.jnetns.DumpInterruptedException;
import dev.jnetns.NetlinkException;
import dev.jnetns.uapi.LinuxNetlink;
import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ADD_MEMBERSHIP;
import static dev.jnetns.uapi.LinuxNetlink.NETLINK_CAP_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NETLINK_EXT_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NETLINK_GET_STRICT_CHK;
import static dev.jnetns.uapi.LinuxNetlink.NLMSGERR_ATTR_MSG;
import static dev.jnetns.uapi.LinuxNetlink.NLMSGERR_MSG_OFFSET;
import static dev.jnetns.uapi.LinuxNetlink.NLMSG_DONE;
import static dev.jnetns.uapi.LinuxNetlink.NLMSG_ERROR;
import static dev.jnetns.uapi.LinuxNetlink.NLMSG_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK_TLVS;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CAPPED;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP_INTR;
import static dev.jnetns.uapi.LinuxNetlink.SOCKADDR_NL_PID_OFFSET;
import static dev.jnetns.uapi.LinuxNetlink.SOCKADDR_NL_SIZE;
import static dev.jnetns.uapi.LinuxNetlink.SOL_NETLINK;
import static dev.jnetns.uapi.LinuxNetlink.align;
import static dev.jnetns.uapi.LinuxSocket.AF_NETLINK;
import static dev.jnetns.uapi.LinuxSocket.MSG_PEEK;
import static dev.jnetns.uapi.LinuxSocket.MSG_TRUNC;
import static dev.jnetns.uapi.LinuxSocket.SOCK_CLOEXEC;
import static dev.jnetns.uapi.LinuxSocket.SOCK_RAW;
import static dev.jnetns.uapi.LinuxSocket.SOL_SOCKET;
import static dev.jnetns.uapi.LinuxSocket.SO_RCVBUF;

import dev.jnetns.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A netlink request/response socket. It lives in the network namespace of the thread that opened
 * it and can then be used from any thread; requests are serialised by the socket. Every socket
 * asks for extended acks ({@code NETLINK_EXT_ACK}) and capped acks ({@code NETLINK_CAP_ACK}).
 *
 * <p>Replies are matched to requests by sequence number. A request always leaves the socket clean:
 * when its consumer or decoder throws midway (an abandoned dump), the rest of its replies is read
 * and dropped before the exception goes on, so the next request does not meet the kernel's EBUSY
 * or stale replies. Dumps of any size are read completely (each datagram's size is peeked
 * first), and a dump the kernel marks {@code NLM_F_DUMP_INTR} is restarted.
 */
public final class NlSocket implements AutoCloseable {
    /** How often a dump interrupted by concurrent changes is restarted before giving up. */
    static final int DUMP_ATTEMPTS = 10;

    /** Writes one request message with the given sequence number into a writer. */
    @FunctionalInterface
    public interface Request {
        /**
         * Writes the request.
         *
         * @param w the writer
         * @param seq the sequence number the message must carry
         */
        void write(NlWriter w, int seq);
    }

    /**
     * Turns one reply message of a dump into a value, or null to leave it out.
     *
     * @param <T> the values' type
     */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * Decodes one reply.
         *
         * @param m the reply
         * @return its value, or null to leave it out
         */
        T decode(NlMessage m);
    }

    private final Syscalls sys;
    private final int fd;
    private final int portId;
    private final String label;
    private final NlWriter tx = new NlWriter(8192);
    private ByteBuffer rx = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.nativeOrder());
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private volatile boolean closed;
    /** An exchange ended without its last reply being seen: drain the socket before the next request. */
    private boolean dirty;
    /** ip's {@code -echo}: where the replies to a change request sent with NLM_F_ECHO go; null when off. */
    private java.util.function.Consumer<NlMessage> echo;

    private NlSocket(Syscalls sys, int fd, int portId, String label) {
        this.sys = sys;
        this.fd = fd;
        this.portId = portId;
        this.label = label;
    }

    /**
     * Opens a netlink socket of {@code protocol} (e.g. {@link LinuxNetlink#NETLINK_ROUTE}) in the
     * calling thread's network namespace.
     *
     * @param protocol the netlink protocol
     * @param label names the socket's owner in errors ("rtnl NAME is closed")
     * @return the socket, bound, with extended acks on
     * @throws ErrnoException when a system call fails
     */
    public static NlSocket open(int protocol, String label) throws ErrnoException {
        Syscalls sys = Syscalls.get();
        int fd = sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        try {
            sys.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
            sys.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
            byte[] addr = new byte[SOCKADDR_NL_SIZE];
            ByteBuffer a = ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder());
            a.putShort(0, (short) AF_NETLINK);
            sys.bind(fd, addr);
            sys.getsockname(fd, addr);
            return new NlSocket(sys, fd, a.getInt(SOCKADDR_NL_PID_OFFSET), label);
        } catch (ErrnoException | RuntimeException e) {
            closeQuietly(sys, fd);
            throw e;
        }
    }

    private static void closeQuietly(Syscalls sys, int fd) {
        try {
            sys.close(fd);
        } catch (ErrnoException ignored) {
            // the open already failed; its error is the one to report
        }
    }

    /**
     * The socket's address.
     *
     * @return the port id the kernel gave this socket
     */
    public int portId() {
        return portId;
    }

    /**
     * The socket's file descriptor.
     *
     * @return the descriptor, owned by this object
     */
    public int fd() {
        return fd;
    }

    /**
     * Turns strict checking of dump requests ({@code NETLINK_GET_STRICT_CHK}) on or off.
     *
     * @param on true for on
     * @throws ErrnoException when the kernel refuses (ENOPROTOOPT before Linux 4.20)
     */
    public void setStrictCheck(boolean on) throws ErrnoException {
        sys.setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, on ? 1 : 0);
    }

    /**
     * Sends one request (which must carry {@code NLM_F_ACK}) and waits for its acknowledgement.
     *
     * @param what summary of the request for error messages, e.g. "link set dev v0 mtu 10"
     * @param request writes the request
     * @throws NetlinkException when the kernel answers with an error
     * @throws ErrnoException when a system call fails
     */
    public void execute(String what, Request request) throws ErrnoException {
        execute(what, request, m -> null);
    }

    /**
     * Sends one request (which must carry {@code NLM_F_ACK}), decodes the replies that come before
     * its acknowledgement (e.g. the answer to an RTM_GETLINK) and returns them.
     *
     * @param <T> the replies' type
     * @param what summary of the request for error messages
     * @param request writes the request
     * @param decoder turns a reply into a value, or null to leave it out
     * @return the decoded replies (unmodifiable)
     * @throws ErrnoException when a system call fails; a {@link NetlinkException} when the kernel refuses the request
     */
    public synchronized <T> List<T> execute(String what, Request request, Decoder<T> decoder) throws ErrnoException {
        int s = nextSeq();
        tx.clear();
        request.write(tx, s);
        java.util.function.Consumer<NlMessage> echoed = echoing() ? echo : null;
        send(tx.bytes());
        List<T> out = new ArrayList<>(1);
        exchange(m -> m.seq() == s && m.type() == NLMSG_ERROR, m -> {
            if (m.seq() != s) {
                return;
            }
            if (m.type() == NLMSG_ERROR) {
                int error = m.buffer().getInt(m.payloadOffset());
                if (error != 0) {
                    throw failure(what, m, -error);
                }
                return;
            }
            if (echoed != null) {
                echoed.accept(m);
                return;
            }
            T value = decoder.decode(m);
            if (value != null) {
                out.add(value);
            }
        });
        return Collections.unmodifiableList(out);
    }

    /**
     * ip's {@code -echo}: from now on each change request {@link #execute} sends (a NEW, DEL or SET
     * message, not a GET) carries NLM_F_ECHO, and the kernel's copy of the object it made, changed or
     * deleted goes to {@code sink} (while the reply is read) instead of the decoder.
     *
     * @param sink the echoed messages' consumer, null to stop asking for them
     */
    public synchronized void echoChanges(java.util.function.Consumer<NlMessage> sink) {
        echo = sink;
    }

    /** With {@link #echo} set and a change request in {@link #tx}: sets its NLM_F_ECHO; whether it did. */
    private boolean echoing() {
        ByteBuffer b = tx.bytes();
        if (echo == null || b.remaining() < NLMSG_HDRLEN || (b.getShort(b.position() + 4) & 3) == 2) {
            return false;
        }
        int flags = b.position() + 6;   // the view shares the writer's bytes
        b.putShort(flags, (short) (b.getShort(flags) | LinuxNetlink.NLM_F_ECHO));
        return true;
    }

    /**
     * Sends a dump request and decodes every reply until NLMSG_DONE; restarts the dump when the
     * kernel marks it interrupted.
     *
     * @param <T> the replies' type
     * @param what summary of the request for error messages
     * @param request writes the dump request
     * @param decoder turns a reply into a value, or null to leave it out
     * @return the decoded replies (unmodifiable)
     * @throws DumpInterruptedException when every attempt was interrupted
     * @throws ErrnoException when a system call fails; a {@link NetlinkException} when the kernel refuses the request
     */
    public synchronized <T> List<T> dump(String what, Request request, Decoder<T> decoder) throws ErrnoException {
        for (int attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
            List<T> out = new ArrayList<>();
            try {
                dumpEach(what, request, decoder, out::add);
                return Collections.unmodifiableList(out);
            } catch (DumpInterruptedException e) {
                // the table changed while it was dumped: dump it again
            }
        }
        throw new DumpInterruptedException(what, DUMP_ATTEMPTS);
    }

    /** Bytes of requests sent per datagram by {@link #executeAll}. */
    static final int BULK_CHUNK_BYTES = 64 * 1024;

    /**
     * Requests sent per datagram by {@link #executeAll} at most: when every one of them fails, the
     * kernel queues one error reply each (an skb of ~0.7 KiB truesize), and they must all fit in the
     * default receive buffer (rmem_default, 208 KiB) or the socket overflows (ENOBUFS) and the
     * failures are lost.
     */
    static final int BULK_CHUNK_REQUESTS = 128;


    /**
     * Sends {@code count} requests many per datagram, without asking an acknowledgement for each
     * (the kernel answers only failures) and with one NLMSG_NOOP barrier per datagram whose ack
     * says every request before it has been handled. Failures are matched to their request by
     * sequence number.
     *
     * @param count how many requests
     * @param requests writes request {@code i} (without NLM_F_ACK) with the given sequence number
     * @param stopAtFirstError when true, no datagram is sent after one that had a failure
     * @param what describes request {@code i} for error messages
     * @return what was sent and what the kernel refused
     * @throws ErrnoException when a system call fails
     */
    public synchronized BulkResult executeAll(int count, IndexedRequest requests, boolean stopAtFirstError,
                                              java.util.function.IntFunction<String> what) throws ErrnoException {
        java.util.SortedMap<Integer, NetlinkException> failures = new java.util.TreeMap<>();
        int i = 0;
        while (i < count) {
            tx.clear();
            if (seq > Integer.MAX_VALUE - 2 * BULK_CHUNK_BYTES) {
                seq = 0;   // sequence numbers of a chunk must not wrap: failures are found by difference
            }
            int firstSeq = seq + 1;
            int first = i;
            i = writeChunk(requests, i, count);
            int barrier = nextSeq();
            tx.beginMessage(LinuxNetlink.NLMSG_NOOP, LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_ACK, barrier);
            tx.endMessage();
            send(tx.bytes());
            int base = first;
            exchange(m -> m.seq() == barrier && m.type() == NLMSG_ERROR, m -> {
                if (m.type() != NLMSG_ERROR || m.seq() == barrier) {
                    return;
                }
                int error = m.buffer().getInt(m.payloadOffset());
                int index = base + (m.seq() - firstSeq);
                if (error != 0 && index >= base && index < count) {
                    failures.put(index, failure(what.apply(index), m, -error));
                }
            });
            if (stopAtFirstError && !failures.isEmpty()) {
                return new BulkResult(i, failures);
            }
        }
        return new BulkResult(i, failures);
    }

    /**
     * Writes the requests of one datagram of {@link #executeAll} from request {@code i} on; returns
     * the index after the last. (A method per datagram, not a loop inside executeAll, so that a
     * short-lived JVM compiles it after a few hundred datagrams.)
     */
    private int writeChunk(IndexedRequest requests, int i, int count) {
        int first = i;
        while (i < count && tx.size() < BULK_CHUNK_BYTES && i - first < BULK_CHUNK_REQUESTS) {
            requests.write(tx, nextSeq(), i);
            i++;
        }
        return i;
    }

    /** Writes request number {@code index} with sequence number {@code seq}. */
    @FunctionalInterface
    public interface IndexedRequest {
        /**
         * Writes one request.
         *
         * @param w the writer
         * @param seq the sequence number the message must carry
         * @param index which request
         */
        void write(NlWriter w, int seq, int index);
    }

    /**
     * Joins a multicast group: the kernel's notifications arrive here.
     *
     * @param group an {@code RTNLGRP_*}
     * @throws ErrnoException when the kernel refuses
     */
    public void join(int group) throws ErrnoException {
        sys.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Sets the receive buffer (SO_RCVBUF); the kernel doubles and bounds it.
     *
     * @param bytes the size asked for
     * @throws ErrnoException when the kernel refuses
     */
    public void setReceiveBuffer(int bytes) throws ErrnoException {
        sys.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, bytes);
    }

    /**
     * Waits up to {@code timeoutMillis} for notifications and hands each message of one datagram to
     * {@code handler}.
     *
     * @param timeoutMillis how long to wait, -1 for ever
     * @param handler takes each message
     * @return false when nothing came in time
     * @throws ErrnoException ENOBUFS when notifications were lost because the buffer overflowed
     */
    public synchronized boolean readEvents(int timeoutMillis, java.util.function.Consumer<NlMessage> handler)
            throws ErrnoException {
        checkOpen();
        if (!sys.poll(fd, timeoutMillis)) {
            return false;
        }
        int n = recvDatagram();
        for (int off = 0; off + NLMSG_HDRLEN <= n; off += align(rx.getInt(off))) {
            handler.accept(message(off, n));
        }
        return true;
    }

    /**
     * Discards every queued datagram. After an ENOBUFS the kernel reports no further losses until
     * the queue has been emptied once, so a reader that resynchronises drains first.
     *
     * @throws ErrnoException when a system call fails
     */
    public synchronized void drain() throws ErrnoException {
        checkOpen();
        while (sys.poll(fd, 0)) {
            try {
                recvDatagram();
            } catch (ErrnoException e) {
                if (!e.is(dev.jnetns.Errno.ENOBUFS)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Streams a dump: each reply is decoded and handed to {@code sink} as it is read, in constant
     * memory whatever the dump's size.
     *
     * @param <T> the replies' type
     * @param what summary of the request for error messages
     * @param request writes the dump request
     * @param decoder turns a reply into a value, or null to leave it out
     * @param sink takes each value as it is decoded
     * @throws DumpInterruptedException after the last reply when the kernel marked the dump
     *         interrupted (its table changed meanwhile): what {@code sink} got may be inconsistent
     * @throws ErrnoException when a system call fails; a {@link NetlinkException} when the kernel refuses the request
     */
    public synchronized <T> void dumpEach(String what, Request request, Decoder<T> decoder,
                                          java.util.function.Consumer<T> sink) throws ErrnoException {
        int s = nextSeq();
        tx.clear();
        request.write(tx, s);
        send(tx.bytes());
        boolean[] interrupted = {false};
        exchange(m -> m.seq() == s && (m.type() == NLMSG_DONE || m.type() == NLMSG_ERROR), m -> {
            if (m.seq() != s) {
                return;
            }
            if ((m.flags() & NLM_F_DUMP_INTR) != 0) {
                interrupted[0] = true;
            }
            if (m.type() == NLMSG_DONE) {
                int error = m.end() - m.payloadOffset() >= 4 ? m.buffer().getInt(m.payloadOffset()) : 0;
                if (error < 0) {
                    throw failure(what, m, -error);
                }
                return;
            }
            if (m.type() == NLMSG_ERROR) {
                throw failure(what, m, -m.buffer().getInt(m.payloadOffset()));
            }
            T value = decoder.decode(m);
            if (value != null) {
                sink.accept(value);
            }
        });
        if (interrupted[0]) {
            throw new DumpInterruptedException(what, 1);
        }
    }

    private int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    private void send(ByteBuffer bytes) throws ErrnoException {
        checkOpen();
        if (dirty) {
            drain();   // what an exchange that failed midway left queued
            dirty = false;
        }
        int n = sys.send(fd, bytes, 0);
        if (n != bytes.remaining()) {
            throw new ErrnoException("send(netlink): short write " + n + " of " + bytes.remaining(), 5 /* EIO */);
        }
    }

    /** Handles one reply message of an exchange. */
    private interface Handler {
        void handle(NlMessage m) throws NetlinkException;
    }

    /** Says whether a reply is the last of an exchange (its ack, NLMSG_DONE or NLMSG_ERROR). */
    private interface Last {
        boolean test(NlMessage m);
    }

    /**
     * Reads the replies of one exchange, handing each to {@code handler}, up to the one {@code last}
     * accepts. When {@code handler} throws (a consumer that gives up midway, a reply that does not
     * decode, the kernel's error), the rest of the exchange is still read, and dropped, before the
     * exception goes on: the socket is left clean for the next request. When even that cannot be
     * done (the socket failed, a malformed datagram), the socket is drained before its next request.
     */
    private void exchange(Last last, Handler handler) throws ErrnoException {
        Throwable failure = null;
        boolean ended = false;
        while (!ended) {
            int n;
            try {
                n = recvDatagram();
            } catch (ErrnoException | RuntimeException e) {
                dirty = true;
                throw e;
            }
            for (int off = 0; off + NLMSG_HDRLEN <= n; off += align(rx.getInt(off))) {
                NlMessage m;
                try {
                    m = message(off, n);
                } catch (NlDecodeException e) {
                    dirty = true;
                    throw e;
                }
                ended |= last.test(m);
                if (failure == null) {
                    try {
                        handler.handle(m);
                    } catch (NetlinkException | RuntimeException | Error e) {
                        failure = e;
                    }
                }
            }
        }
        if (failure instanceof NetlinkException) {
            throw (NetlinkException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    /** The message at {@code off} of the datagram of {@code n} bytes in {@link #rx}. */
    private NlMessage message(int off, int n) {
        return message(rx, off, n);
    }

    /**
     * The message at {@code off} of a datagram of {@code n} bytes in {@code buf}.
     *
     * @throws NlDecodeException when its length is shorter than a header or runs past the datagram
     */
    static NlMessage message(ByteBuffer buf, int off, int n) {
        int len = buf.getInt(off);
        if (len < NLMSG_HDRLEN || len > n - off) {   // not off + len: that overflows for a length near 2^31
            throw new NlDecodeException("netlink message of length " + len + " at offset " + off
                    + " in a datagram of " + n + " bytes");
        }
        return new NlMessage(buf, off, len);
    }

    /** Reads one datagram into {@link #rx}, growing it first when the datagram is larger. */
    private int recvDatagram() throws ErrnoException {
        checkOpen();
        rx.clear().limit(0);   // the length only (MSG_TRUNC gives it whole), no copy: as ip peeks
        int size = sys.recv(fd, rx, MSG_PEEK | MSG_TRUNC);
        if (size > rx.capacity()) {
            rx = ByteBuffer.allocateDirect(Integer.highestOneBit(size) * 2).order(ByteOrder.nativeOrder());
        }
        rx.clear();
        return sys.recv(fd, rx, 0);
    }

    /** Builds the exception for an NLMSG_ERROR (or a failed NLMSG_DONE), with the extended ack. */
    private static NetlinkException failure(String what, NlMessage m, int errno) {
        String extAck = null;
        if ((m.flags() & NLM_F_ACK_TLVS) != 0) {
            int tlvStart;
            if (m.type() == NLMSG_DONE) {
                tlvStart = m.payloadOffset() + Integer.BYTES;
            } else {
                int echoedLen = m.buffer().getInt(m.payloadOffset() + NLMSGERR_MSG_OFFSET);
                tlvStart = m.payloadOffset() + NLMSGERR_MSG_OFFSET
                        + ((m.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : align(echoedLen));
            }
            if (tlvStart < m.end()) {
                NlAttrs tlvs = NlAttrs.parse(m.buffer(), tlvStart, m.end(), "extended ack");
                extAck = tlvs.stringOrNull(NLMSGERR_ATTR_MSG);
            }
        }
        return new NetlinkException(what, errno, extAck);
    }

    /** @throws IllegalStateException "LABEL is closed" once the socket is closed */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException(label + " is closed");
        }
    }

    @Override
    public synchronized void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            sys.close(fd);
        }
    }
}
