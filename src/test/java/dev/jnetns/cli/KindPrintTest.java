package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.Vlan;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindPrintTest {
    private static Link link(String kind, LinkData data) {
        return new Link(7, "k0", 0x1002, 1500, null, -1, -1, -1, -1, 1, "02:00:00:00:00:07", "ff:ff:ff:ff:ff:ff",
                0, 0, -1, null, new Link.Info(kind, data, null, null, RawAttributes.of(new byte[] {1, 1}, null, new byte[0])), Link.Details.NONE, null,
                0, 0, -1, -1, RawAttributes.NONE);
    }

    @Test
    void vlan() throws Exception {
        Link l = link("vlan", new Vlan(10, 0x88a8, new Vlan.Flags(0x1f | 0x40, -1),
                List.of(new Vlan.QosMapping(1, 2), new Vlan.QosMapping(3, 4)), List.of(), RawAttributes.NONE));
        NlWriter w = new NlWriter();
        w.beginMessage(LinuxRtnetlink.RTM_NEWLINK, 0, 1);
        LinkCodec.encode(l, w);
        w.endMessage();
        Path f = Files.createTempFile("jnetns-kind", ".rt");
        ByteBuffer b = w.bytes();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Files.write(f, bytes);
        Link back;
        Link[] one = new Link[1];
        NlMessage.each(ByteBuffer.wrap(bytes), m -> one[0] = LinkCodec.decode(m));
        back = one[0];
        try (Netns ns = Netns.create()) {
            String ip = Ip.run(ns, "-d", "monitor", "file", f.toString());
            Out out = Out.text();
            new LinkPrinter(List.of(back), true, true, Map.of(), 0).print(back, out, true);
            assertEquals(ip, out + "\n");
        } finally {
            Files.delete(f);
        }
    }
}
