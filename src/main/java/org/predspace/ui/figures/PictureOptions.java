package org.predspace.ui.figures;

import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the {@code render} command reads what the window sets with its controls: colouring,
 * axes, probe and camera. Each converter names the bad value and what would be accepted;
 * picocli turns its exception into a one-line usage error (exit code 2).
 */
final class PictureOptions {
    /** The axes the picture keeps, as the window's axis choosers offer them. */
    static final int AXES = LiveEmbedding.Settings.defaults().axes();

    private PictureOptions() {}

    /** A colouring by its name ({@code train-accuracy}) or label ({@code optimiser}), case and separators ignored. */
    static final class ColouringName implements ITypeConverter<Colouring> {
        @Override
        public Colouring convert(String value) {
            String key = normalise(value);
            for (Colouring c : Colouring.values()) {
                if (key.equals(name(c)) || key.equals(normalise(c.toString()))) return c;
            }
            throw new TypeConversionException("'" + value + "' is not a colouring; choose one of " + names());
        }

        static String name(Colouring c) { return c.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        static String names() { return Arrays.stream(Colouring.values()).map(ColouringName::name).collect(Collectors.joining(", ")); }
    }

    /** Which leading axes are drawn as x, y and z, 0-based. */
    record Axes(int x, int y, int z) {
        int largest() { return Math.max(x, Math.max(y, z)); }

        @Override
        public String toString() { return (x + 1) + "," + (y + 1) + "," + (z + 1); }
    }

    /** Three distinct 1-based axis numbers {@code a,b,c} within the leading {@link #AXES}. */
    static final class AxisNumbers implements ITypeConverter<Axes> {
        @Override
        public Axes convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 3) throw new TypeConversionException("expected three axis numbers a,b,c (e.g. 1,2,3), got '" + value + "'");
            int[] axes = new int[3];
            for (int i = 0; i < 3; i++) {
                String p = parts[i].trim();
                int a;
                try {
                    a = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + p + "' is not an axis number (1 to " + AXES + ")");
                }
                if (a < 1 || a > AXES) throw new TypeConversionException("axis " + a + " is out of range: the picture keeps the leading "
                        + AXES + " axes, numbered 1 to " + AXES);
                for (int j = 0; j < i; j++) {
                    if (axes[j] == a - 1) throw new TypeConversionException("axis " + a + " is given twice in '" + value + "'; choose three different axes");
                }
                axes[i] = a - 1;
            }
            return new Axes(axes[0], axes[1], axes[2]);
        }
    }

    /** {@code training}, {@code held-out} or {@code imprinted}. */
    static final class ProbeName implements ITypeConverter<ExplorerSession.Probe> {
        @Override
        public ExplorerSession.Probe convert(String value) {
            return switch (normalise(value)) {
                case "training", "train" -> ExplorerSession.Probe.TRAINING;
                case "held-out", "heldout", "test" -> ExplorerSession.Probe.HELD_OUT;
                case "imprinted", "all-classes" -> ExplorerSession.Probe.IMPRINTED;
                default -> throw new TypeConversionException("'" + value + "' is not a probe; choose training, held-out or imprinted");
            };
        }
    }

    /** {@code pitch,yaw,distance}: degrees, degrees, scene units (the picture spans about 1000). */
    static final class Pose implements ITypeConverter<CameraPose> {
        @Override
        public CameraPose convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 3) throw new TypeConversionException("expected pitch,yaw,distance (e.g. -22,-35,1450), got '" + value + "'");
            double[] v = new double[3];
            String[] names = {"pitch", "yaw", "distance"};
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException(names[i] + " '" + parts[i].trim() + "' is not a number");
                }
                if (!Double.isFinite(v[i])) throw new TypeConversionException(names[i] + " must be finite, got " + parts[i].trim());
            }
            if (Math.abs(v[0]) > 89) throw new TypeConversionException("pitch " + parts[0].trim() + " is outside -89 to 89 degrees");
            if (v[2] < CameraPose.MIN_DISTANCE || v[2] > CameraPose.MAX_DISTANCE) {
                throw new TypeConversionException(String.format(Locale.ROOT, "distance %s is outside %.0f to %.0f",
                        parts[2].trim(), CameraPose.MIN_DISTANCE, CameraPose.MAX_DISTANCE));
            }
            return new CameraPose(v[0], v[1], 0, 0, v[2]);
        }
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }
}
