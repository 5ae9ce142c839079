/**
 * Tables the explorer exports as CSV (picture coordinates, metrics, spectra, trajectory
 * distances), built from plain data and written atomically; no JavaFX, so they are tested
 * without a display. Conventions for every file: RFC 4180 quoting, numbers in
 * {@link java.util.Locale#ROOT} at full precision ({@link Double#toString}), a value that was
 * not measured (NaN) as an empty cell, infinities as {@code inf} / {@code -inf}.
 */
package org.predspace.export;
