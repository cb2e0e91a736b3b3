/*
 * bench/rawbench.c - the kernel's own rate for the workloads of `jnetns bench`, from C with no
 * library, requests written by hand. Each run makes a fresh network namespace for itself (unshare),
 * does one workload, prints its seconds and exits. bench/api-vs-c.sh compiles it and prints
 * `jnetns bench` beside it. As root.
 *
 * Two ways to send the adds: with an ack asked for every request (256 requests per send(2), the
 * acks read in bulk: what a careful program does), or, with the "-noack" workloads, none asked for
 * (requests packed up to 64 KiB per send, the kernel answering only failures, one NLMSG_NOOP with
 * NLM_F_ACK closing each datagram so that its failures are read before the next goes: what
 * jnetns's Routes.addAll and Links.addAll do, and the kernel's own rate).
 *
 *   rawbench routes N         add N /32 routes to 198.18.1.0 + i dev v0 (veth v0/v1 up, 198.18.0.1/16)
 *   rawbench routes-noack N   the same without per-request acks
 *   rawbench dump N           the same N routes, then time one dump of table main, every attribute walked
 *   rawbench veth N           create N veth pairs aI/bI
 *   rawbench veth-noack N     the same without per-request acks
 *   rawbench netns N          create N named namespaces under /run/netns, then delete them (as ip netns)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PER_SEND 256
#define MSG_ROOM 256
#define DATAGRAM (64 * 1024)   /* the no-ack workloads' send size, as jnetns's bulk requests */

static int nl;
static unsigned seq = 1;
static char *batch;
static size_t used;
static int pending;
static int noack;   /* the "-noack" workloads: no ack per request, one barrier per datagram */
static volatile long sink;   /* keeps the attribute walk of dump() from being optimised away */

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void add_attr(struct nlmsghdr *h, int type, const void *data, int len)
{
    struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    a->rta_type = type;
    a->rta_len = RTA_LENGTH(len);
    memcpy(RTA_DATA(a), data, len);
    h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
}

static struct rtattr *begin_nest(struct nlmsghdr *h, int type)
{
    struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    add_attr(h, type, NULL, 0);
    return a;
}

static void end_nest(struct nlmsghdr *h, struct rtattr *a)
{
    a->rta_len = (char *)h + h->nlmsg_len - (char *)a;
}

/* Reads acks until every pending request has one; fails on the first error. */
static void read_acks(void)
{
    static char buf[1 << 16];
    while (pending > 0) {
        ssize_t n = recv(nl, buf, sizeof buf, 0);
        if (n < 0)
            die("recv");
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                if (e->error) {
                    errno = -e->error;
                    die("request");
                }
                pending--;
            }
        }
    }
}

static void flush(void)
{
    if (noack && used) {   /* the barrier: its ack comes after every answer to this datagram */
        struct nlmsghdr *h = (struct nlmsghdr *)(batch + used);
        memset(h, 0, NLMSG_HDRLEN);
        h->nlmsg_len = NLMSG_HDRLEN;
        h->nlmsg_type = NLMSG_NOOP;
        h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
        h->nlmsg_seq = seq++;
        used += NLMSG_HDRLEN;
        pending = 1;
    }
    if (used && send(nl, batch, used, 0) < 0)
        die("send");
    used = 0;
    read_acks();
}

/* A new request in the batch: header and the fixed part, flags REQUEST|more (and ACK unless noack). */
static struct nlmsghdr *request(int type, int flags, int fixed)
{
    if (noack ? used + 2 * MSG_ROOM > DATAGRAM : pending == PER_SEND)
        flush();
    struct nlmsghdr *h = (struct nlmsghdr *)(batch + used);
    memset(h, 0, MSG_ROOM);
    h->nlmsg_len = NLMSG_LENGTH(fixed);
    h->nlmsg_type = type;
    h->nlmsg_flags = NLM_F_REQUEST | (noack ? 0 : NLM_F_ACK) | flags;
    h->nlmsg_seq = seq++;
    if (!noack)
        pending++;
    return h;
}

static void done(struct nlmsghdr *h)
{
    used += NLMSG_ALIGN(h->nlmsg_len);
}

static void veth(const char *a, const char *b)
{
    struct nlmsghdr *h = request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
    add_attr(h, IFLA_IFNAME, a, strlen(a) + 1);
    struct rtattr *info = begin_nest(h, IFLA_LINKINFO);
    add_attr(h, IFLA_INFO_KIND, "veth", 5);
    struct rtattr *data = begin_nest(h, IFLA_INFO_DATA);
    struct rtattr *peer = begin_nest(h, VETH_INFO_PEER);
    h->nlmsg_len += sizeof(struct ifinfomsg);
    add_attr(h, IFLA_IFNAME, b, strlen(b) + 1);
    end_nest(h, peer);
    end_nest(h, data);
    end_nest(h, info);
    done(h);
}

static void up(const char *name)
{
    struct nlmsghdr *h = request(RTM_NEWLINK, 0, sizeof(struct ifinfomsg));
    struct ifinfomsg *ifi = NLMSG_DATA(h);
    ifi->ifi_index = if_nametoindex(name);
    ifi->ifi_flags = ifi->ifi_change = IFF_UP;
    done(h);
}

static void setup(void)
{
    veth("v0", "v1");
    flush();
    up("v0");
    up("v1");
    struct nlmsghdr *h = request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifaddrmsg));
    struct ifaddrmsg *ifa = NLMSG_DATA(h);
    ifa->ifa_family = AF_INET;
    ifa->ifa_prefixlen = 16;
    ifa->ifa_index = if_nametoindex("v0");
    in_addr_t a = inet_addr("198.18.0.1");
    add_attr(h, IFA_LOCAL, &a, 4);
    add_attr(h, IFA_ADDRESS, &a, 4);
    done(h);
    flush();
}

static void routes(int n)
{
    int oif = if_nametoindex("v0");
    uint32_t base = ntohl(inet_addr("198.18.1.0"));
    for (int i = 0; i < n; i++) {
        struct nlmsghdr *h = request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct rtmsg));
        struct rtmsg *r = NLMSG_DATA(h);
        r->rtm_family = AF_INET;
        r->rtm_dst_len = 32;
        r->rtm_table = RT_TABLE_MAIN;
        r->rtm_protocol = RTPROT_BOOT;
        r->rtm_scope = RT_SCOPE_LINK;
        r->rtm_type = RTN_UNICAST;
        uint32_t dst = htonl(base + i);
        add_attr(h, RTA_DST, &dst, 4);
        add_attr(h, RTA_OIF, &oif, 4);
        done(h);
    }
    flush();
}

/* Dumps table main and walks every attribute of every route; returns the count. */
static long dump(void)
{
    static char buf[1 << 20];
    struct nlmsghdr *h = request(RTM_GETROUTE, NLM_F_DUMP, sizeof(struct rtmsg));
    ((struct rtmsg *)NLMSG_DATA(h))->rtm_family = AF_INET;
    done(h);
    if (send(nl, batch, used, 0) < 0)
        die("send");
    used = 0;
    pending = 0;
    long count = 0, sum = 0;
    for (;;) {
        ssize_t n = recv(nl, buf, sizeof buf, 0);
        if (n < 0)
            die("recv");
        for (struct nlmsghdr *m = (struct nlmsghdr *)buf; NLMSG_OK(m, n); m = NLMSG_NEXT(m, n)) {
            if (m->nlmsg_type == NLMSG_DONE)
            {
                sink = sum;
                return count;
            }
            if (m->nlmsg_type != RTM_NEWROUTE)
                continue;
            struct rtmsg *r = NLMSG_DATA(m);
            if (r->rtm_table != RT_TABLE_MAIN)
                continue;
            int len = RTM_PAYLOAD(m);
            for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len))
                if (a->rta_type == RTA_DST || a->rta_type == RTA_OIF)
                    sum += *(uint32_t *)RTA_DATA(a);
            count++;
        }
    }
}

static void veths(int n)
{
    char a[IFNAMSIZ], b[IFNAMSIZ];
    for (int i = 0; i < n; i++) {
        snprintf(a, sizeof a, "a%d", i);
        snprintf(b, sizeof b, "b%d", i);
        veth(a, b);
    }
    flush();
}

/* ip netns add/del, as iproute2 does them: a shared /run/netns, a bind mount of the new namespace. */
static void netns(int n)
{
    char path[64];
    int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    mkdir("/run/netns", 0755);
    for (int i = 0; i < n; i++) {
        if (mount("", "/run/netns", "none", MS_SHARED | MS_REC, NULL) < 0
            && (mount("/run/netns", "/run/netns", "none", MS_BIND | MS_REC, NULL) < 0
                || mount("", "/run/netns", "none", MS_SHARED | MS_REC, NULL) < 0))
            die("mount /run/netns");
        snprintf(path, sizeof path, "/run/netns/jnetns-rawbench-%d-%d", getpid(), i);
        int fd = open(path, O_RDONLY | O_CREAT | O_EXCL, 0);
        if (fd < 0)
            die(path);
        close(fd);
        if (unshare(CLONE_NEWNET) < 0)
            die("unshare");
        if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0)
            die("mount bind");
        if (setns(self, CLONE_NEWNET) < 0)
            die("setns");
    }
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "/run/netns/jnetns-rawbench-%d-%d", getpid(), i);
        if (umount2(path, MNT_DETACH) < 0 || unlink(path) < 0)
            die(path);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: rawbench routes|routes-noack|dump|veth|veth-noack|netns N\n");
        return 2;
    }
    int n = atoi(argv[2]);
    const char *name = strdup(argv[1]);
    char *suffix = strstr(argv[1], "-noack");
    if (suffix != NULL && suffix[6] == 0) {
        *suffix = 0;
        noack = 1;
    }
    if (unshare(CLONE_NEWNET) < 0)
        die("unshare");
    nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (nl < 0)
        die("socket");
    int size = 1 << 22;
    setsockopt(nl, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
    setsockopt(nl, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
    batch = malloc(DATAGRAM > PER_SEND * MSG_ROOM ? DATAGRAM : PER_SEND * MSG_ROOM);
    double t;
    if (!strcmp(argv[1], "routes")) {
        int asked = noack;
        noack = 0;   /* the setup the same way for both */
        setup();
        noack = asked;
        t = now();
        routes(n);
    } else if (!strcmp(argv[1], "dump") && !noack) {
        setup();
        routes(n);
        t = now();
        long got = dump();
        if (got < n) {
            fprintf(stderr, "dump: %ld routes, expected %d\n", got, n);
            return 1;
        }
    } else if (!strcmp(argv[1], "veth")) {
        t = now();
        veths(n);
    } else if (!strcmp(argv[1], "netns") && !noack) {
        t = now();
        netns(n);
    } else {
        fprintf(stderr, "rawbench: unknown workload %s\n", name);
        return 2;
    }
    printf("%.3f\n", now() - t);
    return 0;
}
