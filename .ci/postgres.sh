#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and create the test role and database.
# Idempotent: safe to run when the cluster is already up or the role exists.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='coursefinder'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE coursefinder LOGIN SUPERUSER PASSWORD 'coursefinder'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='coursefinder_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O coursefinder coursefinder_test"
echo "postgresql $ver on 127.0.0.1:5432 (database coursefinder_test)"
