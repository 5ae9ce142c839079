package org.predspace.ui.figures;

import org.predspace.export.CsvTable;

import java.util.List;
import java.util.function.Supplier;

/** A panel with data to export as CSV (File > Export). */
public interface TableSource {
    /**
     * One exportable table.
     *
     * @param label    what it is, for the menu ("Spectra" becomes "Spectra as CSV…") and messages
     * @param fileName the suggested file name, without extension
     * @param table    the table as the panel shows it now, or null when it has nothing yet
     * @param whyEmpty what to tell the user when {@code table} gives null
     */
    record Table(String label, String fileName, Supplier<CsvTable> table, String whyEmpty) {}

    List<Table> tables();
}
