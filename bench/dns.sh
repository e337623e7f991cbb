#!/usr/bin/env bash
# Islet's dns example against NSD and Knot, side by side in one run: each server answers the
# same zone (examples/dns/zones/example.com.zone) on 127.0.0.1, pinned to one core (taskset -c 0;
# NSD server-count 1, Knot one UDP worker), while dnsperf runs on the other core. Rounds are
# interleaved so drift on this small, noisy machine hits every server alike. Islet runs as the
# unix target (a NativeAOT process on the host's sockets) and, when --sealed is given, as the
# sealed image under spt and hvt through user networking's UDP forwarding.
# NSD is built with response rate limiting on (200 per second per /24): the bench turns it off.
# Writes bench/results/dns.md. Usage: bench/dns.sh [SECONDS] [ROUNDS] [--sealed]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; rounds="${2:-3}"; sealed="${3:-}"
./scripts/setup --tests dnsperf nsd knot
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
zone=examples/dns/zones/example.com.zone
cp "$zone" "$work/example.com.zone"

publish() { # project target out [extra properties]
  dotnet publish "$1" -c Release -p:IsletTarget="$2" -o "$3" -nologo -v quiet -clp:ErrorsOnly\;NoSummary "${@:4}" >&2
}
launcher() { # project out
  dotnet publish "$1" -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true -o "$2" -nologo -v quiet -clp:ErrorsOnly\;NoSummary >&2
}
publish examples/dns unix "$work/dns-unix" -p:PublishAot=true

# The query mix: answers, a CNAME, a wildcard, NXDOMAIN, NODATA, MX/TXT/SRV/CAA, IPv6.
cat > "$work/queries" <<'Q'
www.example.com A
www.example.com AAAA
mail.example.com A
blog.example.com A
ns1.example.com A
ns2.example.com AAAA
example.com MX
example.com TXT
example.com SOA
example.com NS
example.com CAA
_imaps._tcp.example.com SRV
x.apps.example.com A
nope.example.com A
www.example.com MX
Q

# NSD: one server process, no database, no remote control.
mkdir -p "$work/nsd"
cat > "$work/nsd/nsd.conf" <<C
server:
  ip-address: 127.0.0.1@18531
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/nsd/zone.list"
  xfrdfile: "$work/nsd/xfrd.state"
  pidfile: "$work/nsd/nsd.pid"
  logfile: "$work/nsd/nsd.log"
  hide-version: yes
  rrl-ratelimit: 0
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: example.com
  zonefile: example.com.zone
C
# Knot: one UDP worker, one TCP worker.
mkdir -p "$work/knot/db"
cat > "$work/knot/knot.conf" <<C
server:
  rundir: "$work/knot"
  listen: 127.0.0.1@18532
  udp-workers: 1
  tcp-workers: 1
  background-workers: 1
database:
  storage: "$work/knot/db"
log:
  - target: stderr
    any: error
template:
  - id: default
    storage: "$work"
    file: "%s.zone"
zone:
  - domain: example.com
C
taskset -c 0 nsd -d -c "$work/nsd/nsd.conf" > "$work/nsd.out" 2>&1 & pids+=($!)
taskset -c 0 knotd -c "$work/knot/knot.conf" > "$work/knot.out" 2>&1 & pids+=($!)
taskset -c 0 "$work/dns-unix/dns" --islet-publish 127.0.0.1:18533:53/udp --islet-publish 127.0.0.1:18533:53 --islet-quiet > "$work/islet.out" 2>&1 & pids+=($!)
servers=("nsd:18531" "knot:18532" "islet-unix:18533")
if [ "$sealed" = "--sealed" ]; then
  publish examples/dns spt "$work/dns-spt"
  launcher src/Islet.Spt "$work/spt"
  launcher src/Islet.Hvt "$work/hvt"
  truncate -s 1M "$work/zones-spt.img" "$work/zones-hvt.img"
  taskset -c 0 "$work/spt/islet-spt" "$work/dns-spt/dns" -p 127.0.0.1:18534:53/udp --block zones="$work/zones-spt.img" --quiet > "$work/spt.out" 2>&1 & pids+=($!)
  taskset -c 0 "$work/hvt/islet-hvt" "$work/dns-spt/dns" -p 127.0.0.1:18535:53/udp --block zones="$work/zones-hvt.img" --quiet --cpus 1 > "$work/hvt.out" 2>&1 & pids+=($!)
  servers+=("islet-spt:18534" "islet-hvt:18535")
fi

# Every server must give the same answers before it is measured.
for pair in "${servers[@]}"; do
  port=${pair#*:}
  for i in $(seq 1 50); do dig @127.0.0.1 -p "$port" +time=1 +tries=1 www.example.com A +short 2>/dev/null | grep -q . && break; sleep 0.2; done
  got=$(dig @127.0.0.1 -p "$port" +norec +time=2 +tries=1 blog.example.com A +short | tr '\n' ' ')
  [ "$got" = "www.example.com. 192.0.2.80 " ] || { echo "bench/dns: ${pair%%:*} answered '$got'" >&2; cat "$work"/*.out >&2; exit 1; }
done

declare -A qps lost
for round in $(seq 1 "$rounds"); do
  for pair in "${servers[@]}"; do
    name=${pair%%:*}; port=${pair#*:}
    out=$(taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" -c 8 -T 1 -q 200 2>&1)
    q=$(awk '/Queries per second/{printf "%.0f", $4}' <<<"$out"); l=$(awk '/Queries lost/{print $3}' <<<"$out")
    qps[$name]+="$q "; lost[$name]+="$l "
    echo "$name round $round: $q queries/s, lost $l" >&2
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
nsd_median=$(median "${qps[nsd]}")
state="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' plus uncommitted changes')"
{
  echo "# DNS: Islet's dns example against NSD and Knot"
  echo
  echo "Command: \`bench/dns.sh $seconds $rounds $sealed\` at commit $state, $(date -u +%Y-%m-%d)."
  echo "One run; rounds interleaved. Every server on core 0 (\`taskset -c 0\`; NSD \`server-count: 1\`, Knot one UDP worker),"
  echo "dnsperf on core 1 (\`-c 8 -T 1 -q 200\`, ${seconds} s per round), all on 127.0.0.1, the same zone and the same"
  echo "15-query mix (answers, CNAME, wildcard, NXDOMAIN, NODATA, MX, TXT, SRV, CAA, AAAA)."
  echo "$(nsd -v 2>&1 | head -1); $(knotd --version 2>&1 | head -1); dnsperf $(dnsperf -h 2>&1 | grep -m1 -io 'version [0-9.]*' | awk '{print $2}')."
  echo
  echo "| server | queries/s per round | median | vs NSD | queries lost per round |"
  echo "|---|---|---|---|---|"
  for pair in "${servers[@]}"; do
    name=${pair%%:*}; m=$(median "${qps[$name]}")
    echo "| $name | ${qps[$name]} | $m | $(awk -v a="$m" -v b="$nsd_median" 'BEGIN{printf "%.2fx", a/b}') | ${lost[$name]} |"
  done
} > bench/results/dns.md
cat bench/results/dns.md
