package io.ordersync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The embedded broker's two listeners (clients, controller) get two different ports. Chosen one after another, a
 * closed probe's port could be handed out again for the second, and the broker refused to start ("two listeners on
 * the same port"): seen once in a clean-clone verify.
 */
class EmbeddedKafkaPortsTest {

    @Test
    void the_ports_chosen_together_are_always_different_and_free() {
        for (int draw = 0; draw < 500; draw++) {
            int[] ports = EmbeddedKafka.freePorts(2);
            assertThat(ports).hasSize(2).doesNotHaveDuplicates();
            assertThat(ports[0]).isPositive();
            assertThat(ports[1]).isPositive();
        }
    }
}
