package org.predspace.session;

/** A checkpoint of a run: what "selecting a point" selects. */
public record CheckpointRef(String run, int checkpoint, long step) {}
