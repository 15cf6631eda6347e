package io.ordersync.ops;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.support.Wiring;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Last of the wiring: the API's callers and roles (a role naming an unknown partner or status source stops startup,
 * so it runs after the EDI partners and the status sources are known), its error answers, the correlation id in the
 * logs of every route, and the Kafka health check.
 */
public class ApiConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        @SuppressWarnings("unchecked")
        Set<String> statusEventSources = Wiring.bean(context, "statusEventSources", Set.class);
        ApiSecurity apiSecurity = new ApiSecurity(
                Wiring.optional(context, "ordersync.api.auth").orElse("api-key"),
                Wiring.optional(context, "ordersync.api.keys").orElse(""),
                Wiring.optional(context, "ordersync.api.users").orElse(""),
                ApiRoles.parse(Wiring.optional(context, "ordersync.api.roles").orElse(""),
                        Wiring.bean(context, "partnerProfiles", PartnerProfiles.class).all().keySet(),
                        statusEventSources));
        // the support console calls the API as its users (the admin users, with their roles)
        AdminUsers adminUsers = context.getRegistry().lookupByNameAndType("adminUsers", AdminUsers.class);
        if (adminUsers != null) {
            apiSecurity.acceptConsoleUsers(adminUsers);
        }
        context.getRegistry().bind("apiSecurity", apiSecurity);
        context.getRegistry().bind("supportDashboard", new SupportDashboard(
                Wiring.bean(context, "dataSource", javax.sql.DataSource.class),
                Wiring.bean(context, "slaTracker", io.ordersync.sla.SlaTracker.class),
                Wiring.bean(context, "reconciliationRuns", io.ordersync.reconcile.ReconciliationRuns.class),
                java.time.Clock.systemUTC()));
        context.getRegistry().bind("partnerOverview", new PartnerOverview(
                Wiring.bean(context, "partnerProfiles", PartnerProfiles.class),
                Wiring.bean(context, "dataSource", javax.sql.DataSource.class), java.time.Clock.systemUTC()));
        context.getRegistry().bind("apiErrors", new ApiErrors(Wiring.bean(context, "deadLetters", DeadLetters.class)));
        context.getCamelContextExtension().addInterceptStrategy(new CorrelationMdc());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            KafkaHealthCheck kafkaHealth = new KafkaHealthCheck(Wiring.required(context, "ordersync.kafka.brokers"));
            Wiring.closeOnStop(context, kafkaHealth);
            health.register(kafkaHealth);
        }
    }
}
