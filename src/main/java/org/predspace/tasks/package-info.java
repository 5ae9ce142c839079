/**
 * Tasks and the shared prediction space of tasks (docs/science.md, the space of tasks): a task
 * is a labelled problem made from a data set's classes; imprinting turns a network's
 * penultimate features into predictions over all classes of the full problem, so runs of
 * different tasks are points of one prediction space. No JavaFX here.
 */
package org.predspace.tasks;
