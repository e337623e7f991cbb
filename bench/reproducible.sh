#!/usr/bin/env bash
# Reproducibility: clones the current commit twice into two different directories, builds
# the sealed www image (islet build -t spt) in each from clean, and compares the two images
# byte for byte (and their SBOMs). Writes bench/results/reproducible.md.
# Usage: bench/reproducible.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup
work="$(mktemp -d)"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work" >&2; fi
commit=$(git rev-parse HEAD)
for side in a b; do
  git clone -q . "$work/$side-checkout-$RANDOM"
done
i=0
for dir in "$work"/*-checkout-*; do
  i=$((i + 1))
  (cd "$dir" && git checkout -q "$commit" \
    && dotnet build src/Islet.Cli -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary >&2 \
    && dotnet src/Islet.Cli/bin/Release/net9.0/islet.dll build examples/www -t spt -o "$work/out$i" >&2)
done
out=bench/results/reproducible.md
{
  echo "# Reproducible sealed images"
  echo
  echo "Command: \`bench/reproducible.sh\` ($(date -u +%Y-%m-%d), commit ${commit:0:12})."
  echo "Two clones of the commit in different directories, each built from clean with \`islet build examples/www -t spt\`."
  echo
  echo "| file | clone 1 SHA-256 | clone 2 SHA-256 | identical |"
  echo "|---|---|---|---|"
  for f in www www.cdx.json; do
    h1=$(sha256sum "$work/out1/$f" | cut -c1-16); h2=$(sha256sum "$work/out2/$f" | cut -c1-16)
    same=no; cmp -s "$work/out1/$f" "$work/out2/$f" && same=yes
    echo "| $f | $h1… | $h2… | $same |"
  done
  if ! cmp -s "$work/out1/www" "$work/out2/www"; then
    echo; echo "Differing bytes: $(cmp -l "$work/out1/www" "$work/out2/www" | wc -l)"
  fi
} > "$out"
cat "$out"
