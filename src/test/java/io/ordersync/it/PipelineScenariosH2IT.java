package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * The scenario groups whose settings agree, on the default embedded database (H2), sharing one runtime: the order
 * pipeline, order files and Kafka, SOAP, EDI (with the hostile EDI battery), quote validation, status events and
 * reconciliation. Each group is a @Nested class; the settings of every group (their static initializers) are applied
 * here, before the runtime boots. A boot costs seconds of both cores, so one runtime for seven groups keeps
 * {@code mvn verify} shorter. The groups' tests already shared their runtime within a group, so each names its own
 * orders, control numbers and files and looks only at what it made; reconciliation runs last, since its checks look at
 * every order of the runtime. The EDI duplicate and acknowledgement scenarios have classes of their own
 * ({@code EdiDuplicatesAndAcknowledgements*IT}): their partner files differ from the ones the other groups need.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PipelineScenariosH2IT extends PipelineTestSupport {

    static {
        RuntimeProperties.withoutAdminConsole();
        RuntimeProperties.settingsOf(OrderPipelineScenarios.class, OrderChannelScenarios.class,
                SoapChannelScenarios.class, EdiChannelScenarios.class, QuoteValidationScenarios.class,
                StatusEventScenarios.class, ReconciliationScenarios.class);
    }

    /**
     * Runs first (a class's own tests run before its @Nested groups), so the runtime boots for this class and the
     * groups share it: a group that ran first would boot one of its own, for itself only.
     */
    @Test
    void the_runtime_becomes_ready_for_the_scenario_groups() {
        awaitReady();
    }

    @Nested
    @Order(1)
    class OrderPipeline extends OrderPipelineScenarios {
    }

    @Nested
    @Order(2)
    class OrderChannels extends OrderChannelScenarios {
    }

    @Nested
    @Order(3)
    class SoapChannel extends SoapChannelScenarios {
    }

    @Nested
    @Order(4)
    class EdiChannel extends EdiHostileBattery {
    }

    @Nested
    @Order(5)
    class QuoteValidation extends QuoteValidationScenarios {
    }

    @Nested
    @Order(6)
    class StatusEvents extends StatusEventScenarios {
    }

    /** Last: its checks look at every order of the runtime, and a repair it makes must not change another group's. */
    @Nested
    @Order(7)
    class Reconciliation extends ReconciliationScenarios {
    }
}
