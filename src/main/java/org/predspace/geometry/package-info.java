/**
 * Prediction-space geometry (docs/science.md sections 1-6): every checkpoint is a point, its
 * softmax predictions on a fixed probe set.
 *
 * <ul>
 *   <li>Points: {@link org.predspace.geometry.distance.SqrtProbabilities} (sqrt(p), float32, one probe set per
 *       {@link org.predspace.geometry.distance.ProbeShape}), {@link org.predspace.geometry.distance.Anchors} (ignorance P0, truth P*),
 *       {@link org.predspace.geometry.distance.CheckpointSource} for collections streamed from disk.</li>
 *   <li>Distances (section 2): {@link org.predspace.geometry.distance.BhattacharyyaDistance} (plain reference),
 *       {@link org.predspace.geometry.distance.DistanceMatrix} (fast, incremental, parallel; the kernel is
 *       {@code BhattacharyyaKernel}).</li>
 *   <li>InPCA (section 3): {@link org.predspace.geometry.inpca.InPca} gives an
 *       {@link org.predspace.geometry.inpca.Embedding} (signed eigenvalues, coordinates, stress, out-of-sample
 *       placement); eigensolvers {@link org.predspace.geometry.inpca.LapackEigensolver} (dense) and
 *       {@link org.predspace.geometry.inpca.KrylovEigensolver} (iterative); {@link org.predspace.geometry.inpca.LiveEmbedding}
 *       for a picture that grows during training, with {@link org.predspace.geometry.inpca.AxisAlignment} (a sign per
 *       axis) between refreshes and {@link org.predspace.geometry.inpca.DrawnStress} for the drawn axes' labels; {@link org.predspace.geometry.inpca.LandmarkInPca} for 10^5 and more checkpoints.</li>
 *   <li>Progress (section 4): {@link org.predspace.geometry.trajectory.Geodesic}, {@link org.predspace.geometry.trajectory.Progress}.</li>
 *   <li>Trajectories (section 5): {@link org.predspace.geometry.trajectory.Trajectory},
 *       {@link org.predspace.geometry.trajectory.ReindexedTrajectory} on a {@link org.predspace.geometry.trajectory.ProgressGrid},
 *       {@link org.predspace.geometry.trajectory.TrajectoryComparison}, {@link org.predspace.geometry.trajectory.Dendrogram},
 *       {@link org.predspace.geometry.trajectory.Tube}.</li>
 * </ul>
 *
 * No JavaFX here (ArchitectureTest); results are immutable values that any thread may read.
 */
package org.predspace.geometry;
