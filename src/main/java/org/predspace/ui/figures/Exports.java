package org.predspace.ui.figures;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import org.predspace.export.CsvTable;
import org.predspace.export.ExportFiles;
import org.predspace.export.PictureCoordinatesCsv;
import org.predspace.export.RunMetricsCsv;
import org.predspace.session.PictureFrame;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.MainWindow;
import org.predspace.ui.RunItem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The export actions of a main window: charts as PNG (at a chosen size), SVG or to the
 * clipboard, from each chart's context menu and for the visible tab's figure in File > Export;
 * the 3D picture to the clipboard; and the tables (picture coordinates, metrics, and what the
 * panels offer: spectra, trajectory distances) as CSV.
 *
 * <p>The methods taking a {@link Path} are what the menus call once the user has chosen; a
 * failure is reported through the model's problems in plain words, and never leaves a partial
 * file ({@link ExportFiles}). JavaFX thread only.
 */
public final class Exports {
    /** The clipboard gets figures at twice their size on screen: sharp when pasted on a slide or a high-density screen. */
    static final double CLIPBOARD_SCALE = 2;

    private final ExplorerModel model;
    private final MainWindow window;
    private ExportTargets targets = new DialogTargets();
    private ImageSize lastSize = new ImageSize(1920, 1080);

    private Exports(ExplorerModel model, MainWindow window) {
        this.model = model;
        this.window = window;
    }

    /** Fills the window's File > Export menu and gives every chart of its panels a context menu. */
    public static Exports install(MainWindow window, ExplorerModel model) {
        Exports e = new Exports(model, window);
        e.fill(window.exportMenu());
        for (Tab tab : window.panels().getTabs()) {
            if (tab.getContent() instanceof FigureSource s) for (Figure f : s.charts()) e.contextMenu(f);
        }
        window.exportMenu().getProperties().put(Exports.class, e);
        return e;
    }

    /** The exports installed on {@code window}. */
    public static Exports of(MainWindow window) {
        return (Exports) window.exportMenu().getProperties().get(Exports.class);
    }

    /** Who picks files and sizes (tests answer instead of the dialogs). */
    public void setTargets(ExportTargets targets) { this.targets = targets; }

    // ---- figures -------------------------------------------------------------------------

    /** The visible tab's figure, or null when that tab has none (Details). */
    public Figure visibleFigure() {
        Tab tab = window.panels().getSelectionModel().getSelectedItem();
        return tab != null && tab.getContent() instanceof FigureSource s ? s.figure() : null;
    }

    /** Writes {@code figure} as a PNG of exactly {@code size}; false (and a reported problem) when it could not. */
    public boolean savePng(Figure figure, Path target, ImageSize size) {
        if (!drawable(figure)) return false;
        try {
            ExportFiles.write(target, FigureRenderer.png(figure.node(), size));
            model.announceSaved(target, size.width() + " x " + size.height());
            return true;
        } catch (IOException e) {
            return failed(figure.name() + " as PNG", target, e);
        }
    }

    /** Writes {@code figure} as an SVG document of {@code size}; false (and a reported problem) when it could not. */
    public boolean saveSvg(Figure figure, Path target, ImageSize size) {
        if (!drawable(figure)) return false;
        try {
            ExportFiles.write(target, FigureRenderer.svg(figure.node(), size).getBytes(StandardCharsets.UTF_8));
            model.announceSaved(target, "SVG");
            return true;
        } catch (IOException e) {
            return failed(figure.name() + " as SVG", target, e);
        }
    }

    /** Puts {@code figure} on the clipboard as an image of {@link #clipboardSize its clipboard size}. */
    public boolean copy(Figure figure) {
        if (!drawable(figure)) return false;
        return toClipboard(FigureRenderer.image(figure.node(), clipboardSize(figure)));
    }

    /** Twice the figure's size on screen, within the largest image size. */
    public static ImageSize clipboardSize(Figure figure) {
        double w = CLIPBOARD_SCALE * figure.node().getWidth(), h = CLIPBOARD_SCALE * figure.node().getHeight();
        double shrink = Math.min(1, Math.min(ImageSize.MAX / w, ImageSize.MAX / h));
        return new ImageSize((int) Math.max(ImageSize.MIN, Math.round(w * shrink)), (int) Math.max(ImageSize.MIN, Math.round(h * shrink)));
    }

    /** Puts the 3D picture as it is on screen (with its legend and axis triad) on the clipboard. */
    public boolean copyPicture() {
        Node view = window.view();
        if (view.getScene() == null || view.getLayoutBounds().getWidth() < 1) {
            model.reportProblem("The 3D picture is not on screen, so there is nothing to copy.");
            return false;
        }
        // the view's own box: overlays reaching past its edges (a hover card) are not part of the picture
        SnapshotParameters params = new SnapshotParameters();
        Point2D origin = view.localToParent(0, 0);
        params.setViewport(new Rectangle2D(origin.getX(), origin.getY(), Math.round(view.getLayoutBounds().getWidth()),
                Math.round(view.getLayoutBounds().getHeight())));
        return toClipboard(view.snapshot(params, null));
    }

    private boolean toClipboard(Image image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(image);
        if (!Clipboard.getSystemClipboard().setContent(content)) {
            model.reportProblem("The clipboard did not take the image.");
            return false;
        }
        return true;
    }

    private boolean drawable(Figure figure) {
        if (figure.node().getScene() != null && figure.node().getWidth() >= 1) return true;
        model.reportProblem("The " + figure.name() + " figure is not shown, so there is nothing to export: "
                + "select its tab (and a checkpoint, for spectra) first.");
        return false;
    }

    // ---- tables --------------------------------------------------------------------------

    /** Every table there is to export: the model's, then the panels'. */
    public List<TableSource.Table> tables() {
        List<TableSource.Table> all = new ArrayList<>();
        all.add(new TableSource.Table("Picture coordinates", "picture-coordinates", this::pictureCoordinates,
                "The picture is empty: open runs first."));
        all.add(new TableSource.Table("Metrics", "metrics", this::metrics, "No run is open."));
        for (Tab tab : window.panels().getTabs()) {
            if (tab.getContent() instanceof TableSource s) all.addAll(s.tables());
        }
        return all;
    }

    /** Writes the table labelled {@code label} (see {@link #tables()}); false (and a reported problem) when it could not. */
    public boolean saveTable(String label, Path target) {
        TableSource.Table t = tables().stream().filter(x -> x.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table labelled " + label));
        CsvTable table = t.table().get();
        if (table == null) {
            model.reportProblem(t.label() + " not exported: " + t.whyEmpty());
            return false;
        }
        try {
            table.writeTo(target);
            model.announceSaved(target, t.label().toLowerCase(Locale.ROOT));
            return true;
        } catch (IOException e) {
            return failed(t.label().toLowerCase(Locale.ROOT) + " as CSV", target, e);
        }
    }

    private CsvTable pictureCoordinates() {
        PictureFrame frame = model.picture().frame();
        return frame.size() == 0 ? null : PictureCoordinatesCsv.of(frame);
    }

    private CsvTable metrics() {
        return model.runs().isEmpty() ? null : RunMetricsCsv.of(model.runs().stream().map(RunItem::state).toList());
    }

    private boolean failed(String what, Path target, IOException e) {
        model.reportProblem("Could not save " + what + " to " + target + ": " + ExportFiles.reason(e) + ".");
        return false;
    }

    // ---- menus ---------------------------------------------------------------------------

    private void fill(Menu menu) {
        MenuItem png = item("Chart as PNG\u2026", "export-chart-png", () -> withVisible(this::askPng));
        MenuItem svg = item("Chart as SVG\u2026", "export-chart-svg", () -> withVisible(this::askSvg));
        MenuItem copy = item("Copy chart", "export-chart-copy", () -> withVisible(this::copy));
        MenuItem copyPicture = item("Copy picture", "export-picture-copy", this::copyPicture);
        menu.getItems().addAll(png, svg, copy, copyPicture, new SeparatorMenuItem());
        for (TableSource.Table t : tables()) {
            menu.getItems().add(item(t.label() + " as CSV\u2026", "export-" + t.fileName() + "-csv", () -> askTable(t)));
        }
        // the chart items act on the visible tab: off when it has no chart
        menu.setOnShowing(e -> {
            boolean none = visibleFigure() == null;
            png.setDisable(none);
            svg.setDisable(none);
            copy.setDisable(none);
        });
    }

    private void withVisible(Consumer<Figure> action) {
        Figure f = visibleFigure();
        if (f == null) model.reportProblem("The visible tab has no chart to export.");
        else action.accept(f);
    }

    private void contextMenu(Figure f) {
        ContextMenu menu = new ContextMenu(
                item("Save as PNG\u2026", "chart-png", () -> askPng(f)),
                item("Save as SVG\u2026", "chart-svg", () -> askSvg(f)),
                item("Copy", "chart-copy", () -> copy(f)));
        f.node().addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            menu.show(f.node(), e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private void askPng(Figure f) {
        ImageSize size = targets.imageSize(window.stage(), "Save " + f.name() + " as PNG", lastSize);
        if (size == null) return;
        lastSize = size;
        Path p = targets.saveAs(window.stage(), "Save " + f.name() + " as PNG", f.name(), "PNG image", ".png");
        if (p != null) savePng(f, p, size);
    }

    private void askSvg(Figure f) {
        ImageSize size = targets.imageSize(window.stage(), "Save " + f.name() + " as SVG", lastSize);
        if (size == null) return;
        lastSize = size;
        Path p = targets.saveAs(window.stage(), "Save " + f.name() + " as SVG", f.name(), "SVG drawing", ".svg");
        if (p != null) saveSvg(f, p, size);
    }

    private void askTable(TableSource.Table t) {
        Path p = targets.saveAs(window.stage(), "Save " + t.label().toLowerCase(Locale.ROOT) + " as CSV",
                t.fileName(), "CSV table", ".csv");
        if (p != null) saveTable(t.label(), p);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
