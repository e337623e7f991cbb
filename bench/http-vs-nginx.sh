#!/usr/bin/env bash
# Side-by-side HTTP benchmark, one run: wrk against the www unikernel (unix target,
# NativeAOT) and against nginx (Debian's package) serving the same files, with the same
# connections and duration, interleaved so that machine noise hits both alike.
# Writes bench/results/http.md. Usage: bench/http-vs-nginx.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"; connections="${2:-64}"; rounds="${3:-2}"
./scripts/setup wrk nginx-light procps

work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

islet_port=18180; nginx1_port=18181; nginx2_port=18182
site="$PWD/examples/www/site"

echo "== building www (unix target, NativeAOT)" >&2
dotnet build src/Islet.Cli -c Release -nologo -v quiet >/dev/null
dotnet src/Islet.Cli/bin/Release/net9.0/islet.dll build examples/www -t unix -o "$work/www" >&2
"$work/www/www" --islet-publish "127.0.0.1:$islet_port:80" --islet-quiet & pids+=($!)

start_nginx() { # workers port
  mkdir -p "$work/nginx-$2"
  cat > "$work/nginx-$2/nginx.conf" <<CONF
worker_processes $1;
pid $work/nginx-$2/nginx.pid;
error_log $work/nginx-$2/error.log;
daemon off;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 100000000; keepalive_timeout 60s;
  open_file_cache max=1000 inactive=60s; open_file_cache_valid 60s;
  client_body_temp_path $work/nginx-$2; proxy_temp_path $work/nginx-$2;
  fastcgi_temp_path $work/nginx-$2; uwsgi_temp_path $work/nginx-$2; scgi_temp_path $work/nginx-$2;
  server { listen 127.0.0.1:$2; root $site; etag on; }
}
CONF
  nginx -c "$work/nginx-$2/nginx.conf" & pids+=($!)
}
start_nginx 1 $nginx1_port
start_nginx auto $nginx2_port
sleep 1
for port in $islet_port $nginx1_port $nginx2_port; do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" || { echo "server on $port is not answering" >&2; exit 1; }
done

rss_kib() { # total RSS of a process tree rooted at the server listening on a port
  local pid; pid=$(ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
  local total=0
  for p in $pid $(pgrep -P "$pid" || true); do total=$((total + $(awk '/VmRSS/{print $2}' /proc/$p/status))); done
  echo "$total"
}

declare -A rps lat50 lat99
run() { # name port path
  local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$2$3")
  local r; r=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  rps["$1|$3"]+="$r "
  lat50["$1|$3"]=$(awk '$1=="50%"{print $2}' <<<"$out")
  lat99["$1|$3"]=$(awk '$1=="99%"{print $2}' <<<"$out")
  echo "$1 $3 round: $r req/s" >&2
}
paths=(/ /css/site.css /img/islet.png)
for ((round = 1; round <= rounds; round++)); do
  for path in "${paths[@]}"; do
    run islet $islet_port "$path"
    run nginx-1w $nginx1_port "$path"
    run nginx-auto $nginx2_port "$path"
  done
done

mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }
out=bench/results/http.md
{
  echo "# HTTP: Islet www (unix target, NativeAOT) vs nginx, side by side"
  echo
  echo "Command: \`bench/http-vs-nginx.sh $duration $connections $rounds\` — wrk -t2 -c$connections -d${duration}s, keep-alive,"
  echo "$rounds interleaved rounds per server and path (mean of the rounds). Date: $(date -u +%Y-%m-%d)."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(uname -r); wrk runs on the same cores."
  echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'): access_log off, sendfile on, open_file_cache on (it serves from its file-descriptor cache as Islet serves from memory); \`nginx-1w\` has one worker (Islet uses one event-loop thread), \`nginx-auto\` one per core."
  echo
  echo "| path | server | requests/s | vs nginx-1w | p50 latency | p99 latency |"
  echo "|---|---|---:|---:|---:|---:|"
  for path in "${paths[@]}"; do
    base=$(mean "${rps[nginx-1w|$path]}")
    for s in islet nginx-1w nginx-auto; do
      m=$(mean "${rps[$s|$path]}")
      ratio=$(awk -v a="$m" -v b="$base" 'BEGIN{printf "%.2f", a/b}')
      echo "| \`$path\` | $s | $m | ${ratio}× | ${lat50[$s|$path]} | ${lat99[$s|$path]} |"
    done
  done
  echo
  echo "Resident memory after the run: islet $(rss_kib $islet_port) KiB, nginx-1w $(rss_kib $nginx1_port) KiB (master + worker), nginx-auto $(rss_kib $nginx2_port) KiB."
  echo "Image size: www $(stat -c %s "$work/www/www") bytes (static site baked in)."
} > "$out"
cat "$out"
