/**
 * InPCA (docs/science.md sections 3 and 6): {@link org.predspace.geometry.inpca.InPca} gives an
 * {@link org.predspace.geometry.inpca.Embedding} (signed eigenvalues, coordinates, stress, out-of-sample
 * placement); eigensolvers {@link org.predspace.geometry.inpca.LapackEigensolver} (dense) and
 * {@link org.predspace.geometry.inpca.KrylovEigensolver} (iterative); {@link org.predspace.geometry.inpca.LiveEmbedding}
 * for a picture that grows during training, with {@link org.predspace.geometry.inpca.AxisAlignment} (a sign per
 * axis) between refreshes and {@link org.predspace.geometry.inpca.DrawnStress} for the drawn axes' labels;
 * {@link org.predspace.geometry.inpca.LandmarkInPca} for 10^5 and more checkpoints.
 */
package org.predspace.geometry.inpca;
