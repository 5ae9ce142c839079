package org.predspace.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.stream.Collectors;

/**
 * A Kubernetes Indexed Job for a sweep plan: completions = the sweep's size, pod I running the
 * sweep's I-th run ({@code --sweep-index $(JOB_COMPLETION_INDEX)}, the index the Job controller
 * gives each pod) into the shared folder, mounted from a volume claim the user names at the
 * same path the plan was made with.
 */
final class KubernetesIndexedJob {
    static final String IMAGE_PLACEHOLDER = "REPLACE-WITH-AN-IMAGE-THAT-RUNS-PREDSPACE";
    static final String CLAIM_PLACEHOLDER = "REPLACE-WITH-THE-SHARED-VOLUME-CLAIM";
    /** Pods retried per index before the Job gives up: a preempted pod is retried, and retraining is safe (RunRetry). */
    private static final int RETRIES_PER_RUN = 3;
    /** Strings are written as JSON strings, which YAML reads as double-quoted scalars: no quoting rules of our own. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesIndexedJob() {}

    static String text(SweepPlan plan, String image, String volumeClaim) {
        int parallelism = plan.parallelism() == null ? plan.runs() : plan.parallelism();
        String command = plan.taskCommand("$(JOB_COMPLETION_INDEX)").stream().map(KubernetesIndexedJob::quoted)
                .collect(Collectors.joining(", ", "[", "]"));
        return "# PredSpace sweep of " + plan.runs() + " runs into " + plan.out() + ", one pod per run.\n"
                + "# Name the image (one holding predspace and Java at the paths in `command`, and the data set)\n"
                + "# and the volume claim of the shared folder below, then: kubectl apply -f THIS_FILE\n"
                + "# Pod I trains run I of `predspace train ... --plan list`; a pod run again keeps a finished run\n"
                + "# and trains an interrupted one again, moving the old attempt into " + plan.out().resolve(".interrupted") + ".\n"
                + "apiVersion: batch/v1\n"
                + "kind: Job\n"
                + "metadata:\n"
                + "  name: " + quoted(plan.jobName()) + "\n"
                + "spec:\n"
                + "  completionMode: Indexed\n"
                + "  completions: " + plan.runs() + "\n"
                + "  parallelism: " + parallelism + "\n"
                + "  backoffLimit: " + (long) RETRIES_PER_RUN * plan.runs() + "\n"
                + "  template:\n"
                + "    spec:\n"
                + "      restartPolicy: Never\n"
                + "      containers:\n"
                + "        - name: predspace\n"
                + "          image: " + quoted(image == null ? IMAGE_PLACEHOLDER : image) + "\n"
                + "          command: " + command + "\n"
                + "          resources:\n"
                + "            requests: {cpu: \"2\"}\n"
                + "          volumeMounts:\n"
                + "            - name: runs\n"
                + "              mountPath: " + quoted(plan.out().toString()) + "\n"
                + "      volumes:\n"
                + "        - name: runs\n"
                + "          persistentVolumeClaim:\n"
                + "            claimName: " + quoted(volumeClaim == null ? CLAIM_PLACEHOLDER : volumeClaim) + "\n";
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always JSON", e);
        }
    }
}
