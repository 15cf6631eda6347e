package io.ordersync.app;

import io.ordersync.support.Wiring;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CliConnectorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First of the wiring: the profile and, outside the demo profile, the settings check (docs/production.md), before any
 * port, connection or route; then the clock every other configuration takes, and the HTTP server's Vert.x options.
 */
public class PlatformConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        // before anything starts: a profile this artefact does not have, and outside the demo profile a missing or
        // demo secret, stop the start with the setting named (docs/production.md)
        String profile = activeProfile(context);
        if (!"demo".equals(profile)) {
            ProductionSettings.check(profile, context.getPropertiesComponent()::resolveProperty);
        }
        // the system clock, unless a test bound one it can move (as "clock", before this configuration runs)
        if (context.getRegistry().lookupByNameAndType("clock", Clock.class) == null) {
            context.getRegistry().bind("clock", Clock.systemUTC());
        }
        context.getRegistry().bind("vertxOptions", vertxOptions(context));
        // the Camel CLI's connector as ordersync.cli.enabled says, in place of the one camel-cli-connector adds
        // (always on) when the context is built; the context starts its connector after this configuration
        context.getCamelContextExtension().addContextPlugin(CliConnectorFactory.class, new CliConnectorSetting(context));
    }

    /**
     * The camel-main profile this runtime runs with ({@code camel.main.profile}, prod unless set): one whose
     * {@code application-<profile>.properties} is not in this artefact is refused, rather than run on the base settings
     * alone (camel-main itself skips a missing profile file), e.g. the demo profile in ordersync-server.jar.
     */
    static String activeProfile(CamelContext context) {
        String profile = java.util.Optional.ofNullable(context.getCamelContextExtension().getProfile())
                .or(() -> context.getPropertiesComponent().resolveProperty("camel.main.profile"))
                .map(String::strip).filter(p -> !p.isEmpty()).orElse("prod");
        String file = "application-" + profile + ".properties";
        if (PlatformConfiguration.class.getClassLoader().getResource(file) == null) {
            throw new IllegalArgumentException("camel.main.profile (CAMEL_MAIN_PROFILE) is " + profile + ", but this"
                    + " artefact has no " + file + (("demo".equals(profile)) ? ": the demo profile (simulators, embedded"
                    + " broker, demo) is in ordersync-runner.jar only" : ""));
        }
        LOG.info("Profile {} ({})", profile, file);
        return profile;
    }

    /**
     * The HTTP server's Vert.x. Camel runs each request's route on a Vert.x worker thread (never on an event loop), for
     * as long as the route takes: an EDI upload of a large file legitimately takes minutes. Vert.x reports a worker
     * busy for longer than its limit (60 s by default) as blocked, with a stack trace, at every check (each second):
     * a 1,000,000-segment upload logged some 300 such traces. The limit here is what a request may take before that
     * is worth a warning, checked every 10 s, with the stack trace only past a minute.
     */
    private static io.vertx.core.VertxOptions vertxOptions(CamelContext context) {
        return new io.vertx.core.VertxOptions()
                .setMaxWorkerExecuteTime(Wiring.longValue(context, "ordersync.server.blocked-warning-after-ms"))
                .setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(10_000)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(60_000)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }
}
