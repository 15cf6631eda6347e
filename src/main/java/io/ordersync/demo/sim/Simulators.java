package io.ordersync.demo.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Launcher for the three simulators (NA ERP REST, EMEA ERP SOAP, CRM), and holder of the WMS, TMS and AR event
 * sources once {@link #connectStatusEventSources connected} to ordersync.
 *
 * <pre>java -cp ... io.ordersync.demo.sim.Simulators [naPort emeaPort crmPort]   (defaults 9101 9102 9103)</pre>
 */
public final class Simulators implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulators.class);

    public static final int DEFAULT_NA_PORT = 9101;
    public static final int DEFAULT_EMEA_PORT = 9102;
    public static final int DEFAULT_CRM_PORT = 9103;

    private final ErpNaRestSimulator erpNa;
    private final ErpEmeaSoapSimulator erpEmea;
    private final CrmSimulator crm;
    private volatile StatusEventSources statusEventSources;

    private Simulators(ErpNaRestSimulator erpNa, ErpEmeaSoapSimulator erpEmea, CrmSimulator crm) {
        this.erpNa = erpNa;
        this.erpEmea = erpEmea;
        this.crm = crm;
    }

    /** Starts all three on the given ports (0 = a free port each). If one fails, the started ones are closed. */
    public static Simulators start(int naPort, int emeaPort, int crmPort) {
        ErpNaRestSimulator na = new ErpNaRestSimulator(naPort);
        ErpEmeaSoapSimulator emea = new ErpEmeaSoapSimulator(emeaPort);
        CrmSimulator crm = new CrmSimulator(crmPort);
        try {
            na.start();
            emea.start();
            crm.start();
        } catch (RuntimeException e) {
            crm.close();
            emea.close();
            na.close();
            throw e;
        }
        return new Simulators(na, emea, crm);
    }

    /** Starts all three on free ports. */
    public static Simulators startOnFreePorts() {
        return start(0, 0, 0);
    }

    public ErpNaRestSimulator erpNa() {
        return erpNa;
    }

    public ErpEmeaSoapSimulator erpEmea() {
        return erpEmea;
    }

    public CrmSimulator crm() {
        return crm;
    }

    /**
     * Connects the WMS, TMS and AR simulators to ordersync through the sender (webhook or Kafka). They are not
     * servers: they only send, so they need ordersync's address, which is known only once it is configured.
     */
    public synchronized StatusEventSources connectStatusEventSources(StatusMessageSender sender) {
        if (statusEventSources != null) {
            statusEventSources.close();
        }
        statusEventSources = StatusEventSources.over(sender);
        return statusEventSources;
    }

    /** The WMS, TMS and AR simulators; throws until they are connected. */
    public StatusEventSources statusEventSources() {
        StatusEventSources sources = statusEventSources;
        if (sources == null) {
            throw new IllegalStateException("the WMS/TMS/AR simulators are not connected to ordersync");
        }
        return sources;
    }

    public WarehouseSimulator warehouse() {
        return statusEventSources().warehouse();
    }

    public TransportSimulator transport() {
        return statusEventSources().transport();
    }

    public ReceivablesSimulator receivables() {
        return statusEventSources().receivables();
    }

    /** Resets data and behaviour of all three. */
    public void resetAll() {
        erpNa.reset();
        erpEmea.reset();
        crm.reset();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        StatusEventSources sources = statusEventSources;
        if (sources != null) {
            try {
                sources.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        for (HttpSimulator sim : new HttpSimulator[] {crm, erpEmea, erpNa}) {
            try {
                sim.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 0 && args.length != 3) {
            System.err.println("usage: Simulators [naPort emeaPort crmPort]");
            System.exit(2);
        }
        int na = args.length == 3 ? Integer.parseInt(args[0]) : DEFAULT_NA_PORT;
        int emea = args.length == 3 ? Integer.parseInt(args[1]) : DEFAULT_EMEA_PORT;
        int crmPort = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_CRM_PORT;
        Simulators sims = start(na, emea, crmPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sims.close();
            stopped.countDown();
        }, "simulators-shutdown"));
        LOG.info("ERP NA   (REST): {}", sims.erpNa().salesOrdersUrl());
        LOG.info("ERP EMEA (SOAP): {} (WSDL {})", sims.erpEmea().endpointUrl(), sims.erpEmea().wsdlUrl());
        LOG.info("CRM            : {}", sims.crm().orderUrl());
        LOG.info("control: POST <base>/sim/behaviour, POST <base>/sim/reset, GET <base>/sim/requests; Ctrl-C to stop");
        stopped.await();
    }
}
