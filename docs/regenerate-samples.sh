#!/usr/bin/env bash
# Regenerates the sample outputs in docs/. A sample is a fenced block that follows a line <!-- sample -->; every line
# of it that starts with "$ " is a command, run in order with bash, and what the commands printed replaces the rest.
#
# - Each sample starts from the same state: its own scratch directory holding a copy of migrations/ and a link to
#   target/ (so a sample may edit a migration), and a fresh copy of an `fmdb dev --demo` database named market.
#   DATABASE_URL (fm_app), DIRECT_URL (postgres), FMDB_OWNER_ROLE and FMDB_APP_ROLE name it, as a reader's own
#   `fmdb dev` prints them; commands may write the dev server's default port 54329, the script runs them on its own.
# - <!-- sample server=postgres --> runs the sample against a scratch database, fmdb_samples, migrated and filled
#   with demo data by fmdb, on the PostgreSQL server at SAMPLES_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432):
#   for pg_dump and pg_restore, which must be of the server's major version (the dev server is PostgreSQL 17).
# - keep="REGEX" (in the same comment) keeps only the output lines that match; each run of lines left out shows as ...
#
# Run from anywhere after ./mvnw package; needs a JDK 21+ and psql on PATH. As root, the dev server runs in a user
# namespace (unshare -U), since PostgreSQL refuses root.
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

export SAMPLE_PORT="$port" SAMPLE_WORK="$work" SAMPLE_JAR="$repo/$jar" SAMPLE_REPO="$repo"
export SAMPLES_POSTGRES_URL="${SAMPLES_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
python3 - <<'PY'
import os, pathlib, re, shutil, subprocess, tempfile

port, work, jar, repo = (os.environ[k] for k in ("SAMPLE_PORT", "SAMPLE_WORK", "SAMPLE_JAR", "SAMPLE_REPO"))
postgres_url = os.environ["SAMPLES_POSTGRES_URL"].rstrip("/")
shown_port = "localhost:54329"  # fmdb dev's default, as a reader's own run prints it
dev_admin = f"postgresql://postgres@localhost:{port}/postgres"
block = re.compile(r'(<!-- sample((?: [a-z]+=(?:"[^"]*"|\S+?))*) -->\n```\n)(.*?)(```)', re.S)
attribute = re.compile(r'([a-z]+)=(?:"([^"]*)"|(\S+))')


def sql(url, statement):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", statement], check=True,
                   capture_output=True, text=True)


def fmdb(env, *args):
    done = subprocess.run(["java", "-jar", jar, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"regenerate-samples: fmdb {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


# The dev database as `fmdb dev --demo` left it, kept as a template each sample's market is copied from.
sql(dev_admin, "CREATE DATABASE market_pristine TEMPLATE market")
owner = subprocess.run(["psql", "-X", "-At", dev_admin, "-c",
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'market'"],
                       check=True, capture_output=True, text=True).stdout.strip()
dev_env = dict(os.environ,
               DATABASE_URL=f"postgresql://fm_app@localhost:{port}/market",
               DIRECT_URL=f"postgresql://postgres@localhost:{port}/market",
               FMDB_OWNER_ROLE="fm_owner", FMDB_APP_ROLE="fm_app")
for name in ("SAMPLE_PORT", "SAMPLE_WORK", "SAMPLE_JAR", "SAMPLE_REPO", "SAMPLES_POSTGRES_URL"):
    dev_env.pop(name, None)


def fresh_dev_database():
    for statement in ("DROP DATABASE IF EXISTS market WITH (FORCE)", "DROP DATABASE IF EXISTS shop WITH (FORCE)",
                      f'CREATE DATABASE market TEMPLATE market_pristine OWNER "{owner}"'):
        sql(dev_admin, statement)
    return dev_env


def fresh_postgres_database():
    for statement in ("DROP DATABASE IF EXISTS fmdb_samples WITH (FORCE)",
                      "DROP DATABASE IF EXISTS fmdb_samples_copy WITH (FORCE)", "CREATE DATABASE fmdb_samples"):
        sql(f"{postgres_url}/postgres", statement)
    url = f"{postgres_url}/fmdb_samples"
    env = {k: v for k, v in dev_env.items() if not k.startswith("FMDB_")}
    env.update(DATABASE_URL=url, DIRECT_URL=url)
    fmdb(env, "migrate")
    fmdb(env, "seed", "--demo", "--vendors", "5", "--products", "50", "--orders", "100")
    return env


def kept(lines, pattern):
    if pattern is None:
        return lines
    out = []
    for line in lines:
        if re.search(pattern, line):
            out.append(line)
        elif not out or out[-1] != "...":
            out.append("...")
    return out


def run(match):
    options = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
               for m in attribute.finditer(match.group(2) or "")}
    commands = [line[2:] for line in match.group(3).splitlines() if line.startswith("$ ")]
    env = fresh_postgres_database() if options.get("server") == "postgres" else fresh_dev_database()
    scratch = tempfile.mkdtemp(dir=work)
    shutil.copytree(pathlib.Path(repo, "migrations"), pathlib.Path(scratch, "migrations"))
    os.symlink(pathlib.Path(repo, "target"), pathlib.Path(scratch, "target"))
    text = []
    for command in commands:
        # Standard output and error as one stream, in the order a terminal shows them.
        done = subprocess.run(["bash", "-c", command.replace(shown_port, f"localhost:{port}")], cwd=scratch, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        printed = done.stdout.replace(f"localhost:{port}", shown_port).rstrip("\n")
        text.append("$ " + command)
        text.extend(kept(printed.splitlines(), options.get("keep")) if printed else [])
    return match.group(1) + "\n".join(text) + "\n" + match.group(4)


try:
    for page in sorted(pathlib.Path("docs").rglob("*.md")):
        old = page.read_text()
        new = block.sub(run, old)
        if new != old:
            page.write_text(new)
            print(f"regenerated the samples of {page}")
finally:
    for scratch_database in ("fmdb_samples", "fmdb_samples_copy"):
        subprocess.run(["psql", "-X", "-q", f"{postgres_url}/postgres", "-c",
                        f"DROP DATABASE IF EXISTS {scratch_database} WITH (FORCE)"], capture_output=True)
PY
