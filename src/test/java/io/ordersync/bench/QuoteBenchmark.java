package io.ordersync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import io.ordersync.quote.ErpQuote;
import io.ordersync.quote.ErpRestQuoteAdapter;
import io.ordersync.quote.ErpSoapQuoteAdapter;
import io.ordersync.quote.QuoteAnswer;
import io.ordersync.quote.QuoteFallback;
import io.ordersync.quote.QuoteReferenceCache;
import io.ordersync.quote.QuoteRequest;
import io.ordersync.quote.QuoteValidation;
import io.ordersync.demo.sim.Simulators;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Quote validation: a live ERP answer against the answer from cached reference data, per quote of 5 lines, measured
 * in the same run. Live: the real quote adapter route of {@code routes/quote-erp-adapters.camel.yaml} (camel-http
 * over loopback to the ERP simulators, which answer at once), then keeping the figures in the database, as
 * QuoteValidation does. Cache: reading the reference data and composing the CACHE answer: what the fallback adds
 * after the ERP call has failed or timed out. The database is an in-memory H2 migrated by Flyway.
 *
 * <p>Run: {@code mvn -q -Pbench -DskipTests test-compile exec:exec -Djmh.args="io.ordersync.bench.QuoteBenchmark"}
 * from the project root (see docs/performance.md); never part of {@code mvn verify}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QuoteBenchmark {

    @State(Scope.Benchmark)
    public static class Runtime {
        Simulators simulators;
        CamelContext camel;
        ProducerTemplate template;
        HikariDataSource dataSource;
        QuoteReferenceCache cache;
        QuoteRequest na;
        QuoteRequest emea;
        List<QuoteReferenceCache.ItemKey> items;

        @Setup
        public void start() throws Exception {
            // the simulators log every request at INFO: not what is measured here
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.ordersync.demo.sim"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            simulators = Simulators.startOnFreePorts();
            String url = "jdbc:h2:mem:quote-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            dataSource = Database.pool(url, "sa", "", 4);
            Database.migrate(dataSource, url);
            cache = new QuoteReferenceCache(dataSource);

            camel = new DefaultCamelContext();
            Properties properties = new Properties();
            properties.setProperty("ordersync.quotes.timeout-ms", "800");
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.getRegistry().bind("erpRestQuoteAdapter", new ErpRestQuoteAdapter());
            camel.getRegistry().bind("erpSoapQuoteAdapter", new ErpSoapQuoteAdapter());
            // the runtime's route configuration "adapter" (routes/error-handling.camel.yaml): no error handler
            camel.addRoutes(new RouteConfigurationBuilder() {
                @Override
                public void configuration() {
                    routeConfiguration("adapter").errorHandler(noErrorHandler());
                }
            });
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    ResourceHelper.resolveResource(camel, "file:routes/quote-erp-adapters.camel.yaml"));
            TemplatedRouteBuilder.builder(camel, "erp-rest-quote").routeId("erp-quote-US01")
                    .parameter("entityCode", "US01").parameter("endpoint", simulators.erpNa().baseUrl()).add();
            TemplatedRouteBuilder.builder(camel, "erp-soap-quote").routeId("erp-quote-DE01")
                    .parameter("entityCode", "DE01").parameter("endpoint", simulators.erpEmea().baseUrl()).add();
            camel.start();
            template = camel.createProducerTemplate();

            List<QuoteRequest.Line> lines = new ArrayList<>();
            String[] skus = {"HX-2040", "WS-0800", "CB-1125", "SKU-100", "SKU-300"};
            for (int i = 0; i < skus.length; i++) {
                lines.add(new QuoteRequest.Line(i + 1, skus[i], new BigDecimal("12.5"), "EA",
                        LocalDate.now().plusDays(14)));
            }
            na = new QuoteRequest("US01", "NA-20001", null, "USD", lines);
            emea = new QuoteRequest("DE01", "EU-30001", null, "EUR", lines);
            items = lines.stream().map(l -> new QuoteReferenceCache.ItemKey(l.sku(), l.unitOfMeasure())).toList();
            // the fallback reads what a live answer kept
            live(this, na);
        }

        @TearDown
        public void stop() {
            camel.stop();
            dataSource.close();
            simulators.close();
        }
    }

    /** The ERP's answer through the real adapter route, kept as reference data. */
    @Benchmark
    public ErpQuote liveRestErp(Runtime runtime) {
        return live(runtime, runtime.na);
    }

    @Benchmark
    public ErpQuote liveSoapErp(Runtime runtime) {
        return live(runtime, runtime.emea);
    }

    /** The answer from reference data (the baseline): read the cache, compose the CACHE answer. */
    @Benchmark
    public QuoteAnswer cacheFallback(Runtime runtime) {
        QuoteReferenceCache.Cached cached = runtime.cache.lookup("US01", "NA-20001", runtime.items);
        return QuoteFallback.answer(runtime.na, cached, Instant.now(), Duration.ofHours(24), "TIMEOUT",
                "did not answer within 800 ms", 800, "bench").orElseThrow();
    }

    static ErpQuote live(Runtime runtime, QuoteRequest request) {
        Exchange done = runtime.template.send("direct:erp-quote-" + request.legalEntity(), exchange -> {
            exchange.setProperty(QuoteValidation.REQUEST, request);
            exchange.getMessage().setBody(request);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        ErpQuote quote = done.getMessage().getBody(ErpQuote.class);
        runtime.cache.remember(request.legalEntity(), request.customerNumber(), quote, Instant.now());
        return quote;
    }
}
