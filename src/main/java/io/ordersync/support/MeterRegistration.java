package io.ordersync.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * Registers meters for /observe/metrics in the Prometheus registry camel-micrometer-prometheus binds as
 * {@code metricsRegistry}, once Camel has fully started: the registry is bound by then. Without the registry
 * (camel.metrics.enabled=false) nothing is registered.
 */
public abstract class MeterRegistration implements StartupListener {

    @Override
    public final void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the metrics registry is bound once the context is fully started
    }

    @Override
    public final void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (registry == null) {
            withoutRegistry();
        } else {
            register(registry);
        }
    }

    /** Registers the meters; called once, when Camel has fully started with metrics on. */
    protected abstract void register(MeterRegistry registry);

    /** Called instead of {@link #register} when metrics are off; does nothing unless overridden. */
    protected void withoutRegistry() {
    }
}
