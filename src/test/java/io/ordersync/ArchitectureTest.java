package io.ordersync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the production code (docs/architecture.md): packages without cycles, in layers, with shared helpers
 * at the bottom, EDI behind a small public face, and nothing in production reaching into the demo.
 */
class ArchitectureTest {

    private static final String[] CAPABILITIES = {"io.ordersync.crm..", "io.ordersync.edi..", "io.ordersync.erp..",
            "io.ordersync.events..", "io.ordersync.intake..", "io.ordersync.quote..", "io.ordersync.routing..",
            "io.ordersync.search..", "io.ordersync.sla..", "io.ordersync.soap.."};

    /** The only public classes of io.ordersync.edi: what the wiring, the routes and reconciliation use. */
    private static final String EDI_FACADE = "io\\.ordersync\\.edi\\.(EdiConfiguration|EdiCommand|EdiIntake"
            + "|EdiInterchangeStore|EdiOrderResponses|SentDocuments|ReceivedAcknowledgements|PartnerProfiles)";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // the compiled production classes only: scanning the whole class path would take many seconds
        production = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void packages_depend_on_each_other_without_cycles() {
        slices().matching("io.ordersync.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void each_layer_uses_only_the_layers_below_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Support").definedBy("io.ordersync.support..")
                .layer("DeadLetter").definedBy("io.ordersync.deadletter..")
                .layer("Order").definedBy("io.ordersync.order..")
                .layer("Capabilities").definedBy(CAPABILITIES)
                .layer("Reconcile").definedBy("io.ordersync.reconcile..")
                .layer("Ops").definedBy("io.ordersync.ops..")
                .layer("App").definedBy("io.ordersync.app..")
                .layer("Demo").definedBy("io.ordersync.demo..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Demo").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ops").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Reconcile").mayOnlyBeAccessedByLayers("Ops", "App")
                .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("Capabilities", "Reconcile", "Ops", "App")
                .whereLayer("Order").mayOnlyBeAccessedByLayers("Capabilities", "Reconcile", "Ops", "App")
                .whereLayer("DeadLetter").mayOnlyBeAccessedByLayers("Capabilities", "Reconcile", "Ops", "App")
                .check(production);
    }

    @Test
    void shared_helpers_depend_on_no_other_ordersync_package() {
        noClasses().that().resideInAPackage("io.ordersync.support..").should().dependOnClassesThat(
                resideInAPackage("io.ordersync..").and(not(resideInAPackage("io.ordersync.support.."))))
                .check(production);
    }

    @Test
    void the_demo_uses_only_the_shared_helpers() {
        noClasses().that().resideInAPackage("io.ordersync.demo..").should().dependOnClassesThat(
                resideInAPackage("io.ordersync..").and(not(resideInAnyPackage("io.ordersync.demo..",
                        "io.ordersync.support..")))).check(production);
    }

    @Test
    void edi_is_one_package_with_a_small_public_face() {
        classes().that().resideInAPackage("io.ordersync.edi..").should().resideInAPackage("io.ordersync.edi")
                .check(production);
        classes().that().resideInAPackage("io.ordersync.edi").and().areTopLevelClasses().and().arePublic()
                .should().haveNameMatching(EDI_FACADE).check(production);
    }
}
