package io.ordersync.it;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose @Nested scenario groups share its one runtime ({@code PipelineScenarios*IT}, docs/testing.md).
 * Its static initializer applies the settings of {@link #GROUPS} before the runtime boots: a nested group's class is
 * otherwise initialized only at its first test, after the boot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
abstract class SharedRuntimeScenarios extends PipelineTestSupport {

    /** The scenario classes whose settings agree, so that one runtime serves them all. */
    static final Class<?>[] GROUPS = {OrderPipelineScenarios.class, OrderChannelScenarios.class,
        SoapChannelScenarios.class, EdiChannelScenarios.class, QuoteValidationScenarios.class,
        StatusEventScenarios.class, ReconciliationScenarios.class};

    static {
        RuntimeProperties.withoutAdminConsole();
        RuntimeProperties.settingsOf(GROUPS);
    }

    /**
     * Runs first (a class's own tests run before its @Nested groups), so the runtime boots for this class and the
     * groups share it: a group that ran first would boot one of its own, for itself only.
     */
    @Test
    void the_runtime_becomes_ready_for_the_scenario_groups() {
        awaitReady();
    }
}
