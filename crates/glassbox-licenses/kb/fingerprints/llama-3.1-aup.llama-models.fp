# glassbox license fingerprint v1
id: LicenseRef-Llama-3.1-AUP
source: meta-llama/llama-models@a9c89c4 models/llama3_1/USE_POLICY.md
df5e3a88610cdc99 22
6d5e1503d5300fd3 15
1af660b2934d3041 14
9d70efa344062946 12
38cb2c2d24b86912 101
37c337ca9a81b60f 451
