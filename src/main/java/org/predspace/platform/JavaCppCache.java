package org.predspace.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where JavaCPP unpacks ND4J's and OpenBLAS's native libraries (about 400 MB on the first
 * start). JavaCPP's default is the hidden {@code ~/.javacpp/cache}; an installed program
 * keeps such data in the user's data directory instead, so it can be found and removed:
 * {@code ${XDG_DATA_HOME:-~/.local/share}/predspace/javacpp} on Linux,
 * {@code ~/Library/Application Support/PredSpace/javacpp} on macOS,
 * {@code %LOCALAPPDATA%\PredSpace\javacpp} on Windows.
 *
 * <p>The installer's launcher cannot compute this path itself (jpackage expands only
 * $APPDIR, $BINDIR and $ROOTDIR in its options), hence this class, used by
 * NativeLibraries.prepareForApp before anything loads ND4J. A cache directory the user chose
 * (-D{@value #PROPERTY}, or the environment variable NativeLibraries.CACHE_VARIABLE) wins.
 */
final class JavaCppCache {
    static final String PROPERTY = "org.bytedeco.javacpp.cachedir";

    private JavaCppCache() {}

    /** Points JavaCPP at the user's data directory unless a cache directory was already set. */
    static void useUserDataDirectory() {
        if (System.getProperty(PROPERTY) != null) return;
        System.setProperty(PROPERTY, directory(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home"))).toString());
    }

    /** The cache directory for this operating system, environment and home directory. */
    static Path directory(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = usable(local) ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("PredSpace").resolve("javacpp");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("PredSpace").resolve("javacpp");
        }
        // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored
        String xdg = env.get("XDG_DATA_HOME");
        Path base = usable(xdg) ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("predspace").resolve("javacpp");
    }

    private static boolean usable(String dir) {
        return dir != null && !dir.isBlank() && Path.of(dir).isAbsolute();
    }
}
