package io.ordersync.app;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.ordersync.support.Wiring;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing, when {@code ordersync.tracing.enabled} (ORDERSYNC_TRACING_ENABLED) is on: an OpenTelemetry SDK set up
 * from the standard OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, ...,
 * or their -Dotel.* forms), and Camel's OpenTelemetry tracer (camel-opentelemetry2) on it: a span for each route an
 * exchange enters and each endpoint it is sent to. Spans leave by OTLP over HTTP; metrics and logs do not (Prometheus
 * reads the metrics at /observe/metrics). The SDK is not made global: nothing else in the JVM reports through it.
 * <p>
 * Propagation is W3C trace context only: a caller's {@code traceparent} continues its trace into the ERP and CRM
 * calls, but W3C baggage (what a caller may put there travels to every system called) is neither read nor sent.
 */
public class TracingConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TracingConfiguration.class);

    /** ordersync's defaults; the OTEL_* environment variables and -Dotel.* system properties take precedence. */
    static final Map<String, String> DEFAULTS = Map.of(
            "otel.service.name", "ordersync",
            "otel.traces.exporter", "otlp",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.propagators", "tracecontext");

    @Override
    public void configure(CamelContext context) {
        if (!Wiring.flag(context, "ordersync.tracing.enabled")) {
            return;
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> DEFAULTS)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        context.getRegistry().bind("openTelemetryTracer", Tracer.class, sdk.getTracer("io.ordersync"));
        context.getRegistry().bind("openTelemetryPropagators", ContextPropagators.class, sdk.getPropagators());
        // Camel's tracer made here rather than by camel.opentelemetry2.enabled: camel-main makes that one before the
        // configuration classes run, when the registry holds no tracer yet, and it falls back to the global no-op one.
        // Made now, it takes the two beans above, and its route policy is in place before the routes are built.
        OpenTelemetryTracer camelTracer = new OpenTelemetryTracer();
        Wiring.optional(context, "ordersync.tracing.exclude-patterns").filter(p -> !p.isBlank())
                .ifPresent(camelTracer::setExcludePatterns);
        camelTracer.init(context);
        // stopped with the context, after the routes (services stop in the reverse order of their adding): the spans
        // of the last exchanges are exported before the JVM ends
        try {
            context.addService(new SdkShutdown(sdk), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("tracing: " + e.getMessage(), e);
        }
        LOG.info("Tracing on: spans exported by OTLP to {}", endpoint());
    }

    private static String endpoint() {
        String configured = System.getProperty("otel.exporter.otlp.traces.endpoint",
                System.getProperty("otel.exporter.otlp.endpoint"));
        if (configured == null) {
            configured = System.getenv().getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                    System.getenv().getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"));
        }
        return configured;
    }

    /** Flushes the spans still batched and closes the exporter when the runtime stops. */
    private static final class SdkShutdown extends ServiceSupport {
        private final OpenTelemetrySdk sdk;

        SdkShutdown(OpenTelemetrySdk sdk) {
            this.sdk = sdk;
        }

        @Override
        protected void doStop() {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
