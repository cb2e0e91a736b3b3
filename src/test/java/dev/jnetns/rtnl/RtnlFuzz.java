package dev.jnetns.rtnl;

import dev.jnetns.netlink.NetlinkFuzz;
import dev.jnetns.netlink.NlMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fuzz target: every object codec decodes every message of a fuzzed datagram (framed as NlSocket
 * frames it); the only failure allowed is NlDecodeException. A new codec joins by one line here.
 */
public final class RtnlFuzz {
    private static final List<Consumer<NlMessage>> CODECS = List.of(LinkCodec::decode, AddressCodec::decode,
            RouteCodec::decode, NeighbourCodec::decode, RuleCodec::decode, NsidCodec::decode);

    private RtnlFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        NetlinkFuzz.each(data, CODECS);
    }
}
