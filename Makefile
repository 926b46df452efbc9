# OpsBench build. `make run` and `make test` install what is missing first.
GO       ?= go
# Build tags, comma-separated (go -tags and fyne --tags take a list):
# migrated_fynedo (Fyne's fyne.Do threading), sqlite_fts5 (SQLite's FTS5,
# the case search; without it no database opens).
TAGS     := migrated_fynedo,sqlite_fts5
BIN      := opsbench
WINBIN   := dist/opsbench.exe
# App metadata, read from FyneApp.toml (the one place it is written).
APP_ID   := $(shell sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_NAME := $(shell sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
VERSION  := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILDNUM := $(shell sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
# The Fyne packaging tool, pinned in tools/go.mod (its own module: it needs
# a newer Fyne than the app uses), built for this machine.
FYNE     := bin/fyne
WINZIP   := dist/$(APP_NAME)-$(VERSION)-windows-amd64.zip
# Debian/Ubuntu packages: Fyne (cgo + OpenGL + X11) and SQLite (cgo).
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
SUDO     := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null && echo sudo)
# Patched dependencies (patches/README.md): the modules are copied into
# vendor/ (not committed), where go builds take them from, and the patches
# are applied there; again whenever go.mod, go.sum or a patch changes.
PATCHES  := $(wildcard patches/*.patch)
VENDORED := vendor/.patched

.PHONY: all deps deps-windows deps-display vendor run build test lint bench windows package-windows package-macos screenshots clean

all: build

# deps installs the C toolchain and headers Fyne needs, where apt-get exists.
deps:
	@missing=""; \
	if command -v dpkg >/dev/null 2>&1; then \
	  for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  fi; \
	elif [ "$$(uname)" = Darwin ]; then \
	  xcode-select -p >/dev/null 2>&1 || { echo "Install the Xcode command line tools first: xcode-select --install"; exit 1; }; \
	elif ! command -v gcc >/dev/null 2>&1; then \
	  echo "OpsBench needs a C compiler and OpenGL/X11 headers for Fyne:"; \
	  echo "  Fedora: sudo dnf install gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel libxkbcommon-devel"; \
	  echo "  Arch:   sudo pacman -S gcc libxcursor libxrandr libxinerama libxi mesa libxkbcommon"; \
	  echo "  Windows (MSYS2 MinGW64 shell): pacman -S mingw-w64-x86_64-gcc make"; \
	  exit 1; \
	fi

deps-windows:
	@command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "install the mingw-w64 cross compiler (x86_64-w64-mingw32-gcc)"; exit 1; }; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gcc-mingw-w64-x86-64; }

deps-display:
	@command -v xvfb-run >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "install Xvfb (xvfb-run) for headless benchmarks"; exit 1; }; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq xvfb xauth; }

# vendor copies the modules and applies the patches: a patch that no
# longer applies (its module was upgraded) stops the build.
$(VENDORED): go.mod go.sum $(PATCHES)
	$(GO) mod vendor
	@for p in $(PATCHES); do \
	  git apply $$p || { echo "$$p no longer applies: see patches/README.md"; exit 1; }; \
	  echo "applied $$p"; \
	done
	touch $@

vendor: $(VENDORED)

build: deps $(VENDORED)
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/opsbench

# run starts the desktop app on the default database (or DB=path).
run: build
	./$(BIN) $(if $(DB),--db $(DB))

# test runs every test with the race detector (UI tests need no display).
test: deps $(VENDORED)
	$(GO) test -race -timeout 20m -tags $(TAGS) -count=1 ./...
	cd tools && $(GO) test -count=1 ./...

lint: deps $(VENDORED)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -path ./vendor -prune -o -name '*.go' -print)); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	cd tools && $(GO) vet ./...

# bench runs the benchmarks; start-up is measured in a virtual display.
# The report import is measured against the sqlite3 shell's .import in the
# same run: the shell is installed when missing (macOS has it). Start-up
# takes 30 rounds, the others 10: a start varies by tens of milliseconds,
# and medians of 10 moved the large/empty ratio by 0.05 either way between
# runs of the same code, as much as its distance from the 1.2 target.
bench: deps deps-display $(VENDORED)
	@command -v sqlite3 >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "install the sqlite3 command-line shell: the import benchmark compares with its .import"; exit 1; }; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq sqlite3; }
	xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -tags $(TAGS) -run '^$$' -bench . -skip BenchmarkStartup -benchtime 10x -count 1 ./...
	xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -tags $(TAGS) -run '^$$' -bench BenchmarkStartup -benchtime 30x -count 1 ./cmd/opsbench

windows: deps-windows $(VENDORED)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -tags $(TAGS) -ldflags "-s -w -H windowsgui" -o $(WINBIN) ./cmd/opsbench

$(FYNE): tools/go.mod tools/go.sum
	cd tools && $(GO) build -o ../$(FYNE) fyne.io/tools/cmd/fyne

# package-windows builds the zip an office downloads: OpsBench.exe with the
# icon and version information, and the bilingual quick start; winpack
# reads the zip back and fails when any of it is missing.
package-windows: deps-windows $(FYNE) $(VENDORED)
	rm -f cmd/opsbench/$(APP_NAME).exe cmd/opsbench/fyne.syso cmd/opsbench/fyne_metadata_init.go
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
	  $(FYNE) package --os windows --src cmd/opsbench --name $(APP_NAME) --app-id $(APP_ID) \
	  --app-version $(VERSION) --app-build $(BUILDNUM) --icon $(CURDIR)/assets/icon.png --tags $(TAGS) --release
	mkdir -p dist && mv cmd/opsbench/$(APP_NAME).exe dist/$(APP_NAME).exe
	cd tools && $(GO) run ./winpack -exe ../dist/$(APP_NAME).exe -guide ../docs/quickstart-windows.txt \
	  -version $(VERSION) -out ../$(WINZIP)

# package-macos builds OpsBench.app with its icon. It needs a Mac (Xcode
# command line tools): Apple's frameworks are not available elsewhere.
package-macos: deps $(FYNE) $(VENDORED)
	@[ "$$(uname)" = Darwin ] || { echo "package-macos needs a Mac (Xcode command line tools); on this machine use package-windows"; exit 1; }
	$(FYNE) package --os darwin --src cmd/opsbench --name $(APP_NAME) --app-id $(APP_ID) \
	  --app-version $(VERSION) --app-build $(BUILDNUM) --icon $(CURDIR)/assets/icon.png --tags $(TAGS) --release
	mkdir -p dist && rm -rf dist/$(APP_NAME).app && mv cmd/opsbench/$(APP_NAME).app dist/

# screenshots renders every main screen with demo data in both languages, at
# the window's start size and at 1280x720 and 1920x1080.
screenshots: deps $(VENDORED)
	OPSBENCH_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags $(TAGS) -count=1 -run TestScreenshots ./ui/shell

clean:
	rm -rf $(BIN) dist bin vendor
