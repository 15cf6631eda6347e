package io.ordersync.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runtime (wiring: {@link OrdersyncConfiguration}, named in application.properties). {@code java -jar
 * ordersync-server.jar} (or ordersync-runner.jar) runs with {@code application.properties} in the profile
 * {@code camel.main.profile}, prod unless set (docs/production.md); the argument {@code demo} runs the demo profile of
 * ordersync-runner.jar and also sends the sample orders of {@code src/main/resources/demo/} through the API;
 * {@code edi inspect <file>} inspects an EDI file without starting anything (see {@link io.ordersync.edi.EdiCommand}).
 * <p>
 * Exit codes: {@code 0} stopped on request (SIGTERM, Ctrl-C) after a clean stop; {@code 1} the runtime could not
 * start (configuration, routes, database, ...). A failed start is logged in one ERROR line and ends the process
 * even though services it had already started (the embedded broker's threads) would keep the JVM alive, so that a
 * supervisor sees the failure and restarts or alerts.
 */
public final class OrdersyncMain {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersyncMain.class);

    private static final String PROFILE = "camel.main.profile";

    /** Exit code of a start that failed. */
    public static final int EXIT_START_FAILED = 1;

    /** How long a failed start may spend closing what it had started before the process ends anyway. */
    private static final long CLOSE_AFTER_FAILURE_SECONDS = 10;

    /** How long a requested stop may take before the process ends with the signal's code (Camel's own limit is shorter). */
    private static final long STOP_LIMIT_SECONDS = 60;

    private OrdersyncMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "edi".equals(args[0])) {
            System.exit(io.ordersync.edi.EdiCommand.run(args, System.out, System.err));
        }
        FailFastMain main = new FailFastMain();
        boolean demo = args.length > 0 && "demo".equals(args[0]);
        if (demo) {
            String chosen = explicitProfile();
            if (chosen != null && !"demo".equals(chosen)) {
                LOG.error("ordersync could not start, exiting with code {}: the demo runs in the demo profile only, but"
                        + " camel.main.profile (CAMEL_MAIN_PROFILE) is {}", EXIT_START_FAILED, chosen);
                System.exit(EXIT_START_FAILED);
            }
            // a system property: camel-main reads it both to choose the profile's file and as camel.main.profile
            System.setProperty(PROFILE, "demo");
            main.addOverrideProperty("ordersync.demo.enabled", "true");
        }
        // On SIGTERM the JVM runs its shutdown hooks and would then end with 143. Camel's hook stops the runtime;
        // this one holds the JVM (at most STOP_LIMIT_SECONDS) until main() below has seen the stop complete and
        // halts the process with main()'s exit code.
        CountDownLatch neverReleased = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                neverReleased.await(STOP_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ordersync-exit"));
        int exitCode;
        try {
            exitCode = main.run(demo ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
        } catch (Exception | LinkageError e) {
            main.startFailed(e);
            return;
        }
        LOG.info("ordersync stopped (exit code {})", exitCode);
        // halt: System.exit would wait forever for the shutdown hooks when the stop came from a signal; everything
        // the runtime started has been stopped with the Camel context at this point. The hook above is never
        // released: released first, the JVM could finish its hooks and end with 143 before this line ran.
        Runtime.getRuntime().halt(exitCode);
    }

    /** The profile given on the command line (-D) or in the environment, as camel-main reads them; else null. */
    private static String explicitProfile() {
        String chosen = System.getProperty(PROFILE, System.getenv("CAMEL_MAIN_PROFILE"));
        return chosen == null || chosen.isBlank() ? null : chosen.strip();
    }

    /** The cause and the causes beneath it, one line: what an operator needs to fix a failed start. */
    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            String line = message.strip().replaceAll("\\s*\\R\\s*", " | ");
            if (parts.stream().noneMatch(p -> p.contains(line))) {
                parts.add(line);
            }
        }
        return String.join(" <- caused by: ", parts);
    }

    /**
     * camel-main's Main, except that a failure while the runtime is set up (configuration classes, routes) or started
     * ends the process with {@link #EXIT_START_FAILED} instead of leaving a JVM that serves nothing.
     */
    private static final class FailFastMain extends Main {

        @Override
        protected void doInit() throws Exception {
            try {
                super.doInit();
            } catch (Exception | LinkageError e) {
                startFailed(e);
            }
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception | LinkageError e) {
                startFailed(e);
            }
        }

        /** One ERROR line, a bounded attempt to close what was started, then the end of the process. */
        void startFailed(Throwable failure) {
            // OrdersyncMain's logger, not the one Main inherits from MainSupport
            OrdersyncMain.LOG.error("ordersync could not start, exiting with code {}: {}", EXIT_START_FAILED,
                    describe(failure));
            OrdersyncMain.LOG.debug("Start failure in full", failure);
            CamelContext context = getCamelContext();
            if (context != null) {
                Thread closer = new Thread(() -> {
                    try {
                        context.stop();
                    } catch (RuntimeException e) {
                        OrdersyncMain.LOG.debug("Closing after the failed start failed too", e);
                    }
                }, "ordersync-close-after-failure");
                closer.setDaemon(true);
                closer.start();
                try {
                    closer.join(TimeUnit.SECONDS.toMillis(CLOSE_AFTER_FAILURE_SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Runtime.getRuntime().halt(EXIT_START_FAILED);
        }
    }
}
