#!/bin/bash
# A restart of the built server on an existing data directory: wall time to its `serving` line, and the
# process's CPU (user + system, from /proc/<pid>/stat) and RSS at that moment (bench/README.md, issue 15).
#   bash bench/tools/restart.sh <server dir> <data dir>     # e.g. server /tmp/rdata, after `npm run build -w server`
# The data directory is made once by a first start: TONGXIN_DATA_DIR=/tmp/rdata TONGXIN_DEMO=1 npm start.
set -euo pipefail
dir=$1
data=$2
cd "$dir"
log=$(mktemp)
began=$(date +%s.%N)
TONGXIN_DATA_DIR="$data" PORT="${PORT:-18931}" node dist/main.mjs >"$log" 2>&1 &
pid=$!
until grep -q "serving" "$log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
ended=$(date +%s.%N)
read -r utime stime < <(awk '{print $14, $15}' "/proc/$pid/stat")
ticks=$(getconf CLK_TCK)
rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
echo "wall $(echo "$ended - $began" | bc) s, cpu $(echo "scale=2; ($utime + $stime) / $ticks" | bc) s, rss $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
kill -INT "$pid"
wait "$pid" 2>/dev/null || true
rm -f "$log"
