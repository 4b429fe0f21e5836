package xcot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The architecture over every module's main classes (native, core, cli, bench): generated bindings → owned handles
 * and kernels → the domain (benchmarks, methods, metrics, formats) → the run pipeline → reports → the command line,
 * nothing pointing upward, and no package cycle anywhere.
 */
class LayeringTest {
    /**
     * Main classes only. In {@code mvn verify} the other modules come as jars, and ArchUnit's
     * {@code DO_NOT_INCLUDE_TESTS} knows test classes only by a {@code test-classes} folder, not by the test jar
     * (core's, which bench uses) that holds them there.
     */
    static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/")
            && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));

    static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(MAIN_CLASSES_ONLY)
            .importPackages("xcot");

    static final String[] HANDLES = {"xcot.gguf..", "xcot.onnx..", "xcot.kernel..", "xcot.llm..", "xcot.fixtures..",
        "xcot.modelcheck.."};
    /** Plain Java every layer above the bindings may use: reading input files and lines, the build's own facts. */
    static final String[] BASE = {"xcot.io..", "xcot.build.."};
    static final String[] FOUNDATIONS = {"xcot.pycompat..", "xcot.reference..", "xcot.metrics.."};
    static final String[] DOMAIN = {"xcot.profiles..", "xcot.tasks..", "xcot.methods..", "xcot.zoo..", "xcot.formats.."};

    @Test
    void everyPackageBelongsToALayer() {
        List<String> all = new ArrayList<>(List.of("xcot.bindings..", "xcot.runs..", "xcot.reports..", "xcot.cli..",
                "xcot.bench.."));
        all.addAll(List.of(BASE));
        all.addAll(List.of(HANDLES));
        all.addAll(List.of(FOUNDATIONS));
        all.addAll(List.of(DOMAIN));
        classes().should().resideInAnyPackage(all.toArray(String[]::new))
                .because("a new package must be placed in the architecture (add it to a layer here)").check(ALL);
    }

    @Test
    void layersPointOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("bindings").definedBy("xcot.bindings..")
                .layer("base").definedBy(BASE)
                .layer("handles").definedBy(HANDLES)
                .layer("foundations").definedBy(FOUNDATIONS)
                .layer("domain").definedBy(DOMAIN)
                .layer("runs").definedBy("xcot.runs..")
                .layer("reports").definedBy("xcot.reports..")
                .layer("cli").definedBy("xcot.cli..")
                .layer("bench").definedBy("xcot.bench..")
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("reports").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("runs").mayOnlyBeAccessedByLayers("reports", "cli", "bench")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("runs", "reports", "cli", "bench")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("domain", "runs", "reports", "cli", "bench")
                .whereLayer("handles").mayOnlyBeAccessedByLayers("domain", "runs", "reports", "cli", "bench")
                .whereLayer("base").mayOnlyBeAccessedByLayers("handles", "foundations", "domain", "runs", "reports",
                        "cli", "bench")
                // The FFM call-overhead benchmark measures raw downcalls, so it calls the bindings directly.
                .whereLayer("bindings").mayOnlyBeAccessedByLayers("handles", "bench")
                .check(ALL);
    }

    @Test
    void noPackageCycles() {
        slices().matching("xcot.(**)").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void nothingOutsideTheTasksPicksABenchmarkByItsClass() {
        noClasses().that().resideOutsideOfPackages("xcot.tasks..")
                .should().dependOnClassesThat(DescribedPredicate.describe("a benchmark implementation",
                        c -> c.getPackageName().startsWith("xcot.tasks.") && c.getSimpleName().endsWith("Benchmark")))
                .because("a benchmark owns its protocol: code outside xcot.tasks asks the Benchmark interface "
                        + "(tasks.catalog builds them)")
                .check(ALL);
    }

    @Test
    void onlyHandlesAndTheKernelTouchTheForeignApi() {
        noClasses().that().resideOutsideOfPackages("xcot.bindings..", "xcot.llm..", "xcot.kernel..", "xcot.bench..")
                .and().doNotHaveFullyQualifiedName("xcot.io.LauncherStderr")
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .because("only the native layer, the owned handles and the off-heap kernel may use FFM (and the "
                        + "benchmarks, which measure the FFM call itself, and LauncherStderr, which puts the launcher's "
                        + "stderr back with libc's dup2 before anything else runs)")
                .check(ALL);
    }

    @Test
    void onlyHandlesCallTheRawBindings() {
        noClasses().that().resideOutsideOfPackages("xcot.bindings..", "xcot.llm..", "xcot.bench..")
                .should().dependOnClassesThat().resideInAPackage("xcot.bindings..")
                .because("everything above the handles sees plain Java types")
                .check(ALL);
    }
}
