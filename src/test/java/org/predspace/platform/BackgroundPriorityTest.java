package org.predspace.platform;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BackgroundPriorityTest {
    @Test
    void aLoweredThreadRunsAtTheNewNiceValueAndOthersDoNot() throws Exception {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null, "no /proc/thread-self: not Linux");
        AtomicReference<Integer> inside = new AtomicReference<>();
        Thread t = new Thread(BackgroundPriority.inBackground(() -> inside.set(BackgroundPriority.currentNiceness())));
        t.start();
        t.join();
        assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), inside.get());
        assertEquals(mine, BackgroundPriority.currentNiceness(), "only the background thread was lowered");
    }
}
