#!/usr/bin/env python3
"""The {{name}} function: greets the name it reads on standard input."""
import sys

name = sys.stdin.read().strip() or "world"
print(f"Hello, {name}!")
