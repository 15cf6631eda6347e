package io.ordersync.ops;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Readiness: the Kafka cluster answers a metadata request (describeCluster) within 1.5 s, so /observe/health stays quick. */
public class KafkaHealthCheck extends AbstractHealthCheck implements AutoCloseable {

    private final Admin admin;

    public KafkaHealthCheck(String bootstrapServers) {
        super("ordersync", "kafka");
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ordersync-health");
        this.admin = Admin.create(config);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            int nodes = admin.describeCluster().nodes().get(1500, TimeUnit.MILLISECONDS).size();
            builder.detail("kafka.nodes", nodes);
            if (nodes > 0) {
                builder.up();
            } else {
                builder.message("Kafka cluster has no brokers").down();
            }
        } catch (Exception e) {
            builder.message("Kafka unreachable: " + e.getMessage()).down();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
