#!/usr/bin/python3
"""Sends malformed and odd frames at an Islet stack during an established transfer.

Usage: inject_odd_segments.py IFACE ISLET_IP ISLET_PORT PEER_PORT
Run inside the test's network namespace only. PEER_PORT is the kernel-side port of the
connection being disturbed. Prints one line per kind sent.
"""
import random
import subprocess
import sys

from scapy.all import IP, TCP, Ether, Raw, get_if_hwaddr, sendp, conf  # noqa: E402

conf.verb = 0
iface, islet_ip, islet_port, peer_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
neigh = subprocess.run(["ip", "neigh", "show", islet_ip], capture_output=True, text=True).stdout.split()
islet_mac = neigh[neigh.index("lladdr") + 1]
my_mac = get_if_hwaddr(iface)
my_ip = subprocess.run(["ip", "-4", "-o", "addr", "show", iface], capture_output=True, text=True).stdout.split()[3].split("/")[0]
rng = random.Random(2026)


def frame(tcp, payload=b""):
    return Ether(src=my_mac, dst=islet_mac) / IP(src=my_ip, dst=islet_ip) / tcp / Raw(payload)


def send(kind, frames):
    sendp(frames, iface=iface)
    print(kind, len(frames))


conn = dict(sport=peer_port, dport=islet_port)
# 1. bad TCP checksums on the live connection, carrying data and RST
send("bad-checksum", [frame(TCP(flags="PA", seq=rng.getrandbits(32), ack=rng.getrandbits(32), chksum=0xDEAD, **conn), b"x" * 100) for _ in range(50)]
     + [frame(TCP(flags="R", seq=rng.getrandbits(32), chksum=0xBEEF, **conn)) for _ in range(50)])
# 2. SYN+FIN (and SYN+RST, all flags) to the listening port and to the connection
send("syn-fin", [frame(TCP(flags="SF", sport=rng.randint(1024, 65535), dport=islet_port, seq=rng.getrandbits(32))) for _ in range(50)]
     + [frame(TCP(flags="SF", seq=rng.getrandbits(32), **conn)) for _ in range(20)]
     + [frame(TCP(flags="FSRPAUEC", seq=rng.getrandbits(32), **conn)) for _ in range(20)])
# 3. bad options: zero length, overlong, truncated MSS, window scale past 14, SACK with junk
bad_options = [b"\x02\x00\x05\xb4", b"\x02\xff", b"\x03\x03\x20\x01", b"\x05\x0a" + b"\x00" * 8, b"\x08\x0a\x00", b"\xfe\x01\x00\x00"]
send("bad-options", [frame(TCP(flags="A", seq=rng.getrandbits(32), ack=rng.getrandbits(32), dataofs=5 + (len(o) + 3) // 4,
                               options=[], **conn) / Raw(o.ljust(((len(o) + 3) // 4) * 4, b"\x00"))) for o in bad_options for _ in range(10)])
# 4. out-of-window RSTs and SYNs on the live connection (RFC 5961: challenge ACK, no reset)
send("out-of-window-rst", [frame(TCP(flags="R", seq=rng.getrandbits(32), **conn)) for _ in range(100)]
     + [frame(TCP(flags="S", seq=rng.getrandbits(32), **conn)) for _ in range(20)])
# 5. garbage: truncated IPv4 and TCP headers, random bytes
send("garbage", [Ether(src=my_mac, dst=islet_mac, type=0x0800) / Raw(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 60)))) for _ in range(100)])
