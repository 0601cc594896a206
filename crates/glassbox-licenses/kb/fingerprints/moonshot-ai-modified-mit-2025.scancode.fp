# glassbox license fingerprint v1
id: LicenseRef-Kimi-K2-Modified-MIT
source: aboutcode-org/scancode-licensedb@053a651 docs/moonshot-ai-modified-mit-2025.LICENSE
file: licenses/scancode-licensedb/moonshot-ai-modified-mit-2025.txt
6e459e684eb14e57 3
e6488f2e8bbee309 86
8dc43034b30ab50d 30
3d234208a5c04a1e 46
248445056d223db6 63
