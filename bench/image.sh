#!/usr/bin/env bash
# Sealed images, side by side in one run: the size of www and hello as sealed (spt) images
# and what fills them (ELF sections, and the compiled code and data by namespace from the
# ILCompiler's map file), start-to-first-HTTP-response of www under spt (through user-mode
# networking, the NativeAOT launcher) against the same app as a normal NativeAOT process
# (unix target), and requests per second under spt against the unix target (wrk).
# Writes bench/results/image.md. Usage: bench/image.sh [ROUNDS] [WRK_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}"; seconds="${2:-10}"
./scripts/setup --tests wrk
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

publish() { # project target out [extra properties]
  dotnet publish "$1" -c Release -p:IsletTarget="$2" -o "$3" -nologo -v quiet -clp:ErrorsOnly\;NoSummary "${@:4}" >&2
}
publish examples/www spt "$work/www-spt" -p:IlcGenerateMapFile=true
publish tests/Apps/Hello spt "$work/hello-spt" -p:IlcGenerateMapFile=true
publish examples/www unix "$work/www-unix" -p:PublishAot=true
dotnet publish src/Islet.Spt -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true -o "$work/launcher" -nologo -v quiet -clp:ErrorsOnly\;NoSummary >&2
map() { find examples/www/obj tests/Apps/Hello/obj -name "$1.map.xml" -newer "$work/www-spt/www" 2>/dev/null | head -1; }
www_map="$(find examples/www/obj -name 'www.map.xml' | head -1)"
hello_map="$(find tests/Apps/Hello/obj -name 'hello.map.xml' | head -1)"

out=bench/results/image.md
{
  echo "# Sealed images: size, start-up and throughput"
  echo
  echo "Command: \`bench/image.sh $rounds $seconds\` ($(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))."
  echo
  echo "## Size"
  echo
  echo "| image | bytes | MiB |"
  echo "|---|---:|---:|"
  for f in "$work/hello-spt/hello" "$work/www-spt/www" "$work/www-unix/www"; do
    n=$(stat -c %s "$f"); echo "| ${f#$work/} | $n | $(awk -v n="$n" 'BEGIN{printf "%.2f", n/1048576}') |"
  done
  echo
  echo "### By ELF section (www, spt)"
  echo
  echo '```'
  size -A "$work/www-spt/www" | awk 'NR>2 && $2>4096 {printf "%-24s %10d\n", $1, $2}'
  echo '```'
  echo
  echo "### By namespace (www, spt): compiled code and data the ILCompiler's map file attributes"
  echo
  echo '```'
  python3 bench/map-namespaces.py "$www_map" 25
  echo '```'
  echo
  echo "### By namespace (hello, spt)"
  echo
  echo '```'
  python3 bench/map-namespaces.py "$hello_map" 15
  echo '```'
} > "$out.tmp"

# Start-up: interleaved rounds, spawn to the first complete 200 status line.
json=$(python3 bench/first-response.py "$rounds" \
  "unix=$work/www-unix/www --islet-publish 127.0.0.1:{port}:80 --islet-quiet" \
  "spt=$work/launcher/islet-spt $work/www-spt/www -p 127.0.0.1:{port}:80 --quiet")

# Throughput: wrk against each, one after the other, two rounds.
"$work/www-unix/www" --islet-publish 127.0.0.1:18501:80 --islet-quiet & pids+=($!)
"$work/launcher/islet-spt" "$work/www-spt/www" -p 127.0.0.1:18502:80 --quiet & pids+=($!)
for port in 18501 18502; do curl -sf -o /dev/null --retry 20 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$port/"; done
declare -A rps
for round in 1 2; do
  for pair in unix:18501 spt:18502; do
    r=$(wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:${pair#*:}/" | awk '/Requests\/sec/{print $2}')
    rps[${pair%%:*}]+="$r "; echo "${pair%%:*} round $round: $r req/s" >&2
  done
done
{
  cat "$out.tmp"
  echo
  echo "## Start-to-first-HTTP-response"
  echo
  echo "$rounds interleaved rounds each: spawn, then GET / until a 200 status line arrives. The spt time"
  echo "includes the launcher (NativeAOT), the exec stub, the filter, the image's start, its DHCP"
  echo "lease from the launcher's router and the first connection spliced through it."
  echo
  python3 - "$json" <<'PY'
import json, statistics, sys
s = json.loads(sys.argv[1])
print("| run | median ms | min ms | max ms |")
print("|---|---:|---:|---:|")
for k, v in s.items():
    print(f"| {k} | {statistics.median(v):.1f} | {min(v):.1f} | {max(v):.1f} |")
print()
print(f"Ratio spt / unix (medians): **{statistics.median(s['spt']) / statistics.median(s['unix']):.2f}x**")
PY
  echo
  echo "## Requests per second (wrk -t2 -c64 -d${seconds}s, GET /, two rounds each, interleaved)"
  echo
  echo "| run | rounds (req/s) | mean |"
  echo "|---|---|---:|"
  for k in unix spt; do
    echo "| $k | ${rps[$k]} | $(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"${rps[$k]}") |"
  done
  u=$(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; print s/NF}' <<<"${rps[unix]}"); p=$(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; print s/NF}' <<<"${rps[spt]}")
  echo
  echo "Ratio spt / unix: **$(awk -v a="$p" -v b="$u" 'BEGIN{printf "%.2f", a/b}')x**"
  cat bench/image-notes.md
} > "$out"
rm -f "$out.tmp"
echo "wrote $out" >&2
