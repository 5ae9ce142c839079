package org.predspace.runs;

import java.nio.file.Path;

/**
 * Child process for {@link CrashSafetyTest}: creates a run of {@link SyntheticRun#REALISTIC}
 * content, prints "created", then appends checkpoints as fast as it can until it is killed.
 */
public final class CrashWriterMain {
    public static void main(String[] args) throws Exception {
        SyntheticRun content = SyntheticRun.REALISTIC;
        try (RunWriter writer = content.create(Path.of(args[0]))) {
            System.out.println("created");
            System.out.flush();
            for (int i = 0; i < 1_000_000; i++) writer.append(content.checkpoint(SyntheticRun.step(i)));
        }
    }
}
