# glassbox license fingerprint v1
id: LicenseRef-OpenAI-Jukebox-Noncommercial
source: openai/jukebox@08efbbc LICENSE
8f1d61597258c9f6 3
141e71c39550e94a 5
d90bae9415a4e951 11
c5ae536774f50fd3 18
e0fcd5a10e3d13a0 81
6cdcd6de3cfdacf6 20
f849cea5787392da 18
44cb1fa2881a5fe1 29
3d234208a5c04a1e 46
