#!/usr/bin/env python3
"""Captures golden files for the codec tests (dev-time only; CI never runs this).

Two origins, as issue 17 asks for "bytes captured from the kernel and from ip":

  kernel  builds SETUP with ip in a fresh namespace, dumps OBJECT over AF_NETLINK (this script,
          run inside the namespace with `ip netns exec`), runs SUBJECT, dumps again, and writes one
          golden file per message that is new or changed: the kernel's own bytes.
  request runs the ip COMMAND under `strace -f -e write=all` after SETUP and writes the last
          message ip sent: what ip puts on the wire, also for kinds this kernel lacks (dummy, vlan,
          ipvlan, bond): the kernel refuses them, but ip has sent the request by then.

Usage, as root:
  bench/golden/capture.py all [--force]        every line of bench/golden/captures.txt
  bench/golden/capture.py one 'LINE' [--force] one line in the captures.txt format
  bench/golden/capture.py relist               write every file's attribute listing again from its body
  bench/golden/capture.py dump OBJECT          (internal) print OBJECT's dump as "type flags hex"

An existing file is left alone unless --force; with --force its "expect:" and "afresh:" lines are
kept. Files
land in src/test/resources/golden/OBJECT/NAME.golden, or under golden/pending/ for objects whose
codec is not in yet (the runner, GoldenFilesTest, does not read pending/). The "expect:" lines are
written by a person from the attribute listing in the file's comments and from ip's output.
"""
import os
import re
import secrets
import shlex
import socket
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "src", "test", "resources", "golden")
CAPTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "captures.txt")

NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_DONE, NLMSG_ERROR = 3, 2
RTM = {"link": (16, 18), "addr": (20, 22), "route": (24, 26), "neigh": (28, 30), "rule": (32, 34), "nsid": (88, 90),
       "netconf": (80, 82)}
TYPE_NAMES = {16: "RTM_NEWLINK", 20: "RTM_NEWADDR", 24: "RTM_NEWROUTE", 28: "RTM_NEWNEIGH", 32: "RTM_NEWRULE",
              88: "RTM_NEWNSID", 17: "RTM_DELLINK", 21: "RTM_DELADDR", 25: "RTM_DELROUTE", 29: "RTM_DELNEIGH",
              33: "RTM_DELRULE", 89: "RTM_DELNSID", 80: "RTM_NEWNETCONF", 81: "RTM_DELNETCONF",
              82: "RTM_GETNETCONF"}
HEADER = {"LINK": 16, "ADDR": 8, "ROUTE": 12, "NEIGH": 12, "RULE": 12, "NSID": 4, "NETCONF": 4}
TOP = {"LINK": "IFLA_", "ADDR": "IFA_", "ROUTE": "RTA_", "NEIGH": "NDA_", "RULE": "FRA_", "NSID": "NETNSA_",
       "NETCONF": "NETCONFA_"}


# ---- dumping (runs inside the namespace) -------------------------------------------------------

def dump_requests(obj):
    """The dump requests ip makes for OBJECT (the same as RoundTrip.DUMPS)."""
    new, get = RTM[obj]
    if obj == "link":   # ifinfomsg, then IFLA_EXT_MASK = RTEXT_FILTER_VF as ip link sends it
        return [(get, bytes(16) + struct.pack("=HHI", 8, 29, 1))]
    if obj == "addr":
        return [(get, bytes(8))]
    if obj == "neigh":  # and the proxies (NTF_PROXY in ndm_flags)
        return [(get, bytes(12)), (get, bytes(10) + bytes([0x08, 0]))]
    if obj in ("nsid", "netconf"):
        return [(get, bytes(4))]
    return [(get, bytes(12))]


def dump(obj):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.bind((0, 0))
    seq = 1
    for msgtype, body in dump_requests(obj):
        s.send(struct.pack("=IHHII", 16 + len(body), msgtype, NLM_F_REQUEST | NLM_F_DUMP, seq, 0) + body)
        done = False
        while not done:
            data = s.recv(1 << 20)
            at = 0
            while at < len(data):
                length, mtype, flags, _, _ = struct.unpack_from("=IHHII", data, at)
                if mtype == NLMSG_DONE:
                    done = True
                elif mtype == NLMSG_ERROR:
                    sys.exit("dump of %s failed: errno %d" % (obj, -struct.unpack_from("=i", data, at + 16)[0]))
                else:
                    print(mtype, flags, data[at + 16:at + length].hex())
                at += (length + 3) & ~3
        seq += 1


# ---- attribute listing (comments for the person writing "expect:") ----------------------------

def enums():
    """Every enum constant of the rtnetlink headers: name -> value, read from /usr/include/linux."""
    values = {}
    for h in ["if_link.h", "if_addr.h", "rtnetlink.h", "neighbour.h", "fib_rules.h", "net_namespace.h", "veth.h", "netconf.h"]:
        path = os.path.join("/usr/include/linux", h)
        if not os.path.exists(path):
            continue
        text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
        for block in re.findall(r"enum\s*\w*\s*\{(.*?)\}", text, flags=re.S):
            n = 0
            for entry in block.split(","):
                entry = re.sub(r"#.*", "", entry).strip()
                m = re.match(r"(\w+)\s*(?:=\s*(.+))?$", entry, flags=re.S)
                if not m:
                    continue
                if m.group(2):
                    expr = m.group(2).strip()
                    try:
                        n = int(expr, 0)
                    except ValueError:
                        n = values.get(expr, n)
                values.setdefault(m.group(1), n)
                n += 1
    return values


ENUMS = None
DATA = {"bridge": "IFLA_BR_", "vxlan": "IFLA_VXLAN_", "macvlan": "IFLA_MACVLAN_", "macvtap": "IFLA_MACVLAN_",
        "veth": "VETH_INFO_", "tun": "IFLA_TUN_", "vlan": "IFLA_VLAN_", "ipvlan": "IFLA_IPVLAN_", "ipvtap": "IFLA_IPVLAN_",
        "bond": "IFLA_BOND_"}
SLAVE = {"bridge": "IFLA_BRPORT_", "bond": "IFLA_BOND_SLAVE_"}


# prefixes of nested attribute sets that share a shorter prefix (IFLA_BR_ is not an IFLA_ attribute)
SUBSETS = ["IFLA_INFO_", "IFLA_BR_", "IFLA_BRPORT_", "IFLA_VXLAN_", "IFLA_MACVLAN_", "IFLA_TUN_", "IFLA_INET_",
           "IFLA_INET6_", "IFLA_VLAN_", "IFLA_IPVLAN_", "IFLA_BOND_", "IFLA_XDP_", "IFLA_ALT_", "IFLA_VF_",
           "IFLA_PORT_", "IFLA_STATS_", "IFLA_OFFLOAD_", "IFLA_PROTO_", "IFLA_EVENT_", "IFLA_GRE_", "IFLA_GENEVE_",
           "IFLA_HSR_", "IFLA_MACSEC_", "IFLA_VRF_", "IFLA_IPTUN_", "IFLA_PPP_", "IFLA_GTP_", "IFLA_XFRM_",
           "IFLA_BRIDGE_", "IFLA_CAN_", "IFLA_VTI_", "IFLA_HW_", "IFLA_DSA_", "IFLA_MCTP_", "IFLA_BAREUDP_",
           "IFLA_RMNET_", "IFLA_NETKIT_", "IFLA_DPLL_", "IFLA_ARPTYPE_"]


def name_of(prefix, t):
    global ENUMS
    if ENUMS is None:
        ENUMS = enums()
    for k, v in ENUMS.items():
        if v == t and k.startswith(prefix) and not k.startswith("__") and k != prefix + "MAX" \
                and not any(q.startswith(prefix) and len(q) > len(prefix) and k.startswith(q) for q in SUBSETS):
            return k
    return "type"


def interpret(v):
    out = []
    if len(v) in (1, 2, 4, 8):
        out.append("u%d=%d" % (8 * len(v), int.from_bytes(v, "little")))
    if len(v) == 4:
        out.append(socket.inet_ntop(socket.AF_INET, v))
    if len(v) == 16:
        out.append(socket.inet_ntop(socket.AF_INET6, v))
    if len(v) == 6:
        out.append(":".join("%02x" % b for b in v))
    if len(v) > 1 and v[-1] == 0 and all(32 <= b < 127 for b in v[:-1]):
        out.append('"%s"' % v[:-1].decode())
    return " ".join(out)


def listing(data, prefix, depth, out, kinds=None):
    kinds = {} if kinds is None else kinds
    at = 0
    while at + 4 <= len(data):
        length, t = struct.unpack_from("=HH", data, at)
        if length < 4:
            break
        v = data[at + 4:at + length]
        plain = t & 0x3fff
        name = name_of(prefix, plain)
        flags = ("N" if t & 0x8000 else "") + ("B" if t & 0x4000 else "")
        shown = v.hex() if len(v) <= 48 else v[:48].hex() + "..."
        out.append("#%s %s(%d%s) %d bytes: %s  %s" % ("  " * depth, name, plain, "/" + flags if flags else "",
                                                      len(v), shown, interpret(v) if len(v) <= 16 else ""))
        if name in ("IFLA_INFO_KIND", "IFLA_INFO_SLAVE_KIND"):
            kinds[name] = v.rstrip(b"\0").decode()
        nested = {"IFLA_LINKINFO": "IFLA_INFO_", "RTA_METRICS": "RTAX_", "IFLA_PROP_LIST": "IFLA_",
                  "IFLA_XDP": "IFLA_XDP_", "IFLA_PROTINFO": "IFLA_BRPORT_"}.get(name)
        if name == "IFLA_INFO_DATA":
            nested = DATA.get(kinds.get("IFLA_INFO_KIND"))
        elif name == "IFLA_INFO_SLAVE_DATA":   # ip's "link set DEV type bridge_slave" names the master in INFO_KIND
            nested = SLAVE.get(kinds.get("IFLA_INFO_SLAVE_KIND", kinds.get("IFLA_INFO_KIND", "").removesuffix("_slave")))
        if name == "VETH_INFO_PEER":
            out.append("#%s  ifinfomsg %s" % ("  " * depth, v[:16].hex()))
            listing(v[16:], "IFLA_", depth + 2, out)
        elif name == "IFLA_AF_SPEC":
            listing(v, "AF_", depth + 1, out)
        elif prefix == "AF_":
            listing(v, {2: "IFLA_INET_", 10: "IFLA_INET6_"}.get(plain, "IFLA_"), depth + 1, out)
        elif nested:
            listing(v, nested, depth + 1, out, kinds)
        at += (length + 3) & ~3


def attributes(type_name, body):
    obj = type_name[len("RTM_NEW"):]   # RTM_NEWLINK and RTM_DELLINK alike
    out = ["# header: " + body[:HEADER[obj]].hex()]
    listing(body[HEADER[obj]:], TOP[obj], 0, out)
    return out


# ---- namespaces and capture --------------------------------------------------------------------

def sh(cmd, stdin=None, check=True):
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr))
    return r


def run_lines(ns, lines, peer):
    """Runs each line as an ip command in NS (a line may start with -6, as in the conformance harness)."""
    for line in lines:
        if line.strip():
            sh(["ip", "-n", ns] + shlex.split(line.strip().replace("@PEER", peer)))


def dumped(ns, obj):
    r = sh(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__), "dump", obj])
    out = []
    for line in r.stdout.split("\n"):
        if line:
            t, f, h = line.split(" ")
            out.append((int(t), int(f), h))
    return out


def last_request(strace_out):
    """The bytes of the last netlink message ip wrote, from strace's -e write=all hex dump."""
    messages, current = [], None
    for line in strace_out.split("\n"):
        m = re.match(r"\s*\| [0-9a-f]{5}  ((?:[0-9a-f]{2} ){1,8}(?: (?:[0-9a-f]{2} ){0,8})?)", line)
        if m:
            if current is None:
                current = bytearray()
            current += bytes.fromhex(m.group(1).replace(" ", ""))
        elif current is not None:
            messages.append(bytes(current))
            current = None
    if current is not None:
        messages.append(bytes(current))
    if not messages:
        sys.exit("strace showed no message")
    return messages[-1]


def write(dest, obj, name, origin, setup, source, mtype, flags, body, force):
    directory = os.path.join(GOLDEN, "pending" if dest == "pending" else "", obj)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".golden")
    expects = []
    if os.path.exists(path):
        if not force:
            print("kept   " + os.path.relpath(path, ROOT))
            return
        expects = [l for l in open(path).read().split("\n") if l.startswith(("expect:", "afresh:"))]
    type_name = TYPE_NAMES.get(mtype, str(mtype))
    kernel = os.uname().release
    iproute = sh(["ip", "-V"]).stdout.strip()
    lines = ["# captured by bench/golden/capture.py (kernel %s, %s)" % (kernel, iproute),
             "setup: " + "; ".join(setup),
             "source: " + source,
             "origin: " + origin,
             "type: " + type_name,
             "flags: 0x%x" % flags,
             "body: " + body.hex()]
    if type_name[len("RTM_NEW"):] in HEADER:
        lines += attributes(type_name, body)
    lines += expects
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote  " + os.path.relpath(path, ROOT))


def relist(path):
    """Writes the attribute listing of PATH again from its body, the other lines as they are."""
    lines = open(path).read().split("\n")
    fields = dict(l.split(": ", 1) for l in lines if l.startswith(("type: ", "body: ")))
    head = [l for l in lines if l and not l.startswith(("#", "expect:", "afresh:"))]
    listing_ = attributes(fields["type"], bytes.fromhex(fields["body"])) \
        if fields["type"][len("RTM_NEW"):] in HEADER else []
    kept = [l for l in lines if l.startswith(("expect:", "afresh:"))]
    with open(path, "w") as f:
        f.write("\n".join(lines[:1] + head + listing_ + kept) + "\n")


def capture(line, force):
    dest, what, name, setup, subject = [("" if p.strip() == "-" else p.strip()) for p in line.split(" | ")]
    origin, obj = what.split()
    setup = [s.strip() for s in setup.split(";") if s.strip()]
    tag = secrets.token_hex(3)
    ns, peer = "jnetns-golden-" + tag, "jnetns-golden-" + tag + "p"
    sh(["ip", "netns", "add", ns])
    sh(["ip", "netns", "add", peer])
    try:
        run_lines(ns, setup, peer)
        if origin == "kernel":
            # an empty subject captures everything the setup left (the kernel's own objects)
            before = {h for _, _, h in dumped(ns, obj)} if subject else set()
            run_lines(ns, subject.split(";"), peer)
            time.sleep(0.2)
            n = 0
            for t, f, h in dumped(ns, obj):
                if h not in before:
                    write(dest, obj, name if n == 0 else "%s-%d" % (name, n), origin, setup, subject, t, f,
                          bytes.fromhex(h), force)
                    n += 1
            if n == 0:
                sys.exit("%s: the subject changed no %s message" % (name, obj))
        else:
            cmd = subject.replace("@PEER", peer).split()
            assert cmd[0] == "ip", "a request capture runs an ip command: " + subject
            r = sh(["strace", "-f", "-qq", "-e", "trace=sendmsg,sendto", "-e", "write=all", "-xx", "-s", "65536",
                    "ip", "-n", ns] + cmd[1:], check=False)
            message = last_request(r.stderr)
            length, mtype, flags = struct.unpack_from("=IHH", message)
            write(dest, obj, name, origin, setup, subject, mtype, flags, message[16:length], force)
    finally:
        sh(["ip", "netns", "del", ns], check=False)
        sh(["ip", "netns", "del", peer], check=False)


def main(argv):
    if len(argv) >= 2 and argv[0] == "dump":
        dump(argv[1])
    elif argv and argv[0] == "all":
        for line in open(CAPTURES):
            if line.strip() and not line.startswith("#"):
                capture(line.rstrip("\n"), "--force" in argv)
    elif len(argv) >= 2 and argv[0] == "one":
        capture(argv[1], "--force" in argv)
    elif argv and argv[0] == "relist":
        for directory, _, names in os.walk(GOLDEN):
            for name in sorted(names):
                if name.endswith(".golden"):
                    relist(os.path.join(directory, name))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
