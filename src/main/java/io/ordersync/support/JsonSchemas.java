package io.ordersync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every structural check of JSON against ordersync's JSON Schemas ({@code src/main/resources/schema}), with one
 * library (networknt json-schema-validator, the one the json-validator endpoints of the intake routes run) and one
 * error shape: a {@link FieldError} per problem, {@code field} the JSON path of the value at fault ({@code $.lines[0]
 * .sku}, a missing property at its own path) and {@code message} the validator's text, ordered by path.
 * <p>
 * Schemas name each other by their {@code $id} ({@code https://ordersync.io/schema/...}); those are read from the
 * classpath, never fetched.
 */
public final class JsonSchemas {

    private static final String ID_BASE = "https://ordersync.io/schema/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_BASE, "classpath:schema/")));

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /**
     * The problems of the JSON against the schema, none when it matches.
     *
     * @param resource the schema on the classpath, e.g. {@code schema/quote-validation-request-1.0.schema.json}
     */
    public static List<FieldError> check(String resource, JsonNode json) {
        return fieldErrors(schema(resource).validate(json));
    }

    /** The schema on the classpath, loaded (and its references resolved) once. */
    public static JsonSchema schema(String resource) {
        return SCHEMAS.computeIfAbsent(resource, name -> {
            if (JsonSchemas.class.getClassLoader().getResource(name) == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + name));
            // references are resolved now, so a broken schema fails the start, not the first request
            schema.initializeValidators();
            return schema;
        });
    }

    /** The validator's messages in ordersync's error shape, ordered by path. */
    public static List<FieldError> fieldErrors(Collection<ValidationMessage> messages) {
        return messages.stream().map(JsonSchemas::fieldError)
                .sorted(Comparator.comparing(FieldError::field)).toList();
    }

    /** A missing required property is reported at its own path, not at its parent's. */
    static FieldError fieldError(ValidationMessage message) {
        String location = String.valueOf(message.getInstanceLocation());
        String field = "required".equals(message.getType()) && message.getProperty() != null
                ? location + "." + message.getProperty() : location;
        return new FieldError(field, message.getMessage());
    }
}
