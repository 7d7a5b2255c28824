package io.usso.keycloak.webhooks.store;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the webhook entities and their Liquibase changelog to Keycloak's persistence unit. */
public final class WebhookJpaEntityProvider implements JpaEntityProvider {

    /** Classpath location of the Liquibase changelog. */
    public static final String CHANGELOG = "META-INF/usso-webhooks-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(WebhookSubscriptionEntity.class, WebhookDeliveryEntity.class, WebhookAttemptEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return WebhookJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
