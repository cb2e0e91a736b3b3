package dev.jnetns.cni;

import java.net.InetAddress;
import java.util.List;

/**
 * host-local's walk through a range set: round robin, from the address after the one leased last
 * (or from the first range's start), range after range, skipping each range's gateway, until it is
 * back where it began. {@link #next} returns the range of the next candidate, {@link #current} the
 * candidate; null when every address was offered.
 */
final class HostLocalIterator {
    private final List<HostLocalRange> set;
    private int index;
    private InetAddress current;
    private InetAddress first;

    HostLocalIterator(List<HostLocalRange> set, InetAddress lastReserved) {
        this.set = set;
        if (lastReserved != null && HostLocal.contains(set, lastReserved)) {
            for (int i = 0; i < set.size(); i++) {
                if (set.get(i).contains(lastReserved)) {
                    index = i;
                    current = lastReserved;   // advanced before it is offered
                    break;
                }
            }
        }
    }

    InetAddress current() {
        return current;
    }

    HostLocalRange next() {
        HostLocalRange r = set.get(index);
        if (current == null) {
            current = r.start();
            first = current;
        } else {
            if (current.equals(r.end())) {
                index = (index + 1) % set.size();
                r = set.get(index);
                current = r.start();
            } else {
                current = HostLocalRange.next(current);
            }
            if (first == null) {
                first = current;
            } else if (current.equals(first)) {
                return null;
            }
        }
        return current.equals(r.gateway()) ? next() : r;
    }
}
