package io.ordersync.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.camel.CamelContext;
import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.spi.CliConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel CLI's connector (camel ps, camel get routes, camel trace), as {@code ordersync.cli.enabled} says. The
 * connector attaches through files in ~/.camel of the runtime's user: a status file, rewritten every few seconds, with
 * the routes, their statistics and every setting (secrets included), and action files the CLI writes to stop routes
 * or read messages. camel-cli-connector on the classpath adds a factory that is always on when the context is built;
 * {@link PlatformConfiguration} puts this one in its place before the context starts the connector, and the setting
 * is read when the context asks. When on, ~/.camel is closed to other users first: the connector writes its files
 * readable by all (docs/operations.md "Camel CLI").
 */
final class CliConnectorSetting extends DefaultCliConnectorFactory {

    static final String SETTING = "ordersync.cli.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(CliConnectorSetting.class);

    private final CamelContext context;

    CliConnectorSetting(CamelContext context) {
        this.context = context;
        setRuntime("Camel Main");
        setRuntimeStartClass(OrdersyncMain.class.getName());
    }

    @Override
    public boolean isEnabled() {
        return enabled(context);
    }

    @Override
    public CliConnector createConnector() {
        closeCamelFolder();
        return super.createConnector();
    }

    static boolean enabled(CamelContext context) {
        return Boolean.parseBoolean(context.getPropertiesComponent().resolveProperty(SETTING).orElse("false").strip());
    }

    /** ~/.camel of this user, closed to others (rwx------); a start that cannot close it fails, naming it. */
    static void closeCamelFolder() {
        Path camelFolder = Path.of(System.getProperty("user.home"), ".camel");
        try {
            Files.createDirectories(camelFolder);
            Files.setPosixFilePermissions(camelFolder, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException(SETTING + ": " + camelFolder + " cannot be closed to other users (" + e
                    + "); the Camel CLI's files hold every setting", e);
        }
        LOG.info("Camel CLI connector on: status and action files in {} ({})", camelFolder, SETTING);
    }
}
