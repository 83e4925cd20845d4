#!/bin/sh
# The wordcount function: counts the lines, words and bytes of the request body (standard input) and answers JSON.
# The self-hosted runtime runs it once per request; Http_Method, Http_Path, Http_Query and the headers are in the
# environment.
set -eu
counts=$(wc -l -w -c | tr -s ' ' ' ' | sed 's/^ //')
set -- $counts
printf '{"lines":%s,"words":%s,"bytes":%s,"method":"%s"}\n' "$1" "$2" "$3" "${Http_Method:-POST}"
