#!/usr/bin/env bash
# Scores the email Plenary sends with SpamAssassin's local rules (no network tests), one line
# per message: its score and the rules it hit. The messages are the ones the e2e test
# test/e2e/mail-that-lands.e2e-spec.ts captured into test-artifacts/mail/ (run it first), or
# the .eml files of a directory given as the argument (e.g. MAIL_DIR of a local run).
#
#   apt-get install -y spamassassin      # Debian's package; not needed by CI or the tests
#   NODE_OPTIONS=--experimental-vm-modules TZ=UTC npx jest --config jest.config.js \
#     test/e2e/mail-that-lands.e2e-spec.ts --selectProjects e2e
#   bash scripts/spam-score.sh [dir]
set -euo pipefail

dir="${1:-test-artifacts/mail}"
if ! command -v spamassassin >/dev/null; then
  echo "spamassassin is not installed (apt-get install -y spamassassin)" >&2
  exit 2
fi
shopt -s nullglob
files=("$dir"/*.eml)
if [ ${#files[@]} -eq 0 ]; then
  echo "No .eml files in $dir: run test/e2e/mail-that-lands.e2e-spec.ts first" >&2
  exit 2
fi

highest=0
for file in "${files[@]}"; do
  report="$(spamassassin -L -t <"$file" 2>/dev/null | sed -n '/^Content analysis details/,$p')"
  score="$(sed -n 's/^Content analysis details: *(\(-\{0,1\}[0-9.]*\) points.*/\1/p' <<<"$report")"
  rules="$(awk '/^ *-?[0-9]+\.[0-9]+ [A-Z0-9_]+ /{ printf "%s(%s) ", $2, $1 }' <<<"$report")"
  printf '%6s  %-36s %s\n' "$score" "$(basename "$file")" "$rules"
  highest="$(awk -v a="$highest" -v b="$score" 'BEGIN { print (b > a) ? b : a }')"
done
echo "highest score: $highest (5.0 is SpamAssassin's spam threshold)"
