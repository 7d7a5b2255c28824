package io.usso.keycloak.telegram.idp;

import java.util.List;
import java.util.Set;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.telegram.TelegramSettings;
import io.usso.keycloak.telegram.proof.LoginWidgetData;

/**
 * Identity provider mapper "Telegram attribute importer" ({@value #ID}): copies one field of the verified Telegram
 * login ({@code id}, {@code username}, {@code first_name}, {@code last_name}, {@code photo_url}) into a user
 * attribute, on first login and, with sync mode "force", on every login. Keycloak's generic attribute importers
 * read OIDC claims or SAML attributes, which a Telegram login does not have.
 */
public final class TelegramAttributeMapper extends AbstractIdentityProviderMapper {

    /** Mapper type id. */
    public static final String ID = "telegram-user-attribute-idp-mapper";
    /** Config: the Telegram field. */
    public static final String FIELD = "telegram.field";
    /** Config: the user attribute. */
    public static final String ATTRIBUTE = "user.attribute";

    private static final List<String> FIELDS = List.of(LoginWidgetData.ID, LoginWidgetData.USERNAME,
            LoginWidgetData.FIRST_NAME, LoginWidgetData.LAST_NAME, LoginWidgetData.PHOTO_URL);
    private static final Set<IdentityProviderSyncMode> SYNC_MODES = Set.of(IdentityProviderSyncMode.LEGACY,
            IdentityProviderSyncMode.IMPORT, IdentityProviderSyncMode.FORCE);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {TelegramSettings.PROVIDER_ID};
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "Telegram attribute importer";
    }

    @Override
    public String getHelpText() {
        return "Import a field of the Telegram login (id, username, first_name, last_name, photo_url) into a user "
                + "attribute.";
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return SYNC_MODES.contains(syncMode);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(FIELD).label("Telegram field").helpText("The field of Telegram's login data.")
                .type(ProviderConfigProperty.LIST_TYPE).options(FIELDS).defaultValue(LoginWidgetData.USERNAME).add()
                .property().name(ATTRIBUTE).label("User attribute name")
                .helpText("The user attribute to set (declare it in the realm's user profile).")
                .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
                .build();
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String attribute = attribute(mapper);
        String value = value(mapper, context);
        if (attribute != null && value != null) {
            context.setUserAttribute(attribute, value);
        }
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String attribute = attribute(mapper);
        if (attribute == null) {
            return;
        }
        String value = value(mapper, context);
        if (value == null) {
            value = context.getUserAttribute(attribute);
        }
        if (value != null) {
            user.setSingleAttribute(attribute, value);
        }
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String attribute = attribute(mapper);
        String value = value(mapper, context);
        if (attribute != null && value != null && !value.equals(user.getFirstAttribute(attribute))) {
            user.setSingleAttribute(attribute, value);
        }
    }

    private static String attribute(IdentityProviderMapperModel mapper) {
        String a = mapper.getConfig().get(ATTRIBUTE);
        return a == null || a.isBlank() ? null : a.trim();
    }

    private static String value(IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String field = mapper.getConfig().get(FIELD);
        if (field == null || !FIELDS.contains(field)) {
            return null;
        }
        Object v = context.getContextData().get(TelegramIdentityProvider.CONTEXT_PREFIX + field);
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
