#!/bin/sh
# Online backup of the Allot relay database (safe while the relay runs: SQLite's backup API
# copies a consistent snapshot; WAL mode lets the relay keep committing meanwhile).
#   backup-relay.sh [DATA_DIR] [BACKUP_DIR] [KEEP]
# Cron example (hourly, keep 48):  0 * * * *  allot-relay  /opt/allot/deploy/backup/backup-relay.sh
set -eu
DATA_DIR=${1:-/var/lib/allot-relay}
BACKUP_DIR=${2:-/var/backups/allot-relay}
KEEP=${3:-48}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
umask 077
mkdir -p "$BACKUP_DIR"
TMP="$BACKUP_DIR/.relay-$STAMP.db.partial"
# .timeout: wait for the relay's short write locks instead of failing
sqlite3 "$DATA_DIR/relay.db" ".timeout 10000" ".backup '$TMP'"
# verify before keeping it
RESULT=$(sqlite3 "$TMP" "PRAGMA integrity_check;")
if [ "$RESULT" != "ok" ]; then
  echo "backup integrity check failed: $RESULT" >&2
  rm -f "$TMP"
  exit 1
fi
mv "$TMP" "$BACKUP_DIR/relay-$STAMP.db"
# the admin key is not in the database; keep a copy with the backups
cp -p "$DATA_DIR/admin-key" "$BACKUP_DIR/admin-key"
# rotate: keep the newest $KEEP backups
ls -1t "$BACKUP_DIR"/relay-*.db 2>/dev/null | tail -n +"$((KEEP + 1))" | while read -r old; do rm -f "$old"; done
echo "$BACKUP_DIR/relay-$STAMP.db"
