package io.ordersync.events;

import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import io.ordersync.support.JsonSchemas;
import java.util.List;

/**
 * The contract of a mapped status report, {@value #SCHEMA}: the milestone details of
 * {@code schema/order-event-1.1.schema.json} and what every milestone must carry, checked by the schema library of
 * every other structural check ({@link JsonSchemas}), with JSON paths in the errors.
 */
public final class StatusReportValidator {

    public static final String SCHEMA = "schema/status-report-1.1.schema.json";

    /**
     * The report as read (quantities and amounts already exact decimals, whether the source sent text or numbers)
     * against the schema.
     */
    public List<FieldError> validate(StatusReport report) {
        return JsonSchemas.check(SCHEMA, Json.mapper().valueToTree(report));
    }
}
