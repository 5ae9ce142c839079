package org.predspace.export;

import org.predspace.spectra.Spectrum;

import java.util.List;

/**
 * Computed spectra in one long table: one row per eigenvalue, largest first (index 1 is the
 * largest, as the charts' rank axis counts), every eigenvalue computed including those too
 * small to draw on a log axis.
 */
public final class SpectraCsv {
    /**
     * One computed spectrum.
     *
     * @param step the step whose parameters were used
     */
    public record Entry(String run, long step, Spectrum spectrum) {}

    private SpectraCsv() {}

    public static CsvTable of(List<Entry> entries) {
        CsvTable table = new CsvTable(List.of("run", "step", "kind", "samples", "index", "eigenvalue"));
        for (Entry e : entries) {
            double[] values = e.spectrum().eigenvalues();
            for (int i = 0; i < values.length; i++) {
                table.row(e.run(), e.step(), e.spectrum().kind().id(), e.spectrum().samples(), i + 1, values[i]);
            }
        }
        return table;
    }
}
