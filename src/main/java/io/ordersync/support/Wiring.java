package io.ordersync.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every capability's configuration needs to wire itself: its settings from Camel's properties (a missing one
 * stops the start with the key named), the beans an earlier configuration bound, and resources closed when Camel
 * stops. The configurations run in a fixed order ({@code io.ordersync.app.OrdersyncConfiguration}); a bean looked up
 * before the configuration that binds it has run is a wiring mistake, named as such.
 */
public final class Wiring {

    private static final StackWalker CALLERS = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Wiring() {
    }

    /** The setting, or the start stops with its key named. */
    public static String required(CamelContext context, String key) {
        return optional(context, key).orElseThrow(
                () -> new IllegalArgumentException("configuration property " + key + " is not set"));
    }

    public static Optional<String> optional(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key);
    }

    /** Every setting by key, null when not set: what the {@code from(...)} factories of the limits take. */
    public static Function<String, String> settings(CamelContext context) {
        return key -> optional(context, key).orElse(null);
    }

    /** A switch: true only when set to true. */
    public static boolean flag(CamelContext context, String key) {
        return Boolean.parseBoolean(optional(context, key).orElse("false"));
    }

    public static int port(CamelContext context, String key) {
        return integer(context, key);
    }

    public static int integer(CamelContext context, String key) {
        return Integer.parseInt(required(context, key));
    }

    public static long longValue(CamelContext context, String key) {
        return Long.parseLong(required(context, key));
    }

    /** An ISO-8601 duration setting such as {@code PT15M}. */
    public static Duration duration(CamelContext context, String key) {
        return Duration.parse(required(context, key));
    }

    /** A duration setting in milliseconds (keys ending in {@code -ms}). */
    public static Duration millis(CamelContext context, String key) {
        return Duration.ofMillis(longValue(context, key));
    }

    /**
     * The bean an earlier configuration bound under this name. Missing, it is a wiring order mistake: the message
     * names the bean and the configuration that asked for it.
     */
    public static <T> T bean(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException(name + " (" + type.getSimpleName() + ") must be wired before "
                    + CALLERS.getCallerClass().getSimpleName() + " looks it up");
        }
        return bean;
    }

    /** Closes an embedded resource when Camel stops (after the routes; services stop in reverse order). */
    public static void closeOnStop(CamelContext context, AutoCloseable resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        }, true, true);
    }

    /**
     * A processor's idempotency keys in the shared table. It uses the given transactions (the order store's), so
     * that {@code add()} joins a surrounding transaction.
     */
    public static JdbcMessageIdRepository idempotentRepository(DataSource dataSource, TransactionTemplate transactions,
                                                               String processor) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, transactions, processor);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
