package io.usso.keycloak.telegram.bot;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak events of the bot-confirmed login. Like the QR login, it reuses the cross-device types of the OAuth
 * device grant, with the detail {@value #USSO_EVENT} saying what happened:
 * <ul>
 *   <li>{@value #REQUESTED}: {@code OAUTH2_DEVICE_AUTH} (a browser shows the Telegram link)</li>
 *   <li>{@value #APPROVED}: {@code OAUTH2_DEVICE_VERIFY_USER_CODE} with the user</li>
 *   <li>{@value #DENIED} (deny, wrong number, unlinked account, expired link), {@value #WEBHOOK_REFUSED} (webhook
 *       without or with a wrong secret, malformed update): {@code OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR} with
 *       {@code reason}</li>
 *   <li>{@value #COMPLETED}: a detail on Keycloak's own {@code LOGIN} event of the browser</li>
 *   <li>{@value #PHONE_SHARED}: {@code UPDATE_PROFILE} when a shared contact became the verified phone</li>
 * </ul>
 * Tokens, handles, the bot token and the webhook secret never appear.
 */
public final class TelegramBotEvents {

    /** Detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    public static final String REQUESTED = "TELEGRAM_BOT_LOGIN_REQUESTED";
    public static final String APPROVED = "TELEGRAM_BOT_LOGIN_APPROVED";
    public static final String DENIED = "TELEGRAM_BOT_LOGIN_DENIED";
    public static final String COMPLETED = "TELEGRAM_BOT_LOGIN_COMPLETED";
    public static final String WEBHOOK_REFUSED = "TELEGRAM_WEBHOOK_REFUSED";
    public static final String PHONE_SHARED = "TELEGRAM_PHONE_SHARED";
    /** Detail: why. */
    public static final String REASON = Details.REASON;
    /** Detail: the identity provider (bot). */
    public static final String IDP = Details.IDENTITY_PROVIDER;
    /** Detail: the Telegram user id of the chat. */
    public static final String TELEGRAM_USER = "telegram_id";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant
     */
    public TelegramBotEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param type event type
     * @param ussoEvent the {@value #USSO_EVENT} value
     * @param login the login concerned, may be null
     * @return a builder with realm, client, bot and browser details
     */
    public EventBuilder event(EventType type, String ussoEvent, BotLogin login) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(USSO_EVENT, ussoEvent);
        if (login != null) {
            ClientModel client = login.clientId() == null ? null : realm.getClientById(login.clientId());
            if (client != null) {
                event.client(client);
            }
            event.detail(IDP, login.idpAlias()).detail("tg_browser", login.device().browser())
                    .detail("tg_os", login.device().os());
        }
        return event;
    }

    /** @param login a login the browser now shows */
    public void requested(BotLogin login) {
        event(EventType.OAUTH2_DEVICE_AUTH, REQUESTED, login).success();
    }

    /**
     * @param login the login
     * @param user who approved
     * @param telegramUserId from which Telegram account
     */
    public void approved(BotLogin login, UserModel user, String telegramUserId) {
        event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE, APPROVED, login).user(user)
                .detail(TELEGRAM_USER, telegramUserId).success();
    }

    /**
     * @param login the login, may be null
     * @param user the linked user, may be null
     * @param telegramUserId the chat's Telegram account, may be null
     * @param reason why
     */
    public void denied(BotLogin login, UserModel user, String telegramUserId, String reason) {
        EventBuilder event = event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR, DENIED, login).detail(REASON, reason);
        if (user != null) {
            event.user(user);
        }
        if (telegramUserId != null) {
            event.detail(TELEGRAM_USER, telegramUserId);
        }
        event.error("telegram_bot_" + reason);
    }

    /** @param reason why a webhook request was refused */
    public void webhookRefused(String reason) {
        event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR, WEBHOOK_REFUSED, null).detail(REASON, reason)
                .error("telegram_webhook_" + reason);
    }

    /**
     * @param user whose phone was set
     * @param alias the bot's identity provider
     * @param telegramUserId the Telegram account that shared its own contact
     */
    public void phoneShared(UserModel user, String alias, String telegramUserId) {
        event(EventType.UPDATE_PROFILE, PHONE_SHARED, null).user(user).detail(IDP, alias)
                .detail(TELEGRAM_USER, telegramUserId).success();
    }
}
