#!/usr/bin/env bash
# Creates bench/.venv (git-ignored) and installs scancode-toolkit from PyPI into it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/bench/.venv"
if ! "$venv/bin/scancode" --version >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    # pluggy 1.6+ rejects the class-based hook specs of plugincode 32 ("did not find any
    # 'pre_scan' hooks"), so pin the last version that accepts them.
    "$venv/bin/pip" install --quiet scancode-toolkit "pluggy<1.6"
fi
"$venv/bin/scancode" --version
