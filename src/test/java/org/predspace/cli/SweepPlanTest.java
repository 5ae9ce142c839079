package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.Sweep;
import org.predspace.training.spec.TrainingSpec;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** train --plan and --sweep-index's checks: what a user sees before a cluster trains anything. */
class SweepPlanTest {
    /** A sweep of 2 x 2 x 3 = 12 runs on iris. */
    private static final String[] SWEEP = {"train", "--dataset", "iris", "--arch", "linear,mlp", "--optimizer", "sgd,adam",
            "--lr", "0.01", "--seed", "0,1,2", "--epochs", "1", "--checkpoints", "4"};

    @TempDir Path tmp;

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void planListNumbersTheRunsInTheOrderOfSweepSpecs() {
        CliRunner r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--plan", "list"));
        assertEquals(0, r.exitCode(), r.err());
        List<TrainingSpec> specs = new Sweep(TrainingSpec.builder("iris").build(),
                List.of(Architecture.fromId("linear"), Architecture.fromId("mlp")),
                List.of(OptimizerKind.fromId("sgd"), OptimizerKind.fromId("adam")), List.of(0.01), List.of(128),
                List.of(0L, 1L, 2L)).specs();
        List<String> lines = r.out().lines().toList();
        assertEquals("# 12 runs: --sweep-index I trains the run on line I", lines.get(0));
        assertEquals(13, lines.size());
        for (int i = 0; i < specs.size(); i++) assertEquals(i + "\t" + specs.get(i).name(), lines.get(i + 1));
        // the seed, the last option, varies fastest
        assertEquals("iris-linear-sgd-lr0.01-b128-s1", specs.get(1).name());
        assertFalse(Files.exists(tmp.resolve("iris-linear-sgd-lr0.01-b128-s0")), "a plan trains nothing");
    }

    @Test
    void anIndexOutsideTheSweepIsOneLineNamingItsSize() throws Exception {
        for (String index : List.of("12", "-1")) {
            CliRunner r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--sweep-index", index));
            assertEquals(2, r.exitCode());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("--sweep-index " + index + " is outside this sweep of 12 runs (indices 0 to 11)"), r.err());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void planOptionsWithoutAPlanOrAWrongPlanAreRefused() {
        CliRunner r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--parallelism", "3"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("use them with --plan slurm or k8s"), r.err());
        r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--plan", "pbs"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--plan is list, slurm or k8s, got 'pbs'"), r.err());
        r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--plan", "slurm", "--sweep-index", "1"));
        assertEquals(2, r.exitCode());
        r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--plan", "slurm", "--image", "x"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--plan k8s"), r.err());
        r = CliRunner.run(with(SWEEP, "--out", tmp.toString(), "--plan", "k8s", "--parallelism", "0"));
        assertEquals(2, r.exitCode());
        r = CliRunner.run("train", "--dataset", "iris", "--arch", "resnet", "--out", tmp.toString(), "--plan", "slurm");
        assertEquals(2, r.exitCode(), "a spec that cannot train is refused when planning, not in every task");
    }

    /**
     * The Slurm script is valid bash, asks for one array task per run, and its body run without
     * Slurm (SLURM_ARRAY_TASK_ID set by hand) starts the launcher with the sweep's options, the
     * shared folder and the task's index, every word intact (a folder name with a blank and a quote).
     */
    @Test
    void theSlurmScriptRunsItsTaskWithTheSameOptionsAndTheIndex() throws Exception {
        Path fake = fakeLauncher();
        Path out = tmp.resolve("runs it's");
        CliRunner r = CliRunner.run(with(SWEEP, "--out", out.toString(), "--plan", "slurm", "--launcher", fake + " --flag",
                "--parallelism", "5", "--jobs", "2"));
        assertEquals(0, r.exitCode(), r.err());
        Path script = Files.writeString(tmp.resolve("sweep.sbatch"), r.out());
        assertEquals(0, run(List.of("bash", "-n", script.toString()), null).exit(), "bash -n");
        assertTrue(r.out().startsWith("#!/bin/bash\n"));
        assertTrue(r.out().contains("\n#SBATCH --array=0-11%5\n"), r.out());

        Result task = run(List.of("bash", script.toString()), "7");
        assertEquals(0, task.exit(), task.text());
        List<String> expected = new ArrayList<>(List.of("--flag", "train"));
        expected.addAll(List.of(SWEEP).subList(1, SWEEP.length));
        expected.addAll(List.of("--out", out.toString(), "--sweep-index", "7"));
        assertEquals(expected, task.text().lines().toList(), "--plan, --launcher, --parallelism and --jobs are not repeated");

        Result unset = run(List.of("bash", script.toString()), null);
        assertNotEquals(0, unset.exit(), "without an index the task refuses to start");
        assertTrue(unset.text().isEmpty(), unset.text());
    }

    @Test
    void theKubernetesJobIsAnIndexedJobOfOnePodPerRunOnTheSharedVolume() throws Exception {
        Path out = tmp.resolve("runs");
        CliRunner r = CliRunner.run(with(SWEEP, "--out", out.toString(), "--plan", "k8s", "--launcher", "java -jar /opt/predspace.jar",
                "--parallelism", "4", "--image", "registry.example/predspace:1", "--volume-claim", "sweep-runs"));
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> job = new Yaml().load(r.out());
        assertEquals("batch/v1", job.get("apiVersion"));
        assertEquals("Job", job.get("kind"));
        assertEquals("predspace-runs", map(job, "metadata").get("name"));
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        assertEquals(12, spec.get("completions"));
        assertEquals(4, spec.get("parallelism"));
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        assertEquals("Never", pod.get("restartPolicy"));
        Map<String, Object> container = list(pod, "containers").get(0);
        assertEquals("registry.example/predspace:1", container.get("image"));
        List<String> expected = new ArrayList<>(List.of("java", "-jar", "/opt/predspace.jar"));
        expected.addAll(List.of(SWEEP));
        expected.addAll(List.of("--out", out.toString(), "--sweep-index", "$(JOB_COMPLETION_INDEX)"));
        assertEquals(expected, container.get("command"));
        Map<String, Object> mount = list(container, "volumeMounts").get(0);
        assertEquals(out.toString(), mount.get("mountPath"));
        Map<String, Object> volume = list(pod, "volumes").get(0);
        assertEquals(mount.get("name"), volume.get("name"));
        assertEquals("sweep-runs", map(volume, "persistentVolumeClaim").get("claimName"));

        // without the two names: placeholders that say what to put there, and all runs at once
        r = CliRunner.run(with(SWEEP, "--out", out.toString(), "--plan", "k8s"));
        Map<String, Object> unnamed = new Yaml().load(r.out());
        assertEquals(12, map(unnamed, "spec").get("parallelism"));
        assertTrue(r.out().contains(KubernetesIndexedJob.IMAGE_PLACEHOLDER) && r.out().contains(KubernetesIndexedJob.CLAIM_PLACEHOLDER));
    }

    @Test
    void theDefaultLauncherIsHowThisProcessWasStarted() {
        List<String> words = Launcher.ofThisProcess();
        assertTrue(Files.isExecutable(Path.of(words.get(0))), words.get(0));
        assertTrue(words.contains("-jar") || words.contains("-cp"), words.toString());
        for (String w : words.subList(1, words.size() - 1)) {
            if (!w.startsWith("-")) {
                for (String part : w.split(File.pathSeparator)) assertTrue(Path.of(part).isAbsolute(), part);
            }
        }
    }

    private Path fakeLauncher() throws Exception {
        Path fake = tmp.resolve("fake-predspace");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    private record Result(int exit, String text) {}

    private static Result run(List<String> command, String taskId) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().remove("SLURM_ARRAY_TASK_ID");
        if (taskId != null) pb.environment().put("SLURM_ARRAY_TASK_ID", taskId);
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }
}
