package org.predspace.cli;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.InputText;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a run's spec, status, size (T checkpoints, N probe samples, C classes), probe id, "
                + "whether it has imprinted predictions, and final metrics.")
final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Parameters(paramLabel = "RUN_DIR", description = "a run folder")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Run run = Run.open(dir);
        Map<String, Object> facts = facts(run);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(OutputFiles.json(facts));
        } else {
            printText(out, run, facts);
        }
        return 0;
    }

    static Map<String, Object> facts(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] steps = run.steps();
        m.put("name", run.name());
        m.put("dir", run.dir().toString());
        m.put("status", run.status().jsonName());
        m.put("interrupted", run.interrupted());
        m.put("being_written", run.beingWritten());
        m.put("status_message", run.statusMessage());
        m.put("checkpoints", run.checkpointCount());
        m.put("samples", run.probe().size());
        m.put("classes", run.classes());
        m.put("probe", Map.of("id", run.probe().id(), "size", run.probe().size(), "split", run.probe().split()));
        m.put("imprint", imprintFacts(run));
        m.put("first_step", steps.length > 0 ? steps[0] : null);
        m.put("last_step", steps.length > 0 ? steps[steps.length - 1] : null);
        List<CheckpointMetrics> metrics = run.metrics();
        if (!metrics.isEmpty()) {
            CheckpointMetrics last = metrics.get(metrics.size() - 1);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("step", last.step());
            f.put("epoch", last.epoch());
            f.put("train_loss", last.trainLoss());
            f.put("train_accuracy", last.trainAccuracy());
            f.put("test_probe_loss", last.testLoss());
            f.put("test_probe_accuracy", last.testAccuracy());
            m.put("last_checkpoint", f);
        }
        m.put("summary", run.summary());
        m.put("spec", run.spec());
        return m;
    }

    /** run.json's imprint block, or null when the run has no imprinted predictions. */
    private static Map<String, Object> imprintFacts(Run run) {
        ImprintInfo info = run.manifest().imprint();
        if (info == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", info.classes());
        m.put("probe", probeFacts(info.probe()));
        m.put("prototypes", probeFacts(info.prototypes()));
        return m;
    }

    private static Map<String, Object> probeFacts(ProbeInfo p) {
        return Map.of("id", p.id(), "size", p.size(), "split", p.split());
    }

    /** One line on the imprinted predictions: where they are, or that there are none and, if the engine said, why. */
    private static String imprintLine(Run run) {
        ImprintInfo info = run.manifest().imprint();
        if (info == null) {
            Object why = run.spec().get("engine") instanceof Map<?, ?> engine ? engine.get("imprint") : null;
            return "none" + (why instanceof String w ? " (" + w.replaceFirst("^none: ", "") + ")" : "");
        }
        return String.format(Locale.ROOT, "C = %d classes on shared probe %s (N = %d); prototypes %s (%d samples)",
                info.classes(), info.probe().id(), info.probe().size(), info.prototypes().id(), info.prototypes().size());
    }

    private static void printText(PrintWriter out, Run run, Map<String, Object> facts) {
        out.printf("run          %s%n", InputText.escape(run.name()));
        out.printf("folder       %s%n", run.dir());
        out.printf("status       %s%s%n", run.status().jsonName(), run.interrupted() ? " (interrupted)"
                : run.beingWritten() ? " (being written)" : "");
        if (run.statusMessage() != null && !run.statusMessage().isBlank()) {
            out.printf("             %s%n", run.statusMessage());
        }
        out.printf("size         T = %d checkpoints, N = %d probe samples, C = %d classes%n",
                run.checkpointCount(), run.probe().size(), run.classes());
        out.printf("probe        %s (%s split)%n", InputText.escape(run.probe().id()), InputText.escape(run.probe().split()));
        out.printf("imprinted    %s%n", InputText.escape(imprintLine(run)));
        if (facts.get("first_step") != null) {
            out.printf("steps        %s .. %s%n", facts.get("first_step"), facts.get("last_step"));
        }
        Map<String, Object> s = run.spec();
        if (s != null && !s.isEmpty()) {
            out.printf("spec         %s%n", InputText.escape(specLine(s)));
        }
        List<CheckpointMetrics> metrics = run.metrics();
        if (!metrics.isEmpty()) {
            CheckpointMetrics last = metrics.get(metrics.size() - 1);
            out.printf(Locale.ROOT, "last         step %d (epoch %.2f): train loss %.4f, accuracy %.4f; test probe loss %.4f, accuracy %.4f%n",
                    last.step(), last.epoch(), last.trainLoss(), last.trainAccuracy(), last.testLoss(), last.testAccuracy());
        }
        Object acc = run.summary() == null ? null : run.summary().get("test_accuracy");
        if (acc instanceof Number n) {
            out.printf(Locale.ROOT, "final        test accuracy %.4f on the whole test split (%s samples)%n",
                    n.doubleValue(), run.summary().get("test_size"));
        }
    }

    private static String specLine(Map<String, Object> s) {
        StringBuilder b = new StringBuilder();
        for (String key : List.of("dataset", "architecture", "optimizer", "learning_rate", "schedule", "batch_size",
                "epochs", "weight_decay", "random_labels", "seed")) {
            if (s.containsKey(key)) b.append(key).append('=').append(s.get(key)).append(' ');
        }
        return b.toString().trim();
    }
}
