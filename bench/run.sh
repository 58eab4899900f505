#!/usr/bin/env bash
# One command: build and install the library (timing a clean codegen build and a no-op rebuild), create and fill
# a fresh benchmark database, check every peer's answers, measure, and write bench/RESULTS.md.
#
# Environment (all optional): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), BENCH_DB (fm_bench),
# BENCH_WARMUP (1 s), BENCH_MEASURE (3 s), BENCH_ROUNDS (5: each peer's median round is reported), BENCH_PEERS (ours,jdbc,hibernate,prisma,pgbench),
# BENCH_SKIP_BUILD_TIMING=1 to skip the two timed builds, BENCH_WORKLOADS (e.g. 1,3: only those), BENCH_REUSE_DB=1
# to keep an existing benchmark database instead of re-creating it (for quick iterations; the full report should
# start from fresh data). JAVA_HOME must be a JDK 21+ (here: source /tmp/env.sh).
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
database="${BENCH_DB:-fm_bench}"
peers="${BENCH_PEERS:-ours,jdbc,hibernate,prisma,pgbench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
log() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

codegen=(-Dcodegen.jdbc.url="jdbc:postgresql://$PGHOST:$PGPORT/postgres" -Dcodegen.jdbc.user="$PGUSER")
cd "$repo_dir"
notes="$work/notes.md"
if [[ "${BENCH_SKIP_BUILD_TIMING:-0}" != 1 ]]; then
    log "timing a clean codegen build and a no-op rebuild of the library"
    t0=$(date +%s.%N); ./mvnw -B -q clean package -DskipTests "${codegen[@]}" >"$work/build1.log" 2>&1 \
        || { cat "$work/build1.log"; exit 1; }
    t1=$(date +%s.%N); ./mvnw -B -q package -DskipTests "${codegen[@]}" >"$work/build2.log" 2>&1 \
        || { cat "$work/build2.log"; exit 1; }
    t2=$(date +%s.%N)
    {
        echo "Library build (this run, same machine, codegen against the local PostgreSQL):"
        echo
        echo "| build | seconds |"
        echo "|---|---:|"
        printf '| clean codegen build: `./mvnw -B -q clean package -DskipTests` | %.1f |\n' "$(echo "$t1 - $t0" | bc)"
        printf '| no-op rebuild: `./mvnw -B -q package -DskipTests` | %.1f |\n' "$(echo "$t2 - $t1" | bc)"
    } >"$notes"
fi
log "installing the library (./mvnw -B install -DskipTests)"
./mvnw -B -q install -DskipTests "${codegen[@]}" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }

log "building the harness"
(cd "$bench_dir" && "$repo_dir/mvnw" -B -q package >"$work/harness.log" 2>&1) || { cat "$work/harness.log"; exit 1; }

classpath="$bench_dir/target/classes:$bench_dir/target/lib/*"
if [[ "${BENCH_REUSE_DB:-0}" == 1 ]] && psql -X -q -d "$database" -c 'SELECT 1 FROM products LIMIT 1' >/dev/null 2>&1; then
    log "reusing database $database (BENCH_REUSE_DB=1)"
    echo "Data: re-used from an earlier run (BENCH_REUSE_DB=1), not freshly generated." >>"$notes"
else
    log "creating database $database"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
        -c "CREATE DATABASE $database"
    "$JAVA_HOME/bin/java" -cp "$classpath" org.farmersmarket.bench.Migrate \
        "jdbc:postgresql://$PGHOST:$PGPORT/$database" "$PGUSER"

    log "generating data (fixed seed)"
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" -f "$bench_dir/sql/generate.sql"
fi

if [[ ",$peers," == *",prisma,"* ]]; then
    log "preparing the Prisma peer"
    if ! "$bench_dir/prisma/setup.sh" >"$work/prisma.log" 2>&1; then
        cat "$work/prisma.log"
        log "Prisma peer could not be set up: left out (see above)"
        peers="$(echo "$peers" | tr ',' '\n' | grep -vx prisma | paste -sd, -)"
        echo "Prisma: left out of this run, its set-up failed: $(tail -1 "$work/prisma.log")" >>"$notes"
    fi
fi

log "load before measuring: $(cat /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xms512m -Xmx1g -cp "$classpath" org.farmersmarket.bench.Bench \
    host="$PGHOST" port="$PGPORT" user="$PGUSER" database="$database" \
    warmup="${BENCH_WARMUP:-1}" measure="${BENCH_MEASURE:-3}" rounds="${BENCH_ROUNDS:-5}" peers="$peers" workloads="${BENCH_WORKLOADS:-}" \
    scripts="$bench_dir/pgbench" prisma="$bench_dir/prisma" out="$bench_dir/RESULTS.md" notes="$notes"
log "done: $bench_dir/RESULTS.md"
