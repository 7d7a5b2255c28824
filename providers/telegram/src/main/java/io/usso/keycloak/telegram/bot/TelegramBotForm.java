package io.usso.keycloak.telegram.bot;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;

import io.usso.keycloak.common.qr.QrSvg;

/**
 * The waiting page ({@value #TEMPLATE} in the {@code usso} login theme): the deep link
 * {@code https://t.me/<bot>?start=<token>} as a link and as a QR code (inline SVG rendered on the server), the number
 * to press in the chat, and the status URL its script long-polls. One template attribute, {@value #ATTRIBUTE}.
 */
final class TelegramBotForm {

    /** Template. */
    static final String TEMPLATE = "usso-telegram-bot.ftl";
    /** Template attribute. */
    static final String ATTRIBUTE = "ussoTgBot";

    private TelegramBotForm() {
    }

    /**
     * @param context the flow
     * @param created the new login and its secrets
     * @param deepLink the deep link
     * @param statusUrl the status URL
     * @param botUsername the bot, without {@code @}
     * @param error a message key to show, or null
     * @param nowSeconds epoch seconds
     * @return the page
     */
    static Response render(AuthenticationFlowContext context, BotLoginStore.Created created, String deepLink,
            String statusUrl, String botUsername, String error, long nowSeconds) {
        Map<String, Object> model = new HashMap<>();
        model.put("available", true);
        model.put("svg", QrSvg.render(deepLink));
        model.put("deepLink", deepLink);
        model.put("bot", botUsername);
        model.put("statusUrl", statusUrl);
        model.put("number", created.login().match() == null ? "" : String.valueOf(created.login().match().number()));
        model.put("expiresIn", Math.max(0, created.login().expiresAt() - nowSeconds));
        LoginFormsProvider form = context.form().setAttribute(ATTRIBUTE, model);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    /**
     * @param context the flow
     * @param error the message key
     * @return the page with only the message and a button to start over
     */
    static Response unavailable(AuthenticationFlowContext context, String error) {
        return context.form().setAttribute(ATTRIBUTE, Map.of("available", false)).setError(error)
                .createForm(TEMPLATE);
    }
}
