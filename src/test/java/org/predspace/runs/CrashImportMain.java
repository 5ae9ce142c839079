package org.predspace.runs;

import java.nio.file.Path;

/**
 * Child process for {@link RunImportTest}: imports predictions, labels and steps (args 0-2)
 * into args[3], printing "importing" first, so the test can kill it part way.
 */
public final class CrashImportMain {
    public static void main(String[] args) throws Exception {
        System.out.println("importing");
        System.out.flush();
        RunImport.write(RunImport.Request.of(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), "killed", "probe"),
                Path.of(args[3]));
        System.out.println("done");
    }
}
