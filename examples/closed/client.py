"""A client for the hosted Acme Chat API. The model itself is not distributed."""
import os
import sys

import requests

API = "https://api.acme.example/v1/chat"


def chat(prompt: str) -> str:
    r = requests.post(API, headers={"Authorization": f"Bearer {os.environ['ACME_API_KEY']}"}, json={"prompt": prompt}, timeout=30)
    r.raise_for_status()
    return r.json()["text"]


if __name__ == "__main__":
    print(chat(sys.argv[1]))
