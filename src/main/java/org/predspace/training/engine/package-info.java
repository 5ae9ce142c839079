/**
 * The networks a run trains: {@link org.predspace.training.engine.NetworkFactory} builds DL4J's
 * ComputationGraph for a spec, {@link org.predspace.training.engine.TrainableNetwork} steps it, either through
 * DL4J ({@link org.predspace.training.engine.GraphNetwork}) or the faster dense path
 * ({@link org.predspace.training.engine.DenseNetwork} and its parts); {@link org.predspace.training.engine.NativeBackend}
 * sets up ND4J's threads once (docs/architecture.md, Threads). The run that drives them is in
 * {@code org.predspace.training}.
 */
package org.predspace.training.engine;
