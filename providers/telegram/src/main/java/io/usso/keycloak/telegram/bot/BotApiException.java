package io.usso.keycloak.telegram.bot;

/**
 * A Bot API call that did not succeed: refused by the outbound guard, no answer in time, or an answer with
 * {@code "ok": false}. The message names the method and the reason, never the bot token (it is part of the URL).
 */
public final class BotApiException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, without the token
     */
    public BotApiException(String message) {
        super(message);
    }
}
