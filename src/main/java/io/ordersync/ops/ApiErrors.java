package io.ordersync.ops;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.ApiAuthenticationException;
import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.ApiProblem;
import io.ordersync.support.CaughtException;
import io.ordersync.support.ConcurrencyLimit;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.JsonSchemas;
import io.ordersync.support.ParserMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions on the API into specific problem answers ({@link ApiProblem}, RFC 9457), never a stack trace:
 * {@code {"type": ..., "title": ..., "status": ..., "detail": ..., "error": CODE, "message": ..., "correlationId": ...,
 * "fieldErrors": [{field, message}]}}.
 */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final DeadLetters deadLetters;

    public ApiErrors(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * The JSON answer for the exception the exchange caught. Never throws: should working out the answer fail, the
     * caller still gets a JSON 500 with the correlation id (and the failure is logged).
     */
    public Map<String, Object> answer(Exchange exchange) {
        try {
            return specificAnswer(exchange);
        } catch (RuntimeException | StackOverflowError failed) {
            LOG.error("Could not work out the error answer in route {}", exchange.getFromRouteId(), failed);
            return fallbackAnswer(exchange);
        }
    }

    private Map<String, Object> specificAnswer(Exchange exchange) {
        Throwable cause = CaughtException.of(exchange);
        String correlationId = Correlation.current(exchange);
        // only this answer's own Retry-After / WWW-Authenticate go back, never ones the caller sent
        exchange.getMessage().removeHeader("Retry-After");
        exchange.getMessage().removeHeader("WWW-Authenticate");
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        StreamConstraintsException limit = find(cause, StreamConstraintsException.class);
        if (cause instanceof ApiAuthenticationException auth) {
            status = 401;
            exchange.getMessage().setHeader("WWW-Authenticate", auth.challenge());
            body.put("error", "UNAUTHORIZED");
            body.put("message", auth.getMessage());
        } else if (cause instanceof ApiForbiddenException forbidden) {
            status = 403;
            body.put("error", "FORBIDDEN");
            body.put("message", forbidden.getMessage());
            body.put("requiredRole", forbidden.requiredRole());
        } else if (cause instanceof ApiContract.RefusedRequest refused) {
            status = refused.status();
            body.put("error", refused.code());
            body.put("message", refused.getMessage());
            body.put("fieldErrors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        } else if (limit != null) {
            // beyond Jackson's StreamReadConstraints (number length, nesting depth, string length, ...): the message
            // names the limit; the body is not kept, it is too large or too deep by definition
            status = 400;
            body.put("error", "JSON_LIMIT_EXCEEDED");
            body.put("message", "the body exceeds a JSON limit: " + ParserMessages.readable(limit.getOriginalMessage()));
        } else if (cause instanceof JsonValidationException invalid && invalid.getNumberOfErrors() == 0
                || cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            status = 400;
            body.put("error", "INVALID_JSON");
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = ParserMessages.readable(root instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() + (json.getLocation() == null ? ""
                            : " at " + json.getLocation().offsetDescription())
                    : root.getMessage());
            body.put("message", "the body is not valid JSON: " + detail);
            keepInvalid(exchange, cause);
        } else if (cause instanceof JsonValidationException invalid) {
            status = 400;
            body.put("error", "VALIDATION_FAILED");
            body.put("message", "the order does not match the CRM order schema (" + invalid.getNumberOfErrors()
                    + " problem(s))");
            body.put("fieldErrors", JsonSchemas.fieldErrors(invalid.getErrors()));
            keepInvalid(exchange, cause);
        } else if (cause instanceof OrderValidationException invalid) {
            status = 400;
            body.put("error", "VALIDATION_FAILED");
            body.put("message", invalid.getMessage().replaceFirst(":.*", ""));
            body.put("fieldErrors", invalid.errors());
            keepInvalid(exchange, cause);
        } else if (cause instanceof io.ordersync.edi.EdiIntake.EdiFileRejectedException rejected) {
            status = 422;
            body.put("error", "EDI_REJECTED");
            body.put("message", rejected.getMessage() + " (kept as a dead letter)");
        } else if (cause instanceof OrderIntake.DuplicateInProgressException busy) {
            status = 409;
            exchange.getMessage().setHeader("Retry-After", "1");
            body.put("error", "DUPLICATE_IN_PROGRESS");
            body.put("message", busy.getMessage());
        } else if (find(cause, io.ordersync.reconcile.ReconciliationRuns.AlreadyRunningException.class) != null) {
            // the job's run going on is the answer: follow it rather than run the job twice
            io.ordersync.reconcile.ReconciliationRuns.AlreadyRunningException running =
                    find(cause, io.ordersync.reconcile.ReconciliationRuns.AlreadyRunningException.class);
            status = 409;
            body.put("error", "RUN_IN_PROGRESS");
            body.put("message", running.getMessage() + "; follow it at /api/v1/reconciliation/runs/"
                    + running.runId());
            body.put("runId", running.runId());
        } else if (cause instanceof ConcurrencyLimit.BusyException busy) {
            status = 503;
            exchange.getMessage().setHeader("Retry-After", String.valueOf(busy.retryAfterSeconds()));
            body.put("error", "TEMPORARILY_UNAVAILABLE");
            body.put("message", busy.getMessage());
            LOG.warn("API request answered 503 in route {}: {}", exchange.getFromRouteId(), busy.getMessage());
        } else if (!databaseUnavailable(cause) && databaseFault(cause)) {
            // the database answered and refused the statement (bad SQL, a constraint, a value it cannot take): a fault
            // of ours, retrying will not help. The detail says nothing of the SQL or the exception; the log has both.
            status = 500;
            body.put("error", "INTERNAL_ERROR");
            body.put("message", "the request failed inside ordersync; quote correlation id " + correlationId
                    + " to support");
            LOG.error("API request failed in route {} with a database error", exchange.getFromRouteId(), cause);
        } else {
            status = 503;
            exchange.getMessage().setHeader("Retry-After", "5");
            body.put("error", "TEMPORARILY_UNAVAILABLE");
            body.put("message", "the request could not be completed now and nothing was accepted; retry later"
                    + " (quote correlation id " + correlationId + " to support)");
            if (databaseUnavailable(cause)) {
                // expected while the database is down: one line per request, not a stack trace each
                LOG.warn("API request answered 503 in route {}: database unavailable: {}", exchange.getFromRouteId(),
                        cause.getMessage());
            } else {
                LOG.error("API request failed in route {}", exchange.getFromRouteId(), cause);
            }
        }
        body.put("correlationId", correlationId);
        respond(exchange, status, correlationId);
        return ApiProblem.body(status, body);
    }

    /** 500 when the answer itself could not be worked out: a fault of ours, not of the request. */
    private static Map<String, Object> fallbackAnswer(Exchange exchange) {
        String correlationId;
        try {
            correlationId = Correlation.current(exchange);
        } catch (RuntimeException e) {
            correlationId = java.util.UUID.randomUUID().toString();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "INTERNAL_ERROR");
        body.put("message", "the request could not be answered; quote correlation id " + correlationId
                + " to support");
        body.put("correlationId", correlationId);
        respond(exchange, 500, correlationId);
        return ApiProblem.body(500, body);
    }

    /**
     * Status, content type and correlation id; nothing of the request's headers goes back (an error answer repeats
     * nothing the caller sent but the correlation id).
     */
    private static void respond(Exchange exchange, int status, String correlationId) {
        org.apache.camel.Message message = exchange.getMessage();
        message.removeHeaders("*", "Retry-After", "WWW-Authenticate");
        message.setHeader(Correlation.HEADER, correlationId);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, ApiProblem.CONTENT_TYPE);
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * Not now: the database could not be reached (no connection within the pool's wait, the connection was refused or
     * lost: SQL state class 08) or failed in a way that may pass (a timeout, a lock, a deadlock).
     */
    static boolean databaseUnavailable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.dao.RecoverableDataAccessException
                    || t instanceof java.sql.SQLTransientException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A database error of any other kind: the database was reached and refused what ordersync asked of it. */
    static boolean databaseFault(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessException || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    private void keepInvalid(Exchange exchange, Throwable cause) {
        String payload = exchange.getProperty(ExchangeProperties.RAW_BODY, String.class);
        try {
            long id = deadLetters.recordInvalid(exchange, payload, cause);
            LOG.warn("Rejected invalid input (kept as dead letter {}): {}", id, cause.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Could not keep invalid input as a dead letter", e);
        }
    }
}
