package io.ordersync.intake;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.support.FileArchive;
import io.ordersync.order.OrderIntake;
import io.ordersync.support.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/** Order files (CSV, JSON, XML) from the inbox and eCommerce orders from Kafka, into the same order intake. */
public class IntakeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        DeadLetters deadLetters = Wiring.bean(context, "deadLetters", DeadLetters.class);
        context.getRegistry().bind("fileOrderIntake", new FileOrderIntake(
                Wiring.bean(context, "orderIntake", OrderIntake.class), deadLetters,
                Path.of(Wiring.required(context, "ordersync.mappings.dir")),
                Wiring.longValue(context, "ordersync.files.max-bytes")));
        context.getRegistry().bind("fileReadLocks", fileReadLocks(context));
        // the inboxes' archive names (done/error): unique, so nothing archived is overwritten
        context.getRegistry().bind("orderFileArchive", new FileArchive(Wiring.bean(context, "clock", Clock.class),
                List.of("done", "error"), "yyyyMMdd/HHmmssSSS-"));
        context.getRegistry().bind("kafkaRecordRefusals", new KafkaRecordRefusals(deadLetters));
    }

    /**
     * The order inbox's read lock: one row per file being read, shared by all replicas. A replica keeps its rows
     * fresh while it works; a row older than the maximum age belongs to a replica that died and is taken over.
     */
    private static JdbcOrphanLockAwareIdempotentRepository fileReadLocks(CamelContext context) throws Exception {
        JdbcOrphanLockAwareIdempotentRepository locks = new JdbcOrphanLockAwareIdempotentRepository(
                Wiring.bean(context, "dataSource", DataSource.class), "order-file-read-lock", context);
        locks.setCreateTableIfNotExists(false);
        locks.setLockMaxAgeMillis(Wiring.longValue(context, "ordersync.files.lock-max-age-ms"));
        locks.setLockKeepAliveIntervalMillis(Wiring.longValue(context, "ordersync.files.lock-keep-alive-ms"));
        // started and stopped with Camel (its keep-alive runs on a Camel thread pool)
        context.addService(locks, true, true);
        return locks;
    }
}
