package io.ordersync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderStore;
import io.ordersync.search.SearchRequest;
import io.ordersync.search.SupportSearch;
import io.ordersync.support.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Support search ({@code GET /api/v1/search}) with 100,000 orders in the database, on H2 (a file database, the
 * runtime's default) and on a real PostgreSQL (embedded binaries), each migrated by Flyway. Every variant calls
 * {@link SupportSearch#search(SearchRequest)}, the same Java the API route calls: the counts of all four kinds and one
 * page of hits. The baseline, in the same run, is the order store's read of one order by primary key
 * ({@link OrderStore#findById}), so the results read as "a search costs N primary-key reads".
 *
 * <p>The data, loaded once per database with JDBC batch inserts into the real tables: 100,000 orders over 5 legal
 * entities, 4 source systems, the order statuses and 2 years of received_at, each with its own customer PO (three
 * formats, one in lower case), CRM/source id, ERP order number (none while RECEIVED, REJECTED or FAILED) and correlation id; 20,000 EDI
 * interchanges received with a group and 1-3 transaction set controls each; 5,000 dead letters of orders; 30,000 EDI
 * documents sent for EDI orders. One partner of 20 has a quarter of the EDI traffic (the "many hits" search). Each
 * single-value variant looks up a different one of 1,000 sample orders / interchanges per call, round robin.
 *
 * <p>Run, one database at a time (from the project root, see docs/performance.md; never part of {@code mvn verify}):
 * {@code mvn -q -o -Pbench -DskipTests test-compile exec:exec
 * -Djmh.args="-f 1 -wi 3 -i 5 -w 1s -r 1s -p database=postgres io.ordersync.bench.SearchBenchmark"}, and for H2
 * {@code -p database=h2}. The data is loaded once per database into {@code target/search-bench} (about a
 * minute) and reused by the following trials and runs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SearchBenchmark {

    static final int ORDERS = 100_000;
    static final int INTERCHANGES = 20_000;
    static final int DEAD_LETTERS = 5_000;
    static final int SENT_DOCUMENTS = 30_000;
    static final int SAMPLES = 1_000;
    /** Changed with the loader: data of another version is loaded anew. */
    static final int DATA_VERSION = 2;
    static final String BIG_PARTNER = "acme-hardware";

    static final String[] LEGAL_ENTITIES = {"US01", "DE01", "NL01", "GB01", "FR01"};
    /** source system, its channel */
    static final String[][] SOURCES = {{"CRM", "REST"}, {"EDI", "EDI"}, {"SHOP", "REST"}, {"FILE", "FILE"}};
    static final String[] PARTNERS = new String[20];
    static final Instant NEWEST = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant OLDEST = NEWEST.minus(Duration.ofDays(730));

    static {
        PARTNERS[0] = BIG_PARTNER;
        for (int i = 1; i < PARTNERS.length; i++) {
            PARTNERS[i] = String.format(Locale.ROOT, "retail-partner-%02d", i);
        }
    }

    @State(Scope.Benchmark)
    public static class Data {

        @Param({"h2", "postgres"})
        public String database;

        EmbeddedPostgres postgres;
        HikariDataSource dataSource;
        SupportSearch search;
        OrderStore orders;

        final List<String> orderIds = new ArrayList<>();
        final List<String> purchaseOrders = new ArrayList<>();
        final List<String> crmIds = new ArrayList<>();
        final List<String> erpNumbers = new ArrayList<>();
        final List<String> correlationIds = new ArrayList<>();
        final List<String> interchangeControls = new ArrayList<>();
        int next;

        @Setup(Level.Trial)
        public void load() throws Exception {
            // loaded once per database into target/search-bench and reused by the next trials (each benchmark
            // method is a trial in a fork of its own): the marker file is written only after a complete load
            Path directory = Path.of("target", "search-bench", database).toAbsolutePath();
            Path marker = directory.resolveSibling(database + "-" + DATA_VERSION + ".loaded");
            boolean loaded = Files.exists(marker);
            if (!loaded) {
                Files.deleteIfExists(marker);
                delete(directory);
                Files.createDirectories(directory);
            }
            String url;
            String user;
            if (database.equals("postgres")) {
                int port;
                try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
                        .setPort(port).start();
                // batched inserts sent as multi-row INSERTs: the load takes seconds (reads are not affected)
                url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
                user = "postgres";
            } else if (database.equals("h2")) {
                // no query cache: H2 would answer a repeated search (the partner variants ask the same each time)
                // from its cache of results, which is not the work of a search
                url = "jdbc:h2:file:" + directory.resolve("ordersync") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=0";
                user = "sa";
            } else {
                throw new IllegalArgumentException("database must be h2 or postgres, not " + database);
            }
            dataSource = Database.pool(url, user, "", 4);
            Database.migrate(dataSource, url);
            if (!loaded) {
                long started = System.nanoTime();
                new Loader(this).load();
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    // statistics as a database in use has them (PostgreSQL's autovacuum, H2's automatic ANALYZE)
                    statement.execute("ANALYZE");
                }
                System.out.printf(Locale.ROOT, "%n%s: loaded %,d orders, %,d interchanges, %,d dead letters, %,d"
                        + " documents sent in %d s%n", database, ORDERS, INTERCHANGES, DEAD_LETTERS, SENT_DOCUMENTS,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                Files.createFile(marker);
            }
            samples();
            search = new SupportSearch(dataSource);
            orders = new OrderStore(dataSource);
            check();
        }

        /** 1,000 of each kind of value, spread over the tables (order ids are random), the same on both databases. */
        private void samples() {
            org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
            String first = " FETCH FIRST " + SAMPLES + " ROWS ONLY";
            jdbc.query("SELECT order_id, customer_po, correlation_id FROM orders ORDER BY order_id" + first, rs -> {
                orderIds.add(rs.getString(1));
                String po = rs.getString(2);
                // typed as people type it: the stored case of letters changed
                purchaseOrders.add(po.equals(po.toUpperCase(Locale.ROOT))
                        ? po.toLowerCase(Locale.ROOT) : po.toUpperCase(Locale.ROOT));
                correlationIds.add(rs.getString(3));
            });
            jdbc.query("SELECT external_id FROM orders WHERE source_system = 'CRM' ORDER BY order_id" + first,
                    rs -> {
                        crmIds.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    });
            jdbc.query("SELECT erp_order_number FROM orders WHERE erp_order_number IS NOT NULL ORDER BY order_id"
                    + first, rs -> {
                        erpNumbers.add(rs.getString(1));
                    });
            jdbc.query("SELECT control_number FROM edi_interchanges WHERE MOD(interchange_id, 20) = 0"
                    + " ORDER BY interchange_id" + first, rs -> {
                        interchangeControls.add(rs.getString(1));
                    });
            for (List<String> values : List.of(orderIds, purchaseOrders, correlationIds, crmIds, erpNumbers,
                    interchangeControls)) {
                if (values.size() != SAMPLES) {
                    throw new IllegalStateException("too few samples: " + values.size());
                }
            }
        }

        /** Each variant finds what it looks for: a benchmark of searches that find nothing would prove nothing. */
        private void check() {
            for (int i = 0; i < 3; i++) {
                expect(poSearch(this), "order", 1);
                expect(orderIdSearch(this), "order", 1);
                expect(crmIdSearch(this), "order", 1);
                expect(erpNumberSearch(this), "order", 1);
                expect(correlationIdSearch(this), "order", 1);
                expect(interchangeControlSearch(this), "interchange", 1);
                if (orders.findById(orderIds.get(i)).isEmpty()) {
                    throw new IllegalStateException("order " + orderIds.get(i) + " not found");
                }
            }
        }

        private static void expect(SupportSearch.Answer answer, String kind, long count) {
            if (answer.counts().get(kind) != count) {
                throw new IllegalStateException("search for " + answer.q() + " found " + answer.counts());
            }
        }

        int nextSample() {
            next = next + 1 == SAMPLES ? 0 : next + 1;
            return next;
        }

        @TearDown(Level.Trial)
        public void stop() {
            dataSource.close();
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        private static void delete(Path directory) throws IOException {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /**
     * The check of the partner searches, apart: only their trials run them, and each times its first (cold) search.
     */
    @State(Scope.Benchmark)
    public static class ManyHits {

        @Setup(Level.Trial)
        public void check(Data data) {
            long started = System.nanoTime();
            SupportSearch.Answer partner = partnerSearch(data);
            System.out.printf("first partner search (cold): %.1f ms%n", (System.nanoTime() - started) / 1e6);
            SupportSearch.Answer filtered = filteredSearch(data);
            if (partner.hits().size() != SearchRequest.DEFAULT_LIMIT || filtered.hits().isEmpty()) {
                throw new IllegalStateException("partner search found " + partner.counts() + ", filtered "
                        + filtered.counts());
            }
            System.out.printf("partner search %s: %s; filtered: %s%n", BIG_PARTNER, partner.counts(),
                    filtered.counts());
        }
    }

    /** Baseline: one order by primary key, as GET /api/v1/orders/{id} reads it (the canonical order parsed). */
    @Benchmark
    public OrderStore.StoredOrder primaryKeyRead(Data data) {
        return data.orders.findById(data.orderIds.get(data.nextSample())).orElseThrow();
    }

    /** The customer's PO number, typed in another case than stored. */
    @Benchmark
    public SupportSearch.Answer byPurchaseOrder(Data data) {
        return poSearch(data);
    }

    @Benchmark
    public SupportSearch.Answer byOrderId(Data data) {
        return orderIdSearch(data);
    }

    @Benchmark
    public SupportSearch.Answer byCrmId(Data data) {
        return crmIdSearch(data);
    }

    @Benchmark
    public SupportSearch.Answer byErpOrderNumber(Data data) {
        return erpNumberSearch(data);
    }

    @Benchmark
    public SupportSearch.Answer byCorrelationId(Data data) {
        return correlationIdSearch(data);
    }

    @Benchmark
    public SupportSearch.Answer byInterchangeControl(Data data) {
        return interchangeControlSearch(data);
    }

    /** The partner with a quarter of the EDI traffic: all its interchanges and documents counted, one page of 50. */
    @Benchmark
    public SupportSearch.Answer byPartnerManyHits(Data data, ManyHits checked) {
        return partnerSearch(data);
    }

    /** The same partner, narrowed to one legal entity, one status and 90 days. */
    @Benchmark
    public SupportSearch.Answer byPartnerFiltered(Data data, ManyHits checked) {
        return filteredSearch(data);
    }

    static SupportSearch.Answer poSearch(Data data) {
        return search(data, data.purchaseOrders.get(data.nextSample()));
    }

    static SupportSearch.Answer orderIdSearch(Data data) {
        return search(data, data.orderIds.get(data.nextSample()));
    }

    static SupportSearch.Answer crmIdSearch(Data data) {
        return search(data, data.crmIds.get(data.nextSample()));
    }

    static SupportSearch.Answer erpNumberSearch(Data data) {
        return search(data, data.erpNumbers.get(data.nextSample()));
    }

    static SupportSearch.Answer correlationIdSearch(Data data) {
        return search(data, data.correlationIds.get(data.nextSample()));
    }

    static SupportSearch.Answer interchangeControlSearch(Data data) {
        return search(data, data.interchangeControls.get(data.nextSample()));
    }

    static SupportSearch.Answer partnerSearch(Data data) {
        return search(data, BIG_PARTNER);
    }

    static SupportSearch.Answer filteredSearch(Data data) {
        return data.search.search(SearchRequest.parse(BIG_PARTNER, null, "us01", "accepted", null,
                "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z", null, null));
    }

    /** As the route does: the query parameters parsed, then the search. */
    static SupportSearch.Answer search(Data data, String q) {
        return data.search.search(SearchRequest.parse(q, null, null, null, null, null, null, null, null));
    }

    /** Fills the tables with JDBC batches, deterministic (fixed seed): the same data on both databases. */
    static final class Loader {
        private static final int BATCH = 5_000;
        private static final String[] STATUSES = {"RECEIVED", "ACCEPTED", "ACCEPTED", "ALLOCATED", "BACKORDERED",
            "PARTIALLY_SHIPPED", "SHIPPED", "SHIPPED", "DELIVERED", "INVOICED", "INVOICED", "PAID", "PAID", "PAID",
            "PARTIALLY_PAID", "REJECTED", "FAILED", "CREDITED"};
        private static final String[] ACK_STATUSES = {"ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED",
            "ACCEPTED", "ACCEPTED", "AWAITING", "ACCEPTED_WITH_ERRORS", "REJECTED", "NOT_EXPECTED"};
        private static final String[] INTERCHANGE_STATUSES = {"ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED",
            "ACCEPTED", "ACCEPTED", "PARTIALLY_ACCEPTED", "REJECTED", "DUPLICATE"};

        private final Data data;
        private final Random random = new Random(20261207L);
        /** per order: received at, partner (EDI orders), correlation id */
        private final Instant[] receivedAt = new Instant[ORDERS];
        private final String[] partner = new String[ORDERS];
        private final String[] orderId = new String[ORDERS];
        private final String[] correlation = new String[ORDERS];
        private final List<Integer> ediOrders = new ArrayList<>();

        Loader(Data data) {
            this.data = data;
        }

        void load() throws SQLException {
            try (Connection connection = data.dataSource.getConnection()) {
                connection.setAutoCommit(false);
                orders(connection);
                interchanges(connection);
                deadLetters(connection);
                sentDocuments(connection);
            }
        }

        private String partner() {
            // a quarter of the EDI traffic is the big partner's
            return random.nextInt(4) == 0 ? BIG_PARTNER : PARTNERS[1 + random.nextInt(PARTNERS.length - 1)];
        }

        private Instant anyTime() {
            return OLDEST.plusSeconds((long) (random.nextDouble() * Duration.between(OLDEST, NEWEST).toSeconds()))
                    .plusNanos(random.nextInt(1_000) * 1_000L);
        }

        private void orders(Connection connection) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (order_id,"
                    + " idempotency_key, source_channel, source_system, source_partner, external_id, legal_entity,"
                    + " status, erp_order_number, correlation_id, canonical_json, received_at, updated_at,"
                    + " published_at, customer_po) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < ORDERS; i++) {
                    String[] source = SOURCES[random.nextInt(SOURCES.length)];
                    String system = source[0];
                    String entity = LEGAL_ENTITIES[random.nextInt(LEGAL_ENTITIES.length)];
                    String status = STATUSES[random.nextInt(STATUSES.length)];
                    Instant at = anyTime();
                    String id = "ord-" + UUID.nameUUIDFromBytes(("order " + i).getBytes());
                    String correlationId = UUID.nameUUIDFromBytes(("correlation " + i).getBytes()).toString();
                    // unique per order: i scrambled (7919 and 10^7 have no common divisor)
                    long number = (i * 7919L + 1234567L) % 10_000_000L;
                    String po = switch (system) {
                        case "EDI" -> String.format(Locale.ROOT, "45%08d", number);
                        case "SHOP" -> String.format(Locale.ROOT, "web-%07d", number);
                        default -> String.format(Locale.ROOT, "PO-%07d", number);
                    };
                    String externalId = switch (system) {
                        case "CRM" -> String.format(Locale.ROOT, "801Ab%010d", number);
                        case "EDI" -> po;
                        default -> String.format(Locale.ROOT, "%s-%08d", system.toLowerCase(Locale.ROOT), number);
                    };
                    String partnerId = system.equals("EDI") ? partner() : null;
                    String erpNumber = status.equals("RECEIVED") || status.equals("REJECTED") || status.equals("FAILED")
                            ? null : String.format(Locale.ROOT, "SO%08d", (i * 6007L + 99991L) % 100_000_000L);
                    CanonicalOrder canonical = canonical(id, correlationId, at, system, source[1], partnerId,
                            externalId, entity, po, i);
                    insert.setString(1, id);
                    insert.setString(2, "bench|" + system + ":" + (partnerId == null ? "" : partnerId + ":")
                            + externalId);
                    insert.setString(3, source[1]);
                    insert.setString(4, system);
                    insert.setString(5, partnerId);
                    insert.setString(6, externalId);
                    insert.setString(7, entity);
                    insert.setString(8, status);
                    insert.setString(9, erpNumber);
                    insert.setString(10, correlationId);
                    insert.setString(11, Json.write(canonical));
                    insert.setTimestamp(12, Timestamp.from(at));
                    insert.setTimestamp(13, Timestamp.from(at.plus(Duration.ofHours(random.nextInt(240)))));
                    insert.setTimestamp(14, Timestamp.from(at.plusMillis(40)));
                    insert.setString(15, po);
                    insert.addBatch();
                    receivedAt[i] = at;
                    partner[i] = partnerId;
                    orderId[i] = id;
                    correlation[i] = correlationId;
                    if (partnerId != null) {
                        ediOrders.add(i);
                    }
                    flush(connection, insert, i);
                }
                insert.executeBatch();
                connection.commit();
            }
        }

        private CanonicalOrder canonical(String id, String correlationId, Instant at, String system, String channel,
                                         String partnerId, String externalId, String entity, String po, int i) {
            List<CanonicalOrder.Line> lines = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int line = 1; line <= count; line++) {
                lines.add(new CanonicalOrder.Line(line, "SKU-" + (100 + random.nextInt(900)), null, null,
                        "Article " + line, BigDecimal.valueOf(1 + random.nextInt(50)), "EA",
                        BigDecimal.valueOf(100 + random.nextInt(10_000), 2), null));
            }
            String currency = entity.equals("US01") ? "USD" : entity.equals("GB01") ? "GBP" : "EUR";
            CanonicalOrder order = new CanonicalOrder(CanonicalOrder.SCHEMA_VERSION, null, null, null,
                    new CanonicalOrder.Source(channel, system, partnerId, externalId, "bench"), null,
                    new CanonicalOrder.Customer("001A" + (i % 5_000), "C" + (10_000 + i % 5_000), "Customer " + (i % 5_000)),
                    po, null, null, new CanonicalOrder.Party("Customer " + (i % 5_000), "Main Street 1", "Springfield",
                    null, "12345", entity.substring(0, 2)), currency, at.atZone(ZoneOffset.UTC).toLocalDate(), null,
                    lines, null, null, null);
            return order.completed(id, correlationId, at, entity);
        }

        private void interchanges(Connection connection) throws SQLException {
            try (PreparedStatement interchange = connection.prepareStatement("INSERT INTO edi_interchanges"
                    + " (interchange_id, partner, standard, sender, receiver, control_number, reuse_number, status,"
                    + " file_name, transactions, orders, received_at) VALUES (?,?,?,?,?,?,0,?,?,?,?,?)");
                    PreparedStatement control = connection.prepareStatement("INSERT INTO edi_received_controls"
                            + " (interchange_id, partner, control_level, sender, receiver, set_type, control_number,"
                            + " reuse_number, received_at) VALUES (?,?,?,?,?,?,?,0,?)")) {
                for (int i = 0; i < INTERCHANGES; i++) {
                    long id = i + 1;
                    String partnerId = partner();
                    boolean x12 = random.nextInt(3) > 0;
                    String sender = partnerId.toUpperCase(Locale.ROOT).replace("-", "");
                    String controlNumber = String.format(Locale.ROOT, "%09d", 100_000_000L + i * 13L);
                    Instant at = anyTime();
                    int transactions = 1 + random.nextInt(3);
                    interchange.setLong(1, id);
                    interchange.setString(2, partnerId);
                    interchange.setString(3, x12 ? "X12" : "EDIFACT");
                    interchange.setString(4, sender);
                    interchange.setString(5, "ORDERSYNC");
                    interchange.setString(6, controlNumber);
                    interchange.setString(7, INTERCHANGE_STATUSES[random.nextInt(INTERCHANGE_STATUSES.length)]);
                    interchange.setString(8, partnerId + "-" + controlNumber + (x12 ? ".x12" : ".edi"));
                    interchange.setInt(9, transactions);
                    interchange.setInt(10, transactions);
                    interchange.setTimestamp(11, Timestamp.from(at));
                    interchange.addBatch();
                    addControl(control, id, partnerId, "GROUP", sender, "", String.valueOf(50_000 + i), at);
                    for (int t = 1; t <= transactions; t++) {
                        addControl(control, id, partnerId, "TRANSACTION", sender, x12 ? "850" : "ORDERS",
                                String.valueOf((60_000L + i) * 10 + t), at);
                    }
                    if (i % BATCH == BATCH - 1 || i == INTERCHANGES - 1) {
                        interchange.executeBatch();
                        control.executeBatch();
                        connection.commit();
                    }
                }
            }
        }

        private static void addControl(PreparedStatement control, long interchangeId, String partnerId, String level,
                                       String sender, String setType, String number, Instant at) throws SQLException {
            control.setLong(1, interchangeId);
            control.setString(2, partnerId);
            control.setString(3, level);
            control.setString(4, sender);
            control.setString(5, "ORDERSYNC");
            control.setString(6, setType);
            control.setString(7, number);
            control.setTimestamp(8, Timestamp.from(at));
            control.addBatch();
        }

        private void deadLetters(Connection connection) throws SQLException {
            String[] routes = {"erp-submit-US01", "erp-submit-DE01", "kafka-publish-orders", "edi-855-send",
                "crm-status-writeback"};
            String[] exceptions = {"java.net.SocketTimeoutException", "org.apache.camel.http.base.HttpOperationFailedException",
                "io.ordersync.erp.ErpRejectedException", "org.apache.kafka.common.errors.TimeoutException"};
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letters (status, route_id,"
                    + " order_id, correlation_id, payload, exception_type, exception_message, attempts,"
                    + " first_failure_at, last_failure_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < DEAD_LETTERS; i++) {
                    int order = random.nextInt(ORDERS);
                    Instant first = receivedAt[order].plusSeconds(1 + random.nextInt(600));
                    insert.setString(1, random.nextInt(3) == 0 ? "NEW" : "REPLAYED");
                    insert.setString(2, routes[random.nextInt(routes.length)]);
                    insert.setString(3, orderId[order]);
                    insert.setString(4, correlation[order]);
                    insert.setString(5, "{\"orderId\":\"" + orderId[order] + "\"}");
                    insert.setString(6, exceptions[random.nextInt(exceptions.length)]);
                    insert.setString(7, "the call did not succeed after 5 attempts");
                    insert.setInt(8, 5);
                    insert.setTimestamp(9, Timestamp.from(first));
                    insert.setTimestamp(10, Timestamp.from(first.plusSeconds(60 + random.nextInt(3_600))));
                    insert.addBatch();
                    flush(connection, insert, i);
                }
                insert.executeBatch();
                connection.commit();
            }
        }

        private void sentDocuments(Connection connection) throws SQLException {
            String[] types = {"855", "856", "810"};
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO edi_sent_documents (partner,"
                    + " standard, document_type, interchange_control, group_control, transaction_control, file_name,"
                    + " order_id, sent_at, ack_due_by, ack_status) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < SENT_DOCUMENTS; i++) {
                    int order = ediOrders.get(random.nextInt(ediOrders.size()));
                    String interchangeControl = String.format(Locale.ROOT, "%09d", 700_000_000L + i);
                    Instant at = receivedAt[order].plus(1 + random.nextInt(72 * 60), ChronoUnit.MINUTES);
                    insert.setString(1, partner[order]);
                    insert.setString(2, "X12");
                    insert.setString(3, types[random.nextInt(types.length)]);
                    insert.setString(4, interchangeControl);
                    insert.setString(5, String.valueOf(900_000 + i));
                    insert.setString(6, "0001");
                    insert.setString(7, partner[order] + "-" + interchangeControl + ".x12");
                    insert.setString(8, orderId[order]);
                    insert.setTimestamp(9, Timestamp.from(at));
                    insert.setTimestamp(10, Timestamp.from(at.plus(Duration.ofHours(24))));
                    insert.setString(11, ACK_STATUSES[random.nextInt(ACK_STATUSES.length)]);
                    insert.addBatch();
                    flush(connection, insert, i);
                }
                insert.executeBatch();
                connection.commit();
            }
        }

        private static void flush(Connection connection, PreparedStatement insert, int i) throws SQLException {
            if (i % BATCH == BATCH - 1) {
                insert.executeBatch();
                connection.commit();
            }
        }
    }
}
