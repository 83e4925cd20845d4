#!/usr/bin/env python3
"""The topwords function: the most frequent words of the request body, as JSON.

The self-hosted runtime runs it once per request with the body on standard input; TOP (from functions.json) says
how many words to answer, and a ?top=N query parameter overrides it.
"""
import collections
import json
import os
import re
import sys
import urllib.parse


def top_words(text, count):
    words = re.findall(r"[a-z']+", text.lower())
    return [{"word": word, "count": n} for word, n in collections.Counter(words).most_common(count)]


def main():
    query = urllib.parse.parse_qs(os.environ.get("Http_Query", ""))
    count = int(query.get("top", [os.environ.get("TOP", "3")])[0])
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    json.dump({"top": top_words(text, count)}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
