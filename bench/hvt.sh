#!/usr/bin/env bash
# hvt against spt and a normal process, side by side in one run: start-to-first-HTTP-response
# of www (the same sealed image under hvt and spt; the unix target as a normal NativeAOT
# process), requests per second (wrk), the smallest --mem with which www still serves under
# load, and how many www unikernels run at once with each answering.
# Writes bench/results/hvt.md. Usage: bench/hvt.sh [ROUNDS] [WRK_SECONDS] [INSTANCES]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}"; seconds="${2:-10}"; instances="${3:-100}"
./scripts/setup --tests wrk
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

publish() { # project target out [extra properties]
  dotnet publish "$1" -c Release -p:IsletTarget="$2" -o "$3" -nologo -v quiet -clp:ErrorsOnly\;NoSummary "${@:4}" >&2
}
launcher() { # project out
  dotnet publish "$1" -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true -o "$2" -nologo -v quiet -clp:ErrorsOnly\;NoSummary >&2
}
publish examples/www spt "$work/www-spt"
publish examples/www unix "$work/www-unix" -p:PublishAot=true
launcher src/Islet.Spt "$work/spt"
launcher src/Islet.Hvt "$work/hvt"
www="$work/www-spt/www"; spt="$work/spt/islet-spt"; hvt="$work/hvt/islet-hvt"

mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }

# 1. Start-up: interleaved rounds, spawn to the first complete 200 status line.
json=$(python3 bench/first-response.py "$rounds" \
  "unix=$work/www-unix/www --islet-publish 127.0.0.1:{port}:80 --islet-quiet" \
  "spt=$spt $www -p 127.0.0.1:{port}:80 --quiet" \
  "hvt=$hvt $www -p 127.0.0.1:{port}:80 --quiet")

# 2. Throughput: wrk against each in turn, two rounds.
"$work/www-unix/www" --islet-publish 127.0.0.1:18701:80 --islet-quiet & pids+=($!)
"$spt" "$www" -p 127.0.0.1:18702:80 --quiet & pids+=($!)
"$hvt" "$www" -p 127.0.0.1:18703:80 --quiet & pids+=($!)
for port in 18701 18702 18703; do curl -sf -o /dev/null --retry 20 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$port/"; done
declare -A rps
for round in 1 2; do
  for pair in unix:18701 spt:18702 hvt:18703; do
    r=$(wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:${pair#*:}/" | awk '/Requests\/sec/{print $2}')
    rps[${pair%%:*}]+="$r "; echo "${pair%%:*} round $round: $r req/s" >&2
  done
done
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=()

# 3. The smallest --mem that still serves: 3 s of wrk -c16, every answer a 200, and the VM alive after.
mem_rows=""; smallest=""
for mem in 1 2 3 4 6 8 16; do
  port=18710
  "$hvt" "$www" -p "127.0.0.1:$port:80" --quiet --stats --mem "${mem}M" > "$work/mem-$mem.log" 2>&1 & pid=$!
  ok=no; detail=""
  if curl -sf -o /dev/null --retry 10 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$port/"; then
    out=$(wrk -t1 -c16 -d3s "http://127.0.0.1:$port/" 2>&1 || true)
    r=$(awk '/Requests\/sec/{print $2}' <<<"$out"); bad=$(awk '/Non-2xx|Socket errors/{print}' <<<"$out")
    if kill -0 "$pid" 2>/dev/null && [ -z "$bad" ] && [ -n "$r" ]; then ok=yes; detail="$r req/s"; else detail="${bad:-the VM ended}"; fi
  else detail="no answer"; fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  peak=$(grep -o 'guest memory: [0-9.]* MiB at peak' "$work/mem-$mem.log" | awk '{print $3}' || true)
  crash=$(grep -o 'out of memory[^;]*' "$work/mem-$mem.log" | head -1 || true)
  mem_rows+="| ${mem}M | $ok | $detail | ${peak:--} | ${crash:-} |"$'\n'
  if [ "$ok" = yes ] && [ -z "$smallest" ]; then smallest="$mem"; fi
done

# 4. Many at once: each with 8 MiB of guest memory on its own port; every one must answer.
free_before=$(awk '/MemAvailable/{print $2}' /proc/meminfo)
t0=$(date +%s.%N)
for i in $(seq 1 "$instances"); do
  "$hvt" "$www" -p "127.0.0.1:$((19000 + i)):80" --quiet --mem 8M > /dev/null 2>&1 & pids+=($!)
done
answered=0
for i in $(seq 1 "$instances"); do
  if curl -sf -o /dev/null --max-time 30 --retry 30 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$((19000 + i))/"; then answered=$((answered + 1)); fi
done
t1=$(date +%s.%N)
answered_again=0
for i in $(seq 1 "$instances"); do
  if curl -sf -o /dev/null --max-time 10 "http://127.0.0.1:$((19000 + i))/"; then answered_again=$((answered_again + 1)); fi
done
rss_kib=0; for p in "${pids[@]}"; do r=$(awk '/VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0); rss_kib=$((rss_kib + r)); done
free_after=$(awk '/MemAvailable/{print $2}' /proc/meminfo)
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=()

out=bench/results/hvt.md
{
  echo "# hvt: the Islet monitor against spt and a normal process"
  echo
  echo "Command: \`bench/hvt.sh $rounds $seconds $instances\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))."
  echo "/dev/kvm here is kvm_pvm (software virtualization of a nested guest; see DESIGN.md): every exit"
  echo "to the monitor costs microseconds, more than on hardware KVM."
  echo
  echo "All three run the same www application; spt and hvt run the very same sealed image file"
  echo "($(stat -c %s "$www") bytes). Launchers are NativeAOT builds of islet-spt and islet-hvt."
  echo
  echo "## Start-to-first-HTTP-response"
  echo
  echo "$rounds interleaved rounds each: spawn, then GET / until a 200 status line arrives. spt and hvt"
  echo "include the launcher, the image's start, its DHCP lease from the launcher's router and the"
  echo "first connection spliced through it; hvt also creates the VM, loads the ELF and builds page tables."
  echo
  python3 - "$json" <<'PY'
import json, statistics, sys
s = json.loads(sys.argv[1])
print("| run | median ms | min ms | max ms |")
print("|---|---:|---:|---:|")
for k, v in s.items():
    print(f"| {k} | {statistics.median(v):.1f} | {min(v):.1f} | {max(v):.1f} |")
print()
u = statistics.median(s['unix'])
print(f"Ratios (medians): hvt / unix **{statistics.median(s['hvt']) / u:.2f}x**, spt / unix {statistics.median(s['spt']) / u:.2f}x, hvt / spt {statistics.median(s['hvt']) / statistics.median(s['spt']):.2f}x.")
PY
  echo
  echo "## Requests per second (wrk -t2 -c64 -d${seconds}s, GET /, two rounds each, interleaved)"
  echo
  echo "| run | rounds (req/s) | mean |"
  echo "|---|---|---:|"
  for k in unix spt hvt; do echo "| $k | ${rps[$k]} | $(mean "${rps[$k]}") |"; done
  echo
  echo "Ratios: hvt / spt **$(awk -v a="$(mean "${rps[hvt]}")" -v b="$(mean "${rps[spt]}")" 'BEGIN{printf "%.2f", a/b}')x**, hvt / unix $(awk -v a="$(mean "${rps[hvt]}")" -v b="$(mean "${rps[unix]}")" 'BEGIN{printf "%.2f", a/b}')x."
  echo
  echo "## The smallest --mem that serves"
  echo
  echo "Each: islet-hvt --mem SIZE, then wrk -t1 -c16 -d3s; it serves when every answer is a 200 and"
  echo "the VM is still running after. Peak is the guest's anonymous memory (heap, stacks) at its"
  echo "highest, from --stats; the image itself ($(( $(stat -c %s "$www") / 1048576 )) MiB) is mapped outside the budget."
  echo
  echo "| --mem | serves | under load | peak MiB | note |"
  echo "|---|---|---|---:|---|"
  printf "%s" "$mem_rows"
  echo
  echo "Smallest that serves: **${smallest:-none}M**."
  echo
  echo "## Many at once"
  echo
  echo "$instances www unikernels under hvt, each with --mem 8M on its own port, started together."
  echo
  echo "| started | answered GET / | answered again after all were up | seconds until all answered | sum of monitor RSS | MemAvailable drop |"
  echo "|---:|---:|---:|---:|---:|---:|"
  echo "| $instances | $answered | $answered_again | $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') | $((rss_kib / 1024)) MiB | $(( (free_before - free_after) / 1024 )) MiB |"
  echo
  echo "A Linux micro-VM as a reference (qemu -M microvm with a Debian kernel) was not run: under"
  echo "kvm_pvm a guest kernel's real-mode and CPL0 code is emulated, and DESIGN.md records that it did"
  echo "not get past real-mode setup in 30 s on these machines."
} > "$out"
echo "wrote $out" >&2
