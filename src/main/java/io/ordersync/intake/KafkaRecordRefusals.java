package io.ordersync.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import io.ordersync.support.ParserMessages;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * A Kafka record that can never become an order (not JSON, against the topic's schema, failing the business
 * rules) is kept as a dead letter with its original value and a reason naming the record and the fields; the
 * consumer then commits it and goes on with the next record instead of retrying it forever.
 */
public class KafkaRecordRefusals {

    /** Exchange property: the record's value as received (the dead letter's payload). */
    public static final String RAW_VALUE = ExchangeProperties.RAW_BODY;

    /** Why a record was refused. */
    public static class RecordRefusedException extends RuntimeException {
        public RecordRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DeadLetters deadLetters;

    public KafkaRecordRefusals(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Route step in the refusal branch (doCatch): stores the dead letter; the exchange then completes normally. */
    public long refuse(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String raw = exchange.getProperty(RAW_VALUE, String.class);
        String reason = record(exchange, raw) + ": " + describe(cause);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RecordRefusedException(reason, cause));
        exchange.getMessage().setBody(raw);
        // the dead letter store logs it with its id
        return deadLetters.record(exchange);
    }

    /** "order WEB-1 (topic t, partition 0, offset 12)" - as much as is known. */
    static String record(Exchange exchange, String raw) {
        String orderNumber = null;
        try {
            orderNumber = Json.mapper().readTree(raw).path("orderNumber").asText(null);
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            // the reason says it is not JSON
        }
        Object topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC);
        Object partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION);
        Object offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET);
        Object key = exchange.getMessage().getHeader(KafkaConstants.KEY);
        StringBuilder text = new StringBuilder(orderNumber == null ? "record" : "order " + orderNumber);
        if (topic != null) {
            text.append(" (topic ").append(topic).append(", partition ").append(partition).append(", offset ")
                    .append(offset).append(key == null ? "" : ", key " + key).append(')');
        }
        return text.toString();
    }

    /** "field: message; ..."; the schema validator's messages start with a path already. */
    private static String problems(List<FieldError> errors) {
        List<String> problems = new ArrayList<>();
        for (FieldError error : errors) {
            problems.add(error.message().startsWith("$") ? error.message() : error.field() + ": " + error.message());
        }
        return String.join("; ", problems);
    }

    /** The specific problem: schema violations and field errors with their paths, or where the JSON breaks. */
    static String describe(Throwable cause) {
        if (cause instanceof JsonValidationException invalid && invalid.getNumberOfErrors() > 0) {
            return "does not match the topic's schema: "
                    + problems(io.ordersync.support.JsonSchemas.fieldErrors(invalid.getErrors()));
        }
        if (cause instanceof OrderValidationException invalid) {
            return "breaks the order rules: " + problems(invalid.errors());
        }
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            if (root instanceof JsonProcessingException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof JsonProcessingException json) {
            // Jackson hides the source in locations anyway; keep its line and column only
            return "is not valid JSON: " + ParserMessages.readable(json.getOriginalMessage())
                    + (json.getLocation() == null ? "" : " at line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr());
        }
        if (cause instanceof JsonValidationException) {
            return "is not valid JSON: " + (root == null ? cause.getMessage() : root.getMessage());
        }
        return cause == null ? "refused" : cause.getMessage();
    }
}
