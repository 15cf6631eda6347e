package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;

/**
 * The scenario groups whose settings agree, on the default embedded database (H2), sharing one runtime: the order
 * pipeline, order files and Kafka, SOAP, EDI (with the hostile EDI battery), quote validation, status events and
 * reconciliation, then the check that the dashboard and alert rules read what the runtime exports, and the traces it
 * exports (this runtime runs traced throughout). Each group is a @Nested class; the settings of every group (their static initializers) are applied
 * before the runtime boots ({@link SharedRuntimeScenarios}). A boot costs seconds of both cores, so one runtime for seven groups keeps
 * {@code mvn verify} shorter. The groups' tests already shared their runtime within a group, so each names its own
 * orders, control numbers and files and looks only at what it made; reconciliation runs last, since its checks look at
 * every order of the runtime. The EDI duplicate and acknowledgement scenarios have classes of their own
 * ({@code EdiDuplicatesAndAcknowledgements*IT}): their partner files differ from the ones the other groups need.
 */
@CamelMainTest
class PipelineScenariosH2IT extends SharedRuntimeScenarios {

    static {
        // this runtime runs traced, exporting to an in-process OTLP receiver: every group's scenarios run with tracing
        // on here and off on PostgreSQL (PipelineScenariosPostgresIT)
        RuntimeProperties.settingsOf(TracingScenarios.class);
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

    /** After all the others: the series the dashboard and alert rules read appear with what the other groups made. */
    @Nested
    @Order(8)
    class Monitoring extends MonitoringScenarios {
    }

    /** One order, one trace; an EDI file and its acknowledgement, one trace; a broken trace context harms nothing. */
    @Nested
    @Order(9)
    class Tracing extends TracingScenarios {
    }
}
