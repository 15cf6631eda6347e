package io.ordersync.app;

import org.apache.camel.main.Main;

/**
 * Starts the runtime (wiring: {@link OrdersyncConfiguration}, named in application.properties). {@code java -jar ordersync-runner.jar} runs with {@code application.properties};
 * the argument {@code demo} also sends the sample orders of {@code src/main/resources/demo/} through the API;
 * {@code edi inspect <file>} inspects an EDI file without starting anything (see {@link io.ordersync.edi.EdiCommand}).
 */
public final class OrdersyncMain {

    private OrdersyncMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "edi".equals(args[0])) {
            System.exit(io.ordersync.edi.EdiCommand.run(args, System.out, System.err));
        }
        Main main = new Main();
        boolean demo = args.length > 0 && "demo".equals(args[0]);
        if (demo) {
            main.addOverrideProperty("ordersync.demo.enabled", "true");
        }
        main.run(demo ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    }
}
