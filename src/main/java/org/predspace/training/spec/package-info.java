/**
 * What a training run is: {@link org.predspace.training.spec.TrainingSpec} (saved in run.json, enough
 * to train the run again), the choices it names (architecture, optimiser, learning-rate schedule,
 * snapshot policy, checkpoint schedule), {@link org.predspace.training.spec.Sweep} over value lists and
 * {@link org.predspace.training.spec.SpecForm}, the New run and Sweep forms without their UI. Plain
 * Java: the forms check their fields on the JavaFX thread, which must never wait for the native
 * libraries.
 */
package org.predspace.training.spec;
