# glassbox license fingerprint v1
id: LicenseRef-OpenAI-GPT-2-Modified-MIT
source: openai/gpt-2@9b63575 LICENSE
6e459e684eb14e57 3
c1f1a9fbc05c86ea 5
3e8b5c4b07116682 22
8ac8d570129f9c00 19
e6488f2e8bbee309 86
f849cea5787392da 18
8dc43034b30ab50d 30
3d234208a5c04a1e 46
