#!/usr/bin/env bash
# Builds the Persian corpus of docs/persian.md: the data/fa sentences read by espeak-ng's fa voice
# (normalised first, --lang fa), less the 50 test ids, prepared with phoneme tokens; and the
# teacher's audio of the 50 test sentences, the reference for MCD and duration ratios.
#   scripts/corpus-fa.sh [OUT]     (default OUT: /work/corpus-fa; the test set goes to OUT-test)
# Resumable: run it again after an interruption. Needs espeak-ng (apt-get install espeak-ng).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/work/corpus-fa}"
DATA="$ROOT/data/fa"
command -v espeak-ng >/dev/null || { echo "espeak-ng is not installed: apt-get install -y espeak-ng" >&2; exit 1; }

"$ROOT/mytts" corpus build --teacher espeak-ng:fa --lang fa --text "$DATA/sentences.txt" \
    --exclude-ids "$DATA/test-ids.txt" --out "$OUT"
"$ROOT/mytts" prepare --data "$OUT" --tokenizer phonemes --language fa --preset small

mkdir -p "$OUT-test"
grep -F -f <(sed 's/$/|/' "$DATA/test-ids.txt") "$DATA/sentences.txt" > "$OUT-test/sentences.txt"
"$ROOT/mytts" corpus build --teacher espeak-ng:fa --lang fa --text "$OUT-test/sentences.txt" --out "$OUT-test"
