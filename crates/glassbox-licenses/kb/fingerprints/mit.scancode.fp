# glassbox license fingerprint v1
id: MIT
source: aboutcode-org/scancode-licensedb@053a651 docs/mit.LICENSE
file: licenses/scancode-licensedb/mit.txt
e6488f2e8bbee309 86
8dc43034b30ab50d 30
3d234208a5c04a1e 46
