package org.predspace.platform;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JavaCppCacheTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesXdgDataHomeWhenItIsAnAbsolutePath() {
        assertEquals(Path.of("/data/ada/predspace/javacpp"),
                JavaCppCache.directory("Linux", Map.of("XDG_DATA_HOME", "/data/ada"), HOME));
    }

    @Test
    void linuxFallsBackToDotLocalShareWhenXdgDataHomeIsUnsetEmptyOrRelative() {
        Path expected = Path.of("/home/ada/.local/share/predspace/javacpp");
        assertEquals(expected, JavaCppCache.directory("Linux", Map.of(), HOME));
        assertEquals(expected, JavaCppCache.directory("Linux", Map.of("XDG_DATA_HOME", ""), HOME));
        assertEquals(expected, JavaCppCache.directory("Linux", Map.of("XDG_DATA_HOME", "data"), HOME));
    }

    @Test
    void macOsAndWindowsUseTheirOwnDataDirectories() {
        assertEquals(HOME.resolve("Library/Application Support/PredSpace/javacpp"),
                JavaCppCache.directory("Mac OS X", Map.of("XDG_DATA_HOME", "/data/ada"), HOME));
        Path local = Path.of("/users/ada/appdata/local");
        assertEquals(local.resolve("PredSpace").resolve("javacpp"),
                JavaCppCache.directory("Windows 11", Map.of("LOCALAPPDATA", local.toString()), HOME));
        assertEquals(HOME.resolve("AppData/Local/PredSpace/javacpp"),
                JavaCppCache.directory("Windows 11", Map.of(), HOME));
    }

    @Test
    void javaCppUnpacksIntoTheUserDataDirectoryUnlessTheUserChoseAnother(@TempDir Path tmp) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the XDG layout is Linux's");
        Path data = tmp.resolve("data");
        assertEquals(data.resolve("predspace/javacpp"), cacheDirOfChild(data, null, null));
        Path chosen = tmp.resolve("chosen");
        assertEquals(chosen, cacheDirOfChild(data, chosen, null));
        Path variable = tmp.resolve("variable");
        assertEquals(variable, cacheDirOfChild(data, null, variable), NativeLibraries.CACHE_VARIABLE + " beats the data directory");
        assertEquals(chosen, cacheDirOfChild(data, chosen, variable), "the system property beats the variable");
    }

    /** JavaCPP's own answer, in a fresh JVM (Loader keeps the first cache directory it computed). */
    private static Path cacheDirOfChild(Path xdgDataHome, Path chosen, Path variable) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (chosen != null) command.add("-D" + JavaCppCache.PROPERTY + "=" + chosen);
        command.add(PrintCacheDir.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_DATA_HOME", xdgDataHome.toString());
        builder.environment().remove(NativeLibraries.CACHE_VARIABLE);   // CI sets it for the whole test run
        if (variable != null) builder.environment().put(NativeLibraries.CACHE_VARIABLE, variable.toString());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes()).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not end");
        assertEquals(0, child.exitValue(), out);
        String[] lines = out.split("\\R");
        return Path.of(lines[lines.length - 1]);
    }

    /** Does what Main does first, then asks JavaCPP where it would unpack. */
    public static final class PrintCacheDir {
        public static void main(String[] args) throws Exception {
            NativeLibraries.prepareForApp();
            System.out.println(Loader.getCacheDir().getCanonicalPath());
        }
    }
}
