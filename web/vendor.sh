#!/bin/sh
# Copy the browser builds the console loads (see the import map in index.html)
# out of web/node_modules into web/vendor/ (all .js, so any static server
# gives them a JavaScript MIME type). Run after `npm ci --prefix web`.
set -eu

web=$(cd "$(dirname "$0")" && pwd)
nm="$web/node_modules"
out="$web/vendor"

if [ ! -d "$nm/vue" ] || [ ! -d "$nm/element-plus" ] || [ ! -d "$nm/echarts" ]; then
	echo "vendor.sh: $nm is missing; run 'npm ci --prefix web' first" >&2
	exit 1
fi

rm -rf "$out"
mkdir -p "$out"
# source (relative to node_modules) and target (relative to vendor/), in pairs
set -- \
	vue/dist/vue.esm-browser.prod.js vue.esm-browser.prod.js \
	element-plus/dist/index.full.min.mjs element-plus.js \
	element-plus/dist/index.css element-plus.css \
	element-plus/dist/locale/zh-cn.min.mjs element-plus-zh-cn.js \
	@element-plus/icons-vue/dist/index.min.js element-plus-icons.js \
	echarts/dist/echarts.esm.min.js echarts.esm.min.js
while [ $# -gt 0 ]; do
	cp "$nm/$1" "$out/$2"
	shift 2
done
