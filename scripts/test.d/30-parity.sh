#!/usr/bin/env bash
# Parser parity with CPython 3.13 (from pyenv): the tricky-file corpus, then 3.13's own standard
# library. Fails unless every file's AST is identical (npm run parity exits 1 otherwise).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="${PYENV_ROOT:-}"
if [ -z "$root" ] && command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
[ -n "$root" ] || root="$HOME/.pyenv"
python=""
for dir in $(ls -d "$root"/versions/3.13.* 2>/dev/null | sort -V -r); do
  if [ -x "$dir/bin/python3" ]; then python="$dir/bin/python3"; break; fi
done
[ -n "$python" ] || { echo "no CPython 3.13 under $root/versions (install it with pyenv)"; exit 1; }
stdlib="$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
status=0
npm run -s parity -- "$python" test/python/corpus || status=1
npm run -s parity -- "$python" "$stdlib" --max 2 || status=1
exit $status
