package org.predspace.runs;

import java.util.Locale;

/** Life-cycle of a run as written in run.json. */
public enum RunStatus {
    RUNNING, FINISHED, CANCELLED, DIVERGED;

    public String jsonName() { return name().toLowerCase(Locale.ROOT); }

    public static RunStatus fromJson(String s) {
        for (RunStatus st : values()) {
            if (st.jsonName().equals(s)) return st;
        }
        throw new IllegalArgumentException("unknown run status " + InputText.quote(s) + " (expected running, finished, cancelled or diverged)");
    }
}
