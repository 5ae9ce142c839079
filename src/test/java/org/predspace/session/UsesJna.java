package org.predspace.session;

import com.sun.jna.Platform;

/** Test fixture only: a core class that uses JNA outside the platform layer, to prove ArchitectureTest can fail. */
public final class UsesJna {
    public boolean linux() { return Platform.isLinux(); }
}
