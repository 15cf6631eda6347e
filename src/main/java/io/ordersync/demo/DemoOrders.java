package io.ordersync.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a sample CRM order shipped in the jar under demo/. */
public final class DemoOrders {

    private DemoOrders() {
    }

    public static String load(String name) throws IOException {
        try (InputStream in = DemoOrders.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("no demo order " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
