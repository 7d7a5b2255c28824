package io.usso.keycloak.telegram.bot;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OutboundHttpException;
import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.common.http.OutboundPolicy;
import io.usso.keycloak.common.http.OutboundRequest;
import io.usso.keycloak.common.http.OutboundResponse;
import io.usso.keycloak.telegram.TelegramSettings;

/**
 * The Telegram Bot API client of the bot-confirmed login: {@code POST {botApiBaseUrl}/bot<token>/<method>} with the
 * method (a telegrambots-meta type: {@code SendMessage}, {@code AnswerCallbackQuery}, {@code SetWebhook}) as JSON,
 * through USSO's {@link OutboundHttpGuard} (allow-list, public addresses only, no redirects, timeouts), and the
 * answer read back with the method's own {@code deserializeResponse}. The URL carries the bot token, so neither the
 * URL nor the body reaches a log line or an exception message here: failures name the method and the reason only.
 *
 * <p>Thread-safe; one per provider factory.
 */
public final class BotApi {

    /** Telegram's token shape: the bot id, a colon, the secret (it becomes a path segment, so nothing else). */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final OutboundHttpGuard guard;
    private final OutboundPolicy policy;

    /**
     * @param guard the outbound guard
     * @param allowedHosts the hosts Bot API base URLs may name (Telegram's is added by the factory)
     */
    public BotApi(OutboundHttpGuard guard, AllowList allowedHosts) {
        this.guard = guard;
        this.policy = OutboundPolicy.allowing(allowedHosts).withConnectTimeout(Duration.ofSeconds(3))
                .withTotalTimeout(Duration.ofSeconds(8));
    }

    /**
     * @param bot the tenant's bot (token and base URL)
     * @param method the call
     * @param <T> what the method answers
     * @return the method's result
     * @throws BotApiException when the call was refused, failed, or Telegram answered with an error
     */
    public <T extends Serializable> T call(TelegramSettings bot, PartialBotApiMethod<T> method) throws BotApiException {
        String name = method.getMethod();
        if (!TOKEN.matcher(bot.botToken()).matches()) {
            throw new BotApiException(name + ": the identity provider " + bot.alias() + " has no valid bot token");
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(method);
        } catch (JsonProcessingException e) {
            throw new BotApiException(name + ": cannot serialise the request");
        }
        OutboundResponse response;
        try {
            response = guard.send(OutboundRequest.post(url(bot.botApiBaseUrl(), bot.botToken(), name),
                    Map.of("Accept", "application/json"), body, "application/json"), policy);
        } catch (OutboundHttpException e) {
            throw new BotApiException(name + ": " + e.reason().code() + " calling " + e.host());
        }
        if (response.truncated()) {
            throw new BotApiException(name + ": answer too large");
        }
        try {
            return method.deserializeResponse(response.text());
        } catch (TelegramApiRequestException e) {
            // Telegram's description, not ours: keep it short and never with the URL
            String description = e.getApiResponse() == null ? "unreadable answer"
                    : e.getApiResponse().replaceAll("\\p{Cntrl}", " ");
            throw new BotApiException(name + ": HTTP " + response.status() + ", "
                    + (description.length() > 200 ? description.substring(0, 200) : description));
        } catch (RuntimeException e) {
            throw new BotApiException(name + ": HTTP " + response.status() + ", unreadable answer");
        }
    }

    /**
     * @param base the Bot API base URL
     * @param token the bot token
     * @param method the method name
     * @return {@code base/bot<token>/<method>}
     */
    static String url(URI base, String token, String method) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/bot" + token + "/" + method;
    }
}
