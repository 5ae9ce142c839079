package org.predspace.cli;

import org.predspace.training.spec.TrainingSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A sweep split into indexed tasks for a scheduler: task I runs {@code <launcher> train
 * <the same options> --out <folder> --sweep-index I}, so every task trains one run of the
 * product into the one shared folder. The text of the plans is in SlurmArrayScript and
 * KubernetesIndexedJob; this holds what both say.
 *
 * @param launcher         the words that start predspace on the cluster's machines
 * @param trainArguments   the train options every task repeats, without --out and the plan's own options
 * @param workingDirectory where the plan was made: relative paths in the options mean what they meant here
 * @param out              the shared output folder, absolute
 * @param runs             the sweep's size: indices 0 to runs - 1
 * @param parallelism      tasks at once, or null for the scheduler's default
 */
record SweepPlan(List<String> launcher, List<String> trainArguments, Path workingDirectory, Path out, int runs,
                 Integer parallelism) {
    /** Options about the plan itself, or meaningless for one task: never repeated in a task's command. */
    private static final Set<String> NOT_REPEATED = Set.of("--plan", "--launcher", "--parallelism", "--image",
            "--volume-claim", "--sweep-index", "--jobs", "--out");
    private static final int MAX_NAME = 63;

    SweepPlan {
        launcher = List.copyOf(launcher);
        trainArguments = List.copyOf(trainArguments);
    }

    /** The options of this train command as given (each option once, in the order first given), for every task to repeat. */
    static List<String> repeatedArguments(ParseResult given) {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : new LinkedHashSet<>(given.matchedOptions())) {
            String name = o.longestName();
            if (NOT_REPEATED.contains(name)) continue;
            if (o.arity().max() == 0) {
                args.add(name);
                continue;
            }
            for (String value : o.originalStringValues()) {
                args.add(name);
                args.add(name.equals("--dataset") ? absoluteDataset(value) : value);
            }
        }
        return args;
    }

    /** csv:FILE and idx:FOLDER made absolute, so a task started in another folder (a container) finds them. */
    private static String absoluteDataset(String id) {
        for (String prefix : List.of("csv:", "idx:")) {
            if (id.startsWith(prefix)) return prefix + Path.of(id.substring(prefix.length())).toAbsolutePath().normalize();
        }
        return id;
    }

    /** Every word of a task's command but the index: {@code <launcher> train <options> --out <folder>}. */
    List<String> commandBeforeIndex() {
        List<String> words = new ArrayList<>(launcher);
        words.add("train");
        words.addAll(trainArguments);
        words.addAll(List.of("--out", out.toString()));
        return words;
    }

    /** Every word of task {@code index}'s command, {@code index} being a number or the scheduler's variable. */
    List<String> taskCommand(String index) {
        List<String> words = commandBeforeIndex();
        words.addAll(List.of("--sweep-index", index));
        return words;
    }

    /** A name for the job: predspace-<output folder>, in the letters Kubernetes allows (lower case, digits, '-'). */
    String jobName() {
        String folder = out.getFileName() == null ? "sweep" : out.getFileName().toString();
        String name = ("predspace-" + folder).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
        if (name.length() > MAX_NAME) name = name.substring(0, MAX_NAME);
        return name.replaceAll("-+$", "");
    }

    /** The runs and their indices, one per line: what --sweep-index I trains. */
    static String list(List<TrainingSpec> specs) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(specs.size()).append(specs.size() == 1 ? " run" : " runs")
                .append(": --sweep-index I trains the run on line I\n");
        for (int i = 0; i < specs.size(); i++) text.append(i).append('\t').append(specs.get(i).name()).append('\n');
        return text.toString();
    }
}
