package dev.jnetns;

import static dev.jnetns.uapi.LinuxRoute.RTAX_ADVMSS;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FASTOPEN_NO_COOKIE;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_HOPLIMIT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_INITCWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_INITRWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_LOCK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTAX_QUICKACK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_REORDERING;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTO_MIN;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTTVAR;
import static dev.jnetns.uapi.LinuxRoute.RTAX_SSTHRESH;
import static dev.jnetns.uapi.LinuxRoute.RTAX_WINDOW;

/**
 * The metrics of a route (RTA_METRICS), as {@code ip route} sets and prints them: {@code mtu lock
 * 1400 window 1000 rtt 10ms ...}. Each number is the kernel's u32, -1 when absent; {@code rtt} and
 * {@code rttvar} are in the kernel's units (1/8 and 1/4 ms; see {@link #rttMillis()}), so that a
 * route read from the kernel is written back unchanged.
 *
 * @param lock RTAX_LOCK: bit {@code 1 << RTAX_*} set for each metric the kernel must not change ({@code lock})
 * @param congctl the congestion control algorithm (RTAX_CC_ALGO), or null
 * @param raw metrics this record does not model (a newer kernel's), kept as sent
 * @param mtu {@code mtu}: the path MTU (RTAX_MTU)
 * @param window {@code window}: the TCP window clamp (RTAX_WINDOW)
 * @param rtt {@code rtt}: the smoothed round-trip time in 1/8 ms (RTAX_RTT)
 * @param rttvar {@code rttvar}: the round-trip time variance in 1/4 ms (RTAX_RTTVAR)
 * @param ssthresh {@code ssthresh}: the slow-start threshold (RTAX_SSTHRESH)
 * @param cwnd {@code cwnd}: the congestion window clamp (RTAX_CWND)
 * @param advmss {@code advmss}: the MSS to advertise (RTAX_ADVMSS)
 * @param reordering {@code reordering}: the reordering metric (RTAX_REORDERING)
 * @param hoplimit {@code hoplimit} (RTAX_HOPLIMIT)
 * @param initcwnd {@code initcwnd}: the initial congestion window (RTAX_INITCWND)
 * @param features {@code features}: RTAX_FEATURE_* bits (RTAX_FEATURES)
 * @param rtoMin {@code rto_min}: the minimum retransmission timeout in ms (RTAX_RTO_MIN)
 * @param initrwnd {@code initrwnd}: the initial receive window (RTAX_INITRWND)
 * @param quickack {@code quickack} (RTAX_QUICKACK)
 * @param fastopenNoCookie {@code fastopen_no_cookie} (RTAX_FASTOPEN_NO_COOKIE)
 */
public record RouteMetrics(long lock, long mtu, long window, long rtt, long rttvar, long ssthresh, long cwnd,
                           long advmss, long reordering, long hoplimit, long initcwnd, long features, long rtoMin,
                           long initrwnd, long quickack, String congctl, long fastopenNoCookie, RawAttributes raw) {

    /** No metrics. */
    public static final RouteMetrics NONE = new RouteMetrics(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, null, -1, RawAttributes.NONE);

    /**
     * {@return the u32 metric RTAX_{@code type} (1..17 but RTAX_CC_ALGO), -1 when absent}
     *
     * @param type an RTAX_* number
     */
    public long get(int type) {
        return switch (type) {
            case RTAX_LOCK -> lock;
            case RTAX_MTU -> mtu;
            case RTAX_WINDOW -> window;
            case RTAX_RTT -> rtt;
            case RTAX_RTTVAR -> rttvar;
            case RTAX_SSTHRESH -> ssthresh;
            case RTAX_CWND -> cwnd;
            case RTAX_ADVMSS -> advmss;
            case RTAX_REORDERING -> reordering;
            case RTAX_HOPLIMIT -> hoplimit;
            case RTAX_INITCWND -> initcwnd;
            case RTAX_FEATURES -> features;
            case RTAX_RTO_MIN -> rtoMin;
            case RTAX_INITRWND -> initrwnd;
            case RTAX_QUICKACK -> quickack;
            case RTAX_FASTOPEN_NO_COOKIE -> fastopenNoCookie;
            default -> -1;
        };
    }

    /**
     * This record with RTAX_{@code type} (a u32 metric, RTAX_LOCK included) set to {@code value}
     * (-1 removes it), written afresh in {@code ip}'s order.
     *
     * @param type an RTAX_* number
     * @param value the value, -1 to remove the metric
     * @return the new record
     */
    public RouteMetrics with(int type, long value) {
        long[] v = new long[RTAX_FASTOPEN_NO_COOKIE + 1];
        for (int i = RTAX_LOCK; i < v.length; i++) {
            v[i] = i == type ? value : get(i);
        }
        return new RouteMetrics(v[RTAX_LOCK], v[RTAX_MTU], v[RTAX_WINDOW], v[RTAX_RTT], v[RTAX_RTTVAR],
                v[RTAX_SSTHRESH], v[RTAX_CWND], v[RTAX_ADVMSS], v[RTAX_REORDERING], v[RTAX_HOPLIMIT],
                v[RTAX_INITCWND], v[RTAX_FEATURES], v[RTAX_RTO_MIN], v[RTAX_INITRWND], v[RTAX_QUICKACK], congctl,
                v[RTAX_FASTOPEN_NO_COOKIE], raw.withoutLayout());
    }

    /**
     * This record with the congestion control algorithm {@code congctl} (RTAX_CC_ALGO; null removes it).
     *
     * @param congctl the algorithm's name ({@code congctl cubic}), or null
     * @return the new record
     */
    public RouteMetrics withCongctl(String congctl) {
        return new RouteMetrics(lock, mtu, window, rtt, rttvar, ssthresh, cwnd, advmss, reordering, hoplimit,
                initcwnd, features, rtoMin, initrwnd, quickack, congctl, fastopenNoCookie, raw.withoutLayout());
    }

    /**
     * {@return true when {@code type} is present (a number, or the congestion control name)}
     *
     * @param type an RTAX_* number
     */
    public boolean has(int type) {
        return type == RTAX_CC_ALGO ? congctl != null : get(type) >= 0;
    }

    /**
     * {@return true when {@code lock} holds the bit of {@code type} ({@code ip route ... mtu lock N})}
     *
     * @param type an RTAX_* number
     */
    public boolean locked(int type) {
        return lock >= 0 && type < 32 && (lock & (1L << type)) != 0;
    }

    /** {@return true when no metric at all is held} */
    public boolean isEmpty() {
        // NONE itself first (what a route without RTA_METRICS holds): a record's equals is an
        // invokedynamic whose first call spins method-handle classes the AOT cache does not keep,
        // and which C1 alone runs slowly for each of 100 000 routes of a dump or a batch
        return this == NONE || equals(NONE);
    }

    /** {@return the smoothed round-trip time in ms ({@code rtt 10ms}), -1 when absent} */
    public long rttMillis() {
        return rtt < 0 ? -1 : rtt / 8;
    }

    /** {@return the round-trip time variance in ms ({@code rttvar 5ms}), -1 when absent} */
    public long rttvarMillis() {
        return rttvar < 0 ? -1 : rttvar / 4;
    }
}
