#!/usr/bin/env bash
# Installs the .deb on this Debian machine, starts the installed app under Xvfb as an
# unprivileged user (so the read-only install and the per-user JavaCPP cache are really
# exercised), waits for the main window, photographs it, checks by pixels that the sample runs
# are drawn, quits, uninstalls, and prints install-to-window seconds.
#
#   sudo packaging/smoke-test.sh [path/to/predspace_*.deb]
#
# Needs root (dpkg/apt). Installs xvfb, xdotool and imagemagick if missing. Writes its
# screenshots and logs to target/smoke/. Exit code 0 only if every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls -t target/installer/predspace_*.deb 2>/dev/null | head -1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "no .deb: build one with mvn -B -Dinstaller=deb package -DskipTests" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: it installs and removes the package" >&2; exit 2; }
deb=$(readlink -f "$deb")

out=$(pwd)/target/smoke
rm -rf "$out"; mkdir -p "$out"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >"$out/apt-tools.log"
fi

# A desktop system has these; a bare server does not, and then the package installs without
# a menu entry (postinst). Emulate the desktop so the menu and file type are checked too.
created_dirs=()
for d in /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus; do
  [ -d "$d" ] || { mkdir -p "$d"; created_dirs+=("$d"); }
done

if dpkg -s predspace >/dev/null 2>&1; then
  echo "removing a previously installed predspace first"
  apt-get remove -y -q predspace >/dev/null
fi

# --- a display, and a user with nothing of PredSpace's ---
display_number=$((90 + RANDOM % 100))
while [ -e "/tmp/.X11-unix/X$display_number" ]; do display_number=$((display_number + 1)); done
export DISPLAY=:$display_number
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp -ac >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$user_tmp"
  for d in "${created_dirs[@]}"; do rmdir "$d" 2>/dev/null || true; done
}
trap cleanup EXIT

# under /tmp: the user must reach it (a checkout under /root or /home/runner may be closed)
user_tmp=$(mktemp -d /tmp/predspace-smoke.XXXXXX)
chmod 755 "$user_tmp"
user_home=$user_tmp/home
mkdir -p "$user_home"
chown nobody:nogroup "$user_home"
# Replaces the calling (background) shell with the command run as nobody, so $! is its pid.
exec_as_user() {
  exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env -i DISPLAY="$DISPLAY" HOME="$user_home" XDG_DATA_HOME="$user_home/.local/share" \
    PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
}

# Starts the installed command as the user, sets app_pid and the seconds to the main window.
window=
start_app() {
  local log=$1; shift
  local t0; t0=$(now)
  exec_as_user /usr/bin/predspace "$@" >"$log" 2>&1 &
  app_pid=$!
  window=
  for _ in $(seq 1 240); do
    window=$(xdotool search --onlyvisible --name '^PredSpace' 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.25
  done
  window_seconds=$(seconds "$t0" "$(now)")
}

# Ctrl+Q (the app's Quit), then waits up to 20 s for the process to end.
quit_app() {
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  xdotool key --clearmodifiers ctrl+q 2>/dev/null || true
  for _ in $(seq 1 80); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$app_pid" 2>/dev/null; then
    fail "the app did not quit on Ctrl+Q within 20 s; terminating it"
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  else
    wait "$app_pid" 2>/dev/null || true
    pass "Ctrl+Q quit the app"
  fi
  app_pid=
}

# What the 3D view shows in its middle (the window's centre column, between the run library
# and the linked panels): "PIXELS HUES", the number of coloured pixels (chroma above a quarter:
# the picture's background is #FAFAFA, its axes and labels grey) and of 30-degree hue sectors
# holding at least 300 of them. Runs coloured by architecture give four hues; the empty state's
# one coloured thing, the "Train a demo sweep" button, gives one.
view_colours() {
  local png=$1
  local X Y WIDTH HEIGHT
  eval "$(xdotool getwindowgeometry --shell "$window" | grep -E '^(X|Y|WIDTH|HEIGHT)=')"
  local w=$((WIDTH * 30 / 100)) h=$((HEIGHT * 50 / 100))
  local x=$((X + WIDTH * 35 / 100)) y=$((Y + HEIGHT * 20 / 100))
  local crop=$out/$(basename "$png" .png)-centre.png
  convert "$png" -crop "${w}x${h}+${x}+${y}" +repage "$crop"
  # a 3x3 median first: JavaFX's LCD text antialiasing fringes letters with colour, one pixel wide
  convert "$crop" -statistic Median 3x3 -depth 8 txt:- | awk -F'[(),]' 'NR > 1 {
      r = $3; g = $4; b = $5   # "x,y: (r,g,b)  #RRGGBB ..."
      max = r; if (g > max) max = g; if (b > max) max = b
      min = r; if (g < min) min = g; if (b < min) min = b
      c = max - min
      if (c <= 64 || max < 77) next
      if (max == r) h = (g - b) / c; else if (max == g) h = 2 + (b - r) / c; else h = 4 + (r - g) / c
      h = h * 60; if (h < 0) h += 360
      n++; sector[int(h / 30)]++
    } END { k = 0; for (i in sector) if (sector[i] >= 300) k++; print n + 0, k }'
}

# --- install ---
echo "installing $deb"
t_install=$(now)
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$out/apt-install.log" 2>&1 || { cat "$out/apt-install.log"; exit 1; }
t_installed=$(now)
install_seconds=$(seconds "$t_install" "$t_installed")
pass "installed in $install_seconds s ($(du -sh /opt/predspace | cut -f1) in /opt/predspace)"
[ -x /usr/bin/predspace ] && pass "/usr/bin/predspace is on the PATH" || fail "/usr/bin/predspace missing"
desktop=$(ls /usr/share/applications/*predspace*.desktop 2>/dev/null | head -1 || true)
if [ -n "$desktop" ]; then
  pass "menu entry $desktop ($(grep -E '^Categories=' "$desktop"))"
else
  fail "no desktop entry under /usr/share/applications"
fi
printf '{}' >"$user_tmp/probe.predspace"
mime=$(xdg-mime query filetype "$user_tmp/probe.predspace" 2>/dev/null || true)
[ "$mime" = application/x-predspace-workspace ] && pass "*.predspace is $mime" \
  || echo "note: xdg-mime says '$mime' for a .predspace file (needs shared-mime-info's database)"

# --- first start: the sample runs, as a user who never ran PredSpace ---
start_app "$out/app-samples.log"
if [ -z "$window" ]; then
  fail "no main window within 60 s"; cat "$out/app-samples.log"; exit 1
fi
install_to_window=$(seconds "$t_install" "$(now)")
first_window_seconds=$window_seconds
pass "main window $(xdotool getwindowname "$window") after $window_seconds s from launch, $install_to_window s from install"
grep -q '^OMP_NUM_THREADS=1$' <(tr '\0' '\n' <"/proc/$app_pid/environ") \
  && pass "the app runs with OMP_NUM_THREADS=1" || fail "OMP_NUM_THREADS=1 not in the app's environment"

# The runs arrive after the window (read and embedded in the background): wait for them.
drawn="0 0"
t_window=$(now)
for _ in $(seq 1 90); do
  import -window root "$out/samples.png"
  drawn=$(view_colours "$out/samples.png")
  [ "${drawn#* }" -ge 3 ] && break
  sleep 1
done
drawn_seconds=$(seconds "$t_window" "$(now)")
# JavaCPP unpacks its libraries while the engine loads in the background: wait for that too.
cache="$user_home/.local/share/predspace/javacpp"
for _ in $(seq 1 120); do
  [ -n "$(find "$cache" -name 'libjnind4jcpu.so' 2>/dev/null)" ] && break
  sleep 1
done
[ -n "$(find "$cache" -name 'libjnind4jcpu.so' 2>/dev/null)" ] \
  && pass "JavaCPP unpacked into the user's data directory ($(du -sh "$cache" | cut -f1) in $cache)" \
  || fail "no ND4J natives under $cache"
[ ! -e "$user_home/.javacpp" ] && pass "nothing in ~/.javacpp" || fail "~/.javacpp was created"
sleep 2
import -window root "$out/samples.png"
drawn=$(view_colours "$out/samples.png")
quit_app

# --- the same window with nothing to draw: the reference for the pixel check ---
mkdir -p "$user_tmp/no-runs"; chmod 755 "$user_tmp/no-runs"
start_app "$out/app-empty.log" gui "$user_tmp/no-runs"
[ -n "$window" ] || { fail "no window for the empty state"; exit 1; }
sleep 8
import -window root "$out/empty.png"
empty=$(view_colours "$out/empty.png")
quit_app

echo "centre of the 3D view (coloured pixels, hues): samples $drawn, no runs $empty"
if [ "${drawn% *}" -ge 2000 ] && [ "${drawn% *}" -ge $((3 * ${empty% *})) ] && [ "${drawn#* }" -ge 3 ] && [ "${empty#* }" -le 1 ]; then
  pass "the sample runs are drawn (${drawn_seconds} s after the window appeared)"
else
  fail "the sample runs do not show in the 3D view as expected (see $out/samples.png, $out/empty.png)"
fi

# --- a second start: libraries unpacked, page cache warm ---
start_app "$out/app-second.log"
[ -n "$window" ] && pass "second start: main window after $window_seconds s" || fail "no window on the second start"
second_window_seconds=$window_seconds
[ -n "$window" ] && quit_app

# --- uninstall ---
apt-get remove -y -q predspace >"$out/apt-remove.log" 2>&1
[ ! -e /opt/predspace ] && [ ! -e /usr/bin/predspace ] && ! ls /usr/share/applications/*predspace* >/dev/null 2>&1 \
  && pass "removed: no /opt/predspace, /usr/bin/predspace or menu entry left" || fail "files left after removal"

echo
echo "install:                 $install_seconds s"
echo "launch to window:        $first_window_seconds s (first start), $second_window_seconds s (second start)"
echo "install to window:       $install_to_window s"
echo "window to runs drawn:    $drawn_seconds s"
echo "screenshots:             $out/samples.png, $out/empty.png"
[ "$failures" -eq 0 ] && echo "SMOKE TEST PASSED" || { echo "SMOKE TEST FAILED ($failures)"; exit 1; }
