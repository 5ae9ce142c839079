/**
 * What the explorer shows, without JavaFX: the runs in view (opened from disk or training now)
 * and the two live InPCA pictures (training probe and held-out probe) their checkpoints feed.
 * The UI subscribes to an {@link org.predspace.session.ExplorerSession} and reads immutable
 * {@link org.predspace.session.PictureFrame}s; it never computes geometry itself.
 */
package org.predspace.session;
