package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.Test;

class TracingConfigurationTest {

    private static CamelContext context(String enabled) {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("ordersync.tracing.enabled", enabled);
        context.getPropertiesComponent().addInitialProperty("ordersync.tracing.exclude-patterns", "timer:*");
        return context;
    }

    @Test
    void tracingOffBindsNoTracerAndAddsNoCamelTracer() {
        CamelContext context = context("false");

        new TracingConfiguration().configure(context);

        assertThat(context.getRegistry().findByType(Tracer.class)).isEmpty();
        assertThat(context.hasService(OpenTelemetryTracer.class)).isNull();
        assertThat(context.getRoutePolicyFactories()).isEmpty();
    }

    @Test
    void tracingOnGivesCamelsTracerTheSdkAndPropagatesW3cTraceContextOnly() throws Exception {
        CamelContext context = context("true");
        try {
            new TracingConfiguration().configure(context);

            assertThat(context.getRegistry().findByType(Tracer.class)).hasSize(1);
            OpenTelemetryTracer camelTracer = context.hasService(OpenTelemetryTracer.class);
            assertThat(camelTracer).as("Camel's tracer, started with the configuration").isNotNull();
            assertThat(camelTracer.getExcludePatterns()).isEqualTo("timer:*");
            // its route policy is in place before any route is built
            assertThat(context.getRoutePolicyFactories()).contains(camelTracer);
            // W3C trace context only: a caller's baggage is neither read nor passed on
            ContextPropagators propagators = context.getRegistry().findSingleByType(ContextPropagators.class);
            assertThat(propagators.getTextMapPropagator().fields()).containsExactlyInAnyOrder("traceparent",
                    "tracestate");
        } finally {
            // a start and stop through the whole lifecycle: Camel's tracer stops and the SDK is flushed and closed
            context.start();
            context.stop();
        }
    }
}
