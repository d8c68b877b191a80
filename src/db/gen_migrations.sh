#!/bin/sh
# Writes a C array of the migrations in $1 (a folder of NNNN_name.sql) to stdout.
set -eu
echo "/* Generated from src/db/migrations by gen_migrations.sh; do not edit. */"
echo "static const struct migration migrations[] = {"
for f in "$1"/[0-9][0-9][0-9][0-9]_*.sql; do
	base=$(basename "$f" .sql)
	num=$(echo "$base" | cut -c1-4 | sed 's/^0*//')
	name=$(echo "$base" | cut -c6-)
	printf '\t{ %s, "%s",\n' "$num" "$name"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
done
echo "};"
