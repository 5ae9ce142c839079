/**
 * Prediction-space geometry (docs/science.md sections 1-6): every checkpoint is a point, its
 * softmax predictions on a fixed probe set.
 *
 * <ul>
 *   <li>Points: {@link org.predspace.geometry.SqrtProbabilities} (sqrt(p), float32, one probe set per
 *       {@link org.predspace.geometry.ProbeShape}), {@link org.predspace.geometry.Anchors} (ignorance P0, truth P*),
 *       {@link org.predspace.geometry.CheckpointSource} for collections streamed from disk.</li>
 *   <li>Distances (section 2): {@link org.predspace.geometry.BhattacharyyaDistance} (plain reference),
 *       {@link org.predspace.geometry.DistanceMatrix} (fast, incremental, parallel; the kernel is
 *       {@code BhattacharyyaKernel}).</li>
 *   <li>InPCA (section 3): {@link org.predspace.geometry.InPca} gives an
 *       {@link org.predspace.geometry.Embedding} (signed eigenvalues, coordinates, stress, out-of-sample
 *       placement); eigensolvers {@link org.predspace.geometry.LapackEigensolver} (dense) and
 *       {@link org.predspace.geometry.KrylovEigensolver} (iterative); {@link org.predspace.geometry.LiveEmbedding}
 *       for a picture that grows during training, with {@link org.predspace.geometry.AxisAlignment} (a sign per
 *       axis) between refreshes and {@link org.predspace.geometry.DrawnStress} for the drawn axes' labels; {@link org.predspace.geometry.LandmarkInPca} for 10^5 and more checkpoints.</li>
 *   <li>Progress (section 4): {@link org.predspace.geometry.Geodesic}, {@link org.predspace.geometry.Progress}.</li>
 *   <li>Trajectories (section 5): {@link org.predspace.geometry.Trajectory},
 *       {@link org.predspace.geometry.ReindexedTrajectory} on a {@link org.predspace.geometry.ProgressGrid},
 *       {@link org.predspace.geometry.TrajectoryComparison}, {@link org.predspace.geometry.Dendrogram},
 *       {@link org.predspace.geometry.Tube}.</li>
 * </ul>
 *
 * No JavaFX here (ArchitectureTest); results are immutable values that any thread may read.
 */
package org.predspace.geometry;
