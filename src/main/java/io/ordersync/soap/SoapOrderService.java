package io.ordersync.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.events.OrderQuery;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.IntakeOrigin;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.ApiAuthenticationException;
import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.CaughtException;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the SOAP order service's routes ({@code routes/order-intake-soap.camel.yaml}): serve the WSDL, read a
 * request against the contract, write the answers, and turn every failure into a SOAP 1.1 fault.
 *
 * <p>HTTP status: 200 for answers; 500 for every fault (SOAP 1.1 section 6.2, WS-I Basic Profile R1126), except
 * missing or wrong credentials, which answer 401 with a {@code WWW-Authenticate} challenge and a soap:Client fault:
 * the request was refused by HTTP authentication before its envelope was read, and HTTP clients need the 401 to
 * offer credentials.
 */
public class SoapOrderService {

    private static final Logger LOG = LoggerFactory.getLogger(SoapOrderService.class);

    /** Exchange property: the operation of the request being served. */
    public static final String OPERATION = ExchangeProperties.SOAP_OPERATION;
    /** Exchange property: the raw request, kept as evidence when it is refused (as the REST channel does). */
    static final String RAW_BODY = ExchangeProperties.RAW_BODY;
    /** Where the service is served, below the public URL. */
    public static final String PATH = "/soap/orders";

    /** The source system of an order whose request names none (the WSDL's SourceSystem). */
    static final String DEFAULT_SOURCE_SYSTEM = "SOAP";

    private final OrderServiceContract contract;
    private final OrderStore orders;
    private final OrderQuery orderQuery;
    private final DeadLetters deadLetters;
    private final long maxBytes;
    private final String address;

    /**
     * @param address the service's soap:address in the WSDL served, from configuration ({@code ordersync.public-url}
     *                plus {@link #PATH}), never from a request
     */
    public SoapOrderService(OrderServiceContract contract, OrderStore orders, OrderQuery orderQuery,
                            DeadLetters deadLetters, long maxBytes, String address) {
        this.contract = contract;
        this.orders = orders;
        this.orderQuery = orderQuery;
        this.deadLetters = deadLetters;
        this.maxBytes = maxBytes;
        this.address = address;
    }

    /**
     * {@code GET /soap/orders?wsdl}: the contract, its soap:address the configured public address. Not the URL the
     * request came to: its host is the caller's Host header, and a WSDL served with a caller's address (and cached by
     * a proxy or a tool) would send other callers' orders and credentials there.
     */
    public String wsdl(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!OrderServiceContract.isWsdlQuery(message.getHeader(Exchange.HTTP_QUERY, String.class))) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 405);
            message.setHeader("Allow", "POST");
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            return "POST SOAP 1.1 requests here; GET ?wsdl for the contract";
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, SoapMessages.CONTENT_TYPE);
        return contract.wsdl(address);
    }

    /**
     * Reads the request (body: the HTTP body) against the contract; sets {@link #OPERATION} and returns the operation
     * element as typed JSON, the input of the operation's route.
     */
    public String read(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        exchange.setProperty(RAW_BODY, new String(body, StandardCharsets.UTF_8));
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("xml")) {
            throw SoapFault.invalid("INVALID_XML", "Content-Type must be text/xml (SOAP 1.1) but is " + contentType);
        }
        if (body.length > maxBytes) {
            throw SoapFault.invalid("INVALID_XML", "the request has " + body.length + " bytes; at most " + maxBytes
                    + " are read");
        }
        OrderServiceContract.Request request = contract.read(body, message.getHeader("SOAPAction", String.class));
        exchange.setProperty(OPERATION, request.operation().name());
        return Json.write(request.payload());
    }

    /** SubmitOrder's answer (body: the intake's receipt); a repeat says Duplicate=true. */
    public String submitOrderResponse(Exchange exchange) {
        OrderIntake.Receipt receipt = exchange.getMessage().getBody(OrderIntake.Receipt.class);
        answer(exchange);
        return SoapMessages.submitOrderResponse(receipt);
    }

    /** GetOrderStatus (body: the typed request JSON): by OrderId, or by ExternalOrderId within its SourceSystem. */
    public String orderStatus(Exchange exchange) {
        JsonNode request = Json.read(exchange.getMessage().getBody(String.class), JsonNode.class);
        String orderId = request.path("OrderId").asText(null);
        String asked = orderId;
        if (orderId == null) {
            String system = request.path("SourceSystem").asText(DEFAULT_SOURCE_SYSTEM);
            String externalId = request.path("ExternalOrderId").asText();
            asked = "external id " + externalId + " from " + system;
            // the intake's repeat-detection key, in the caller's own namespace: a caller finds its own orders by
            // their ids, never another sender's (an order stored before namespaces: by its old key, SOAP's only)
            CanonicalOrder.Source source = new CanonicalOrder.Source("SOAP", system, null, externalId)
                    .receivedThrough(IntakeOrigin.api(
                            exchange.getProperty(ExchangeProperties.CALLER, String.class), null));
            orderId = orders.findBySourceKey(source.key())
                    .or(() -> orders.findLegacy(source.legacyKey(), "SOAP"))
                    .map(OrderStore.StoredOrder::orderId).orElse(null);
        }
        if (orderId == null || orders.findById(orderId).isEmpty()) {
            throw new SoapFault(SoapFault.CLIENT, "NO_SUCH_ORDER", "no such order: " + asked, List.of(), false);
        }
        Map<String, Object> view = orderQuery.find(orderId, exchange);
        answer(exchange);
        return SoapMessages.orderStatusResponse(Json.mapper().valueToTree(view));
    }

    /** The route configuration's exception handler: every failure becomes a SOAP fault, never a stack trace. */
    public String fault(Exchange exchange) {
        Throwable cause = CaughtException.of(exchange);
        String correlationId = Correlation.current(exchange);
        Message message = exchange.getMessage();
        int status = 500;
        SoapFault fault;
        if (cause instanceof SoapFault soapFault) {
            fault = soapFault;
        } else if (cause instanceof ApiAuthenticationException auth) {
            status = 401;
            message.setHeader("WWW-Authenticate", auth.challenge());
            fault = new SoapFault(SoapFault.CLIENT, "UNAUTHORIZED", auth.getMessage(), List.of(), false);
        } else if (cause instanceof ApiForbiddenException forbidden) {
            status = 403;
            fault = new SoapFault(SoapFault.CLIENT, "FORBIDDEN", forbidden.getMessage(), List.of(), false);
        } else if (cause instanceof OrderValidationException invalid) {
            fault = new SoapFault(SoapFault.CLIENT, "VALIDATION_FAILED", invalid.getMessage().replaceFirst(":.*", ""),
                    invalid.errors(), true);
        } else if (cause instanceof OrderIntake.DuplicateInProgressException busy) {
            message.setHeader("Retry-After", "1");
            fault = new SoapFault(SoapFault.SERVER, "DUPLICATE_IN_PROGRESS", busy.getMessage(), List.of(), false);
        } else {
            message.setHeader("Retry-After", "5");
            fault = new SoapFault(SoapFault.SERVER, "TEMPORARILY_UNAVAILABLE", "the request could not be completed"
                    + " now and nothing was accepted; send it again later (quote correlation id " + correlationId
                    + " to support)", List.of(), false);
            LOG.error("SOAP request failed in route {}", exchange.getFromRouteId(), cause);
        }
        if (fault.keepAsInvalid()) {
            keepInvalid(exchange, fault);
        } else if (status != 401 && SoapFault.CLIENT.equals(fault.faultCode())) {
            LOG.info("SOAP request refused ({}): {}", fault.code(), fault.getMessage());
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, SoapMessages.CONTENT_TYPE);
        message.setHeader(Correlation.HEADER, correlationId);
        return SoapMessages.fault(fault, correlationId);
    }

    private void keepInvalid(Exchange exchange, SoapFault fault) {
        try {
            long id = deadLetters.recordInvalid(exchange, exchange.getProperty(RAW_BODY, String.class),
                    fault.withDetailInMessage());
            LOG.warn("Refused invalid SOAP request (kept as dead letter {}): {} {}", id, fault.code(),
                    fault.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Could not keep an invalid SOAP request as a dead letter", e);
        }
    }

    private static void answer(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, SoapMessages.CONTENT_TYPE);
    }
}
