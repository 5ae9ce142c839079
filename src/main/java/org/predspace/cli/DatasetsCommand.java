package org.predspace.cli;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetInfo;
import org.predspace.tasks.TaskPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the available data sets with their sizes.")
final class DatasetsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-9s %7s %6s %7s  %-14s %s%n", "id", "train", "test", "classes", "input", "description");
        for (DatasetInfo d : new DatasetCatalog().available()) {
            out.printf("%-9s %7d %6d %7d  %-14s %s%n", d.id(), d.trainSize(), d.testSize(), d.classes(),
                    d.shape(), d.description());
        }
        out.println("your own data: idx:FOLDER (IDX image/label files, raw or .gz), csv:FILE (numeric features,"
                + " label in the last column), csv:label=first:FILE");
        out.println("tasks (train --task): all, classes:A,B,..., groups:A,B/C,D/..., random-labels, or a preset:");
        for (String line : TaskPresets.describe()) out.println("  " + line);
        return 0;
    }
}
