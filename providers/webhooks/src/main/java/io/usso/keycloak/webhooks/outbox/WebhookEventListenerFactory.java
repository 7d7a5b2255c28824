package io.usso.keycloak.webhooks.outbox;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.webhooks.WebhookSettings;
import io.usso.keycloak.webhooks.delivery.DeliveryWorker;
import io.usso.keycloak.webhooks.store.WebhookStore;

/**
 * Event listener {@value #ID} (add it to a realm's event listeners; the tenant template does) and the owner of the
 * module's server-wide parts: the operator's options ({@link WebhookSettings}), the outbound guard and the
 * {@link DeliveryWorker} that runs on every node. A removed realm's webhooks, deliveries and attempts are deleted.
 */
public final class WebhookEventListenerFactory implements EventListenerProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-webhooks";

    private WebhookSettings settings = WebhookSettings.DEFAULT;
    private OutboundHttpGuard guard;
    private DeliveryWorker worker;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        DeliveryWorker current = worker;
        return new WebhookEventListener(session, current == null ? () -> { } : current::nudge);
    }

    @Override
    public void init(Config.Scope config) {
        settings = WebhookSettings.read(config::get);
        if (!settings.plainHttpHosts().rejected().isEmpty()) {
            org.jboss.logging.Logger.getLogger(WebhookEventListenerFactory.class).errorf(
                    "usso-webhooks: http-allowed-hosts entries ignored (malformed): %s",
                    settings.plainHttpHosts().rejected());
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        guard = OutboundHttpGuard.create();
        worker = new DeliveryWorker(factory, settings, guard);
        worker.start();
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                String realmId = removed.getRealm().getId();
                new WebhookStore(removed.getKeycloakSession()).deleteRealm(realmId);
            }
        });
    }

    /** @return the operator's options */
    public WebhookSettings settings() {
        return settings;
    }

    /** @return the outbound guard (its networks decide which private addresses a URL may name) */
    public OutboundHttpGuard guard() {
        return guard;
    }

    /** Looks for due deliveries now (after a manual redelivery). */
    public void nudge() {
        if (worker != null) {
            worker.nudge();
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("http-allowed-hosts").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Hosts (host:port, comma separated) where webhook URLs may use plain http or a port other "
                        + "than 443. Empty: https on 443 only.").add()
                .property().name("max-subscriptions").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Webhook subscriptions per tenant").defaultValue(20).add()
                .property().name("max-age-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How long a delivery is retried before it is dead-lettered").defaultValue(86400).add()
                .property().name("backoff-base-millis").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Delay after the first failed attempt (doubles per attempt, at most 1 h)")
                .defaultValue(1000).add()
                .property().name("poll-interval-millis").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How often each node looks for due deliveries").defaultValue(1000).add()
                .property().name("timeout-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Time one delivery attempt may take (at most 30)").defaultValue(10).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("httpAllowedHosts", settings.plainHttpHosts().toString(),
                "maxSubscriptions", Integer.toString(settings.maxSubscriptions()),
                "maxAgeSeconds", Long.toString(settings.maxAge().toSeconds()),
                "node", worker == null ? "-" : worker.node());
    }
}
