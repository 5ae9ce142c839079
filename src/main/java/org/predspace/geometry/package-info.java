/**
 * Prediction-space geometry (docs/science.md sections 1-6): every checkpoint is a point, its
 * softmax predictions on a fixed probe set. Three packages; inpca and trajectory build on distance
 * and not on each other:
 *
 * <ul>
 *   <li>{@link org.predspace.geometry.distance}: points, the Bhattacharyya distance between them
 *       and distance matrices over checkpoints streamed from disk (sections 1-2).</li>
 *   <li>{@link org.predspace.geometry.inpca}: the InPCA picture of a distance matrix, its
 *       eigensolvers and stress, and the live picture that grows during training (sections 3, 6).</li>
 *   <li>{@link org.predspace.geometry.trajectory}: the geodesic and progress along it, trajectories
 *       re-indexed by progress and compared, and the runs clustered by those distances (sections 4-5).</li>
 * </ul>
 *
 * No JavaFX here (ArchitectureTest); results are immutable values that any thread may read.
 */
package org.predspace.geometry;
