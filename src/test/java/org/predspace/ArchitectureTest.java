package org.predspace;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.predspace.geometry.FxLeak;
import org.predspace.geometry.HalfGated;
import org.predspace.geometry.NativeBypass;
import org.predspace.platform.LoadNativeLibraries;
import org.predspace.data.ReachesUp;
import org.predspace.geometry.CallsOpenBlas;
import org.predspace.geometry.ThreadLeak;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.Workers;
import org.predspace.runs.ReachesSideways;
import org.predspace.geometry.distance.DistanceReachesUp;
import org.predspace.session.ExplorerSession;
import org.predspace.training.spec.SpecReachesUp;
import org.predspace.session.UsesJna;
import org.predspace.ui.ReachesIntoPrism;
import org.predspace.ui.curves.PanelLeak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The core must run without a display and from the CLI: no JavaFX below the UI. The packages
 * form layers that only look down; operating-system details (com.sun.*, JNA, OpenBLAS's
 * binding) stay in the platform packages, and native libraries are loaded only through
 * NativeLibraries (docs/architecture.md, "Layers").
 */
class ArchitectureTest {
    private static final String[] CORE = {
        "org.predspace.data..", "org.predspace.training..", "org.predspace.runs..",
        "org.predspace.geometry..", "org.predspace.spectra..", "org.predspace.cli..",
        "org.predspace.session..", "org.predspace.platform..", "org.predspace.export..",
        "org.predspace.landscape..", "org.predspace.tasks.."
    };
    private static final String PLATFORM = "org.predspace.platform..";
    private static final String[] NATIVE = {"org.nd4j..", "org.bytedeco..", "org.deeplearning4j.."};

    private static final ArchRule CORE_IS_HEADLESS = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("data, training, runs, geometry and spectra must work without a display")
            .allowEmptyShould(true);

    /**
     * Whatever touches ND4J, DL4J or JavaCPP first would load their natives on its own thread,
     * where an interrupt poisons them for the process: so it waits for the gateway first.
     */
    private static final ArchRule NATIVES_THROUGH_THE_GATEWAY = classes()
            .that().resideOutsideOfPackage(PLATFORM).and().areNotInterfaces().and(useNativeLibraries())
            .should(waitForTheGatewayWhenInitialised())
            .because("the first load of OpenBLAS and ND4J must happen on NativeLibraries' thread, "
                    + "where no interrupt can make their classes erroneous")
            .allowEmptyShould(true);

    /** The cache folder and the OpenBLAS kernel are chosen in one place, before anything loads. */
    private static final ArchRule NO_PIN_OR_CACHE_OUTSIDE_THE_GATEWAY = noClasses()
            .that().resideOutsideOfPackage(PLATFORM)
            .should().dependOnClassesThat().haveFullyQualifiedName("org.predspace.platform.OpenBlasKernel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.predspace.platform.JavaCppCache")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.bytedeco.javacpp.Loader")
            .because("only NativeLibraries sets the cache folder, pins the kernel and loads natives")
            .allowEmptyShould(true);

    /**
     * Tasks are what training trains on, so training depends on them: a task never reaches back
     * into training (or anything above it), which would make the two one tangle.
     */
    private static final ArchRule TASKS_BELOW_TRAINING = noClasses().that().resideInAPackage("org.predspace.tasks..")
            .should().dependOnClassesThat().resideInAnyPackage("org.predspace.training..", "org.predspace.session..",
                    "org.predspace.cli..", "org.predspace.ui..", "org.predspace.spectra..", "org.predspace.landscape..")
            .because("tasks sit between the data and training (docs/architecture.md)");

    /**
     * Threads come from platform.Workers only: named, daemon, prioritised on themselves and
     * reporting what ends them (docs/architecture.md). A class that builds its own forgets one.
     */
    private static final ArchRule THREADS_FROM_THE_FACTORY = classes()
            .that(areOutsideWorkers())
            .should(notConstructThreadsOrExecutors())
            .because("every thread is built by org.predspace.platform.Workers (names, priority, budget, failures reported)")
            .allowEmptyShould(true);

    /**
     * The layers from the bottom up, each with its packages: a layer may use any layer below it,
     * never one above. Within a layer, the rules below fix which way the arrows go.
     */
    private static final String[][] LAYERS = {
        {"platform", "org.predspace.platform.."},
        {"data and runs", "org.predspace.data..", "org.predspace.runs.."},
        {"tasks", "org.predspace.tasks.."},
        {"training", "org.predspace.training.."},
        {"analysis", "org.predspace.geometry..", "org.predspace.spectra..", "org.predspace.landscape.."},
        {"session", "org.predspace.session.."},
        {"front ends", "org.predspace.cli..", "org.predspace.export.."},
        {"ui", "org.predspace.ui.."},
    };

    private static final ArchRule LAYER_ORDER = layers()
            .because("a lower layer must work without the ones above it (docs/architecture.md, \"Layers\")");

    /**
     * Inside a layer the packages are in a line too: data reads text through runs (InputText),
     * landscape builds on spectra's checkpoint models, cli writes export's tables. The reverse
     * arrows, and any between geometry and spectra, are forbidden.
     */
    private static final ArchRule RUNS_BESIDE_DATA = noClasses().that().resideInAPackage("org.predspace.runs..")
            .should().dependOnClassesThat().resideInAPackage("org.predspace.data..")
            .because("the run format is read without the data sets, and only data reads runs' InputText")
            .allowEmptyShould(true);
    private static final ArchRule LANDSCAPE_ON_TOP = noClasses()
            .that().resideInAnyPackage("org.predspace.geometry..", "org.predspace.spectra..")
            .should().dependOnClassesThat().resideInAPackage("org.predspace.landscape..")
            .because("landscape builds on spectra's checkpoint models, not the other way")
            .allowEmptyShould(true);
    private static final ArchRule GEOMETRY_AND_SPECTRA_APART = classes()
            .that().resideInAnyPackage("org.predspace.geometry..", "org.predspace.spectra..")
            .should(notDependOnTheOtherOf("org.predspace.geometry", "org.predspace.spectra"))
            .because("geometry works on plain arrays and spectra on one checkpoint: neither needs the other")
            .allowEmptyShould(true);
    private static final ArchRule EXPORT_BELOW_CLI = noClasses().that().resideInAPackage("org.predspace.export..")
            .should().dependOnClassesThat().resideInAPackage("org.predspace.cli..")
            .because("the command line and the window both write export's tables")
            .allowEmptyShould(true);

    private static final String UI_PLATFORM = "org.predspace.ui.platform..";

    /** JDK and JavaFX internals: the headless platform layer (JNA) and ui.platform (Prism, Quantum) only. */
    private static final ArchRule INTERNALS_IN_PLATFORM = noClasses().that().resideOutsideOfPackages(PLATFORM, UI_PLATFORM)
            .should().dependOnClassesThat().resideInAPackage("com.sun..")
            .because("com.sun.* changes without notice; what relies on it is kept in the platform packages")
            .allowEmptyShould(true);

    private static final ArchRule JNA_IN_PLATFORM = noClasses().that().resideOutsideOfPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("system calls (setenv, setpriority) are made by the platform layer only")
            .allowEmptyShould(true);

    /**
     * OpenBLAS's binding and JavaCPP's loading are the platform's (platform.OpenBlas wraps the
     * LAPACK calls the core makes). ND4J and DL4J stay allowed in the core, and with them
     * JavaCPP's pointers, which ND4J's own buffers hand out (DataBuffer.addressPointer()).
     */
    private static final ArchRule NATIVE_BINDINGS_IN_PLATFORM = noClasses().that().resideOutsideOfPackage(PLATFORM)
            .should().dependOnClassesThat(nativeBindings())
            .because("native libraries are named in one layer, so a newcomer finds every native call there")
            .allowEmptyShould(true);

    /**
     * The packages split by concept keep one direction inside their layer: a spec is plain data
     * the engine builds networks from, and both sit under the run that trains (package training);
     * InPCA and trajectories both build on distances, and on nothing of each other.
     */
    private static final ArchRule SPEC_BELOW_ENGINE = noClasses().that().resideInAPackage("org.predspace.training.spec..")
            .should().dependOnClassesThat().resideInAnyPackage("org.predspace.training", "org.predspace.training.engine..")
            .because("training.spec < training.engine < training (docs/architecture.md)")
            .allowEmptyShould(true);
    private static final ArchRule ENGINE_BELOW_TRAINING = noClasses().that().resideInAPackage("org.predspace.training.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.predspace.training")
            .because("training.spec < training.engine < training (docs/architecture.md)")
            .allowEmptyShould(true);
    private static final ArchRule DISTANCE_BELOW_INPCA_AND_TRAJECTORY = noClasses()
            .that().resideInAPackage("org.predspace.geometry.distance..")
            .should().dependOnClassesThat().resideInAnyPackage("org.predspace.geometry.inpca..", "org.predspace.geometry.trajectory..")
            .because("geometry.distance < geometry.inpca, geometry.trajectory (docs/architecture.md)")
            .allowEmptyShould(true);
    private static final ArchRule INPCA_AND_TRAJECTORY_APART = classes()
            .that().resideInAnyPackage("org.predspace.geometry.inpca..", "org.predspace.geometry.trajectory..")
            .should(notDependOnTheOtherOf("org.predspace.geometry.inpca", "org.predspace.geometry.trajectory"))
            .because("the picture and the trajectories are two uses of the distances, neither needs the other")
            .allowEmptyShould(true);

    private static JavaClasses production;

    private static synchronized JavaClasses production() {
        if (production == null) {
            production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.predspace");
        }
        return production;
    }

    @Test
    void layersOnlyLookDown() {
        // one composite, so a failure lists every broken rule at once
        CompositeArchRule.of(LAYER_ORDER).and(RUNS_BESIDE_DATA).and(LANDSCAPE_ON_TOP).and(GEOMETRY_AND_SPECTRA_APART)
                .and(EXPORT_BELOW_CLI)
                .check(production());
    }

    @Test
    void packagesSplitByConceptKeepOneDirection() {
        CompositeArchRule.of(SPEC_BELOW_ENGINE).and(ENGINE_BELOW_TRAINING).and(DISTANCE_BELOW_INPCA_AND_TRAJECTORY)
                .and(INPCA_AND_TRAJECTORY_APART)
                .check(production());
    }

    @Test
    void splitRulesRejectASpecThatReachesIntoTrainingAndDistancesThatReachUp() {
        JavaClasses spec = new ClassFileImporter().importClasses(SpecReachesUp.class);
        AssertionError e = assertThrows(AssertionError.class, () -> SPEC_BELOW_ENGINE.check(spec));
        assertTrue(e.getMessage().contains("SpecReachesUp") && e.getMessage().contains("TrainingRun"), e.getMessage());
        JavaClasses distance = new ClassFileImporter().importClasses(DistanceReachesUp.class);
        e = assertThrows(AssertionError.class, () -> DISTANCE_BELOW_INPCA_AND_TRAJECTORY.check(distance));
        assertTrue(e.getMessage().contains("DistanceReachesUp") && e.getMessage().contains("InPca"), e.getMessage());
    }

    @Test
    void layerRulesRejectAClassThatReachesUpOrSideways() {
        AssertionError up = assertThrows(AssertionError.class,
                // a layer is checked by who uses its classes, so the session's class is imported too;
                // the other layers are empty here, which production does not allow
                () -> layers().withOptionalLayers(true).check(
                        new ClassFileImporter().importClasses(ReachesUp.class, ExplorerSession.class)));
        assertTrue(up.getMessage().contains("ReachesUp") && up.getMessage().contains("ExplorerSession"), up.getMessage());
        AssertionError sideways = assertThrows(AssertionError.class,
                () -> RUNS_BESIDE_DATA.check(new ClassFileImporter().importClasses(ReachesSideways.class)));
        assertTrue(sideways.getMessage().contains("ReachesSideways"), sideways.getMessage());
    }

    @Test
    void internalsJnaAndNativeBindingsStayInThePlatform() {
        CompositeArchRule.of(INTERNALS_IN_PLATFORM).and(JNA_IN_PLATFORM).and(NATIVE_BINDINGS_IN_PLATFORM)
                .check(production());
    }

    @Test
    void platformRulesRejectInternalsJnaAndOpenBlasElsewhere() {
        JavaClasses jna = new ClassFileImporter().importClasses(UsesJna.class);
        assertThrows(AssertionError.class, () -> JNA_IN_PLATFORM.check(jna));
        assertThrows(AssertionError.class, () -> INTERNALS_IN_PLATFORM.check(jna));
        AssertionError prism = assertThrows(AssertionError.class,
                () -> INTERNALS_IN_PLATFORM.check(new ClassFileImporter().importClasses(ReachesIntoPrism.class)));
        assertTrue(prism.getMessage().contains("com.sun.javafx.tk.Toolkit"), prism.getMessage());
        JavaClasses blas = new ClassFileImporter().importClasses(CallsOpenBlas.class);
        AssertionError e = assertThrows(AssertionError.class, () -> NATIVE_BINDINGS_IN_PLATFORM.check(blas));
        assertTrue(e.getMessage().contains("CallsOpenBlas"), e.getMessage());
        NATIVES_THROUGH_THE_GATEWAY.check(blas);   // it does wait for the gateway: only the platform rule catches it
    }

    @Test
    void corePackagesDoNotDependOnJavaFx() {
        CORE_IS_HEADLESS.check(production());
    }

    @Test
    void tasksDoNotReachUpIntoTraining() {
        TASKS_BELOW_TRAINING.check(production());
    }

    @Test
    void ruleRejectsACoreClassThatUsesJavaFx() {
        JavaClasses offender = new ClassFileImporter().importClasses(FxLeak.class);
        assertThrows(AssertionError.class, () -> CORE_IS_HEADLESS.check(offender));
    }

    @Test
    void onlyTheWorkerFactoryBuildsThreads() {
        THREADS_FROM_THE_FACTORY.check(production());
    }

    @Test
    void ruleRejectsClassesThatBuildTheirOwnThreads() {
        for (Class<?> offender : ThreadLeak.class.getClasses()) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> THREADS_FROM_THE_FACTORY.check(new ClassFileImporter().importClasses(offender)), offender.getName());
            assertTrue(e.getMessage().contains(offender.getSimpleName()), e.getMessage());
        }
        assertEquals(4, ThreadLeak.class.getClasses().length);
    }

    @Test
    void everyClassThatUsesNativeLibrariesWaitsForTheGateway() {
        NATIVES_THROUGH_THE_GATEWAY.check(production());
        NO_PIN_OR_CACHE_OUTSIDE_THE_GATEWAY.check(production());
    }

    @Test
    void rulesRejectAClassThatBypassesTheGateway() {
        JavaClasses offender = new ClassFileImporter().importClasses(NativeBypass.class);
        AssertionError e = assertThrows(AssertionError.class, () -> NATIVES_THROUGH_THE_GATEWAY.check(offender));
        assertTrue(e.getMessage().contains("NativeBypass"), e.getMessage());
        assertThrows(AssertionError.class, () -> NO_PIN_OR_CACHE_OUTSIDE_THE_GATEWAY.check(offender));
    }

    /** Waiting for OpenBLAS alone is not enough for a class that uses ND4J. */
    @Test
    void ruleRejectsAnNd4jClassThatWaitsForOpenBlasOnly() {
        JavaClasses offender = new ClassFileImporter().importClasses(HalfGated.class);
        AssertionError e = assertThrows(AssertionError.class, () -> NATIVES_THROUGH_THE_GATEWAY.check(offender));
        assertTrue(e.getMessage().contains("HalfGated"), e.getMessage());
    }

    /** Main and the test JVM's listener choose the cache and pin the kernel before anything else. */
    @Test
    void entryPointsPrepareTheNativesFirst() {
        assertEquals("prepareForApp", firstCall(production().get(Main.class).getMethod("main", String[].class)));
        JavaClass listener = new ClassFileImporter().importClasses(LoadNativeLibraries.class)
                .get(LoadNativeLibraries.class);
        assertEquals("prepare", firstCall(listener.getMethod("launcherSessionOpened",
                LauncherSession.class)));
    }

    private static String firstCall(JavaCodeUnit unit) {
        JavaMethodCall first = unit.getMethodCallsFromSelf().stream()
                .min(Comparator.comparingInt(JavaMethodCall::getLineNumber)).orElseThrow();
        assertEquals(NativeLibraries.class.getName(), first.getTargetOwner().getName(),
                unit.getFullName() + " must call NativeLibraries first");
        return first.getName();
    }

    private static DescribedPredicate<JavaClass> areOutsideWorkers() {
        String workers = Workers.class.getName();
        return new DescribedPredicate<>("are outside platform.Workers") {
            @Override
            public boolean test(JavaClass c) {
                return !c.getName().equals(workers) && !c.getName().startsWith(workers + "$");
            }
        };
    }

    /** Thread and ForkJoinWorkerThread constructors (subclasses too), Executors.*, pool and Timer constructors. */
    private static ArchCondition<JavaClass> notConstructThreadsOrExecutors() {
        List<String> constructed = List.of(Thread.class.getName(), ForkJoinWorkerThread.class.getName(),
                ThreadPoolExecutor.class.getName(), ScheduledThreadPoolExecutor.class.getName(),
                ForkJoinPool.class.getName(), Timer.class.getName());
        return new ArchCondition<>("not construct threads or executors (new Thread, Executors.*, new ForkJoinPool, new ThreadPoolExecutor, new Timer)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getConstructorCallsFromSelf().stream()
                        .filter(call -> constructed.contains(call.getTargetOwner().getName()))
                        .forEach(call -> events.add(SimpleConditionEvent.violated(c, call.getDescription())));
                c.getMethodCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().isEquivalentTo(Executors.class))
                        .forEach(call -> events.add(SimpleConditionEvent.violated(c, call.getDescription())));
            }
        };
    }

    /** LAYERS as ArchUnit's layered architecture: each layer may be used only by the layers above it. */
    private static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] layer : LAYERS) {
            layers = layers.layer(layer[0]).definedBy(Arrays.copyOfRange(layer, 1, layer.length));
        }
        // the jar's entry point, on top: it wires the command line and the window together
        layers = layers.layer("main").definedBy(JavaClass.Predicates.belongToAnyOf(Main.class));
        for (int i = 0; i < LAYERS.length; i++) {
            List<String> above = new ArrayList<>();
            for (int j = i + 1; j < LAYERS.length; j++) above.add(LAYERS[j][0]);
            above.add("main");
            layers = layers.whereLayer(LAYERS[i][0]).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return layers.whereLayer("main").mayNotBeAccessedByAnyLayer();
    }

    /** Violated by a class of package {@code a} that uses package {@code b}, or of {@code b} that uses {@code a}. */
    private static ArchCondition<JavaClass> notDependOnTheOtherOf(String a, String b) {
        return new ArchCondition<>("not depend on the other of " + a + " and " + b) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String own = c.getPackageName().startsWith(a) ? a : c.getPackageName().startsWith(b) ? b : null;
                if (own == null) return;
                String other = own.equals(a) ? b : a;
                c.getDirectDependenciesFromSelf().stream()
                        .filter(d -> d.getTargetClass().getPackageName().startsWith(other))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(c, d.getDescription())));
            }
        };
    }

    /** OpenBLAS's binding, JavaCPP's loader and presets: org.bytedeco except JavaCPP's pointer types. */
    private static DescribedPredicate<JavaClass> nativeBindings() {
        return new DescribedPredicate<>("are native bindings (org.bytedeco, except JavaCPP's pointers)") {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                boolean pointer = p.equals("org.bytedeco.javacpp") && c.getSimpleName().endsWith("Pointer");
                return p.startsWith("org.bytedeco") && !pointer;
            }
        };
    }

    private static DescribedPredicate<JavaClass> useNativeLibraries() {
        return new DescribedPredicate<>("use ND4J, DL4J or JavaCPP") {
            @Override
            public boolean test(JavaClass c) {
                return c.getDirectDependenciesFromSelf().stream().anyMatch(d -> isNative(d.getTargetClass()));
            }
        };
    }

    private static boolean isNative(JavaClass target) {
        for (String p : NATIVE) {
            if (target.getPackageName().startsWith(p.substring(0, p.length() - 2))) return true;
        }
        return false;
    }

    /**
     * The class's static initialiser calls NativeLibraries.require(); or its enclosing class's,
     * for classes only code of the enclosing class can reach: inner, local, anonymous and
     * private nested classes.
     */
    private static ArchCondition<JavaClass> waitForTheGatewayWhenInitialised() {
        return new ArchCondition<>("call NativeLibraries.require() (or requireBlas() if they use only OpenBLAS) in their static initialiser") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                JavaClass owner = c;
                while ((owner.isInnerClass() || owner.isAnonymousClass() || owner.isLocalClass()
                        || owner.getModifiers().contains(JavaModifier.PRIVATE)) && owner.getEnclosingClass().isPresent()) {
                    owner = owner.getEnclosingClass().get();
                }
                // requireBlas waits for OpenBLAS alone: enough only for a class that uses nothing of ND4J or DL4J
                boolean blasOnly = c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass().getPackageName())
                        .noneMatch(p -> p.startsWith("org.nd4j") || p.startsWith("org.deeplearning4j"));
                boolean waits = owner.getStaticInitializer().map(init -> init.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isEquivalentTo(NativeLibraries.class)
                                && (call.getName().equals("require") || blasOnly && call.getName().equals("requireBlas"))))
                        .orElse(false);
                if (!waits) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " uses " + List.of(NATIVE)
                            + " but " + owner.getSimpleName() + "'s static initialiser does not call NativeLibraries.require()"));
                }
            }
        };
    }

    // ---- UI panels talk only through the model ------------------------------------------------

    /** The linked panels: each binds to the ExplorerModel on its own (docs/architecture.md). */
    static final List<String> PANELS = List.of("compare", "curves", "details", "dims", "landscape", "library",
            "spectrum", "view3d");
    /** The window level: the panels' host and what it arranges, which no panel may reach. */
    private static final List<String> WINDOW_CLASSES = List.of("org.predspace.ui.MainWindow",
            "org.predspace.ui.ExplorerWindows", "org.predspace.ui.PredSpaceApp", "org.predspace.ui.UiLauncher");
    private static final List<String> WINDOW_PACKAGES = List.of("workspace", "chapters");

    /**
     * A panel depends on the model (the classes of org.predspace.ui itself: ExplorerModel and the
     * values it holds, RunItem, Colouring, CameraPose, ...) and on the shared widgets (ui.charts,
     * ui.figures, ui.launch), never on the window, the workspace or chapter code, or another panel.
     */
    static final ArchRule PANELS_TALK_ONLY_THROUGH_THE_MODEL = classes()
            .that(resideInAPanel())
            .should(dependOnNoOtherPanelNorTheWindow())
            .because("a panel that reaches into another panel or the window ties them together; "
                    + "state they share lives in ExplorerModel and changes through its commands")
            .allowEmptyShould(true);

    @Test
    void panelsDependOnlyOnTheModelAndSharedWidgets() {
        PANELS_TALK_ONLY_THROUGH_THE_MODEL.check(production());
    }

    @Test
    void ruleRejectsAPanelThatReachesIntoAnotherPanelOrTheWindow() {
        JavaClasses offender = new ClassFileImporter().importClasses(PanelLeak.class);
        AssertionError e = assertThrows(AssertionError.class, () -> PANELS_TALK_ONLY_THROUGH_THE_MODEL.check(offender));
        assertTrue(e.getMessage().contains("org.predspace.ui.MainWindow"), e.getMessage());
        assertTrue(e.getMessage().contains("org.predspace.ui.compare.ComparePanel"), e.getMessage());
        assertTrue(e.getMessage().contains("org.predspace.ui.workspace.SavedViews"), e.getMessage());
    }

    private static String panelOf(JavaClass c) {
        String p = c.getPackageName();
        for (String panel : PANELS) {
            String root = "org.predspace.ui." + panel;
            if (p.equals(root) || p.startsWith(root + ".")) return panel;
        }
        return null;
    }

    private static DescribedPredicate<JavaClass> resideInAPanel() {
        return new DescribedPredicate<>("reside in a UI panel package " + PANELS) {
            @Override
            public boolean test(JavaClass c) { return panelOf(c) != null; }
        };
    }

    private static ArchCondition<JavaClass> dependOnNoOtherPanelNorTheWindow() {
        return new ArchCondition<>("depend on no other panel, nor on the window, workspace or chapter code") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String own = panelOf(c);
                c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass().getBaseComponentType()).distinct()
                        .forEach(target -> {
                            String why = null;
                            String other = panelOf(target);
                            String pkg = target.getPackageName();
                            if (other != null && !other.equals(own)) why = "the " + other + " panel";
                            else if (WINDOW_CLASSES.contains(target.getName())) why = "the window";
                            else if (WINDOW_PACKAGES.stream().anyMatch(w -> pkg.equals("org.predspace.ui." + w)
                                    || pkg.startsWith("org.predspace.ui." + w + "."))) why = "window-level " + pkg;
                            if (why != null) {
                                events.add(SimpleConditionEvent.violated(c, c.getName() + " (" + own + " panel) depends on "
                                        + target.getName() + " (" + why + ")"));
                            }
                        });
            }
        };
    }
}
