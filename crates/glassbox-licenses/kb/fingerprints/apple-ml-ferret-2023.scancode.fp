# glassbox license fingerprint v1
id: LicenseRef-Apple-Sample-Code
source: aboutcode-org/scancode-licensedb@053a651 docs/apple-ml-ferret-2023.LICENSE
file: licenses/scancode-licensedb/apple-ml-ferret-2023.txt
fc7d075a32da93d6 53
4c636b566517dfa8 33
f69c57e522ae671d 11
e7f993834005da9b 20
2c379e7ed207710d 48
e1623b4897bca735 12
07461daf8aa5ad2c 39
64cb19735770e758 26
be7816aa25c11df6 6
ca6054f149aeba93 46
