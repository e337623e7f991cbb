#!/usr/bin/env bash
# git clone from the sealed gitstore unikernel (spt, smart HTTP) and from `git daemon` serving
# the same repository, side by side in one run (rounds interleaved).
#  The store: COMMITS changes made through the image's key-value API (PUT /kv/blob/I of SIZE random
#  bytes, one commit each, kept on its block device). A `git clone --mirror` of the image is what
#  git daemon serves. Every clone is checked with git fsck and must end on the image's main.
#  Also reported: the image process's peak RSS (VmHWM) after all the clones, against IsletMemory.
# Writes bench/results/gitstore-clone.md. Usage: bench/gitstore-clone.sh [COMMITS] [SIZE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
commits="${1:-120}"; size="${2:-262144}"; rounds="${3:-3}"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== building gitstore for spt" >&2
dotnet build src/Islet.Cli -c Release -nologo -v quiet >/dev/null
islet() { dotnet src/Islet.Cli/bin/Release/net9.0/islet.dll "$@"; }
islet build examples/gitstore -t spt -o "$work/image" >&2
truncate -s 512M "$work/data.img"
port=$(free_port)
islet run "$work/image/gitstore" -t spt -p "127.0.0.1:$port:80" --block "data=$work/data.img" -- --author "Bench <bench@example.org>" > "$work/image.log" 2>&1 & pids+=($!)
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/kv/" && break; sleep 0.1; done
image_pid=$(pgrep -n -f "$work/image/gitstore" | head -1)

echo "== $commits PUTs of $size random bytes" >&2
for i in $(seq 1 "$commits"); do
  head -c "$size" /dev/urandom > "$work/value"
  curl -sf -o /dev/null -X PUT --data-binary @"$work/value" "http://127.0.0.1:$port/kv/blob/$i"
done
git clone -q --mirror "http://127.0.0.1:$port/store" "$work/mirror.git"
expected=$(git -C "$work/mirror.git" rev-parse main)
objects=$(git -C "$work/mirror.git" count-objects -v | awk '/^in-pack:/ {print $2}')
packkib=$(du -k "$work/mirror.git/objects/pack"/*.pack | awk '{s+=$1} END {print s}')
dport=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$dport" --base-path="$work" --export-all "$work" & pids+=($!)
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/"$dport") 2>/dev/null && break; sleep 0.1; done

now() { date +%s.%N; }
declare -A times
clone() { # name url
  rm -rf "$work/c"; local s e; s=$(now); git clone -q --bare "$2" "$work/c"; e=$(now)
  git -C "$work/c" fsck --strict --no-progress >&2
  [ "$(git -C "$work/c" rev-parse main)" = "$expected" ] || { echo "$1 clone is not at $expected" >&2; exit 1; }
  times[$1]="${times[$1]:-} $(python3 -c "print(f'{$e - $s:.2f}')")"
}
for round in $(seq "$rounds"); do
  echo "== round $round" >&2
  clone islet "http://127.0.0.1:$port/store"
  clone git-daemon "git://127.0.0.1:$dport/mirror.git"
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$image_pid/status")
memory=$(sed -n 's/.*<IsletMemory>\([0-9]*\)<.*/\1/p' examples/gitstore/*.csproj | head -1)

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
made_at="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (working tree changed)')"
out=bench/results/gitstore-clone.md
base=$(echo "${times[git-daemon]}" | median)
{
  echo "# git clone from the sealed gitstore unikernel and from git daemon"
  echo
  echo "Command: \`bench/gitstore-clone.sh $commits $size $rounds\` at commit $made_at, $(date -u +%Y-%m-%d)."
  echo "Machine: $(nproc) cores, $(git --version)."
  echo
  echo "Repository: $commits commits made through the image's API (PUT /kv/blob/I, $size random bytes each): $objects objects, $packkib KiB packed by git."
  echo
  echo "| server | seconds per clone, by round | median | vs git daemon |"
  echo "|---|---|---|---|"
  for impl in islet git-daemon; do
    m=$(echo "${times[$impl]}" | median)
    echo "| $impl | ${times[$impl]} | $m | $(python3 -c "print(f'{$m / $base:.2f}x')") |"
  done
  echo
  echo "islet: \`islet run gitstore -t spt\` (seccomp-sealed, user networking, the store on its block device), cloned over smart HTTP. git daemon: the same repository (a \`git clone --mirror\` of the image), cloned over git://. Every clone passed git fsck --strict and ended on main = \`$expected\`."
  echo
  echo "The image process's peak RSS after all the clones (VmHWM): $hwm KiB, of IsletMemory $memory MiB."
} > "$out"
cat "$out"
