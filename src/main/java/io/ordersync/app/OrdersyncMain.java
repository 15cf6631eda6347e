package io.ordersync.app;

import org.apache.camel.main.Main;

/**
 * Starts the runtime (wiring: {@link OrdersyncConfiguration}, named in application.properties). {@code java -jar ordersync-runner.jar} runs with {@code application.properties};
 * the argument {@code demo} also sends the sample orders of {@code src/main/resources/demo/} through the API.
 */
public final class OrdersyncMain {

    private OrdersyncMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        boolean demo = args.length > 0 && "demo".equals(args[0]);
        if (demo) {
            main.addOverrideProperty("ordersync.demo.enabled", "true");
        }
        main.run(demo ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    }
}
