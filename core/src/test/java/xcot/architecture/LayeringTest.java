package xcot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The three layers of STYLE.md: generated bindings ({@code xcot.bindings}) → owned handles ({@code xcot.llm}) and the
 * off-heap kernel ({@code xcot.kernel}) → everything else, which sees plain Java types only.
 */
class LayeringTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("xcot");

    @Test
    void onlyHandlesAndTheKernelTouchTheForeignApi() {
        noClasses().that().resideOutsideOfPackages("xcot.bindings..", "xcot.llm..", "xcot.kernel..")
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .because("only the native layer, the owned handles and the off-heap kernel may use FFM")
                .check(CORE);
    }

    @Test
    void onlyHandlesCallTheRawBindings() {
        noClasses().that().resideOutsideOfPackages("xcot.bindings..", "xcot.llm..")
                .should().dependOnClassesThat().resideInAPackage("xcot.bindings..")
                .because("everything above the handles sees plain Java types")
                .check(CORE);
    }
}
