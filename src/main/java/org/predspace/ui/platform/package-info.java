/**
 * The UI's platform layer: what reaches JavaFX's internals (com.sun.javafx, com.sun.prism) by
 * reflection, kept here so that nothing else in the UI depends on them (ArchitectureTest,
 * SourceRulesTest; docs/architecture.md, "Layers").
 */
package org.predspace.ui.platform;
