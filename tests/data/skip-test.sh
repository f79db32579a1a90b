#!/bin/sh
# Stands in for a validation whose tool is not installed: reported as SKIP.
echo "SKIP: $* not found; install it to run this check (see docs/packaging.md)"
exit 77
