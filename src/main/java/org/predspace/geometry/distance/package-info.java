/**
 * Points and the distance between them (docs/science.md sections 1-2).
 *
 * <ul>
 *   <li>Points: {@link org.predspace.geometry.distance.SqrtProbabilities} (sqrt(p), float32, one probe set per
 *       {@link org.predspace.geometry.distance.ProbeShape}), {@link org.predspace.geometry.distance.Anchors} (ignorance P0, truth P*),
 *       {@link org.predspace.geometry.distance.CheckpointSource} for collections streamed from disk.</li>
 *   <li>Distances: {@link org.predspace.geometry.distance.BhattacharyyaDistance} (plain reference),
 *       {@link org.predspace.geometry.distance.DistanceMatrix} (fast, incremental, parallel; the kernel is
 *       {@link org.predspace.geometry.distance.BhattacharyyaKernel} on {@link org.predspace.geometry.distance.ModelBlock}s,
 *       public because InPCA's landmarks and trajectory comparison run it too).</li>
 * </ul>
 */
package org.predspace.geometry.distance;
