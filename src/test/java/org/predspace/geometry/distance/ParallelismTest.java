package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;
import org.predspace.platform.BackgroundPriority;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ParallelismTest {
    @Test
    void backgroundPoolTasksRunOnLoweredThreadsAndAllRun() {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null, "not Linux");
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        Parallelism.allCoresInBackground().forEach(64, i -> {
            seen.add(BackgroundPriority.currentNiceness());
            done.add(i);
        });
        assertEquals(64, done.size());
        assertEquals(Set.of(Math.min(19, mine + BackgroundPriority.BACKGROUND)), seen);
    }
}
