package org.predspace.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The training process's JIT policy is compiler directives handed to the running JVM: they must
 * be ones this JVM accepts (a typo in them would quietly leave C2 compiling everything), and an
 * answer that is not "N compiler directives added" must count as not applied.
 */
class TrainingJitTest {
    @Test
    void thisJvmAcceptsBothDirectives() {
        String answer = TrainingJit.invoke("compilerDirectivesAdd", TrainingJit.DIRECTIVES);
        int added = TrainingJit.added(answer);
        try {
            assertEquals(TrainingJit.DIRECTIVE_COUNT, added, "the JVM answered: " + answer);
        } finally {
            TrainingJit.remove(added);   // tests share their JVM: leave its compilers as they were
        }
    }

    @Test
    void directivesTheJvmRefusesCountAsNoneAdded() {
        String answer = TrainingJit.invoke("compilerDirectivesAdd", "[ { match: \"org/predspace/*.*\", c2: { Exclude: tru } } ]");
        int added = TrainingJit.added(answer);
        TrainingJit.remove(added);
        assertEquals(0, added, "the JVM answered: " + answer);
    }

    @Test
    void onlyTheJvmsCountOfAddedDirectivesCounts() {
        assertEquals(2, TrainingJit.added("2 compiler directives added\n"));
        assertEquals(0, TrainingJit.added("Parsing of compiler directives failed\nCould not load file: x.json\n"));
        assertEquals(0, TrainingJit.added(""));
        assertEquals(0, TrainingJit.added(null));
    }
}
