#!/bin/sh
# The {{name}} function: greets the name it reads on standard input.
set -eu
name=$(cat)
printf 'Hello, %s!\n' "${name:-world}"
