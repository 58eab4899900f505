#!/usr/bin/env bash
# The scale report: the benchmark's data at two scale factors, one database each, and every read shape of the public
# API (and the writes) timed on both, side by side; writes bench/SCALE.md. Not part of CI: generating scale 100
# (500,000 products, 1,000,000 lots, 5,000,000 history rows, 2,500,000 reviews, 200,000 orders) takes a while.
#
# Environment (all optional): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), SCALES ("1 100"),
# SCALE_SECONDS (2: per shape and scale), SCALE_REUSE_DB=1 to keep databases fm_scale_<N> made by an earlier run
# (they are re-made when the migrations changed since). JAVA_HOME must be a JDK 21+.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
read -r -a scales <<<"${SCALES:-1 100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
log() { printf '[scale %5ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

cd "$repo_dir"
log "installing the library (./mvnw -B install -DskipTests)"
./mvnw -B -q install -DskipTests -Dcodegen.jdbc.url="jdbc:postgresql://$PGHOST:$PGPORT/postgres" \
    -Dcodegen.jdbc.user="$PGUSER" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
log "building the harness"
(cd "$bench_dir" && "$repo_dir/mvnw" -B -q package >"$work/harness.log" 2>&1) || { cat "$work/harness.log"; exit 1; }
classpath="$bench_dir/target/classes:$bench_dir/target/lib/*"
# The newest migration the data was made with: a database made before a newer one is made again.
latest=$(ls migrations | sed -n 's/^V\([0-9]*\)__.*\.sql$/\1/p' | sort -n | tail -1)

databases=()
for scale in "${scales[@]}"; do
    database="fm_scale_$scale"
    databases+=("$database")
    version=$(psql -X -qAt -d "$database" -c 'SELECT max(version::int) FROM farmers_market_schema_history' 2>/dev/null || true)
    if [[ "${SCALE_REUSE_DB:-0}" == 1 && "$version" == "$latest" ]]; then
        log "reusing $database (schema version $version)"
        continue
    fi
    log "creating $database at scale $scale"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
        -c "CREATE DATABASE $database"
    "$JAVA_HOME/bin/java" -cp "$classpath" org.farmersmarket.bench.Migrate \
        "jdbc:postgresql://$PGHOST:$PGPORT/$database" "$PGUSER"
    log "generating scale $scale"
    psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -d "$database" -f "$bench_dir/sql/generate.sql"
    log "generated scale $scale"
done

log "timing every shape on ${databases[*]}"
"$JAVA_HOME/bin/java" -Xms512m -Xmx1g -cp "$classpath" org.farmersmarket.bench.Scale \
    host="$PGHOST" port="$PGPORT" user="$PGUSER" scales="$(IFS=,; echo "${scales[*]}")" \
    databases="$(IFS=,; echo "${databases[*]}")" seconds="${SCALE_SECONDS:-2}" out="$bench_dir/SCALE.md"
log "done: $bench_dir/SCALE.md"
