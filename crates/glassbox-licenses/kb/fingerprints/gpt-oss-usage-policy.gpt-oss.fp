# glassbox license fingerprint v1
id: LicenseRef-gpt-oss-Usage-Policy
source: openai/gpt-oss@7b58334 USAGE_POLICY
file: licenses/gpt-oss.USAGE_POLICY.txt
f22804c9f8fc7723 21
e7456a530e48725e 18
