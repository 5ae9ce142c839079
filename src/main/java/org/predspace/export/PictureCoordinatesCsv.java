package org.predspace.export;

import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of one picture frame as drawn: one row per point (the ignorance and truth anchors
 * first, with checkpoint and step left empty), its progress, distance to the geodesic,
 * accuracy and loss on the picture's probe, and its coordinates on the leading InPCA axes
 * (axis1 is the first axis of the frame, whatever three the view draws).
 */
public final class PictureCoordinatesCsv {
    private PictureCoordinatesCsv() {}

    public static CsvTable of(PictureFrame frame) {
        int axes = frame.axes();
        List<String> header = new ArrayList<>(List.of("run", "checkpoint", "step", "progress", "geodesic_distance",
                "accuracy", "loss"));
        for (int a = 0; a < axes; a++) header.add("axis" + (a + 1));
        CsvTable table = new CsvTable(header);
        for (int i = 0; i < frame.size(); i++) {
            PointInfo p = frame.point(i);
            List<Object> row = new ArrayList<>(List.of(p.run()));
            row.add(p.isAnchor() ? null : p.checkpoint());
            row.add(p.isAnchor() ? null : p.step());
            row.add(p.progress());
            row.add(p.geodesicDistance());
            row.add(p.accuracy());
            row.add(p.loss());
            for (int a = 0; a < axes; a++) row.add(frame.coordinate(i, a));
            table.row(row.toArray());
        }
        return table;
    }
}
