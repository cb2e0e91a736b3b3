/*
 * native/abi.c - prints the ABI facts the Java side of jnetns hard-codes, one "key=value" a line,
 * read from the C library's and the kernel's headers (/usr/include, /usr/include/linux).
 * AbiConformanceTest compiles and runs it and compares every Java constant with its line.
 * Nothing here is shipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/if_arp.h>
#include <linux/veth.h>
#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/if_bonding.h>
#include <linux/if_ether.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <linux/if_tun.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/fib_rules.h>
#include <linux/nexthop.h>
#include <sys/inotify.h>
#include <linux/in_route.h>
#include <linux/icmpv6.h>
#include <asm/param.h>
#include <linux/capability.h>
#include <linux/prctl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>

#define K(name) printf("%s=%lld\n", #name, (long long)(name))
#define KV(key, value) printf("%s=%lld\n", key, (long long)(value))
#define SZ(t) printf("sizeof.%s=%zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof.%s.%s=%zu\n", #t, #f, offsetof(struct t, f))

static void constants(void)
{
    /* LinuxSched */
    K(CLONE_FS);
    K(CLONE_NEWNS);
    K(CLONE_NEWNET);
    /* LinuxFcntl */
    K(O_RDONLY);
    K(O_WRONLY);
    K(O_RDWR);
    K(O_TRUNC);
    K(O_APPEND);
    K(O_CREAT);
    K(O_EXCL);
    K(O_CLOEXEC);
    K(AT_FDCWD);
    /* LinuxSyscall */
    K(SYS_read);
    K(SYS_write);
    K(SYS_close);
    K(SYS_ppoll);
    K(SYS_ioctl);
    K(SYS_pipe2);
    K(SYS_socket);
    K(SYS_sendto);
    K(SYS_recvfrom);
    K(SYS_bind);
    K(SYS_getsockname);
    K(SYS_setsockopt);
    K(SYS_getsockopt);
    K(SYS_wait4);
    K(SYS_kill);
    K(SYS_openat);
    K(SYS_unlinkat);
    K(SYS_setns);
    K(SYS_unshare);
    K(SYS_mount);
    K(SYS_umount2);
    K(SYS_prctl);
    K(SYS_capget);
    K(SYS_capset);
    K(SYS_gettid);
    K(SYS_inotify_init1);
    K(SYS_inotify_add_watch);
    /* LinuxSocket */
    K(AF_UNSPEC);
    K(AF_INET);
    K(AF_INET6);
    K(AF_PACKET);
    K(AF_MPLS);
    K(AF_NETLINK);
    K(SOCK_RAW);
    K(SOCK_CLOEXEC);
    K(SOL_SOCKET);
    K(SO_SNDBUF);
    K(SO_RCVBUF);
    K(SO_SNDBUFFORCE);
    K(SO_RCVBUFFORCE);
    K(MSG_PEEK);
    K(MSG_TRUNC);
    K(MSG_DONTWAIT);
    K(POLLIN);
    /* LinuxMount */
    K(MS_RDONLY);
    K(MS_REMOUNT);
    K(MS_BIND);
    K(MS_REC);
    K(MS_PRIVATE);
    K(MS_SLAVE);
    K(MS_SHARED);
    K(MNT_DETACH);
    /* LinuxTun */
    K(IFLA_TUN_OWNER);
    K(IFLA_TUN_GROUP);
    K(IFLA_TUN_TYPE);
    K(IFLA_TUN_PI);
    K(IFLA_TUN_VNET_HDR);
    K(IFLA_TUN_PERSIST);
    K(IFLA_TUN_MULTI_QUEUE);
    K(IFLA_TUN_NUM_QUEUES);
    K(IFLA_TUN_NUM_DISABLED_QUEUES);
    K(TUNSETIFF);
    K(TUNSETPERSIST);
    K(IFF_TUN);
    K(IFF_TAP);
    K(IFF_NO_PI);
    K(IFF_TUN_EXCL);
    K(TUNSETOWNER);
    K(TUNSETGROUP);
    K(IFF_MULTI_QUEUE);
    K(IFF_ONE_QUEUE);
    K(IFF_VNET_HDR);
    KV("IFREQ_SIZE", sizeof(struct ifreq));
    KV("IFREQ_FLAGS_OFFSET", offsetof(struct ifreq, ifr_flags));
    /* LinuxCapability */
    K(CAP_NET_ADMIN);
    K(CAP_NET_RAW);
    K(CAP_SYS_ADMIN);
    K(PR_CAPBSET_DROP);
    K(PR_CAP_AMBIENT);
    K(PR_CAP_AMBIENT_CLEAR_ALL);
    KV("LINUX_CAPABILITY_VERSION_3", _LINUX_CAPABILITY_VERSION_3);
    /* LinuxNetlink */
    K(NETLINK_ROUTE);
    K(SOL_NETLINK);
    K(NETLINK_ADD_MEMBERSHIP);
    K(NETLINK_CAP_ACK);
    K(NETLINK_EXT_ACK);
    K(NETLINK_GET_STRICT_CHK);
    K(NLMSG_HDRLEN);
    K(NLMSG_NOOP);
    K(NLMSG_ERROR);
    K(NLMSG_DONE);
    K(NLMSG_OVERRUN);
    K(NLM_F_REQUEST);
    K(NLM_F_MULTI);
    K(NLM_F_ACK);
    K(NLM_F_ECHO);
    K(NLM_F_DUMP_INTR);
    K(NLM_F_DUMP_FILTERED);
    K(NLM_F_ROOT);
    K(NLM_F_MATCH);
    K(NLM_F_DUMP);
    K(NLM_F_REPLACE);
    K(NLM_F_EXCL);
    K(NLM_F_CREATE);
    K(NLM_F_APPEND);
    K(NLM_F_BULK);
    K(NLM_F_CAPPED);
    K(NLM_F_ACK_TLVS);
    KV("NLMSGERR_MSG_OFFSET", offsetof(struct nlmsgerr, msg));
    K(NLMSGERR_ATTR_MSG);
    K(NLMSGERR_ATTR_OFFS);
    K(NLA_HDRLEN);
    K(NLA_F_NESTED);
    K(NLA_F_NET_BYTEORDER);
    KV("NLA_TYPE_MASK", (NLA_TYPE_MASK & 0xffff));
    KV("SOCKADDR_NL_SIZE", sizeof(struct sockaddr_nl));
    KV("SOCKADDR_NL_PID_OFFSET", offsetof(struct sockaddr_nl, nl_pid));
    /* LinuxRtnetlink */
    K(RTM_NEWLINK);
    K(RTM_DELLINK);
    K(RTM_GETLINK);
    K(RTM_SETLINK);
    K(RTM_NEWADDR);
    K(RTM_DELADDR);
    K(RTM_GETADDR);
    K(RTM_NEWROUTE);
    K(RTM_DELROUTE);
    K(RTM_GETROUTE);
    K(RTM_NEWNEIGH);
    K(RTM_DELNEIGH);
    K(RTM_GETNEIGH);
    K(RTM_NEWRULE);
    K(RTM_DELRULE);
    K(RTM_GETRULE);
    K(RTM_NEWNETCONF);
    K(RTM_DELNETCONF);
    K(RTM_GETNETCONF);
    K(RTM_NEWNSID);
    K(RTM_DELNSID);
    K(RTM_GETNSID);
    K(RTM_NEWNEXTHOP);
    K(RTM_DELNEXTHOP);
    K(RTM_GETNEXTHOP);
    K(RTNLGRP_LINK);
    K(RTNLGRP_NEIGH);
    K(RTNLGRP_IPV4_IFADDR);
    K(RTNLGRP_IPV4_ROUTE);
    K(RTNLGRP_IPV6_IFADDR);
    K(RTNLGRP_IPV6_ROUTE);
    K(RTNLGRP_IPV4_RULE);
    K(RTNLGRP_IPV6_RULE);
    K(RTNLGRP_IPV4_NETCONF);
    K(RTNLGRP_IPV6_NETCONF);
    K(RTNLGRP_NSID);
    K(RTNLGRP_MPLS_NETCONF);
    KV("RTGENMSG_SIZE", sizeof(struct rtgenmsg));
    K(RTEXT_FILTER_VF);
    K(RTEXT_FILTER_SKIP_STATS);
    /* LinuxVeth */
    K(VETH_INFO_PEER);
    /* LinuxMacvlan */
    K(IFLA_MACVLAN_MODE);
    K(IFLA_MACVLAN_FLAGS);
    K(IFLA_MACVLAN_MACADDR_MODE);
    K(IFLA_MACVLAN_MACADDR);
    K(IFLA_MACVLAN_MACADDR_DATA);
    K(IFLA_MACVLAN_MACADDR_COUNT);
    K(IFLA_MACVLAN_BC_QUEUE_LEN);
    K(IFLA_MACVLAN_BC_QUEUE_LEN_USED);
    K(MACVLAN_MODE_PRIVATE);
    K(MACVLAN_MODE_VEPA);
    K(MACVLAN_MODE_BRIDGE);
    K(MACVLAN_MODE_PASSTHRU);
    K(MACVLAN_MODE_SOURCE);
    K(MACVLAN_FLAG_NOPROMISC);
    K(MACVLAN_FLAG_NODST);
    /* LinuxVxlan */
    K(IFLA_VXLAN_ID);
    K(IFLA_VXLAN_GROUP);
    K(IFLA_VXLAN_LINK);
    K(IFLA_VXLAN_LOCAL);
    K(IFLA_VXLAN_TTL);
    K(IFLA_VXLAN_TOS);
    K(IFLA_VXLAN_LEARNING);
    K(IFLA_VXLAN_AGEING);
    K(IFLA_VXLAN_LIMIT);
    K(IFLA_VXLAN_PORT_RANGE);
    K(IFLA_VXLAN_PROXY);
    K(IFLA_VXLAN_RSC);
    K(IFLA_VXLAN_L2MISS);
    K(IFLA_VXLAN_L3MISS);
    K(IFLA_VXLAN_PORT);
    K(IFLA_VXLAN_GROUP6);
    K(IFLA_VXLAN_LOCAL6);
    K(IFLA_VXLAN_UDP_CSUM);
    K(IFLA_VXLAN_UDP_ZERO_CSUM6_TX);
    K(IFLA_VXLAN_UDP_ZERO_CSUM6_RX);
    K(IFLA_VXLAN_REMCSUM_TX);
    K(IFLA_VXLAN_REMCSUM_RX);
    K(IFLA_VXLAN_GBP);
    K(IFLA_VXLAN_REMCSUM_NOPARTIAL);
    K(IFLA_VXLAN_COLLECT_METADATA);
    K(IFLA_VXLAN_LABEL);
    K(IFLA_VXLAN_GPE);
    K(IFLA_VXLAN_TTL_INHERIT);
    K(IFLA_VXLAN_DF);
    K(IFLA_VXLAN_VNIFILTER);
    K(VXLAN_DF_UNSET);
    K(VXLAN_DF_SET);
    K(VXLAN_DF_INHERIT);
    KV("IFLA_VXLAN_PORT_RANGE_SIZE", sizeof(struct ifla_vxlan_port_range));
    /* LinuxBridge */
    K(IFLA_BR_FORWARD_DELAY);
    K(IFLA_BR_HELLO_TIME);
    K(IFLA_BR_MAX_AGE);
    K(IFLA_BR_AGEING_TIME);
    K(IFLA_BR_STP_STATE);
    K(IFLA_BR_PRIORITY);
    K(IFLA_BR_VLAN_FILTERING);
    K(IFLA_BR_VLAN_PROTOCOL);
    K(IFLA_BR_GROUP_FWD_MASK);
    K(IFLA_BR_ROOT_ID);
    K(IFLA_BR_BRIDGE_ID);
    K(IFLA_BR_ROOT_PORT);
    K(IFLA_BR_ROOT_PATH_COST);
    K(IFLA_BR_TOPOLOGY_CHANGE);
    K(IFLA_BR_TOPOLOGY_CHANGE_DETECTED);
    K(IFLA_BR_HELLO_TIMER);
    K(IFLA_BR_TCN_TIMER);
    K(IFLA_BR_TOPOLOGY_CHANGE_TIMER);
    K(IFLA_BR_GC_TIMER);
    K(IFLA_BR_GROUP_ADDR);
    K(IFLA_BR_FDB_FLUSH);
    K(IFLA_BR_MCAST_ROUTER);
    K(IFLA_BR_MCAST_SNOOPING);
    K(IFLA_BR_MCAST_QUERY_USE_IFADDR);
    K(IFLA_BR_MCAST_QUERIER);
    K(IFLA_BR_MCAST_HASH_ELASTICITY);
    K(IFLA_BR_MCAST_HASH_MAX);
    K(IFLA_BR_MCAST_LAST_MEMBER_CNT);
    K(IFLA_BR_MCAST_STARTUP_QUERY_CNT);
    K(IFLA_BR_MCAST_LAST_MEMBER_INTVL);
    K(IFLA_BR_MCAST_MEMBERSHIP_INTVL);
    K(IFLA_BR_MCAST_QUERIER_INTVL);
    K(IFLA_BR_MCAST_QUERY_INTVL);
    K(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL);
    K(IFLA_BR_MCAST_STARTUP_QUERY_INTVL);
    K(IFLA_BR_NF_CALL_IPTABLES);
    K(IFLA_BR_NF_CALL_IP6TABLES);
    K(IFLA_BR_NF_CALL_ARPTABLES);
    K(IFLA_BR_VLAN_DEFAULT_PVID);
    K(IFLA_BR_VLAN_STATS_ENABLED);
    K(IFLA_BR_MCAST_STATS_ENABLED);
    K(IFLA_BR_MCAST_IGMP_VERSION);
    K(IFLA_BR_MCAST_MLD_VERSION);
    K(IFLA_BR_VLAN_STATS_PER_PORT);
    K(IFLA_BR_MULTI_BOOLOPT);
    K(IFLA_BRPORT_STATE);
    K(IFLA_BRPORT_PRIORITY);
    K(IFLA_BRPORT_COST);
    K(IFLA_BRPORT_MODE);
    K(IFLA_BRPORT_GUARD);
    K(IFLA_BRPORT_PROTECT);
    K(IFLA_BRPORT_FAST_LEAVE);
    K(IFLA_BRPORT_LEARNING);
    K(IFLA_BRPORT_UNICAST_FLOOD);
    K(IFLA_BRPORT_PROXYARP);
    K(IFLA_BRPORT_PROXYARP_WIFI);
    K(IFLA_BRPORT_ROOT_ID);
    K(IFLA_BRPORT_BRIDGE_ID);
    K(IFLA_BRPORT_DESIGNATED_PORT);
    K(IFLA_BRPORT_DESIGNATED_COST);
    K(IFLA_BRPORT_ID);
    K(IFLA_BRPORT_NO);
    K(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK);
    K(IFLA_BRPORT_CONFIG_PENDING);
    K(IFLA_BRPORT_MESSAGE_AGE_TIMER);
    K(IFLA_BRPORT_FORWARD_DELAY_TIMER);
    K(IFLA_BRPORT_HOLD_TIMER);
    K(IFLA_BRPORT_FLUSH);
    K(IFLA_BRPORT_MULTICAST_ROUTER);
    K(IFLA_BRPORT_MCAST_FLOOD);
    K(IFLA_BRPORT_MCAST_TO_UCAST);
    K(IFLA_BRPORT_VLAN_TUNNEL);
    K(IFLA_BRPORT_BCAST_FLOOD);
    K(IFLA_BRPORT_GROUP_FWD_MASK);
    K(IFLA_BRPORT_NEIGH_SUPPRESS);
    K(IFLA_BRPORT_ISOLATED);
    K(IFLA_BRPORT_BACKUP_PORT);
    K(IFLA_BRPORT_LOCKED);
    K(BR_BOOLOPT_NO_LL_LEARN);
    K(BR_BOOLOPT_MCAST_VLAN_SNOOPING);
    K(BR_BOOLOPT_MST_ENABLE);
    K(BR_STATE_DISABLED);
    K(BR_STATE_LISTENING);
    K(BR_STATE_LEARNING);
    K(BR_STATE_FORWARDING);
    K(BR_STATE_BLOCKING);
    KV("IFLA_BRIDGE_ID_SIZE", sizeof(struct ifla_bridge_id));
    KV("BR_BOOLOPT_MULTI_SIZE", sizeof(struct br_boolopt_multi));
    /* LinuxVlan */
    K(IFLA_VLAN_ID);
    K(IFLA_VLAN_FLAGS);
    K(IFLA_VLAN_EGRESS_QOS);
    K(IFLA_VLAN_INGRESS_QOS);
    K(IFLA_VLAN_PROTOCOL);
    K(IFLA_VLAN_QOS_MAPPING);
    K(VLAN_FLAG_REORDER_HDR);
    K(VLAN_FLAG_GVRP);
    K(VLAN_FLAG_LOOSE_BINDING);
    K(VLAN_FLAG_MVRP);
    K(VLAN_FLAG_BRIDGE_BINDING);
    K(ETH_P_8021Q);
    K(ETH_P_8021AD);
    KV("IFLA_VLAN_FLAGS_SIZE", sizeof(struct ifla_vlan_flags));
    KV("IFLA_VLAN_QOS_MAPPING_SIZE", sizeof(struct ifla_vlan_qos_mapping));
    /* LinuxIpvlan */
    K(IFLA_IPVLAN_MODE);
    K(IFLA_IPVLAN_FLAGS);
    K(IPVLAN_MODE_L2);
    K(IPVLAN_MODE_L3);
    K(IPVLAN_MODE_L3S);
    K(IPVLAN_F_PRIVATE);
    K(IPVLAN_F_VEPA);
    /* LinuxBond */
    K(IFLA_BOND_MODE);
    K(IFLA_BOND_ACTIVE_SLAVE);
    K(IFLA_BOND_MIIMON);
    K(IFLA_BOND_UPDELAY);
    K(IFLA_BOND_DOWNDELAY);
    K(IFLA_BOND_USE_CARRIER);
    K(IFLA_BOND_ARP_INTERVAL);
    K(IFLA_BOND_ARP_IP_TARGET);
    K(IFLA_BOND_ARP_VALIDATE);
    K(IFLA_BOND_ARP_ALL_TARGETS);
    K(IFLA_BOND_PRIMARY);
    K(IFLA_BOND_PRIMARY_RESELECT);
    K(IFLA_BOND_FAIL_OVER_MAC);
    K(IFLA_BOND_XMIT_HASH_POLICY);
    K(IFLA_BOND_RESEND_IGMP);
    K(IFLA_BOND_NUM_PEER_NOTIF);
    K(IFLA_BOND_ALL_SLAVES_ACTIVE);
    K(IFLA_BOND_MIN_LINKS);
    K(IFLA_BOND_LP_INTERVAL);
    K(IFLA_BOND_PACKETS_PER_SLAVE);
    K(IFLA_BOND_AD_LACP_RATE);
    K(IFLA_BOND_AD_SELECT);
    K(IFLA_BOND_AD_INFO);
    K(IFLA_BOND_AD_ACTOR_SYS_PRIO);
    K(IFLA_BOND_AD_USER_PORT_KEY);
    K(IFLA_BOND_AD_ACTOR_SYSTEM);
    K(IFLA_BOND_TLB_DYNAMIC_LB);
    K(IFLA_BOND_PEER_NOTIF_DELAY);
    K(IFLA_BOND_AD_LACP_ACTIVE);
    K(IFLA_BOND_MISSED_MAX);
    K(IFLA_BOND_NS_IP6_TARGET);
    K(IFLA_BOND_AD_INFO_AGGREGATOR);
    K(IFLA_BOND_AD_INFO_NUM_PORTS);
    K(IFLA_BOND_AD_INFO_ACTOR_KEY);
    K(IFLA_BOND_AD_INFO_PARTNER_KEY);
    K(IFLA_BOND_AD_INFO_PARTNER_MAC);
    K(IFLA_BOND_SLAVE_STATE);
    K(IFLA_BOND_SLAVE_MII_STATUS);
    K(IFLA_BOND_SLAVE_LINK_FAILURE_COUNT);
    K(IFLA_BOND_SLAVE_PERM_HWADDR);
    K(IFLA_BOND_SLAVE_QUEUE_ID);
    K(IFLA_BOND_SLAVE_AD_AGGREGATOR_ID);
    K(IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE);
    K(IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE);
    K(IFLA_BOND_SLAVE_PRIO);
    K(BOND_MODE_ROUNDROBIN);
    K(BOND_MODE_ACTIVEBACKUP);
    K(BOND_MODE_XOR);
    K(BOND_MODE_BROADCAST);
    K(BOND_MODE_8023AD);
    K(BOND_MODE_TLB);
    K(BOND_MODE_ALB);
    K(BOND_XMIT_POLICY_LAYER2);
    K(BOND_XMIT_POLICY_LAYER34);
    K(BOND_XMIT_POLICY_LAYER23);
    K(BOND_XMIT_POLICY_ENCAP23);
    K(BOND_XMIT_POLICY_ENCAP34);
    K(BOND_XMIT_POLICY_VLAN_SRCMAC);
    K(BOND_STATE_ACTIVE);
    K(BOND_STATE_BACKUP);
    K(BOND_LINK_UP);
    K(BOND_LINK_FAIL);
    K(BOND_LINK_DOWN);
    K(BOND_LINK_BACK);
    K(LACP_STATE_LACP_ACTIVITY);
    K(LACP_STATE_LACP_TIMEOUT);
    K(LACP_STATE_AGGREGATION);
    K(LACP_STATE_SYNCHRONIZATION);
    K(LACP_STATE_COLLECTING);
    K(LACP_STATE_DISTRIBUTING);
    K(LACP_STATE_DEFAULTED);
    K(LACP_STATE_EXPIRED);
    /* LinuxSignal */
    K(SIGKILL);
    K(SIGTERM);
    K(WNOHANG);
    /* LinuxIfArp */
    K(ARPHRD_ETHER);
    K(ARPHRD_IEEE1394);
    K(ARPHRD_INFINIBAND);
    K(ARPHRD_PPP);
    K(ARPHRD_TUNNEL);
    K(ARPHRD_TUNNEL6);
    K(ARPHRD_LOOPBACK);
    K(ARPHRD_SIT);
    K(ARPHRD_IPGRE);
    K(ARPHRD_IP6GRE);
    K(ARPHRD_NONE);
    K(ARPHRD_VOID);
    /* LinuxIfLink */
    K(IFLA_STATS);
    K(IFLA_MAP);
    K(IFLA_NUM_VF);
    K(IFLA_VFINFO_LIST);
    K(IFLA_CARRIER);
    K(IFLA_PHYS_PORT_ID);
    K(IFLA_PHYS_SWITCH_ID);
    K(IFLA_PHYS_PORT_NAME);
    K(IFLA_PROTO_DOWN);
    K(IFLA_XDP);
    K(IFLA_EVENT);
    K(IFLA_NEW_NETNSID);
    K(IFLA_TARGET_NETNSID);
    K(IFLA_CARRIER_UP_COUNT);
    K(IFLA_CARRIER_DOWN_COUNT);
    K(IFLA_NEW_IFINDEX);
    K(IFLA_PROP_LIST);
    K(IFLA_ALT_IFNAME);
    K(IFLA_PERM_ADDRESS);
    K(IFLA_PROTO_DOWN_REASON);
    K(IFLA_PARENT_DEV_NAME);
    K(IFLA_PARENT_DEV_BUS_NAME);
    K(IFLA_PROTO_DOWN_REASON_MASK);
    K(IFLA_PROTO_DOWN_REASON_VALUE);
    K(IFLA_INFO_XSTATS);
    K(IFLA_INFO_SLAVE_DATA);
    K(IFLA_EVENT_NONE);
    K(IFLA_EVENT_REBOOT);
    K(IFLA_EVENT_FEATURES);
    K(IFLA_EVENT_BONDING_FAILOVER);
    K(IFLA_EVENT_NOTIFY_PEERS);
    K(IFLA_EVENT_IGMP_RESEND);
    K(IFLA_EVENT_BONDING_OPTIONS);
    KV("RTNL_LINK_STATS64_SIZE", sizeof(struct rtnl_link_stats64));
    KV("IFINFOMSG_SIZE", sizeof(struct ifinfomsg));
    K(IFLA_ADDRESS);
    K(IFLA_BROADCAST);
    K(IFLA_IFNAME);
    K(IFLA_MTU);
    K(IFLA_LINK);
    K(IFLA_QDISC);
    K(IFLA_MASTER);
    K(IFLA_TXQLEN);
    K(IFLA_OPERSTATE);
    K(IFLA_LINKMODE);
    K(IFLA_LINKINFO);
    K(IFLA_NET_NS_PID);
    K(IFLA_IFALIAS);
    K(IFLA_GROUP);
    K(IFLA_NET_NS_FD);
    K(IFLA_EXT_MASK);
    K(IFLA_LINK_NETNSID);
    K(IFLA_MIN_MTU);
    K(IFLA_MAX_MTU);
    K(IFLA_INFO_KIND);
    K(IFLA_INFO_DATA);
    K(IFLA_INFO_SLAVE_KIND);
    K(IFLA_PROMISCUITY);
    K(IFLA_AF_SPEC);
    K(IFLA_STATS64);
    K(IFLA_CARRIER_CHANGES);
    K(IFLA_NUM_TX_QUEUES);
    K(IFLA_NUM_RX_QUEUES);
    K(IFLA_GSO_MAX_SEGS);
    K(IFLA_GSO_MAX_SIZE);
    K(IFLA_GRO_MAX_SIZE);
    K(IFLA_TSO_MAX_SIZE);
    K(IFLA_TSO_MAX_SEGS);
    K(IFLA_ALLMULTI);
    K(IFLA_INET6_ADDR_GEN_MODE);
    K(IN6_ADDR_GEN_MODE_NONE);
    K(IFF_UP);
    K(IFF_BROADCAST);
    K(IFF_DEBUG);
    K(IFF_LOOPBACK);
    K(IFF_POINTOPOINT);
    K(IFF_NOTRAILERS);
    K(IFF_RUNNING);
    K(IFF_NOARP);
    K(IFF_PROMISC);
    K(IFF_ALLMULTI);
    K(IFF_MASTER);
    K(IFF_SLAVE);
    K(IFF_MULTICAST);
    K(IFF_PORTSEL);
    K(IFF_AUTOMEDIA);
    K(IFF_DYNAMIC);
    K(IFF_LOWER_UP);
    K(IFF_DORMANT);
    K(IFF_ECHO);
    /* LinuxNetconf */
    KV("NETCONFMSG_SIZE", sizeof(struct netconfmsg));
    K(NETCONFA_UNSPEC);
    K(NETCONFA_IFINDEX);
    K(NETCONFA_FORWARDING);
    K(NETCONFA_RP_FILTER);
    K(NETCONFA_MC_FORWARDING);
    K(NETCONFA_PROXY_NEIGH);
    K(NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN);
    K(NETCONFA_INPUT);
    K(NETCONFA_BC_FORWARDING);
    K(NETCONFA_IFINDEX_ALL);
    K(NETCONFA_IFINDEX_DEFAULT);
    /* LinuxNetNamespace */
    K(NETNSA_NONE);
    K(NETNSA_NSID);
    K(NETNSA_PID);
    K(NETNSA_FD);
    K(NETNSA_TARGET_NSID);
    K(NETNSA_CURRENT_NSID);
    K(NETNSA_NSID_NOT_ASSIGNED);
    /* LinuxIfAddr */
    KV("IFADDRMSG_SIZE", sizeof(struct ifaddrmsg));
    K(IFA_ADDRESS);
    K(IFA_LOCAL);
    K(IFA_LABEL);
    K(IFA_BROADCAST);
    K(IFA_ANYCAST);
    K(IFA_CACHEINFO);
    K(IFA_MULTICAST);
    K(IFA_FLAGS);
    K(IFA_RT_PRIORITY);
    K(IFA_TARGET_NETNSID);
    K(IFA_PROTO);
    KV("IFA_CACHEINFO_SIZE", sizeof(struct ifa_cacheinfo));
    K(IFA_F_SECONDARY);
    K(IFA_F_NODAD);
    K(IFA_F_OPTIMISTIC);
    K(IFA_F_DADFAILED);
    K(IFA_F_HOMEADDRESS);
    K(IFA_F_DEPRECATED);
    K(IFA_F_TENTATIVE);
    K(IFA_F_PERMANENT);
    K(IFA_F_MANAGETEMPADDR);
    K(IFA_F_NOPREFIXROUTE);
    K(IFA_F_MCAUTOJOIN);
    K(IFA_F_STABLE_PRIVACY);
    /* LinuxRoute */
    KV("RTMSG_SIZE", sizeof(struct rtmsg));
    KV("RTNEXTHOP_SIZE", sizeof(struct rtnexthop));
    KV("RTA_CACHEINFO_SIZE", sizeof(struct rta_cacheinfo));
    K(RTNL_FAMILY_IPMR);
    K(RTNL_FAMILY_IP6MR);
    K(RTA_DST);
    K(RTA_SRC);
    K(RTA_IIF);
    K(RTA_OIF);
    K(RTA_GATEWAY);
    K(RTA_PRIORITY);
    K(RTA_PREFSRC);
    K(RTA_METRICS);
    K(RTA_MULTIPATH);
    K(RTA_FLOW);
    K(RTA_CACHEINFO);
    K(RTA_TABLE);
    K(RTA_MARK);
    K(RTA_MFC_STATS);
    K(RTA_VIA);
    K(RTA_NEWDST);
    K(RTA_PREF);
    K(RTA_ENCAP_TYPE);
    K(RTA_ENCAP);
    K(RTA_EXPIRES);
    K(RTA_PAD);
    K(RTA_UID);
    K(RTA_TTL_PROPAGATE);
    K(RTA_IP_PROTO);
    K(RTA_SPORT);
    K(RTA_DPORT);
    K(RTA_NH_ID);
    K(RTAX_LOCK);
    K(RTAX_MTU);
    K(RTAX_WINDOW);
    K(RTAX_RTT);
    K(RTAX_RTTVAR);
    K(RTAX_SSTHRESH);
    K(RTAX_CWND);
    K(RTAX_ADVMSS);
    K(RTAX_REORDERING);
    K(RTAX_HOPLIMIT);
    K(RTAX_INITCWND);
    K(RTAX_FEATURES);
    K(RTAX_RTO_MIN);
    K(RTAX_INITRWND);
    K(RTAX_QUICKACK);
    K(RTAX_CC_ALGO);
    K(RTAX_FASTOPEN_NO_COOKIE);
    K(RTAX_MAX);
    K(RTAX_FEATURE_ECN);
    K(RTN_UNSPEC);
    K(RTN_UNICAST);
    K(RTN_LOCAL);
    K(RTN_BROADCAST);
    K(RTN_ANYCAST);
    K(RTN_MULTICAST);
    K(RTN_BLACKHOLE);
    K(RTN_UNREACHABLE);
    K(RTN_PROHIBIT);
    K(RTN_THROW);
    K(RTN_NAT);
    K(RTN_XRESOLVE);
    K(RTPROT_UNSPEC);
    K(RTPROT_REDIRECT);
    K(RTPROT_KERNEL);
    K(RTPROT_BOOT);
    K(RTPROT_STATIC);
    K(RTPROT_GATED);
    K(RTPROT_RA);
    K(RTPROT_MRT);
    K(RTPROT_ZEBRA);
    K(RTPROT_BIRD);
    K(RTPROT_DNROUTED);
    K(RTPROT_XORP);
    K(RTPROT_NTK);
    K(RTPROT_DHCP);
    K(RTPROT_KEEPALIVED);
    K(RTPROT_BABEL);
    K(RTPROT_OPENR);
    K(RTPROT_BGP);
    K(RTPROT_ISIS);
    K(RTPROT_OSPF);
    K(RTPROT_RIP);
    K(RTPROT_EIGRP);
    K(RT_SCOPE_UNIVERSE);
    K(RT_SCOPE_SITE);
    K(RT_SCOPE_LINK);
    K(RT_SCOPE_HOST);
    K(RT_SCOPE_NOWHERE);
    K(RT_TABLE_UNSPEC);
    K(RT_TABLE_COMPAT);
    K(RT_TABLE_DEFAULT);
    K(RT_TABLE_MAIN);
    K(RT_TABLE_LOCAL);
    K(RTNH_F_DEAD);
    K(RTNH_F_PERVASIVE);
    K(RTNH_F_ONLINK);
    K(RTNH_F_OFFLOAD);
    K(RTNH_F_LINKDOWN);
    K(RTNH_F_UNRESOLVED);
    K(RTNH_F_TRAP);
    K(RTM_F_NOTIFY);
    K(RTM_F_CLONED);
    K(RTM_F_EQUALIZE);
    K(RTM_F_PREFIX);
    K(RTM_F_LOOKUP_TABLE);
    K(RTM_F_FIB_MATCH);
    K(RTM_F_OFFLOAD);
    K(RTM_F_TRAP);
    K(RTM_F_OFFLOAD_FAILED);
    K(RTCF_NOTIFY);
    K(RTCF_DIRECTDST);
    K(RTCF_REDIRECTED);
    K(RTCF_TPROXY);
    K(RTCF_FAST);
    K(RTCF_MASQ);
    K(RTCF_SNAT);
    K(RTCF_DOREDIRECT);
    K(RTCF_DIRECTSRC);
    K(RTCF_DNAT);
    K(RTCF_BROADCAST);
    K(RTCF_MULTICAST);
    K(RTCF_REJECT);
    K(RTCF_LOCAL);
    K(ICMPV6_ROUTER_PREF_LOW);
    K(ICMPV6_ROUTER_PREF_MEDIUM);
    K(ICMPV6_ROUTER_PREF_HIGH);
    /* LinuxNeighbour */
    KV("NDMSG_SIZE", sizeof(struct ndmsg));
    KV("NDA_CACHEINFO_SIZE", sizeof(struct nda_cacheinfo));
    K(NDA_DST);
    K(NDA_LLADDR);
    K(NDA_CACHEINFO);
    K(NDA_PROBES);
    K(NDA_VLAN);
    K(NDA_PORT);
    K(NDA_VNI);
    K(NDA_IFINDEX);
    K(NDA_MASTER);
    K(NDA_LINK_NETNSID);
    K(NDA_SRC_VNI);
    K(NDA_PROTOCOL);
    K(NDA_NH_ID);
    K(NDA_FDB_EXT_ATTRS);
    K(NDA_FLAGS_EXT);
    K(NUD_NONE);
    K(NUD_INCOMPLETE);
    K(NUD_REACHABLE);
    K(NUD_STALE);
    K(NUD_DELAY);
    K(NUD_PROBE);
    K(NUD_FAILED);
    K(NUD_NOARP);
    K(NUD_PERMANENT);
    K(NTF_USE);
    K(NTF_SELF);
    K(NTF_MASTER);
    K(NTF_PROXY);
    K(NTF_EXT_LEARNED);
    K(NTF_OFFLOADED);
    K(NTF_STICKY);
    K(NTF_ROUTER);
    K(NTF_EXT_MANAGED);
    /* LinuxFibRules */
    KV("FIB_RULE_HDR_SIZE", sizeof(struct fib_rule_hdr));
    KV("FIB_RULE_UID_RANGE_SIZE", sizeof(struct fib_rule_uid_range));
    KV("FIB_RULE_PORT_RANGE_SIZE", sizeof(struct fib_rule_port_range));
    K(FRA_DST);
    K(FRA_SRC);
    K(FRA_IIFNAME);
    K(FRA_GOTO);
    K(FRA_PRIORITY);
    K(FRA_FWMARK);
    K(FRA_FLOW);
    K(FRA_TUN_ID);
    K(FRA_SUPPRESS_IFGROUP);
    K(FRA_SUPPRESS_PREFIXLEN);
    K(FRA_TABLE);
    K(FRA_FWMASK);
    K(FRA_OIFNAME);
    K(FRA_PAD);
    K(FRA_L3MDEV);
    K(FRA_UID_RANGE);
    K(FRA_PROTOCOL);
    K(FRA_IP_PROTO);
    K(FRA_SPORT_RANGE);
    K(FRA_DPORT_RANGE);
    K(FR_ACT_UNSPEC);
    K(FR_ACT_TO_TBL);
    K(FR_ACT_GOTO);
    K(FR_ACT_NOP);
    K(FR_ACT_BLACKHOLE);
    K(FR_ACT_UNREACHABLE);
    K(FR_ACT_PROHIBIT);
    K(FIB_RULE_PERMANENT);
    K(FIB_RULE_INVERT);
    K(FIB_RULE_UNRESOLVED);
    K(FIB_RULE_IIF_DETACHED);
    K(FIB_RULE_OIF_DETACHED);
    /* LinuxParam */
    K(HZ);
    /* LinuxInotify */
    K(IN_CLOEXEC);
    K(IN_NONBLOCK);
    K(IN_MOVED_FROM);
    K(IN_MOVED_TO);
    K(IN_CREATE);
    K(IN_DELETE);
    KV("INOTIFY_EVENT_SIZE", sizeof(struct inotify_event));
    /* LinuxNexthop */
    KV("NHMSG_SIZE", sizeof(struct nhmsg));
    KV("NEXTHOP_GRP_SIZE", sizeof(struct nexthop_grp));
    K(NHA_ID);
    K(NHA_GROUP);
    K(NHA_GROUP_TYPE);
    K(NHA_BLACKHOLE);
    K(NHA_OIF);
    K(NHA_GATEWAY);
    K(NHA_ENCAP_TYPE);
    K(NHA_ENCAP);
    K(NHA_GROUPS);
    K(NHA_MASTER);
    K(NHA_FDB);
    K(NHA_RES_GROUP);
    K(NHA_RES_BUCKET);
    K(NEXTHOP_GRP_TYPE_MPATH);
    K(NEXTHOP_GRP_TYPE_RES);
}

static void errnos(void)
{
    K(EPERM);
    K(ENOENT);
    K(ESRCH);
    K(EINTR);
    K(EIO);
    K(ENXIO);
    K(E2BIG);
    K(ENOEXEC);
    K(EBADF);
    K(ECHILD);
    K(EAGAIN);
    K(ENOMEM);
    K(EACCES);
    K(EFAULT);
    K(ENOTBLK);
    K(EBUSY);
    K(EEXIST);
    K(EXDEV);
    K(ENODEV);
    K(ENOTDIR);
    K(EISDIR);
    K(EINVAL);
    K(ENFILE);
    K(EMFILE);
    K(ENOTTY);
    K(ETXTBSY);
    K(EFBIG);
    K(ENOSPC);
    K(ESPIPE);
    K(EROFS);
    K(EMLINK);
    K(EPIPE);
    K(EDOM);
    K(ERANGE);
    K(EDEADLK);
    K(ENAMETOOLONG);
    K(ENOLCK);
    K(ENOSYS);
    K(ENOTEMPTY);
    K(ELOOP);
    K(ENOMSG);
    K(EIDRM);
    K(ECHRNG);
    K(EL2NSYNC);
    K(EL3HLT);
    K(EL3RST);
    K(ELNRNG);
    K(EUNATCH);
    K(ENOCSI);
    K(EL2HLT);
    K(EBADE);
    K(EBADR);
    K(EXFULL);
    K(ENOANO);
    K(EBADRQC);
    K(EBADSLT);
    K(EBFONT);
    K(ENOSTR);
    K(ENODATA);
    K(ETIME);
    K(ENOSR);
    K(ENONET);
    K(ENOPKG);
    K(EREMOTE);
    K(ENOLINK);
    K(EADV);
    K(ESRMNT);
    K(ECOMM);
    K(EPROTO);
    K(EMULTIHOP);
    K(EDOTDOT);
    K(EBADMSG);
    K(EOVERFLOW);
    K(ENOTUNIQ);
    K(EBADFD);
    K(EREMCHG);
    K(ELIBACC);
    K(ELIBBAD);
    K(ELIBSCN);
    K(ELIBMAX);
    K(ELIBEXEC);
    K(EILSEQ);
    K(ERESTART);
    K(ESTRPIPE);
    K(EUSERS);
    K(ENOTSOCK);
    K(EDESTADDRREQ);
    K(EMSGSIZE);
    K(EPROTOTYPE);
    K(ENOPROTOOPT);
    K(EPROTONOSUPPORT);
    K(ESOCKTNOSUPPORT);
    K(EOPNOTSUPP);
    K(EPFNOSUPPORT);
    K(EAFNOSUPPORT);
    K(EADDRINUSE);
    K(EADDRNOTAVAIL);
    K(ENETDOWN);
    K(ENETUNREACH);
    K(ENETRESET);
    K(ECONNABORTED);
    K(ECONNRESET);
    K(ENOBUFS);
    K(EISCONN);
    K(ENOTCONN);
    K(ESHUTDOWN);
    K(ETOOMANYREFS);
    K(ETIMEDOUT);
    K(ECONNREFUSED);
    K(EHOSTDOWN);
    K(EHOSTUNREACH);
    K(EALREADY);
    K(EINPROGRESS);
    K(ESTALE);
    K(EUCLEAN);
    K(ENOTNAM);
    K(ENAVAIL);
    K(EISNAM);
    K(EREMOTEIO);
    K(EDQUOT);
    K(ENOMEDIUM);
    K(EMEDIUMTYPE);
    K(ECANCELED);
    K(ENOKEY);
    K(EKEYEXPIRED);
    K(EKEYREVOKED);
    K(EKEYREJECTED);
    K(EOWNERDEAD);
    K(ENOTRECOVERABLE);
    K(ERFKILL);
}

static void layouts(void)
{
    SZ(nlmsghdr); SZ(nlmsgerr); SZ(nlattr); SZ(rtattr); SZ(ifinfomsg); SZ(ifaddrmsg); SZ(rtmsg); SZ(sockaddr_nl);
    OFF(nlmsghdr, nlmsg_len); OFF(nlmsghdr, nlmsg_type); OFF(nlmsghdr, nlmsg_flags);
    OFF(nlmsghdr, nlmsg_seq); OFF(nlmsghdr, nlmsg_pid);
    OFF(nlmsgerr, error); OFF(nlmsgerr, msg);
    OFF(ifinfomsg, ifi_family); OFF(ifinfomsg, ifi_type); OFF(ifinfomsg, ifi_index);
    OFF(ifinfomsg, ifi_flags); OFF(ifinfomsg, ifi_change);
    OFF(sockaddr_nl, nl_family); OFF(sockaddr_nl, nl_pid); OFF(sockaddr_nl, nl_groups);
}

int main(void)
{
    constants();
    errnos();
    layouts();
    return 0;
}

/* The CNI daemon's unix socket (LinuxSocket, LinuxSyscall): printed before main() runs. */
#include <sys/un.h>
__attribute__((constructor)) static void unix_sockets(void)
{
    K(AF_UNIX);
    K(SOCK_STREAM);
    K(SO_PEERCRED);
    K(SYS_listen);
    K(SYS_accept4);
    KV("SOCKADDR_UN_SIZE", sizeof(struct sockaddr_un));
    KV("SOCKADDR_UN_PATH_OFFSET", offsetof(struct sockaddr_un, sun_path));
    KV("UCRED_SIZE", sizeof(struct ucred));
    KV("UCRED_PID_OFFSET", offsetof(struct ucred, pid));
    KV("UCRED_UID_OFFSET", offsetof(struct ucred, uid));
}

/* flock(2), for host-local's lock file (LinuxFcntl, LinuxSyscall): printed before main() runs. */
#include <sys/file.h>
__attribute__((constructor)) static void file_locks(void)
{
    K(LOCK_EX);
    K(LOCK_UN);
    K(SYS_flock);
}
