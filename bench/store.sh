#!/usr/bin/env bash
# Islet.Store against git and libgit2, side by side in one run (issue 7's bench).
#  commits: COMMITS commits, commit i setting data/f(i % FILES) to "value i", each on the previous
#           one, all with the same author, committer, time and message format. git fast-import
#           gets them as a stream (made before timing); Islet's typed store and LibGit2Sharp make
#           them through their APIs. All three must end with the SAME commit id on main, so every
#           implementation did the same work; git fsck --strict checks each repository. Islet runs
#           twice: published with NativeAOT (as Islet applications ship) and under the JIT.
#  reads:   READS reads of blob ids drawn at random (with repeats, fixed seed) from the commits
#           repository after git gc --aggressive (packed, with deltas): git cat-file --batch,
#           Islet's GitObjectDatabase and LibGit2Sharp read the same list in the same order.
# Rounds are interleaved; the table gives each round, the median and the ratio to git.
# Writes bench/results/store.md. Usage: bench/store.sh [COMMITS] [READS] [ROUNDS] [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
commits="${1:-20000}"; reads="${2:-200000}"; rounds="${3:-3}"; files="${4:-100}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet build bench/Islet.Store.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary -o "$work/tool" >&2
# Islet's own runs also as NativeAOT, the way Islet applications ship (no JIT at start-up).
dotnet publish bench/Islet.Store.Benchmarks -c Release -r linux-x64 -p:PublishAot=true -nologo -v quiet -clp:ErrorsOnly\;NoSummary -o "$work/aot" >&2
tool() { dotnet "$work/tool/Islet.Store.Benchmarks.dll" "$@"; }
aot() { "$work/aot/Islet.Store.Benchmarks" "$@"; }
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# The fast-import stream: commit i at 2026-01-01T00:00:00Z, message "commit i\n".
python3 - "$commits" "$files" > "$work/stream" <<'PY'
import sys
n, files = int(sys.argv[1]), int(sys.argv[2]); out = sys.stdout
for i in range(n):
    msg = f"commit {i}\n"; val = f"value {i}\n"
    out.write("commit refs/heads/main\n")
    out.write(f"mark :{i+1}\n")
    out.write("author Bench <bench@example.com> 1767225600 +0000\n")
    out.write("committer Bench <bench@example.com> 1767225600 +0000\n")
    out.write(f"data {len(msg)}\n{msg}")
    if i > 0:
        out.write(f"from :{i}\n")
    out.write(f"M 100644 inline data/f{i % files}\n")
    out.write(f"data {len(val)}\n{val}\n")
PY

now() { date +%s.%N; }
declare -A results
record() { results[$1]="${results[$1]:-} $2"; }
fresh() { rm -rf "$1"; git init -q --bare -b main "$1"; }
check() { # repo name
  git -C "$1" fsck --strict --no-progress >&2
  local head; head=$(git -C "$1" rev-parse main)
  if [ -z "${expected:-}" ]; then expected=$head; elif [ "$head" != "$expected" ]; then echo "$2 made main=$head, git made $expected" >&2; exit 1; fi
}
rate() { python3 -c "print(round($1 / $2))"; }
tool_rate() { local line; line=$("$@" | grep '^RESULT'); set -- $line; rate "$3" "$4"; }

for round in $(seq "$rounds"); do
  echo "round $round: commits" >&2
  fresh "$work/fi"; start=$(now); git -C "$work/fi" fast-import --quiet < "$work/stream"; end=$(now)
  record commits-git "$(rate "$commits" "$(python3 -c "print($end - $start)")")"; check "$work/fi" git
  fresh "$work/lg"; record commits-libgit2 "$(tool_rate tool commits-libgit2 "$work/lg" "$commits" "$files")"; check "$work/lg" libgit2
  fresh "$work/is"; record commits-islet-aot "$(tool_rate aot commits-islet "$work/is" "$commits" "$files")"; check "$work/is" islet-aot
  fresh "$work/is"; record commits-islet-jit "$(tool_rate tool commits-islet "$work/is" "$commits" "$files")"; check "$work/is" islet-jit
done

cp -r "$work/fi" "$work/packed"; git -C "$work/packed" gc -q --aggressive
git -C "$work/packed" rev-list --objects --all | cut -d" " -f1 | git -C "$work/packed" cat-file --batch-check='%(objectname) %(objecttype)' \
  | awk '$2 == "blob" { print $1 }' > "$work/blobs"
python3 - "$work/blobs" "$reads" > "$work/sequence" <<'PY'
import random, sys
ids = open(sys.argv[1]).read().split(); rng = random.Random(7)
sys.stdout.write("".join(rng.choice(ids) + "\n" for _ in range(int(sys.argv[2]))))
PY
for round in $(seq "$rounds"); do
  echo "round $round: reads" >&2
  start=$(now); git -C "$work/packed" cat-file --batch < "$work/sequence" > /dev/null; end=$(now)
  record reads-git "$(rate "$reads" "$(python3 -c "print($end - $start)")")"
  record reads-libgit2 "$(tool_rate tool reads-libgit2 "$work/packed" "$work/sequence")"
  record reads-islet-aot "$(tool_rate aot reads-islet "$work/packed" "$work/sequence")"
  record reads-islet-jit "$(tool_rate tool reads-islet "$work/packed" "$work/sequence")"
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
out=bench/results/store.md
# Taken before the redirect below truncates the result file (which would mark the tree changed).
made_at="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (working tree changed)')"
{
  echo "# Islet.Store against git and libgit2"
  echo
  echo "Command: \`bench/store.sh $commits $reads $rounds $files\` at commit $made_at, $(date -u +%Y-%m-%d)."
  echo "Machine: $(nproc) cores, $(git --version), LibGit2Sharp $(grep -o 'LibGit2Sharp" Version="[^"]*' Directory.Packages.props | cut -d'"' -f3)."
  echo
  for kind in commits reads; do
    base=$(echo "${results[$kind-git]}" | median)
    echo "## $kind per second"
    echo
    echo "| implementation | per round | median | vs git |"
    echo "|---|---|---|---|"
    for impl in git libgit2 islet-aot islet-jit; do
      m=$(echo "${results[$kind-$impl]}" | median)
      echo "| $impl | ${results[$kind-$impl]} | $m | $(python3 -c "print(f'{$m / $base:.2f}x')") |"
    done
    echo
  done
  echo "islet-aot is the benchmark tool published with NativeAOT, as Islet applications ship; islet-jit is the same code under the JIT (\`dotnet tool.dll\`). Commits are timed from the start of the tool's Main, opening the repository included; reads time only the read loop."
  echo
  echo "Every commit run ended on main = \`$expected\`; git fsck --strict passed on each."
} > "$out"
cat "$out"
