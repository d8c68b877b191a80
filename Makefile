# Hongyan: `make` builds build/hongyan and the console; `make run` serves a
# demo district; `make check` runs every test under ASan+UBSan.

CC      ?= cc
PKGS    = libmicrohttpd jansson sqlite3 libsodium libqrencode xlsxwriter libzip expat libcrypto libcurl
APT_PKGS = build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev \
	libsodium-dev libqrencode-dev libxlsxwriter-dev libzip-dev libexpat1-dev libhpdf-dev \
	libcmocka-dev libcurl4-openssl-dev sqlite3 unzip chromium nginx-light openssl wrk \
	libssl-dev oathtool

WARN    = -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -Wpointer-arith -Wundef -fno-common -Wno-overlength-strings
BASE    = -std=c17 -g $(WARN) -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS_REL = $(BASE) -O2 -D_FORTIFY_SOURCE=3 -fstack-protector-strong
CFLAGS_SAN = $(BASE) -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lpthread
TEST_LIBS = -lcmocka -lcurl
# Test programs build argv arrays from literals, as exec wants them.
TEST_FLAGS = -D_GNU_SOURCE -Wno-discarded-qualifiers

# Every module folder: src/<area>/*.c (src/main.c is the program's entry).
SRC     = $(wildcard src/*/*.c)
HDR     = $(wildcard src/*/*.h)
MIGRATIONS = $(wildcard src/db/migrations/*.sql)
UNIT    = $(patsubst tests/unit/%.c,build/asan/%,$(wildcard tests/unit/test_*.c))
API     = $(patsubst tests/api/%.c,build/asan/%,$(wildcard tests/api/test_*.c))

.PHONY: all deps web run check unit api browser bench clean asan
all: build/hongyan web

# --- system packages: installed when root, else the one line to run ---
deps: build/.deps
build/.deps: Makefile
	@missing=""; for p in $(APT_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "missing packages; run:  sudo apt-get install -y$$missing"; exit 1; \
		fi; \
	fi; \
	command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js and npm are needed (not Debian's npm package if Node.js came from elsewhere)"; exit 1; }
	@mkdir -p build && touch $@

build/gen/migrations.inc: src/db/gen_migrations.sh $(MIGRATIONS)
	@mkdir -p build/gen
	sh src/db/gen_migrations.sh src/db/migrations > $@

build/rel/%.o: src/%.c $(HDR) build/gen/migrations.inc | build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -c $< -o $@

build/asan/obj/%.o: src/%.c $(HDR) build/gen/migrations.inc | build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -c $< -o $@

REL_OBJ = $(patsubst src/%.c,build/rel/%.o,$(SRC))
SAN_OBJ = $(patsubst src/%.c,build/asan/obj/%.o,$(SRC))

build/hongyan: $(REL_OBJ) build/rel/main.o
	$(CC) $(CFLAGS_REL) -o $@ $^ $(LIBS)

build/asan/hongyan: $(SAN_OBJ) build/asan/obj/main.o
	$(CC) $(CFLAGS_SAN) -o $@ $^ $(LIBS)
asan: build/asan/hongyan

build/asan/test_%: tests/unit/test_%.c $(SAN_OBJ)
	$(CC) $(CFLAGS_SAN) $(TEST_FLAGS) -Itests -o $@ $< $(SAN_OBJ) $(LIBS) $(TEST_LIBS)

build/asan/test_api_%: tests/api/test_api_%.c tests/api/api.c tests/api/api.h $(SAN_OBJ)
	$(CC) $(CFLAGS_SAN) $(TEST_FLAGS) -Itests -o $@ $< tests/api/api.c $(SAN_OBJ) $(LIBS) $(TEST_LIBS)

# --- console: npm packages pinned by package-lock.json ---
web: web/vendor/.stamp
web/vendor/.stamp: web/package.json web/package-lock.json web/vendor.sh | build/.deps
	cd web && npm ci --no-audit --no-fund --loglevel=error
	sh web/vendor.sh
	@touch $@

tests/browser/node_modules/.stamp: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# --- run a demo district ---
run: all
	@mkdir -p data
	@if [ ! -f data/hongyan.db ]; then \
		./build/hongyan init --db data/hongyan.db --demo || exit 1; \
		echo "(the passwords above are shown once; each is changed at first login)"; \
	fi
	@echo "Hongyan: http://127.0.0.1:8080"
	@echo "  quwei01 (区教育工委): business work   secadmin (安全管理员): accounts"
	@echo "  auditadmin (审计管理员): audit log     admin (系统管理员): system state"
	./build/hongyan serve --db data/hongyan.db --listen 127.0.0.1:8080 --web web

# --- tests: unit, API (real HTTP), browser (real chromium) ---
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS = print_stacktrace=1
# Suites run side by side (JOBS at a time; logs in build/test-logs/): each
# API suite serves its own database on its own port.
JOBS ?= 4
unit: $(UNIT)
	@bash tests/run_suites.sh $(JOBS) $(UNIT)

api: build/asan/hongyan build/prev/hongyan $(API)
	@HONGYAN_BIN=build/asan/hongyan bash tests/run_suites.sh $(JOBS) $(API)

# The previous release, for the upgrade test (tests/api/test_api_upgrade.c:
# its database opens in this build with nothing lost). Built once from git
# history, unoptimised (it only makes a database); raise PREV_RELEASE when a
# release lands. A shallow clone fetches the commit first.
PREV_RELEASE = e743f40
build/prev/hongyan: | build/.deps
	@git cat-file -e $(PREV_RELEASE)^{commit} 2>/dev/null || git fetch -q --unshallow 2>/dev/null || \
		git fetch -q origin $(PREV_RELEASE) || \
		{ echo "the previous release $(PREV_RELEASE) is not in this clone's history"; exit 1; }
	rm -rf build/prev && mkdir -p build/prev/src
	git archive $(PREV_RELEASE) | tar -x -C build/prev/src
	$(MAKE) -s -C build/prev/src build/hongyan \
		CFLAGS_REL='-std=c17 -O0 -w -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS))'
	cp build/prev/src/build/hongyan $@

browser: build/asan/hongyan web tests/browser/node_modules/.stamp
	HONGYAN_BIN=build/asan/hongyan node --test --test-concurrency=1 tests/browser/

check: unit api browser
	@echo "make check: all suites passed"

bench: build/hongyan
	sh bench/run.sh
	BENCH_CFLAGS="$(shell pkg-config --cflags $(PKGS))" BENCH_LIBS="$(LIBS)" sh bench/compliance.sh
	sh bench/roster.sh

clean:
	rm -rf build web/vendor
