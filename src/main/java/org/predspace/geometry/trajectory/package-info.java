/**
 * Progress and trajectories (docs/science.md sections 4-5).
 *
 * <ul>
 *   <li>Progress: {@link org.predspace.geometry.trajectory.Geodesic}, {@link org.predspace.geometry.trajectory.Progress}.</li>
 *   <li>Trajectories: {@link org.predspace.geometry.trajectory.Trajectory},
 *       {@link org.predspace.geometry.trajectory.ReindexedTrajectory} on a {@link org.predspace.geometry.trajectory.ProgressGrid},
 *       {@link org.predspace.geometry.trajectory.TrajectoryComparison}, {@link org.predspace.geometry.trajectory.Tube},
 *       and runs clustered by their distances: {@link org.predspace.geometry.trajectory.Dendrogram},
 *       {@link org.predspace.geometry.trajectory.ClusterAgreement}.</li>
 * </ul>
 */
package org.predspace.geometry.trajectory;
