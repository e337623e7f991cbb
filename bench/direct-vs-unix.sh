#!/usr/bin/env bash
# Side-by-side, one run: wrk against www on Islet's own TCP/IP stack (direct target, over a
# TAP device) and against the same www on the Linux kernel's stack (unix target), both
# NativeAOT, both inside one network namespace this script creates and removes.
# Writes bench/results/direct.md. Usage: bench/direct-vs-unix.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"; connections="${2:-64}"; rounds="${3:-2}"
./scripts/setup --tests wrk

ns="islet-bench-$$"; work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/Islet.Cli -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
islet=(dotnet src/Islet.Cli/bin/Release/net9.0/islet.dll)
"${islet[@]}" build examples/www -t direct -o "$work/direct" >&2
"${islet[@]}" build examples/www -t unix -o "$work/unix" >&2

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip tuntap add dev islet0 mode tap
ip netns exec "$ns" ip addr add 10.77.0.1/24 dev islet0
ip netns exec "$ns" ip link set islet0 up
ip netns exec "$ns" "$work/direct/www" --islet-net tap:islet0 --islet-ip 10.77.0.2/24 --islet-quiet & pids+=($!)
ip netns exec "$ns" "$work/unix/www" --islet-publish 10.77.0.1:8080:80 --islet-quiet & pids+=($!)
for url in http://10.77.0.2/ http://10.77.0.1:8080/; do
  ip netns exec "$ns" curl -sf -o /dev/null --retry 20 --retry-connrefused --retry-delay 1 "$url"
done

declare -A rps
run() { # name url
  local r; r=$(ip netns exec "$ns" wrk -t2 -c"$connections" -d"${duration}s" "$2" | awk '/Requests\/sec/{print $2}')
  rps["$1"]+="$r "; echo "$1 round: $r req/s" >&2
}
for ((round = 1; round <= rounds; round++)); do
  run direct http://10.77.0.2/
  run unix http://10.77.0.1:8080/
done
mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }
d=$(mean "${rps[direct]}"); u=$(mean "${rps[unix]}")
{
  echo "# www on Islet's own TCP/IP stack (direct, TAP) vs on the Linux kernel's stack (unix), side by side"
  echo
  echo "Command: \`bench/direct-vs-unix.sh $duration $connections $rounds\` — wrk -t2 -c$connections -d${duration}s against \`/\`, keep-alive,"
  echo "$rounds interleaved rounds (mean). Both NativeAOT, one event-loop thread each, inside one network namespace;"
  echo "the direct target's frames cross a TAP device, the unix target's stay in the kernel. Date: $(date -u +%Y-%m-%d); $(nproc) cores."
  echo
  echo "| server | requests/s | vs unix |"
  echo "|---|---:|---:|"
  echo "| direct (Islet TCP/IP over TAP) | $d | $(awk -v a="$d" -v b="$u" 'BEGIN{printf "%.2f", a/b}')× |"
  echo "| unix (Linux TCP/IP) | $u | 1.00× |"
} > bench/results/direct.md
cat bench/results/direct.md
