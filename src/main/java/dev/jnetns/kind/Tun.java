package dev.jnetns.kind;

import dev.jnetns.RawAttributes;

/**
 * A tun or tap device's settings (IFLA_TUN_*, {@code ip -d link show}: {@code type tap pi off ...});
 * each -1 when the kernel did not send it.
 *
 * @param type 1 tun, 2 tap
 * @param pi 1 when packets carry the packet-information header
 * @param vnetHdr 1 when packets carry a virtio-net header
 * @param persist 1 when the device outlives its file descriptors
 * @param multiQueue 1 for a multi-queue device
 * @param numQueues attached queues of a multi-queue device
 * @param numDisabledQueues disabled queues of a multi-queue device
 * @param owner the uid allowed to attach
 * @param group the gid allowed to attach
 * @param raw unmodelled attributes
 */
public record Tun(int type, int pi, int vnetHdr, int persist, int multiQueue, long numQueues, long numDisabledQueues,
                  long owner, long group, RawAttributes raw) implements LinkData {
}
