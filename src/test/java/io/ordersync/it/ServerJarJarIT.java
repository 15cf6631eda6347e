package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production artefact ({@code target/ordersync-server.jar}) holds the runtime and nothing of the demo profile: no
 * simulator, demo or embedded broker class, no demo resource or demo profile file, no Kafka broker or Scala; it keeps
 * the Kafka client. Its start in the prod profile against a real PostgreSQL and broker is {@link RunnerJarPostgresJarIT}.
 */
class ServerJarJarIT {

    @Test
    void the_production_jar_has_no_simulator_demo_or_broker() throws IOException {
        assertThat(RunnerProcess.SERVER_JAR).exists();
        try (JarFile jar = new JarFile(RunnerProcess.SERVER_JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            // the runtime is there, and what production needs of Kafka: the client
            assertThat(names).contains("io/ordersync/app/OrdersyncMain.class",
                    "io/ordersync/app/OrdersyncConfiguration.class", "application.properties",
                    "application-prod.properties", "hawtio/hawtio.war",
                    "org/apache/kafka/clients/producer/KafkaProducer.class",
                    "org/apache/camel/component/kafka/KafkaComponent.class", "org/postgresql/Driver.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.ordersync.app.OrdersyncMain");

            assertThat(names).as("simulators, demo and embedded broker classes")
                    .noneMatch(name -> name.startsWith("io/ordersync/demo/"));
            assertThat(names).as("demo resources and the demo profile")
                    .noneMatch(name -> name.startsWith("demo/"))
                    .doesNotContain("application-demo.properties");
            // (kafka-clients has org/apache/kafka/server/{authorizer,policy,quota,telemetry} and kafka/*.properties)
            assertThat(names).as("the Kafka broker and Scala")
                    .doesNotContain("kafka/server/KafkaRaftServer.class", "kafka/Kafka.class")
                    .noneMatch(name -> name.startsWith("scala/"))
                    .noneMatch(name -> name.startsWith("org/apache/kafka/raft/"))
                    .noneMatch(name -> name.startsWith("org/apache/kafka/metadata/"))
                    .noneMatch(name -> name.startsWith("org/apache/kafka/server/common/"))
                    .noneMatch(name -> name.startsWith("org/apache/kafka/storage/internals/"));
        }
        // and it is the smaller for it (sizes in docs/production.md)
        assertThat(Files.size(RunnerProcess.SERVER_JAR)).isLessThan(Files.size(RunnerProcess.JAR) * 85 / 100);
    }
}
