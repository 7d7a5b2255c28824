package io.usso.keycloak.telegram.miniapp;

/**
 * Event details of the Mini App sign-in. Keycloak's {@code EventType} cannot be extended: the grant's own events are
 * {@code LOGIN} / {@code LOGIN_ERROR} (with {@code reason}), an account created for a new Telegram user is a
 * {@code REGISTER} event, and the detail {@value #USSO_EVENT} says which Mini App step it was. {@code initData},
 * hashes and signatures never appear; the Telegram user id does ({@code identity_provider_user_id}).
 */
public final class MiniAppEvents {

    /** Detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** A Mini App signed its user in (on {@code LOGIN}), or was refused (on {@code LOGIN_ERROR}). */
    public static final String LOGIN = "TELEGRAM_MINI_APP_LOGIN";
    /** An account was created for a new Telegram user and linked (on {@code REGISTER}). */
    public static final String REGISTERED = "TELEGRAM_MINI_APP_REGISTER";
    /** Detail: the bot the Mini App was opened for. */
    public static final String BOT_ID = "telegram_bot_id";
    /** Detail: {@code true} when checked with Telegram's third-party signature. */
    public static final String THIRD_PARTY = "telegram_third_party";
    /** Authentication method of the grant's events and sessions. */
    public static final String AUTH_METHOD = "telegram-mini-app";

    private MiniAppEvents() {
    }
}
