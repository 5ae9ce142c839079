package org.predspace.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A call into JNA that swallows an interrupt (as JNA 5's first library lookup can) leaves the caller's flag as it was. */
class CLibraryTest {
    @Test
    void anInterruptSwallowedInsideTheCallIsGivenBack() {
        Thread.currentThread().interrupt();
        boolean seenInside = CLibrary.keepingInterrupt(Thread::interrupted);   // what JNA's swallowed wait does
        assertFalse(seenInside, "the call runs with the flag cleared, so a wait inside it really waits");
        assertTrue(Thread.interrupted(), "the caller's interrupt is back");
    }

    @Test
    void aThreadThatWasNotInterruptedStaysSo() {
        Thread.interrupted();
        assertEquals("done", CLibrary.keepingInterrupt(() -> "done"));
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
