#!/usr/bin/env bash
# Soak: Islet's own TCP against the Linux kernel's over TAP, 100 MB each way, under a netem-like
# impairment applied on Islet's side in both directions (this machine's kernel has no netem):
# curl downloads 100 MB from www, and tcp-blast sends 100 MB to a socat listener. Checks both
# byte-exact against unimpaired references and writes bench/results/tcp-loss.md.
# Usage: bench/tcp-loss-soak.sh [IMPAIRMENT] [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
impair="${1:-loss=5,reorder=10,reorder-delay=3,delay=5,seed=3}"; mb="${2:-100}"
bytes=$((mb * 1000000))
# The unix/direct targets serve a content directory by reading whole files, capped at 64 MiB.
down_bytes=$(( bytes < 60000000 ? bytes : 60000000 ))
./scripts/setup --tests

ns="islet-soak-$$"; work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/Islet.Cli -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
islet=(dotnet src/Islet.Cli/bin/Release/net9.0/islet.dll)
"${islet[@]}" build examples/www -t direct -o "$work/www" >&2
"${islet[@]}" build tests/Apps/TcpBlast -t direct -o "$work/blast" >&2
mkdir -p "$work/site"; head -c "$down_bytes" /dev/urandom > "$work/site/big.bin"

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
for i in 0 1; do
  ip netns exec "$ns" ip tuntap add dev islet$i mode tap
  ip netns exec "$ns" ip addr add 10.9$i.0.1/24 dev islet$i
  ip netns exec "$ns" ip link set islet$i up
done
ip netns exec "$ns" "$work/www/www" --islet-net tap:islet0 --islet-ip 10.90.0.2/24 --islet-quiet \
  --islet-content "site=$work/site" --islet-impair "$impair" --islet-stats > "$work/www.stats" & pids+=($!)
ip netns exec "$ns" curl -sf -o /dev/null --retry 20 --retry-connrefused --retry-delay 1 http://10.90.0.2/robots.txt || true

start=$(date +%s.%N)
ip netns exec "$ns" curl -sS --max-time 1800 -o "$work/down.bin" http://10.90.0.2/big.bin
down_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
cmp -s "$work/down.bin" "$work/site/big.bin" && down_ok=yes || down_ok=NO

blast() { # file impair-args...
  local file=$1; shift
  ip netns exec "$ns" socat -u TCP-LISTEN:9000,bind=10.91.0.1,reuseaddr "OPEN:$file,creat,trunc" & local l=$!
  sleep 0.3
  ip netns exec "$ns" "$work/blast/tcp-blast" --islet-net tap:islet1 --islet-ip 10.91.0.2/24 --islet-quiet "$@" 10.91.0.1 9000 "$bytes" 42 >/dev/null
  wait $l
}
blast "$work/ref.bin"
start=$(date +%s.%N)
blast "$work/up.bin" --islet-impair "$impair"
up_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
cmp -s "$work/up.bin" "$work/ref.bin" && up_ok=yes || up_ok=NO
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

rate() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", n/s/1000}'; }
{
  echo "# Islet TCP vs the Linux kernel's under impairment: $((down_bytes / 1000000)) MB down, $mb MB up"
  echo
  echo "Command: \`bench/tcp-loss-soak.sh '$impair' $mb\`. Date: $(date -u +%Y-%m-%d); $(nproc) cores."
  echo "The impairment is applied by the unikernel to its own TAP link in both directions"
  echo "(this machine's kernel has no netem): each direction $impair (percent, milliseconds)."
  echo
  echo "| direction | bytes | byte-exact | seconds | KB/s |"
  echo "|---|---:|---|---:|---:|"
  echo "| kernel curl downloads from www (Islet sends) | $down_bytes | $down_ok | $(printf %.1f "$down_s") | $(rate "$down_bytes" "$down_s") |"
  echo "| tcp-blast uploads to kernel socat (Islet connects out) | $bytes | $up_ok | $(printf %.1f "$up_s") | $(rate "$bytes" "$up_s") |"
  echo
  echo "www's TCP counters after the download:"
  echo '```'
  grep -E '^tcp\.(segments_sent|retransmissions|fast_retransmits|timeouts|window_probes)' "$work/www.stats" || true
  echo '```'
} > bench/results/tcp-loss.md
cat bench/results/tcp-loss.md
[ "$down_ok" = yes ] && [ "$up_ok" = yes ]
