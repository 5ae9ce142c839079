package org.predspace.training.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.InputShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.predspace.training.spec.SpecForm.Field.*;

class SpecFormTest {
    private static final Map<String, InputShape> SHAPES = Map.of("iris", InputShape.tabular(4), "digits", InputShape.image(1, 8, 8));

    private static SpecForm sweep() {
        return new SpecForm(true).shapes(id -> Optional.ofNullable(SHAPES.get(id)));
    }

    private static String problem(SpecForm form) {
        SpecForm.Result r = form.evaluate();
        assertFalse(r.valid(), "expected a problem");
        assertTrue(r.specs().isEmpty(), "no specs while a field is wrong");
        return r.firstProblem();
    }

    @Test
    void defaultsMakeOneRunNamedFromItsValues() {
        SpecForm.Result r = new SpecForm(false).evaluate();
        assertTrue(r.valid(), r.problems().toString());
        assertEquals(1, r.runCount());
        TrainingSpec s = r.specs().get(0);
        assertEquals("digits-mlp-adam-lr0.001-b128-s0", s.name());
        assertEquals(TrainingSpec.builder("digits").name(s.name()).build(), s, "defaults are the engine's");
    }

    @Test
    void sweepListsMakeTheirProduct() {
        SpecForm form = sweep().set(ARCHITECTURE, "linear, mlp").set(OPTIMIZER, "sgd,adam").set(SEED, "1,2,3")
                .set(EPOCHS, "3").set(NAME, "lec1-");
        SpecForm.Result r = form.evaluate();
        assertTrue(r.valid(), r.problems().toString());
        assertEquals(12, r.runCount());
        assertEquals(12, r.specs().size());
        assertTrue(r.specs().stream().allMatch(s -> s.epochs() == 3 && s.name().startsWith("lec1-digits-")));
        assertEquals(List.of(Architecture.LINEAR, Architecture.MLP),
                r.specs().stream().map(TrainingSpec::architecture).distinct().toList());
    }

    @Test
    void countIsShownWhileAValueIsWrong() {
        SpecForm.Result r = sweep().set(ARCHITECTURE, "linear,mlp").set(LEARNING_RATE, "0.1,abc").evaluate();
        assertEquals(4, r.runCount());
        assertEquals("learning rate 'abc' is not a number", r.firstProblem());
        assertEquals(Optional.of("learning rate 'abc' is not a number"), r.problem(LEARNING_RATE));
        assertEquals(Optional.empty(), r.problem(ARCHITECTURE));
    }

    @Test
    void badValuesAreNamedExactly() {
        assertEquals("learning rate must be > 0, got 0", problem(sweep().set(LEARNING_RATE, "0")));
        assertEquals("learning rate must be > 0, got -1e-3", problem(sweep().set(LEARNING_RATE, "-1e-3")));
        assertEquals("batch size must be in 1..65536, got 0", problem(sweep().set(BATCH_SIZE, "0")));
        assertEquals("batch size '12.5' is not a whole number", problem(sweep().set(BATCH_SIZE, "12.5")));
        assertEquals("random-label fraction must be in [0, 1], got 1.5", problem(sweep().set(RANDOM_LABELS, "1.5")));
        assertEquals("warm-up fraction must be in [0, 1), got 1", problem(sweep().set(WARMUP, "1")));
        assertEquals("weight decay must be >= 0, got -0.1", problem(sweep().set(WEIGHT_DECAY, "-0.1")));
        assertEquals("epochs 'five' is not a whole number", problem(sweep().set(EPOCHS, "five")));
        assertEquals("give at least one seed", problem(sweep().set(SEED, " , ")));
        assertEquals("seed 2 is listed twice", problem(sweep().set(SEED, "1,2,2")));
        assertEquals("unknown optimizer 'sdg' (expected one of sgd, nesterov, adam, adamw, rmsprop)",
                problem(sweep().set(OPTIMIZER, "sdg")));
        assertEquals("name prefix may use letters, digits, '.', '_' and '-' only, got 'my run'",
                problem(sweep().set(NAME, "my run")));
    }

    @Test
    void singleRunFormRefusesLists() {
        assertEquals("give one learning rate (several values make a sweep: use Sweep…)",
                problem(new SpecForm(false).set(LEARNING_RATE, "0.1,0.2")));
        assertEquals("give a learning rate", problem(new SpecForm(false).set(LEARNING_RATE, "")));
    }

    /** The form and the command line share one rule (TrainingSpec.nameProblem): a name is one folder name. */
    @Test
    void namesThatAreNotFolderNamesAreRefused() {
        assertEquals("name may use letters, digits, '.', '_' and '-' only, got '../../x'",
                problem(new SpecForm(false).set(NAME, "../../x")));
        assertEquals("name may not start with '.', got '..'", problem(new SpecForm(false).set(NAME, "..")));
        assertEquals("name prefix may not start with '.', got '.hidden-'", problem(sweep().set(NAME, ".hidden-")));
        assertEquals("name may use letters, digits, '.', '_' and '-' only, got 'a\\tb'",
                problem(new SpecForm(false).set(NAME, "a\tb")));
        String prefix = "p".repeat(90);
        assertTrue(problem(sweep().set(NAME, prefix)).startsWith("name is "), "prefix plus run name too long for a folder");
    }

    @Test
    void singleRunTakesTheTypedName() {
        SpecForm.Result r = new SpecForm(false).set(NAME, "my-run").evaluate();
        assertEquals("my-run", r.specs().get(0).name());
    }

    @Test
    void imageArchitecturesAreRefusedOnTabularData() {
        assertEquals("architecture lenet needs image data, but iris has 4 features; use linear or mlp",
                problem(sweep().set(DATASET, "iris").set(ARCHITECTURE, "mlp,lenet")));
        assertTrue(sweep().set(DATASET, "digits").set(ARCHITECTURE, "mlp,lenet").evaluate().valid());
        assertEquals("shift augmentation needs image data, but iris has 4 features",
                problem(sweep().set(DATASET, "iris").shiftAugment(true)));
    }

    @Test
    void datasetIdsAreChecked(@TempDir Path tmp) throws Exception {
        assertEquals("choose a data set", problem(sweep().set(DATASET, " ")));
        assertTrue(problem(sweep().set(DATASET, "cifar")).startsWith("unknown data set 'cifar'; use one of mnist, fashion, digits"));
        assertEquals("no file " + tmp.resolve("x.csv"), problem(sweep().set(DATASET, "csv:" + tmp.resolve("x.csv"))));
        assertEquals("idx: needs a folder after the colon", problem(sweep().set(DATASET, "idx:")));
        Files.writeString(tmp.resolve("x.csv"), "1,2,0\n");
        assertTrue(sweep().set(DATASET, "csv:label=first:" + tmp.resolve("x.csv")).evaluate().valid());
    }
}
