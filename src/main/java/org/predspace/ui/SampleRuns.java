package org.predspace.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the built-in sample runs are: the folder named by -Dpredspace.samples, else
 * sample-runs/ in the working directory (the README's command), else beside the jar (an
 * installed app image keeps them next to its lib folder).
 */
final class SampleRuns {
    private SampleRuns() {}

    static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty("predspace.samples");
        if (explicit != null) return Optional.of(Path.of(explicit)).filter(Files::isDirectory);
        candidates.add(Path.of("sample-runs"));
        try {
            Path jar = Path.of(SampleRuns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent();
            if (dir != null) {
                candidates.add(dir.resolve("sample-runs"));
                if (dir.getParent() != null) candidates.add(dir.getParent().resolve("sample-runs"));
            }
        } catch (Exception e) {
            // no code source (unusual class loader): the working directory is still tried
        }
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }
}
