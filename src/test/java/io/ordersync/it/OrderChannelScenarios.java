package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.OrderStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Order files in the inbox and eCommerce orders on Kafka, end to end through the real runtime: the same intake,
 * de-duplication, routing to the ERP simulators and dead letters as every channel. Each database (H2, PostgreSQL)
 * runs every scenario in its own subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderChannelScenarios extends PipelineTestSupport {

    private static final Path INBOX = Path.of(RuntimeProperties.get("ordersync.files.inbox"));
    private static final Path DEMO = Path.of("src/main/resources/demo/files");
    private static final String ECOMMERCE_TOPIC = "ecommerce-orders";
    private static final String ECOMMERCE_GROUP = "ordersync-ecommerce-intake";

    @BeanInject
    protected CamelContext context;

    @BeanInject("orderStore")
    protected OrderStore orderStore;

    @BeanInject("dataSource")
    protected DataSource dataSource;

    // ---------------------------------------------------------------- order files

    @Test
    void a_csv_file_with_orders_for_two_legal_entities_reaches_both_erps_and_moves_to_done() {
        UsAndDeOrders orders = dropUsAndDeOrders("orders-2026-11-23.csv", "PO-F-1001", "PO-F-1002");

        JsonNode usView = awaitOrderStatus(orders.us(), "ACCEPTED");
        assertThat(usView.path("legalEntity").asText()).isEqualTo("US01");
        assertThat(usView.path("order").path("source").path("channel").asText()).isEqualTo("FILE");
        assertThat(usView.path("order").path("totals").path("totalAmount").decimalValue()).isEqualByComparingTo("58.75");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orders.us()))).isEqualTo(1);

        JsonNode deView = awaitOrderStatus(orders.de(), "ACCEPTED");
        assertThat(deView.path("legalEntity").asText()).isEqualTo("DE01");
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orders.de()))).isEqualTo(1);
        assertThat(simulators.erpEmea().orderByExternalReference(erpReferenceOf(orders.de())).orElseThrow().customerNumber())
                .isEqualTo("EU-30001");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orders.de()))).isZero();

        // each order's journey starts with the file it came in, and shows its own ERP's call
        JsonNode received = journeyMessages(orders.de()).get(0);
        assertThat(received.path("system").asText()).isEqualTo("file:order-inbox");
        assertThat(received.path("operation").asText()).matches("file orders-.*\\.csv, order [12] of 2");
        assertThat(received.path("requestPayload").asText()).startsWith("po_number,")
                .contains(usView.path("order").path("customerPurchaseOrder").asText())
                .contains(deView.path("order").path("customerPurchaseOrder").asText());
        assertThat(journeyMessages(orders.de())).anyMatch(m -> m.path("system").asText().equals("ERP DE01")
                && m.path("operation").asText().startsWith("POST ") && m.path("answerPayload").asText().contains("Envelope"));
    }

    @Test
    void a_json_file_with_orders_for_two_legal_entities_reaches_both_erps_and_moves_to_done() {
        UsAndDeOrders orders = dropUsAndDeOrders("orders-2026-11-24.json", "PO-F-2001", "PO-F-2002");
        awaitOrderStatus(orders.us(), "ACCEPTED");
        awaitOrderStatus(orders.de(), "ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orders.us()))).isEqualTo(1);
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orders.de()))).isEqualTo(1);
    }

    @Test
    void an_xml_file_with_orders_for_two_legal_entities_reaches_both_erps_and_moves_to_done() {
        UsAndDeOrders orders = dropUsAndDeOrders("orders-2026-11-25.xml", "PO-F-3001", "PO-F-3002");
        JsonNode usView = awaitOrderStatus(orders.us(), "ACCEPTED");
        assertThat(usView.path("order").path("lines").get(1).path("quantity").decimalValue()).isEqualByComparingTo("2.5");
        awaitOrderStatus(orders.de(), "ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orders.us()))).isEqualTo(1);
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orders.de()))).isEqualTo(1);
    }

    @Test
    void a_malformed_file_goes_to_error_with_a_dead_letter_naming_file_line_and_field_and_nothing_is_stored() {
        String good = newPo();
        String bad = newPo();
        String name = "orders-" + bad + ".csv";
        String content = "po_number,customer_number,currency,sku,quantity,unit_price\n"
                + good + ",NA-20001,USD,SKU-100,1,10.10\n"
                + bad + ",NA-20001,USD,SKU-100,5,10.10\n"
                + bad + ",,,SKU-200,\"2,5\",3.30\n";
        drop(name, content);

        Path moved = awaitMoved("error", name);
        assertThat(moved).hasContent(content);
        JsonNode letter = awaitDeadLetter("INVALID", "order-file-inbox", name);
        assertThat(letter.path("payload").asText()).isEqualTo(content);
        assertThat(letter.path("exceptionMessage").asText())
                .startsWith(name + ": refused, nothing stored; 1 problem in 2 orders:")
                .contains("lines 3, 4 (PO " + bad + "): lines[1].quantity (line 4): '2,5' is not a decimal number");
        // a file is taken whole or not at all: its valid order was not stored either
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + good)).isEmpty();
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + bad)).isEmpty();
    }

    @Test
    void a_file_still_being_uploaded_is_not_read_until_it_is_renamed() throws IOException {
        String waiting = newPo();
        String name = "orders-" + waiting + ".csv";
        String content = csvOrder(waiting);
        // uploads in progress, by the conventions writers use: a temporary suffix or a leading dot
        Files.writeString(INBOX.resolve(name + ".tmp"), content);
        Files.writeString(INBOX.resolve(name + ".part"), content);
        Files.writeString(INBOX.resolve("." + name), content);

        // a complete file dropped afterwards is read: the inbox was polled after the partial files were there
        String later = newPo();
        drop("orders-" + later + ".csv", csvOrder(later));
        awaitMoved("done", "orders-" + later + ".csv");
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + later)).isPresent();

        assertThat(INBOX.resolve(name + ".tmp")).exists().hasContent(content);
        assertThat(INBOX.resolve(name + ".part")).exists();
        assertThat(INBOX.resolve("." + name)).exists();
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + waiting)).isEmpty();

        Files.move(INBOX.resolve(name + ".tmp"), INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        awaitMoved("done", name);
        awaitOrderStatus(storedOrder("file:order-inbox|FILE:NA-20001:" + waiting).orElseThrow().orderId(), "ACCEPTED");
        Files.delete(INBOX.resolve(name + ".part"));
        Files.delete(INBOX.resolve("." + name));
    }

    @Test
    void a_file_dropped_again_creates_no_new_orders_and_is_moved_to_done_again() {
        String po = newPo();
        String name = "orders-" + po + ".csv";
        drop(name, csvOrder(po));
        awaitMoved("done", name);
        String orderId = storedOrder("file:order-inbox|FILE:NA-20001:" + po).orElseThrow().orderId();
        awaitOrderStatus(orderId, "ACCEPTED");

        drop(name, csvOrder(po));
        await().atMost(Duration.ofSeconds(30)).until(() -> moved("done", name).size() == 2 && !Files.exists(INBOX.resolve(name)));

        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM orders WHERE external_id = ?",
                Integer.class, po)).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpNa().receivedRequests().stream().filter(r -> r.body().contains(po))).hasSize(1);
    }

    @Test
    void empty_files_are_refused_with_a_dead_letter_and_moved_to_error_without_holding_up_the_inbox()
            throws IOException {
        List<String> empty = List.of("empty-" + newPo() + ".csv", "empty-" + newPo() + ".json",
                "empty-" + newPo() + ".xml");
        for (String name : empty) {
            Files.write(INBOX.resolve(name), new byte[0]);
        }
        String po = newPo();
        String good = "orders-" + po + ".csv";
        drop(good, csvOrder(po));

        // read in the same few seconds as without the empty files before it (each held up the poll for 10 s)
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(INBOX.resolve(good)) && !moved("done", good).isEmpty());
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + po)).isPresent();
        for (String name : empty) {
            assertThat(awaitMoved("error", name)).isEmptyFile();
            JsonNode letter = awaitDeadLetter("INVALID", "order-file-inbox", name + ": empty file");
            assertThat(letter.path("exceptionMessage").asText()).isEqualTo(name + ": empty file (0 bytes); an order"
                    + " file holds at least one order");
        }
    }

    @Test
    void two_files_of_the_same_name_are_both_read_and_both_kept_in_done() {
        String name = "same-name-" + newPo() + ".csv";
        String first = newPo();
        drop(name, csvOrder(first));
        awaitMoved("done", name);
        String second = newPo();
        drop(name, csvOrder(second));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(INBOX.resolve(name)) && archived("done", name).size() == 2);
        assertThat(archived("done", name)).map(OrderChannelScenarios::content)
                .containsExactlyInAnyOrder(csvOrder(first), csvOrder(second));
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + first)).isPresent();
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + second)).isPresent();
    }

    @Test
    void an_xml_file_with_an_external_entity_or_entity_expansion_is_refused_without_being_expanded()
            throws IOException {
        Path secret = Files.createTempFile("ordersync-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String po = newPo();
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE order [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<order><poNumber>" + po + "</poNumber><customer><number>NA-20001</number></customer>"
                + "<currency>USD</currency><notes>&xxe;</notes>"
                + "<lines><line><sku>SKU-100</sku><quantity>1</quantity></line></lines></order>";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE order [\n<!ENTITY l0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<order><poNumber>&l9;</poNumber></order>");

        drop("xxe-" + po + ".xml", xxe);
        drop("laughs-" + po + ".xml", laughs.toString());

        awaitMoved("error", "xxe-" + po + ".xml");
        awaitMoved("error", "laughs-" + po + ".xml");
        JsonNode xxeLetter = awaitDeadLetter("INVALID", "order-file-inbox", "xxe-" + po + ".xml");
        assertThat(xxeLetter.path("exceptionMessage").asText())
                .isEqualTo("xxe-" + po + ".xml: line 2: a DOCTYPE declaration is not accepted (no DTDs or entity"
                        + " declarations in order files)");
        assertThat(xxeLetter.toString()).doesNotContain("TOP-SECRET-CONTENT");
        assertThat(awaitDeadLetter("INVALID", "order-file-inbox", "laughs-" + po + ".xml").path("exceptionMessage")
                .asText()).contains("a DOCTYPE declaration is not accepted");
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + po)).isEmpty();
    }

    @Test
    void a_file_whose_orders_cannot_be_stored_stays_in_the_inbox_and_is_read_again() {
        String po = newPo();
        String name = "orders-" + po + ".csv";
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        NotifyBuilder failedTwice = new NotifyBuilder(context).fromRoute("order-file-inbox").whenFailed(2).create();
        // the database cannot take orders
        jdbc.execute("ALTER TABLE orders RENAME TO orders_offline");
        try {
            drop(name, csvOrder(po));
            assertThat(failedTwice.matches(30, TimeUnit.SECONDS)).as("the file was read and failed twice").isTrue();
            assertThat(INBOX.resolve(name)).exists();
            assertThat(moved("done", name)).isEmpty();
            assertThat(moved("error", name)).isEmpty();
        } finally {
            jdbc.execute("ALTER TABLE orders_offline RENAME TO orders");
        }

        awaitMoved("done", name);
        awaitOrderStatus(storedOrder("file:order-inbox|FILE:NA-20001:" + po).orElseThrow().orderId(), "ACCEPTED");
    }

    @Test
    void a_file_locked_by_another_replica_is_left_to_it_until_the_lock_is_released() {
        String po = newPo();
        String name = "orders-" + po + ".csv";
        // another replica is reading this file: its lock row is in the shared database
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String lockKey = INBOX.resolve(name).toAbsolutePath().toString();
        jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                "order-file-read-lock", lockKey, Timestamp.from(Instant.now()));
        drop(name, csvOrder(po));

        String later = newPo();
        drop("orders-" + later + ".csv", csvOrder(later));
        awaitMoved("done", "orders-" + later + ".csv");
        assertThat(INBOX.resolve(name)).exists();
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + po)).isEmpty();

        // the other replica is done with it (or its lock grew older than ordersync.files.lock-max-age-ms)
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?",
                "order-file-read-lock", lockKey);
        awaitMoved("done", name);
        assertThat(storedOrder("file:order-inbox|FILE:NA-20001:" + po)).isPresent();
        // the file consumer moves a file first and then releases its lock: the row goes a moment after the move
        String laterKey = INBOX.resolve("orders-" + later + ".csv").toAbsolutePath().toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId IN (?, ?)",
                Integer.class, "order-file-read-lock", lockKey, laterKey)).as("locks are released after the move")
                .isZero());
    }

    @Test
    void a_soap_caller_cannot_claim_an_order_files_key_and_the_file_order_is_still_a_new_order() {
        String po = newPo();
        // what the file order's key was before keys had namespaces: FILE, the customer, the PO
        HttpResponse<String> squat = soapSubmitAsSoapOnlyCaller("FILE", "NA-20001:" + po);
        assertSourceSystemRefused(squat, "FILE");
        assertThat(orderStore.findBySourceKey("FILE:NA-20001:" + po)).as("nothing stored for the squatter").isEmpty();

        String name = "orders-" + po + ".csv";
        drop(name, csvOrder(po));
        awaitMoved("done", name);
        String key = "file:order-inbox|FILE:NA-20001:" + po;
        String orderId = awaitStoredOrder(key).orderId();
        JsonNode view = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(view.path("order").path("source").path("keyNamespace").asText()).isEqualTo("file:order-inbox");
        assertThat(erpReferenceOf(orderId)).isEqualTo(erpReferenceOfKey(key));
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey(key))).isEqualTo(1);
        assertThat(health().statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- eCommerce orders on Kafka

    @Test
    void an_ecommerce_order_on_the_topic_becomes_an_order_and_its_offset_is_committed() {
        String number = newWebOrder();
        RecordMetadata sent = publish(number, ecommerceOrder(number), "corr-web-" + number);

        String orderId = awaitStoredOrder("kafka:ecommerce-orders|ECOMMERCE:webshop-us:" + number).orderId();
        JsonNode view = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(view.path("legalEntity").asText()).as("customer rule NA- -> US01").isEqualTo("US01");
        assertThat(view.path("order").path("source").path("channel").asText()).isEqualTo("KAFKA");
        assertThat(view.path("order").path("lines").get(1).path("unitPrice").decimalValue()).isEqualTo("3.30");
        assertThat(orderStore.findById(orderId).orElseThrow().correlationId()).isEqualTo("corr-web-" + number);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        awaitCommittedPast(sent);
        // the journey starts with the record as it was on the topic
        JsonNode received = journeyMessages(orderId).get(0);
        assertThat(received.path("system").asText()).isEqualTo("kafka:ecommerce-orders");
        assertThat(received.path("requestPayload").asText()).isEqualTo(ecommerceOrder(number));
    }

    @Test
    void a_soap_caller_cannot_claim_an_ecommerce_orders_key_and_the_kafka_order_is_still_a_new_order() {
        String number = newWebOrder();
        HttpResponse<String> squat = soapSubmitAsSoapOnlyCaller("ECOMMERCE", "webshop-us:" + number);
        assertSourceSystemRefused(squat, "ECOMMERCE");
        assertThat(orderStore.findBySourceKey("ECOMMERCE:webshop-us:" + number)).isEmpty();

        publish(number, ecommerceOrder(number), "corr-web-squat-" + number);
        String key = "kafka:ecommerce-orders|ECOMMERCE:webshop-us:" + number;
        String orderId = awaitStoredOrder(key).orderId();
        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(erpReferenceOf(orderId)).isEqualTo(erpReferenceOfKey(key));
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey(key))).isEqualTo(1);

        // the same record again is a repeat within the topic's namespace: no second order, no second ERP order
        RecordMetadata again = publish(number, ecommerceOrder(number), "corr-web-squat-again-" + number);
        awaitCommittedPast(again);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM orders WHERE source_channel = 'KAFKA' AND external_id = ?", Integer.class, number))
                .isEqualTo(1);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey(key))).isEqualTo(1);
    }

    @Test
    void bad_records_are_dead_lettered_with_the_reason_and_the_next_record_is_consumed() {
        String bad = newWebOrder();
        String good = newWebOrder();
        String wrongQuantity = ecommerceOrder(bad).replace("\"quantity\": 5", "\"quantity\": \"five\"");
        String notJson = "{\"orderNumber\": \"" + bad + "-2\", \"items\": [";
        // same key: same partition, so the good record waits behind the bad ones
        RecordMetadata first = publish(good, wrongQuantity, null);
        publish(good, notJson, null);
        RecordMetadata last = publish(good, ecommerceOrder(good), null);

        awaitOrderStatus(awaitStoredOrder("kafka:ecommerce-orders|ECOMMERCE:webshop-us:" + good).orderId(), "ACCEPTED");
        awaitCommittedPast(last);

        JsonNode schemaLetter = awaitDeadLetter("NEW", "ecommerce-order-intake", "order " + bad + " ");
        assertThat(schemaLetter.path("payload").asText()).isEqualTo(wrongQuantity);
        assertThat(schemaLetter.path("replayEndpoint").asText()).isEqualTo("direct:ecommerce-order-intake");
        assertThat(schemaLetter.path("exceptionMessage").asText())
                .startsWith("order " + bad + " (topic " + ECOMMERCE_TOPIC + ", partition " + first.partition()
                        + ", offset " + first.offset() + ", key " + good + "): does not match the topic's schema:")
                .contains("$.items[0].quantity");
        JsonNode jsonLetter = awaitDeadLetter("NEW", "ecommerce-order-intake", "offset " + (first.offset() + 1) + ",");
        assertThat(jsonLetter.path("payload").asText()).isEqualTo(notJson);
        assertThat(jsonLetter.path("exceptionMessage").asText()).contains("is not valid JSON");
        assertThat(storedOrder("kafka:ecommerce-orders|ECOMMERCE:webshop-us:" + bad)).isEmpty();
    }

    @Test
    void a_record_is_committed_only_once_its_order_is_durable() throws Exception {
        String number = newWebOrder();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        NotifyBuilder failedTwice = new NotifyBuilder(context).fromRoute("ecommerce-order-consume").whenFailed(2)
                .create();
        RecordMetadata sent;
        // the database cannot take the order, nor a dead letter about it
        jdbc.execute("ALTER TABLE orders RENAME TO orders_offline");
        jdbc.execute("ALTER TABLE dead_letters RENAME TO dead_letters_offline");
        try {
            sent = publish(number, ecommerceOrder(number), null);
            assertThat(failedTwice.matches(60, TimeUnit.SECONDS)).as("the record was tried and failed twice").isTrue();
            // after two complete attempts nothing was committed: the record is read again
            assertThat(committedOffset(sent)).satisfiesAnyOf(
                    offset -> assertThat(offset).isNull(),
                    offset -> assertThat(offset).isLessThanOrEqualTo(sent.offset()));
        } finally {
            jdbc.execute("ALTER TABLE dead_letters_offline RENAME TO dead_letters");
            jdbc.execute("ALTER TABLE orders_offline RENAME TO orders");
        }

        String orderId = awaitStoredOrder("kafka:ecommerce-orders|ECOMMERCE:webshop-us:" + number).orderId();
        awaitOrderStatus(orderId, "ACCEPTED");
        awaitCommittedPast(sent);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private static String newPo() {
        return "PO-F-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String newWebOrder() {
        return "WEB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A one-line order file for US01. */
    private static String csvOrder(String po) {
        return "po_number,customer_number,currency,sku,quantity,unit_price\n" + po + ",NA-20001,USD,SKU-100,2,10.10\n";
    }

    private static String ecommerceOrder(String number) {
        return demo("ecommerce-order.json").replace("WEB-100045", number);
    }

    private static String demo(String file) {
        try {
            return Files.readString(DEMO.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of a demo file's two orders: the one for US01 and the one for DE01. */
    private record UsAndDeOrders(String us, String de) {}

    /**
     * Drops a demo order file (its type by its ending) with its two POs, one for US01 and one for DE01, replaced by
     * new ones, and returns the stored orders once the file has moved to done/: done/ only after the database commit,
     * so both orders are there the moment the file has moved.
     */
    private UsAndDeOrders dropUsAndDeOrders(String demoFile, String usPo, String dePo) {
        String us = newPo();
        String de = newPo();
        String name = "orders-" + us + demoFile.substring(demoFile.lastIndexOf('.'));
        drop(name, demo(demoFile).replace(usPo, us).replace(dePo, de));
        awaitMoved("done", name);
        return new UsAndDeOrders(storedOrder("file:order-inbox|FILE:NA-20001:" + us).orElseThrow().orderId(),
                storedOrder("file:order-inbox|FILE:EU-30001:" + de).orElseThrow().orderId());
    }

    /** Writes the file as a well-behaved uploader does: under a temporary name, then renamed. */
    private static void drop(String name, String content) {
        try {
            Path temporary = INBOX.resolve(name + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the file has left the inbox for done/ or error/, and returns where it went. */
    private static Path awaitMoved(String folder, String name) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(INBOX.resolve(name)) && !moved(folder, name).isEmpty());
        return moved(folder, name).get(0);
    }

    /** Files archived under the name, or under the name made unique (<base>-2.<ext>, ...). */
    private static List<Path> archived(String folder, String name) {
        String base = name.substring(0, name.lastIndexOf('.'));
        String extension = name.substring(name.lastIndexOf('.'));
        Path root = INBOX.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + name)
                    || p.getFileName().toString().matches(".*-" + java.util.regex.Pattern.quote(base) + "-\\d+"
                            + java.util.regex.Pattern.quote(extension))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String content(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files moved to done/<date>/<time>-<name> or error/<date>/<time>-<name>. */
    private static List<Path> moved(String folder, String name) {
        Path root = INBOX.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<OrderStore.StoredOrder> storedOrder(String sourceKey) {
        return orderStore.findBySourceKey(sourceKey);
    }

    private OrderStore.StoredOrder awaitStoredOrder(String sourceKey) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> storedOrder(sourceKey), Optional::isPresent).orElseThrow();
    }

    /** The dead letter of a route whose reason contains the text. */
    private static JsonNode awaitDeadLetter(String status, String routeId, String reasonContains) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode letter : json(get("/api/v1/dead-letters?status=" + status + "&routeId=" + routeId))) {
                if (letter.path("exceptionMessage").asText().contains(reasonContains)) {
                    // lists carry no payload: the dead letter itself does (inline)
                    found[0] = json(get("/api/v1/dead-letters/" + letter.path("id").asText())).path("deadLetter");
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private RecordMetadata publish(String key, String value, String correlationId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(ECOMMERCE_TOPIC, key, value);
            if (correlationId != null) {
                record.headers().add("X-Correlation-Id", correlationId.getBytes(StandardCharsets.UTF_8));
            }
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + ECOMMERCE_TOPIC, e);
        }
    }

    /** The consumer group's committed offset (the next record it will read) on the record's partition, or null. */
    private Long committedOffset(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(ECOMMERCE_GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(new TopicPartition(record.topic(), record.partition()));
            return committed == null ? null : committed.offset();
        }
    }

    private void awaitCommittedPast(RecordMetadata record) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Long committed = committedOffset(record);
            return committed != null && committed > record.offset();
        });
    }

    private String brokers() {
        return context.resolvePropertyPlaceholders("{{ordersync.kafka.brokers}}");
    }
}
