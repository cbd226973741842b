package no.formidling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency direction of DESIGN.md, checked on the compiled classes. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("no.formidling");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("no.formidling.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void useCasesReachTheEngineOnlyThroughTheirPort() {
        noClasses().that().resideInAPackage("no.formidling.broker..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "no.formidling.process..")
                .check(CLASSES);
    }

    @Test
    void portsKnowNothingOfTheUseCases() {
        noClasses().that().resideInAnyPackage("no.formidling.storage..", "no.formidling.scan..", "no.formidling.events..")
                .should().dependOnClassesThat().resideInAnyPackage("no.formidling.broker..", "no.formidling.process..", "no.formidling.bridge..")
                .check(CLASSES);
    }

    @Test
    void bridgesTalkToTheBrokerOnlyOverHttp() {
        noClasses().that().resideInAPackage("no.formidling.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage("no.formidling.broker..", "no.formidling.process..", "no.formidling.storage..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
