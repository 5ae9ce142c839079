package org.predspace.ui.details;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FiguresTest {
    @Test
    void accuracyIsAPercentWithOneDecimal() {
        assertEquals("38.6 %", Figures.percent(0.9 * 3 / 7));
        assertEquals("100.0 %", Figures.percent(1));
        assertEquals(Figures.MISSING, Figures.percent(Double.NaN), "not measured is not 0 %");
    }

    @Test
    void lossHasFourSignificantDigits() {
        assertEquals("2.303", Figures.significant(Math.log(10)));
        assertEquals("0.5000", Figures.significant(0.5));
        assertEquals("0.01235", Figures.significant(0.012345));
        assertEquals("1235", Figures.significant(1234.5));
        assertEquals("1.235e-05", Figures.significant(1.2345e-5));
        assertEquals(Figures.MISSING, Figures.significant(Double.NaN));
    }

    @Test
    void smallRatesAreScientificReadableOnesPlain() {
        assertEquals("1e-3", Figures.rate(0.001));
        assertEquals("2.5e-4", Figures.rate(0.00025));
        assertEquals("0.05", Figures.rate(0.05));
        assertEquals("0.1", Figures.rate(0.1));
        assertEquals("0", Figures.rate(0));
    }

    @Test
    void wholeNumbersHaveNoDecimalsAndCountsHaveSeparators() {
        assertEquals("32", Figures.plain(32.0));
        assertEquals("0.333333", Figures.plain(1 / 3.0));
        assertEquals("101,770", Figures.count(101770));
    }

    @Test
    void specIsGroupedWithReadableLabelsAndUnknownKeysLast() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dataset", "mnist");
        spec.put("architecture", "mlp");
        spec.put("batch_norm", false);
        spec.put("optimizer", "adam");
        spec.put("learning_rate", 0.001);
        spec.put("batch_size", 128);
        spec.put("probe_size", 1000);
        spec.put("engine", Map.of("parameters", 101770, "dl4j_version", "1.0.0-M2.1"));
        spec.put("custom_knob", 3.5);
        List<SpecTable.Group> groups = SpecTable.of(spec);
        assertEquals(List.of("Data", "Network", "Optimisation", "Probe and checkpoints", "Engine", "Other"),
                groups.stream().map(SpecTable.Group::title).toList());
        assertEquals(List.of(new SpecTable.Row("Architecture", "mlp"), new SpecTable.Row("Batch norm", "no")), groups.get(1).rows());
        assertEquals(List.of(new SpecTable.Row("Optimiser", "adam"), new SpecTable.Row("Learning rate", "1e-3"),
                new SpecTable.Row("Batch size", "128")), groups.get(2).rows());
        assertEquals(List.of(new SpecTable.Row("Parameters", "101,770"), new SpecTable.Row("DL4J", "1.0.0-M2.1")),
                groups.get(4).rows());
        assertEquals(List.of(new SpecTable.Row("Custom knob", "3.5")), groups.get(5).rows());
    }

    @Test
    void aSpecFromAnotherToolShowsWhatItHas() {
        List<SpecTable.Group> groups = SpecTable.of(Map.of("model", "resnet"));
        assertEquals(1, groups.size());
        assertEquals(new SpecTable.Row("Model", "resnet"), groups.get(0).rows().get(0));
    }
}
