#!/bin/bash
# The tinyforge-c runtime's measured code and stack per Cortex-M core
# (resources/firmware/tinyforge_c_code_sizes.json), from scripts/firmware_table.py.
# Usage: scripts/firmware_table.sh                 regenerate the table (every core, ~1 min)
#        scripts/firmware_table.sh --check [CORES]  compare with a fresh measurement (CORES:
#                                                   comma-separated, default all); exit 77
#                                                   without arm-none-eabi-gcc or python3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
table="$here/../resources/firmware/tinyforge_c_code_sizes.json"
command -v python3 > /dev/null || { echo "firmware_table: python3 not found"; exit 77; }
if [ "${1:-}" = "--check" ]; then
  exec python3 "$here/firmware_table.py" --check "$table" ${2:+--cores "$2"}
fi
exec python3 "$here/firmware_table.py" --out "$table" "$@"
