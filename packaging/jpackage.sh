#!/usr/bin/env bash
# Builds PredSpace's installers with the JDK's jlink and jpackage, from what `mvn package`
# left in target/ (predspace.jar, lib/). Maven calls it from the installer profiles in
# pom.xml (see packaging/README.md); it also runs by hand after a package build:
#
#   packaging/jpackage.sh TYPE [VERSION]
#
# TYPE: app-image (the app folder only), deb (Linux), msi (Windows), dmg (macOS).
# Writes target/installer/: the runtime, the app image and, for deb/msi/dmg, the package.
# Needs JDK 17+ (jdeps, jlink, jpackage); for deb also dpkg-deb and fakeroot, for msi WiX 3.
set -euo pipefail
cd "$(dirname "$0")/.."

type=${1:?usage: packaging/jpackage.sh app-image|deb|msi|dmg [VERSION]}
# jpackage wants 1 to 3 numbers: 0.1.0-SNAPSHOT becomes 0.1.0
version=${2:-0.1.0}
version=${version%%-*}
name=PredSpace
package=predspace
description="See deep networks train in prediction space: Bhattacharyya distances, InPCA, sloppy spectra."
out=target/installer

[ -f target/predspace.jar ] && [ -d target/lib ] || { echo "run mvn package first: target/predspace.jar and target/lib/ are missing" >&2; exit 2; }
case "$type" in app-image|deb|msi|dmg) ;; *) echo "unknown installer type: $type (app-image, deb, msi or dmg)" >&2; exit 2;; esac

rm -rf "$out"
mkdir -p "$out"

# --- the app: jar, its class path (lib/, natives inside JavaCPP jars), the sample runs ---
# jpackage copies --input into the image's app folder ($APPDIR); the jar's manifest Class-Path
# names lib/*.jar relative to the jar, so the layout is that of target/.
input=$out/input
mkdir -p "$input"
cp target/predspace.jar "$input/"
# Only the jars the manifest's Class-Path names: target/lib/ keeps jars of earlier builds
# (the dependency plugin never cleans it), and one stale ND4J native jar made the .deb 90 MB
# larger.
manifest_dir=$(mktemp -d)
(cd "$manifest_dir" && jar xf "$OLDPWD/target/predspace.jar" META-INF/MANIFEST.MF)
classpath=$(awk '/^Class-Path:/{on=1; sub(/^Class-Path: /, ""); printf "%s", $0; next}
                 on && /^ /{sub(/^ /, ""); printf "%s", $0; next} {on=0}' "$manifest_dir/META-INF/MANIFEST.MF" | tr -d '\r')
rm -rf "$manifest_dir"
mkdir -p "$input/lib"
for entry in $classpath; do
  [ -f "target/$entry" ] || { echo "the manifest names $entry, which is not in target/: run mvn package" >&2; exit 2; }
  cp "target/$entry" "$input/$entry"
done
# The uberjar-less JavaFX artifacts (javafx-controls-21.0.5.jar etc.) are empty placeholders
# beside the platform jars; they stay, the manifest names them.
cp -r sample-runs "$input/sample-runs"

# --- the runtime: only the JDK modules the app and its libraries use ---
# jdeps walks the classes reachable from the app jar through lib/ (-R). JavaFX stays on the
# class path as jars (not jlinked in): DL4J cannot be on the module path (docs/architecture.md), so the
# app lives in the unnamed module anyway, ControlsFX reaches JavaFX internals without
# --add-exports there, and `java -jar target/predspace.jar` and the installed app load the
# same jars the same way. The platform's JavaFX jars come from Maven (classifier by OS).
echo "jdeps: finding the JDK modules the app needs..."
modules=$(jdeps -q -R --ignore-missing-deps --multi-release 17 --print-module-deps \
  --class-path "$input/lib/*" target/predspace.jar)
# jdk.management and jdk.jfr: nothing links against them, but `train` reaches the JIT through
# the DiagnosticCommand MBean (platform.TrainingJit), which offers no compiler commands unless
# both are in the runtime (checked on a jlinked runtime: without jdk.jfr it lists one command);
# without them a training is only slower
modules="$modules,jdk.management,jdk.jfr"
echo "modules: $modules"
strip_native=()
if [ "$(uname -s)" = Linux ] && command -v objcopy >/dev/null; then strip_native=(--strip-native-debug-symbols "objcopy=$(command -v objcopy)"); fi
jlink --add-modules "$modules" --output "$out/runtime" \
  --strip-debug --no-man-pages --no-header-files --compress=2 "${strip_native[@]}"

# --- launcher options ---
# $APPDIR is expanded by jpackage's launcher to the installed app folder. The samples are
# installed read-only and opened from there. The heap may grow to half the memory: training
# and spectra need more than the JVM's default quarter, and JavaCPP bounds native memory by
# the same figure. The JavaCPP cache (user's data directory) is set by the app itself
# (org.predspace.platform.JavaCppCache); native threads by the wrapper (Linux) below.
java_options=(
  --java-options '-Dpredspace.samples=$APPDIR/sample-runs'
  --java-options '-XX:MaxRAMPercentage=50'
)

common=(--name "$name" --app-version "$version" --vendor "PredSpace" --description "$description")

icon=packaging/icon/predspace.png
case "$type" in msi) icon=packaging/icon/predspace.ico;; dmg) icon=packaging/icon/predspace.icns;; esac

extra_image=()
if [ "$type" = msi ]; then
  # A console twin of the launcher, so `predspace-cli train ...` prints in a terminal.
  printf 'win-console=true\n' > "$out/predspace-cli.properties"
  extra_image=(--add-launcher "predspace-cli=$out/predspace-cli.properties")
fi

echo "jpackage: app image..."
jpackage --type app-image "${common[@]}" --dest "$out/image" \
  --input "$input" --main-jar predspace.jar --main-class org.predspace.Main \
  --runtime-image "$out/runtime" --icon "$icon" "${java_options[@]}" "${extra_image[@]}"

case "$type" in
  dmg) image="$out/image/$name.app";;
  *) image="$out/image/$name";;
esac

if [ "$type" = deb ] || { [ "$type" = app-image ] && [ "$(uname -s)" = Linux ]; }; then
  # OpenMP (libgomp) and OpenBLAS size their thread pools from the environment when their
  # libraries load, and a jpackage launcher cannot set environment variables: a small wrapper
  # sets OMP_NUM_THREADS=1 (unless the user set it) and runs the launcher. It is what the
  # desktop entry and /usr/bin/predspace start. (docs/architecture.md: one thread per training.)
  cp packaging/linux/predspace "$image/bin/predspace"
  chmod 755 "$image/bin/predspace"
fi

if [ "$type" = app-image ]; then
  echo "app image: $image"
  exit 0
fi

fa=packaging/file-association.properties
case "$type" in
  deb)
    install_dir=/opt
    resources=$out/resources
    mkdir -p "$resources"
    # Custom desktop entry (Exec runs the wrapper and passes the file: JDK 17's template
    # passes neither), postinst/prerm that also link /usr/bin/predspace. @INSTALL@ is the
    # installed app folder; the UPPER_CASE words are jpackage's own substitutions.
    for f in packaging/linux/PredSpace.desktop packaging/linux/postinst packaging/linux/prerm; do
      sed "s|@INSTALL@|$install_dir/$package|g" "$f" > "$resources/$(basename "$f")"
    done
    # JavaFX's own libraries (inside its jars) need GTK 3 and GL; jpackage's dependency scan
    # sees only the runtime's. Mesa's DRI drivers give 3D on machines without a GPU driver.
    echo "jpackage: deb..."
    jpackage --type deb "${common[@]}" --app-image "$image" --dest "$out" \
      --install-dir "$install_dir" --linux-package-name "$package" \
      --linux-deb-maintainer "predspace@users.noreply.github.com" \
      --linux-app-category science --linux-menu-group "Education;Science;" --linux-shortcut \
      --linux-package-deps "libgtk-3-0, libgl1, libgl1-mesa-dri, libxxf86vm1" \
      --file-associations "$fa" --resource-dir "$resources" --icon "$icon"
    ;;
  msi)
    echo "jpackage: msi..."
    jpackage --type msi "${common[@]}" --app-image "$image" --dest "$out" \
      --win-menu --win-menu-group "$name" --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 6f1f3f0e-9b1c-4d53-8f61-5c2a1b7e2d41 \
      --file-associations "$fa"
    ;;
  dmg)
    echo "jpackage: dmg..."
    jpackage --type dmg "${common[@]}" --app-image "$image" --dest "$out" \
      --mac-package-identifier org.predspace --mac-package-name "$name" \
      --file-associations "$fa"
    ;;
esac
ls -l "$out"/*."$type"
