package io.ordersync;

import org.apache.camel.cli.connector.DefaultCliConnectorFactory;

/**
 * The Camel CLI connector of every CamelContext a test builds by hand ({@code new DefaultCamelContext()}): off. With
 * camel-cli-connector on the classpath such a context otherwise starts the connector, whose thread loads the dev
 * consoles while the context starts their registry: a start failed now and then with a
 * ConcurrentModificationException inside Camel's DefaultDevConsoleRegistry, and every such context wrote its status
 * file, with every setting, into ~/.camel. Named in src/test/resources/META-INF/services/org/apache/camel/
 * cli-connector-factory, which comes before camel-cli-connector's on the test classpath. The runtime puts its own
 * factory in place ({@code CliConnectorSetting}, off unless {@code ordersync.cli.enabled}), so tests that boot it are
 * not affected.
 */
public class CliConnectorOffInTests extends DefaultCliConnectorFactory {

    @Override
    public boolean isEnabled() {
        return false;
    }
}
