package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scenario groups whose settings agree, on the default embedded database (H2), sharing one runtime: the order
 * pipeline, order files and Kafka, SOAP, EDI (with the hostile EDI battery), quote validation and status events. Each
 * group is a @Nested class; its settings (static initializers) are applied here, before the runtime boots. A boot
 * costs seconds of both cores, so one runtime for six groups keeps {@code mvn verify} shorter; the groups' tests
 * already share their runtime within a group, and each names its own orders, partners' control numbers and files.
 * Groups whose settings would change another's outcome have classes of their own
 * ({@code EdiDuplicatesAndAcknowledgements*IT}: other partner files; {@code Reconciliation*IT}: jobs switched off).
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineScenariosH2IT extends PipelineTestSupport {

    static {
        RuntimeProperties.withoutAdminConsole();
        RuntimeProperties.settingsOf(OrderPipelineScenarios.class, OrderChannelScenarios.class,
                SoapChannelScenarios.class, EdiChannelScenarios.class, QuoteValidationScenarios.class,
                StatusEventScenarios.class);
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
    class OrderPipeline extends OrderPipelineScenarios {
    }

    @Nested
    class OrderChannels extends OrderChannelScenarios {
    }

    @Nested
    class SoapChannel extends SoapChannelScenarios {
    }

    @Nested
    class EdiChannel extends EdiHostileBattery {
    }

    @Nested
    class QuoteValidation extends QuoteValidationScenarios {
    }

    @Nested
    class StatusEvents extends StatusEventScenarios {
    }
}
