#!/usr/bin/env bash
# Starts Debian's PgBouncer (1.18) in transaction mode on 127.0.0.1:6432 in front of the PostgreSQL on
# 127.0.0.1:5432, as deployments run it: every database name passes through (the tests create theirs), users
# authenticate by the trust PostgreSQL itself applies on this machine. Installs the package when it is missing.
# Prints nothing but errors; stop it with: kill "$(cat "${PGBOUNCER_DIR:-/tmp/fm-pgbouncer}/pgbouncer.pid")".
set -euo pipefail

dir=${PGBOUNCER_DIR:-/tmp/fm-pgbouncer}
port=${PGBOUNCER_PORT:-6432}
if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "pgbouncer: installing Debian's package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null
  # The package starts a service of its own on 6432: this script runs its own instance instead.
  service pgbouncer stop >/dev/null 2>&1 || pkill -x pgbouncer || true
fi
binary=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

mkdir -p "$dir"
if [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
  kill "$(cat "$dir/pgbouncer.pid")"
  sleep 1
fi
# With trust, PgBouncer still wants to know a user: postgres, and the tests' application role under the fixed name
# the pooler leg gives it (FM_TEST_ROLE_SUFFIX=pooler: fm_test_app_pooler, made and dropped by the run). Not
# auth_user: PgBouncer 1.18 then looks every other user up through the database it is asked for, and a login to its
# console database (which the library's pooler probe makes) waits forever. Passwords are not checked: the server
# behind trusts 127.0.0.1.
cat >"$dir/userlist.txt" <<'USERS'
"postgres" ""
"fm_test_app_pooler" ""
USERS
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
; An admin user, as many deployments have one: the library's pooler probe must see PgBouncer through its login too.
admin_users = postgres
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
user=postgres
chown -R "$user" "$dir"
# PgBouncer refuses to run as root.
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$binary" -d "$dir/pgbouncer.ini"
else
  "$binary" -d "$dir/pgbouncer.ini"
fi
for _ in $(seq 50); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then
    exit 0
  fi
  sleep 0.2
done
echo "pgbouncer did not start on 127.0.0.1:$port; its log:" >&2
cat "$dir/pgbouncer.log" >&2
exit 1
