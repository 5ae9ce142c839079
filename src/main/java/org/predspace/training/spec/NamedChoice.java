package org.predspace.training.spec;

import org.predspace.runs.InputText;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum constant with a short id as users type it (CLI values, run.json fields). */
public interface NamedChoice {
    String id();

    /** The constant whose id is {@code text} (case-insensitive), or a message listing the valid ids. */
    static <E extends Enum<E> & NamedChoice> E parse(Class<E> type, String text, String what) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(key)) return e;
        }
        throw new IllegalArgumentException("unknown " + what + " " + InputText.quote(text) + " (expected one of " + ids(type) + ")");
    }

    static <E extends Enum<E> & NamedChoice> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(NamedChoice::id).collect(Collectors.joining(", "));
    }
}
