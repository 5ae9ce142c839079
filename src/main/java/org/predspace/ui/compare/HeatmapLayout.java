package org.predspace.ui.compare;

/**
 * Where each part of the heatmap goes in a canvas of a given size, and which part a mouse
 * position is on. From left to right: the dendrogram (its leaves aligned with the rows), the
 * n x n cells, the row labels, the colour bar with its values; column labels run upwards
 * under the cells. Rows and columns are slots in the dendrogram's leaf order. Pure geometry.
 *
 * @param labelWidth width of the longest (already shortened) run label, with its swatch
 * @param lineHeight height of one line of text
 * @param barLabelWidth width of the widest colour-bar value
 */
record HeatmapLayout(double width, double height, int runs, double labelWidth, double lineHeight, double barLabelWidth) {
    static final double PAD = 8;
    static final double GAP = 6;
    static final double BAR_WIDTH = 18;
    /** Cells larger than this look like a table, not a picture. */
    static final double MAX_CELL = 90;
    /** Below this cell size, column labels are run swatches only. */
    static final double MIN_CELL_WITH_COLUMN_NAMES = 26;

    /** What is under the mouse: a cell (row, column), a row or column label, a leaf (row), or nothing. */
    enum Part { CELL, ROW_LABEL, COLUMN_LABEL, LEAF, NONE }

    /** @param row the slot of the row, or -1; @param column the slot of the column, or -1 */
    record Hit(Part part, int row, int column) {
        static final Hit NONE = new Hit(Part.NONE, -1, -1);

        /** The run this hit selects: a cell selects its row's run, a column label its column's. */
        int run() { return part == Part.COLUMN_LABEL ? column : row; }
    }

    double dendrogramWidth() { return Math.max(40, Math.min(120, width * 0.12)); }

    double dendrogramX() { return PAD; }

    /** Room above the cells for the colour bar's caption. */
    double cellsY() { return PAD + lineHeight * 1.5; }

    double cellsX() { return dendrogramX() + dendrogramWidth() + GAP; }

    double cell() { return cell(columnNames()); }

    /**
     * Whether the column labels carry names or only run swatches: names turned upwards take as
     * much height as the row labels take width, which many runs in a small panel cannot spare
     * (the row labels and the tooltip still name every run).
     */
    boolean columnNames() { return cell(true) >= MIN_CELL_WITH_COLUMN_NAMES; }

    /** Height of the column labels under the cells. */
    double columnLabelHeight() { return columnNames() ? labelWidth : swatch(); }

    /** Side of the run-colour square beside each label. */
    double swatch() { return swatch(lineHeight); }

    static double swatch(double lineHeight) { return Math.round(lineHeight * 0.7); }

    private double cell(boolean withColumnNames) {
        if (runs == 0) return 0;
        double fixedWidth = cellsX() + GAP + labelWidth + 2 * GAP + BAR_WIDTH + GAP + barLabelWidth + PAD;
        double fixedHeight = cellsY() + GAP + (withColumnNames ? labelWidth : swatch()) + PAD;
        double c = Math.min((width - fixedWidth) / runs, (height - fixedHeight) / runs);
        return Math.max(1, Math.min(MAX_CELL, c));
    }

    double cellsSize() { return cell() * runs; }

    double rowLabelX() { return cellsX() + cellsSize() + GAP; }

    /** Top of the column labels (they are drawn upwards, ending here). */
    double columnLabelY() { return cellsY() + cellsSize() + GAP; }

    double barX() { return rowLabelX() + labelWidth + 2 * GAP; }

    double barLabelX() { return barX() + BAR_WIDTH + GAP; }

    /** Vertical centre of a row slot (fractional slots: where the dendrogram joins two rows). */
    double slotCentre(double slot) { return cellsY() + (slot + 0.5) * cell(); }

    double columnCentreX(int slot) { return cellsX() + (slot + 0.5) * cell(); }

    Hit hit(double x, double y) {
        if (runs == 0) return Hit.NONE;
        double c = cell();
        int row = slot(y - cellsY(), c);
        int column = slot(x - cellsX(), c);
        if (row >= 0 && column >= 0) return new Hit(Part.CELL, row, column);
        if (row >= 0 && x >= rowLabelX() && x <= rowLabelX() + labelWidth) return new Hit(Part.ROW_LABEL, row, -1);
        if (row >= 0 && x >= dendrogramX() && x < cellsX()) return new Hit(Part.LEAF, row, -1);
        if (column >= 0 && y >= columnLabelY() && y <= columnLabelY() + columnLabelHeight()) {
            return new Hit(Part.COLUMN_LABEL, -1, column);
        }
        return Hit.NONE;
    }

    /** The slot at {@code offset} from the cells' edge, or -1 outside them. */
    private int slot(double offset, double c) {
        if (offset < 0 || c <= 0) return -1;
        int s = (int) Math.floor(offset / c);
        return s < runs ? s : -1;
    }
}
