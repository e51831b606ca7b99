#!/usr/bin/env bash
# Builds the training report of a run folder and screenshots it in headless Chromium, to check by
# eye that the page loads offline and its plots are visible.
#   scripts/report-screenshot.sh RUN [SHOT.png]     (default SHOT: RUN/report.png)
# Needs Debian's chromium (apt-get install -y chromium). Prints what the DOM holds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="${1:?usage: $0 RUN [SHOT.png]}"
SHOT="${2:-$RUN/report.png}"
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install -y chromium" >&2; exit 1; }

"$ROOT/mytts" report "$RUN" -o "$RUN/report.html"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$PROFILE")
URL="file://$(cd "$RUN" && pwd)/report.html"
chromium "${FLAGS[@]}" --screenshot="$(realpath -m "$SHOT")" --window-size=1200,2600 "$URL" 2>/dev/null
DOM="$(chromium "${FLAGS[@]}" --dump-dom "$URL" 2>/dev/null)"
echo "screenshot: $SHOT"
echo "charts (svg): $(grep -o '<svg class="chart"' <<<"$DOM" | wc -l)," \
     "images: $(grep -o '<img ' <<<"$DOM" | wc -l), audio players: $(grep -o '<audio ' <<<"$DOM" | wc -l)"
