package org.predspace.runs;

import java.util.Locale;

/**
 * Life-cycle of a run as written in run.json. FAILED: the training stopped on an error (the
 * summary's "reason" says which); RUNNING on disk means the writer never got to say how it ended.
 */
public enum RunStatus {
    RUNNING, FINISHED, CANCELLED, DIVERGED, FAILED;

    public String jsonName() { return name().toLowerCase(Locale.ROOT); }

    public static RunStatus fromJson(String s) {
        for (RunStatus st : values()) {
            if (st.jsonName().equals(s)) return st;
        }
        throw new IllegalArgumentException("unknown run status " + InputText.quote(s) + " (expected running, finished, cancelled, diverged or failed)");
    }
}
