package io.ordersync.bench;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.filters.DefaultJsonFilter;
import io.ordersync.support.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * CRM order -> canonical order: the runtime's JSLT mapping against its JSONata twin and a hand-written
 * Jackson tree walk (the floor). Every variant takes the same CRM order String and returns the canonical
 * JSON String, i.e. parse + map + serialise, which is what the intake route does per order.
 * {@link MappingEquivalenceTest} proves all variants produce the same canonical order.
 *
 * <p>Run: {@code mvn -q -Pbench -DskipTests test-compile exec:exec} (see docs/performance.md); never part of
 * {@code mvn verify}. Needs the project root as working directory (the JSLT mapping is read from
 * {@code mappings/}, as the runtime does).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MappingBenchmark {

    // ------------------------------------------------------------------ state

    /** The CRM order as the route hands it to the mapping: one JSON String. */
    @State(Scope.Benchmark)
    public static class Order {
        /** 2 = demo order 01 as shipped; 50 = the same header with 50 generated lines. */
        @Param({"2", "50"})
        public int lines;
        public String json;

        @Setup
        public void load() {
            json = Orders.crmOrder(lines);
        }
    }

    /** Compiled once, as a long-running route would hold them (per thread: see {@link ReusableJsonata}). */
    @State(Scope.Thread)
    public static class Engines {
        public Expression jslt;
        public ReusableJsonata jsonata;
        public String jsonataSource;

        @Setup
        public void compile() {
            jslt = Mappings.compileJslt(Mappings.jsltSource());
            jsonataSource = Mappings.jsonataSource();
            jsonata = new ReusableJsonata(jsonataSource);
        }
    }

    /** camel-jslt 4.17.0 itself, with the intake route's endpoint options. */
    @State(Scope.Benchmark)
    public static class CamelJslt {
        public CamelContext camel;
        public ProducerTemplate template;
        public String uri;

        @Setup
        public void start() {
            camel = Mappings.camelForRuntimeJslt();
            camel.start();
            template = camel.createProducerTemplate();
            uri = Mappings.runtimeJsltUri();
        }

        @TearDown
        public void stop() {
            camel.stop();
        }
    }

    /** Mapping sources as text, for the compile measurements. */
    @State(Scope.Benchmark)
    public static class Sources {
        public String jslt;
        public String jsonata;

        @Setup
        public void read() {
            jslt = Mappings.jsltSource();
            jsonata = Mappings.jsonataSource();
        }
    }

    // ------------------------------------------------------------------ per-order mapping, ops/s

    /** JSLT as the intake route runs it: parsed by ordersync's Json mapper (decimals as BigDecimal), applied, written. */
    @Benchmark
    public String jslt(Order order, Engines engines) {
        return Mappings.jslt(engines.jslt, order.json);
    }

    /** JSLT with camel-jslt's default parser (mapBigDecimalAsFloats=false: floats as double): the price of exactness. */
    @Benchmark
    public String jsltDoubles(Order order, Engines engines) {
        return Mappings.jsltDoubles(engines.jslt, order.json);
    }

    /** The runtime's real step: the camel-jslt endpoint with the route's options, through a ProducerTemplate. */
    @Benchmark
    public String jsltCamelEndpoint(Order order, CamelJslt camel) {
        return camel.template.requestBody(camel.uri, order.json, String.class);
    }

    /**
     * JSONata (dashjoin 0.9.9, the engine camel-jsonata 4.17.0 uses) compiled once, same parser as {@link #jslt}.
     * 0.9.9 cannot reuse a compiled expression as is (see {@link ReusableJsonata}); this is its evaluation cost
     * once that is worked around, i.e. the best JSONata can do here.
     */
    @Benchmark
    public String jsonata(Order order, Engines engines) {
        return Mappings.jsonata(engines.jsonata, order.json);
    }

    /** What camel-jsonata 4.17.0 does per exchange: it compiles the expression again for every message. */
    @Benchmark
    public String jsonataCompileEachOrder(Order order, Engines engines) {
        return Mappings.jsonata(Mappings.compileJsonata(engines.jsonataSource)::evaluate, order.json, Mappings.RUNTIME);
    }

    /** The floor: the same mapping written by hand as a Jackson tree walk. */
    @Benchmark
    public String javaBaseline(Order order) {
        return Mappings.java(order.json);
    }

    // ------------------------------------------------------------------ compile, single shot

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Expression compileJslt(Sources sources) {
        return Mappings.compileJslt(sources.jslt);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Jsonata compileJsonata(Sources sources) {
        return Mappings.compileJsonata(sources.jsonata);
    }

    // ------------------------------------------------------------------ the mappings, shared with the test

    /** The three ways of mapping one CRM order String to a canonical order String. */
    public static final class Mappings {

        public static final Path JSLT_MAPPING = Path.of("mappings/crm-order-to-canonical.jslt");
        public static final String JSONATA_MAPPING = "/bench/crm-order-to-canonical.jsonata";
        public static final Path INTAKE_ROUTE = Path.of("routes/order-intake-rest.camel.yaml");

        /** The parser the intake route gives camel-jslt (objectMapper=#jsonMapper): decimals as BigDecimal, as written. */
        static final ObjectMapper RUNTIME = Json.mapper();
        /**
         * The parser camel-jslt 4.17.0 builds per exchange without objectMapper and mapBigDecimalAsFloats=false
         * (a plain {@code new ObjectMapper()}), and the one camel-jsonata 4.17.0 holds: floats become doubles.
         * Also the writer for the JSONata result: Jackson defaults, as camel-jsonata writes it.
         */
        static final ObjectMapper PLAIN = new ObjectMapper();

        private Mappings() {
        }

        /**
         * The intake route's camel-jslt endpoint URI, options included, read from the route itself so the
         * reference cannot drift from the runtime; {{ordersync.mappings.dir}} is its default, mappings.
         */
        public static String runtimeJsltUri() {
            try {
                JsonNode routes = new ObjectMapper(new YAMLFactory()).readTree(INTAKE_ROUTE.toFile());
                for (JsonNode route : routes) {
                    for (JsonNode step : route.path("route").path("from").path("steps")) {
                        JsonNode to = step.path("to");
                        String uri = to.path("uri").asText("");
                        if (uri.startsWith("jslt:")) {
                            StringBuilder full = new StringBuilder(uri.replace("{{ordersync.mappings.dir}}", "mappings"));
                            char separator = uri.contains("?") ? '&' : '?';
                            for (Map.Entry<String, JsonNode> option : to.path("parameters").properties()) {
                                full.append(separator).append(option.getKey()).append('=').append(option.getValue().asText());
                                separator = '&';
                            }
                            return full.toString();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("run from the project root: cannot read " + INTAKE_ROUTE.toAbsolutePath(), e);
            }
            throw new IllegalStateException("no jslt: step in " + INTAKE_ROUTE);
        }

        /** A bare CamelContext with the beans the intake route's JSLT step refers to. */
        public static CamelContext camelForRuntimeJslt() {
            CamelContext camel = new DefaultCamelContext();
            camel.getRegistry().bind("jsonMapper", Json.mapper());
            return camel;
        }

        public static String jsltSource() {
            try {
                return Files.readString(JSLT_MAPPING, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("run from the project root: cannot read " + JSLT_MAPPING.toAbsolutePath(), e);
            }
        }

        public static String jsonataSource() {
            return Orders.resource(JSONATA_MAPPING);
        }

        /** As camel-jslt compiles: no extra functions, JSLT's default filter (drops null, {} and [] values). */
        public static Expression compileJslt(String source) {
            return new Parser(new StringReader(source))
                    .withSource(JSLT_MAPPING.toString())
                    .withObjectFilter(new DefaultJsonFilter())
                    .compile();
        }

        public static Jsonata compileJsonata(String source) {
            return Jsonata.jsonata(source);
        }

        public static String jslt(Expression expression, String crmOrder) {
            return expression.apply(readTree(RUNTIME, crmOrder)).toString();
        }

        public static String jsltDoubles(Expression expression, String crmOrder) {
            return expression.apply(readTree(PLAIN, crmOrder)).toString();
        }

        public static String jsonata(ReusableJsonata expression, String crmOrder) {
            return jsonata(expression::evaluate, crmOrder, RUNTIME);
        }

        public static String jsonata(ReusableJsonata expression, String crmOrder, ObjectMapper parser) {
            return jsonata(expression::evaluate, crmOrder, parser);
        }

        static String jsonata(UnaryOperator<Object> expression, String crmOrder, ObjectMapper parser) {
            try {
                Object input = parser.readValue(crmOrder, Object.class);
                return PLAIN.writeValueAsString(expression.apply(input));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static String java(String crmOrder) {
            return JavaMapping.map(readTree(RUNTIME, crmOrder)).toString();
        }

        private static JsonNode readTree(ObjectMapper mapper, String json) {
            try {
                return mapper.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A dashjoin JSONata expression compiled once and evaluated many times on one thread.
     *
     * <p>jsonata 0.9.9 keeps evaluation state on the instance: every evaluation leaves the instance's
     * {@code environment} pointing at the innermost frame it created, and the next evaluation starts from there.
     * Reused as is, the frame chain grows by every evaluation, so each lookup walks all earlier evaluations:
     * the cost per order grows without bound and the frames are never freed (fixed upstream in 0.9.10).
     * Which instance holds that state is a static ThreadLocal set by the last expression compiled on the thread.
     * Before each evaluation this class puts both back to how {@code Jsonata.jsonata(source)} left them, which
     * is what a freshly compiled expression would see, without parsing again.
     */
    public static final class ReusableJsonata {

        private static final Field ENVIRONMENT;
        private static final Field CURRENT;
        private static final Field PARENT;

        static {
            try {
                ENVIRONMENT = Jsonata.class.getDeclaredField("environment");
                CURRENT = Jsonata.class.getDeclaredField("current");
                PARENT = Jsonata.Frame.class.getDeclaredField("parent");
                ENVIRONMENT.setAccessible(true);
                CURRENT.setAccessible(true);
                PARENT.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("the JSONata engine changed: check whether ReusableJsonata is still needed", e);
            }
        }

        private final Jsonata expression;
        private final Object pristineEnvironment;

        public ReusableJsonata(String source) {
            expression = Jsonata.jsonata(source);
            pristineEnvironment = get(ENVIRONMENT, expression);
        }

        public Object evaluate(Object input) {
            try {
                ENVIRONMENT.set(expression, pristineEnvironment);
                @SuppressWarnings("unchecked")
                ThreadLocal<Jsonata> current = (ThreadLocal<Jsonata>) CURRENT.get(null);
                current.set(expression);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return expression.evaluate(input);
        }

        /** How many frames an evaluation of this expression starts below the global one. */
        public static int frameDepth(Jsonata expression) {
            int depth = 0;
            for (Object frame = get(ENVIRONMENT, expression); frame != null; frame = get(PARENT, frame)) {
                depth++;
            }
            return depth;
        }

        public Jsonata expression() {
            return expression;
        }

        private static Object get(Field field, Object target) {
            try {
                return field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * crm-order-to-canonical.jslt by hand. Same rules as the JSLT object filter: a key whose value is
     * missing, null, {} or [] is left out; "if (x)" is JSLT truthiness (null, false, "", 0, {} and [] are false).
     */
    static final class JavaMapping {

        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        private JavaMapping() {
        }

        static ObjectNode map(JsonNode in) {
            JsonNode accountName = in.path("Account").get("Name");
            ObjectNode out = NODES.objectNode();

            ObjectNode source = NODES.objectNode();
            source.put("channel", "REST");
            source.put("system", "CRM");
            put(source, "externalId", in.get("Id"));
            put(out, "source", source);
            put(out, "legalEntity", in.get("Legal_Entity__c"));

            ObjectNode customer = NODES.objectNode();
            put(customer, "crmAccountId", in.get("AccountId"));
            put(customer, "erpCustomerNumber", in.path("Account").get("ERP_Customer_Number__c"));
            put(customer, "name", accountName);
            put(out, "customer", customer);
            put(out, "customerPurchaseOrder", in.get("PoNumber"));

            ObjectNode soldTo = NODES.objectNode();
            put(soldTo, "name", accountName);
            put(out, "soldTo", soldTo);
            put(out, "billTo", address(in.get("BillingAddress"), accountName));
            put(out, "shipTo", address(in.get("ShippingAddress"), accountName));
            put(out, "currency", in.get("CurrencyIsoCode"));
            put(out, "orderDate", in.get("EffectiveDate"));
            put(out, "requestedDeliveryDate", in.get("Requested_Delivery_Date__c"));

            ArrayNode lines = NODES.arrayNode();
            for (JsonNode item : in.path("OrderItems").path("records")) {
                ObjectNode line = NODES.objectNode();
                JsonNode number = item.get("OrderItemNumber");
                if (truthy(number)) {
                    line.set("lineNumber", LongNode.valueOf(Long.parseLong(number.asText().trim())));
                }
                put(line, "sku", item.path("Product2").get("ProductCode"));
                put(line, "customerPartNumber", item.get("Customer_Part_Number__c"));
                put(line, "gtin", item.get("GTIN__c"));
                JsonNode description = item.get("Description");
                put(line, "description", truthy(description) ? description : item.path("Product2").get("Name"));
                put(line, "quantity", item.get("Quantity"));
                JsonNode uom = item.get("Unit_Of_Measure__c");
                put(line, "unitOfMeasure", truthy(uom) ? uom : TextNode.valueOf("EA"));
                put(line, "unitPrice", item.get("UnitPrice"));
                put(line, "requestedDeliveryDate", item.get("ServiceDate"));
                put(lines, line);
            }
            put(out, "lines", lines);

            ObjectNode terms = NODES.objectNode();
            put(terms, "paymentTerms", in.get("Payment_Terms__c"));
            put(terms, "incoterms", in.get("Incoterms__c"));
            put(out, "terms", terms);
            put(out, "notes", in.get("Description"));
            return out;
        }

        private static ObjectNode address(JsonNode a, JsonNode name) {
            if (!truthy(a)) {
                return null;
            }
            ObjectNode party = NODES.objectNode();
            put(party, "name", name);
            put(party, "street", a.get("street"));
            put(party, "city", a.get("city"));
            put(party, "region", a.get("state"));
            put(party, "postalCode", a.get("postalCode"));
            put(party, "country", a.get("country"));
            return party;
        }

        private static void put(ObjectNode target, String key, JsonNode value) {
            if (kept(value)) {
                target.set(key, value);
            }
        }

        private static void put(ArrayNode target, JsonNode value) {
            target.add(value);
        }

        private static boolean kept(JsonNode value) {
            return value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty());
        }

        private static boolean truthy(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return false;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual()) {
                return !value.textValue().isEmpty();
            }
            if (value.isNumber()) {
                return value.doubleValue() != 0.0;
            }
            return !value.isContainerNode() || !value.isEmpty();
        }
    }

    /** The benchmark inputs: demo order 01 (2 lines) and a 50-line order with the same header. */
    public static final class Orders {

        public static final String DEMO_2_LINES = "/demo/01-us01-accepted.json";

        private Orders() {
        }

        public static String crmOrder(int lines) {
            String demo = resource(DEMO_2_LINES);
            if (lines == 2) {
                return demo;
            }
            int start = demo.indexOf("\"records\": [");
            if (start < 0) {
                throw new IllegalStateException(DEMO_2_LINES + " has no OrderItems records");
            }
            StringBuilder json = new StringBuilder(demo.substring(0, start))
                    .append("\"records\": [\n");
            for (int i = 1; i <= lines; i++) {
                json.append(line(i)).append(i < lines ? ",\n" : "\n");
            }
            return json.append("  ]}\n}\n").toString()
                    .replace("\"totalSize\": 2", "\"totalSize\": " + lines);
        }

        /** Varied lines: every optional field present on some lines and absent on others. */
        private static String line(int i) {
            StringBuilder line = new StringBuilder("    {")
                    .append("\"OrderItemNumber\": \"").append(String.format("%010d", i)).append("\", ")
                    .append("\"Product2\": {\"ProductCode\": \"SKU-").append(String.format("%04d", 1000 + i))
                    .append("\", \"Name\": \"Catalogue item ").append(i).append(", box of ").append(10 * (i % 9 + 1))
                    .append("\"}, ");
            if (i % 2 == 0) {
                line.append("\"GTIN__c\": \"0400638133").append(String.format("%04d", i)).append("\", ");
            }
            if (i % 3 == 0) {
                line.append("\"Customer_Part_Number__c\": \"LHS-").append(700 + i).append("\", ");
            }
            if (i % 5 == 0) {
                line.append("\"Description\": \"Special finish, order line ").append(i).append("\", ");
            }
            line.append("\"Quantity\": ").append(i % 4 == 0 ? (i % 7 + 1) + ".5" : String.valueOf(i % 7 + 1)).append(", ");
            if (i % 6 != 0) {
                line.append("\"Unit_Of_Measure__c\": \"").append(i % 2 == 0 ? "BX" : "EA").append("\", ");
            }
            if (i % 10 == 0) {
                line.append("\"ServiceDate\": \"2026-12-").append(String.format("%02d", i / 10 + 1)).append("\", ");
            }
            line.append("\"UnitPrice\": ").append(3 + i).append('.').append(String.format("%02d", (i * 37) % 100));
            return line.append('}').toString();
        }

        static String resource(String name) {
            try (InputStream in = MappingBenchmark.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("not on the classpath: " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
