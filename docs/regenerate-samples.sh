#!/usr/bin/env bash
# Regenerates the sample outputs in docs/: every fenced block that follows a line <!-- sample --> starts with a
# "$ java -jar target/farmers-market-db-*-cli.jar ..." line; this runs that command against a fresh `fmdb dev --demo`
# database and writes what it printed below it. Run from anywhere after ./mvnw package; needs a JDK 21+ on PATH.
# As root, the dev server runs in a user namespace (unshare -U), since PostgreSQL refuses root.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
jar=$(ls target/farmers-market-db-*-cli.jar 2>/dev/null | head -1 || true)
[[ -n "$jar" ]] || { echo "regenerate-samples: no target/farmers-market-db-*-cli.jar; run ./mvnw package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
chmod 777 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_user=()
[[ "$(id -u)" == 0 ]] && as_user=(unshare -U)

"${as_user[@]}" java -jar "$jar" dev --dir "$work/.fmdb-dev" --port "$port" --demo >"$work/dev.log" 2>&1 &
dev=$!
# SIGTERM: a background job of a script ignores SIGINT, and fmdb dev stops its server on either.
trap 'kill -TERM "$dev" 2>/dev/null || true; wait "$dev" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 180); do
    grep -q "is running on" "$work/dev.log" && break
    kill -0 "$dev" 2>/dev/null || { cat "$work/dev.log" >&2; exit 1; }
    sleep 1
done
grep -q "is running on" "$work/dev.log" || { echo "regenerate-samples: fmdb dev did not start" >&2; exit 1; }

export DATABASE_URL="postgresql://fm_app@localhost:$port/market"
export DIRECT_URL="postgresql://postgres@localhost:$port/market" FMDB_OWNER_ROLE=fm_owner FMDB_APP_ROLE=fm_app
export SAMPLE_PORT="$port"
python3 - <<'PY'
import os, pathlib, re, subprocess
port = os.environ["SAMPLE_PORT"]
block = re.compile(r"(<!-- sample -->\n```\n)(\$ (java -jar [^\n]+))\n.*?(```)", re.S)

def run(match):
    command = match.group(3)
    out = subprocess.run(command, shell=True, capture_output=True, text=True)
    text = (out.stdout + out.stderr).rstrip("\n")
    # The dev server's port is a free one: show fmdb dev's default instead, as a reader's own run prints it.
    text = text.replace(f"localhost:{port}", "localhost:54329")
    return match.group(1) + match.group(2) + "\n" + text + "\n" + match.group(4)

for page in sorted(pathlib.Path("docs").rglob("*.md")):
    old = page.read_text()
    new = block.sub(run, old)
    if new != old:
        page.write_text(new)
        print(f"regenerated the samples of {page}")
PY
