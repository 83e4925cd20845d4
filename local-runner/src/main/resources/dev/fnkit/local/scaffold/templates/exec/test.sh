#!/bin/sh
# Runs {{handler}} as the self-hosted runtime does (request body on standard input, response on standard output)
# and checks what it answers.
set -eu
cd "$(dirname "$0")"
check() {
  actual=$(printf '%s' "$1" | ./{{handler}})
  if [ "$actual" != "$2" ]; then
    echo "FAIL: for input '$1' expected '$2' but got '$actual'" >&2
    exit 1
  fi
}
check 'Ada' 'Hello, Ada!'
check '' 'Hello, world!'
echo "2 passed, 0 failed"
