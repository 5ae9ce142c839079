/**
 * The data layer: every data set PredSpace trains on, as a {@link org.predspace.data.DatasetSplit}
 * of two immutable {@link org.predspace.data.Dataset} parts.
 *
 * <p>Entry point: {@link org.predspace.data.DatasetCatalog#load(String)} with an id
 * ({@code mnist}, {@code fashion}, {@code digits}, {@code iris}, {@code spirals}, {@code gauss},
 * {@code sloppy}, {@code idx:FOLDER}, {@code csv:FILE}, {@code csv:label=first:FILE}) and
 * {@link org.predspace.data.DatasetCatalog#available()} for the list with sizes.
 *
 * <p>Fixed choices, so that every run naming an id sees the same data:
 * <ul>
 * <li>Bundled MNIST / Fashion-MNIST: the class-balanced subsets in {@code assets/} (made by
 *     {@code scripts/make-assets.py}, described in {@code assets/ATTRIBUTION.md}); their own
 *     train/test files are the split.</li>
 * <li>Single-file data (digits, iris, a user's CSV, a folder with one IDX pair):
 *     {@link org.predspace.data.StratifiedSplit}, 80% of each class to training, seed
 *     {@value org.predspace.data.StratifiedSplit#SEED}, both parts in file order.</li>
 * <li>Images: pixels in [0, 1] (digits' 0..16 divided by 16). Tabular features (iris, CSV):
 *     standardised with the training part's mean and std ({@link org.predspace.data.Standardizer}).
 *     Synthetic inputs are left as generated: their scales are part of their design (spirals and
 *     gauss are of order 1; sloppy's decaying spectrum is the point and must not be whitened).</li>
 * <li>Synthetic sets: seed {@value org.predspace.data.DatasetCatalog#DATA_SEED}, generated with
 *     {@link java.util.SplittableRandom} whose output is fixed by its specification.</li>
 * </ul>
 * Everything that reads a file reports problems as one {@link org.predspace.data.DataFormatException}
 * whose message starts with the file (or id) and says what is wrong.
 */
package org.predspace.data;
