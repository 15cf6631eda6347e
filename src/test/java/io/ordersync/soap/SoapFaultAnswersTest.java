package io.ordersync.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.order.OrderIntake;
import io.ordersync.support.ApiAuthenticationException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How failures become SOAP 1.1 faults: fault code, HTTP status, retry hint, and never a stack trace. */
class SoapFaultAnswersTest {

    private final CamelContext context = new DefaultCamelContext();
    // no dead-letter store: none of these failures is bad input to keep
    private final SoapOrderService service = new SoapOrderService(OrderServiceContract.load(), null, null, null, 1024,
            "http://localhost:8080/soap/orders");

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void a_temporary_failure_is_a_server_fault_asking_to_retry_without_a_stack_trace() {
        Exchange exchange = failedWith(new org.springframework.dao.DataAccessResourceFailureException(
                "connection refused", new java.net.ConnectException("db:5432")));

        String answer = service.fault(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("5");
        assertThat(answer).contains("<faultcode>soap:Server</faultcode>")
                .contains("<ord:Code>TEMPORARILY_UNAVAILABLE</ord:Code>")
                .contains("nothing was accepted")
                .doesNotContain("connection refused").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_identical_order_being_stored_right_now_is_a_server_fault() {
        String answer = service.fault(failedWith(new OrderIntake.DuplicateInProgressException("SOAP:X-1")));
        assertThat(answer).contains("<faultcode>soap:Server</faultcode>").contains("DUPLICATE_IN_PROGRESS");
    }

    @Test
    void missing_credentials_are_a_client_fault_with_http_401_and_a_challenge() {
        Exchange exchange = failedWith(new ApiAuthenticationException("credentials are required",
                "Basic realm=\"ordersync\""));

        String answer = service.fault(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(exchange.getMessage().getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"ordersync\"");
        assertThat(answer).contains("<faultcode>soap:Client</faultcode>").contains("UNAUTHORIZED");
    }

    @Test
    void a_request_larger_than_the_limit_is_refused_before_it_is_parsed() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(new byte[2048]);
        try {
            service.read(exchange);
        } catch (SoapFault fault) {
            assertThat(fault.faultCode()).isEqualTo(SoapFault.CLIENT);
            assertThat(fault.getMessage()).contains("2048 bytes").contains("at most 1024");
            return;
        }
        throw new AssertionError("a request over the limit was read");
    }

    private Exchange failedWith(Exception cause) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        return exchange;
    }
}
