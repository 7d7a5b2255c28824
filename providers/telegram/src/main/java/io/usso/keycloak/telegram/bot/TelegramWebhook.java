package io.usso.keycloak.telegram.bot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Contact;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.NumberMatch;
import io.usso.keycloak.common.geo.GeoIpSource;
import io.usso.keycloak.common.geo.GeoPlace;
import io.usso.keycloak.telegram.TelegramSettings;

/**
 * {@code POST /realms/{realm}/telegram/webhook}: the updates Telegram delivers for a tenant's bot.
 *
 * <p>The request must carry {@code X-Telegram-Bot-Api-Secret-Token} equal (constant-time) to the webhook secret of
 * one of the tenant's enabled Telegram identity providers: missing → 401, wrong → 403 (JSON, with an event). That
 * provider's bot is then the one the update is for. A malformed update is a 400; every well-formed update answers
 * 200, also when it is ignored, and each {@code update_id} is handled once cluster-wide (Telegram redelivers until it
 * gets a 2xx). Handled:
 * <ul>
 * <li>{@code /start <token>} in a private chat: the deep link of a waiting sign-in page. The token is single use.
 * The sender's Telegram id must be linked (federated identity of that provider) to a user; otherwise the login is
 * refused and the chat says to link Telegram first. Else the chat asks "Log in to {tenant} from {browser} (address,
 * place from the node's GeoIP table when the QR login's {@code geoip-csv} is configured)?" with
 * three numbers (one is the browser's) and Deny as inline buttons;</li>
 * <li>a button press ({@code callback_query}) of that same Telegram account: the right number approves, a wrong
 * one or Deny refuses; always answered with {@code answerCallbackQuery};</li>
 * <li>a shared contact whose {@code user_id} is the sender's own id: stored as the linked user's verified phone
 * (attributes {@value #PHONE_NUMBER}, {@value #PHONE_NUMBER_VERIFIED}, as the SMS OTP module keeps them); another
 * person's contact is ignored.</li>
 * </ul>
 */
final class TelegramWebhook {

    /** Header Telegram sends with the webhook's secret. */
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Largest update read. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** User attribute of the phone number (as the OTP module: E.164 digits without '+'). */
    static final String PHONE_NUMBER = "phone_number";
    /** User attribute: the phone number was proven. */
    static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";

    private static final Logger LOG = Logger.getLogger(TelegramWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BotApi api;
    private final BotLoginStore store;
    private final TelegramBotEvents events;

    TelegramWebhook(KeycloakSession session, BotApi api) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.api = api;
        this.store = new BotLoginStore(session.singleUseObjects());
        this.events = new TelegramBotEvents(session, realm);
    }

    /**
     * @param secret the secret header, may be null
     * @param body the request body, at most {@link #MAX_BODY_BYTES} + 1 bytes
     * @return the answer
     */
    JsonReply handle(String secret, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            events.webhookRefused("missing_secret");
            return JsonReply.error(401, "unauthorized", "Missing " + SECRET_HEADER);
        }
        Optional<TelegramSettings> bot = botWithSecret(secret);
        if (bot.isEmpty()) {
            events.webhookRefused("wrong_secret");
            return JsonReply.error(403, "forbidden", "Wrong " + SECRET_HEADER);
        }
        if (body.length > MAX_BODY_BYTES) {
            return JsonReply.error(413, "invalid_request", "Update too large");
        }
        Update update;
        try {
            update = JSON.readValue(body, Update.class);
        } catch (IOException | RuntimeException e) {
            events.webhookRefused("malformed_update");
            return JsonReply.error(400, "invalid_request", "Not a Telegram update");
        }
        if (update == null || update.getUpdateId() == null) {
            events.webhookRefused("malformed_update");
            return JsonReply.error(400, "invalid_request", "Update without update_id");
        }
        if (!store.firstDelivery(realm.getId(), bot.get().alias(), update.getUpdateId())) {
            return ok("duplicate");
        }
        try {
            return route(bot.get(), update);
        } catch (RuntimeException e) {
            // a well-formed update with fields in shapes we did not expect: ignored, never a 5xx
            LOG.debugf("Telegram webhook of realm %s: update ignored (%s)", realm.getName(), e.getClass().getSimpleName());
            return ok("unreadable");
        }
    }

    private JsonReply route(TelegramSettings bot, Update update) {
        if (update.hasCallbackQuery()) {
            return callback(bot, update.getCallbackQuery());
        }
        if (!update.hasMessage()) {
            return ok("ignored");
        }
        Message message = update.getMessage();
        User from = message.getFrom();
        if (from == null || from.getId() == null || message.getChat() == null
                || !"private".equals(message.getChat().getType())) {
            return ok("ignored");
        }
        if (message.hasContact()) {
            return contact(bot, message, from);
        }
        if (message.hasText()) {
            String[] parts = message.getText().strip().split("\\s+", 2);
            if (parts[0].equals("/start") || parts[0].equalsIgnoreCase("/start@" + bot.botUsername())) {
                return start(bot, message, from, parts.length > 1 ? parts[1] : null);
            }
        }
        return ok("ignored");
    }

    private JsonReply start(TelegramSettings bot, Message message, User from, String token) {
        BotTexts texts = BotTexts.of(from.getLanguageCode());
        String chat = String.valueOf(message.getChatId());
        if (!BotLoginSecrets.isToken(token)) {
            send(bot, chat, texts.format(BotTexts.START_HELP, tenantName()), null);
            return ok("help");
        }
        long now = Time.currentTimeSeconds();
        String loginId = store.claimStart(realm.getId(), token);
        BotLogin login = store.find(loginId);
        if (login == null || login.isExpired(now) || !login.realmId().equals(realm.getId())
                || !login.idpAlias().equals(bot.alias())) {
            events.denied(login, null, String.valueOf(from.getId()), "invalid_token");
            send(bot, chat, texts.format(BotTexts.EXPIRED), null);
            return ok("expired");
        }
        String telegramId = String.valueOf(from.getId());
        UserModel user = linkedUser(bot, telegramId);
        if (user == null) {
            store.decide(login, new BotLoginOutcome(BotLoginStatus.DENIED, null, BotLoginOutcome.NOT_LINKED), now);
            events.denied(login, null, telegramId, BotLoginOutcome.NOT_LINKED);
            send(bot, chat, texts.format(BotTexts.NOT_LINKED, tenantName()), null);
            return ok("not_linked");
        }
        String prompt = store.prompt(login, telegramId, user.getId(), now);
        List<InlineKeyboardButton> buttons = new ArrayList<>();
        if (login.match() != null) {
            for (int choice : login.match().choices()) {
                buttons.add(button(String.valueOf(choice), "n:" + prompt + ":" + choice));
            }
        } else {
            buttons.add(button(texts.format(BotTexts.APPROVE), "a:" + prompt));
        }
        buttons.add(button(texts.format(BotTexts.DENY), "d:" + prompt));
        String device = login.device().summary();
        String address = login.device().ip() == null ? "?" : login.device().ip();
        GeoPlace place = GeoIpSource.of(session).lookup(login.device().ip());
        if (place != null) {
            address = address + ", " + place.describe(texts.locale());
        }
        String text = texts.format(BotTexts.ASK, tenantName(), device, address)
                + (login.match() != null ? "\n" + texts.format(BotTexts.ASK_NUMBER) : "");
        send(bot, chat, text, InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(buttons)).build());
        return ok("asked");
    }

    private JsonReply callback(TelegramSettings bot, CallbackQuery query) {
        User from = query.getFrom();
        String data = query.getData();
        if (from == null || from.getId() == null || data == null || data.length() > 64) {
            answer(bot, query, null);
            return ok("ignored");
        }
        BotTexts texts = BotTexts.of(from.getLanguageCode());
        String[] parts = data.split(":", 3);
        String kind = parts[0];
        String promptId = parts.length > 1 ? parts[1] : null;
        BotLoginStore.Prompt prompt = BotLoginSecrets.isToken(promptId) ? store.findPrompt(promptId) : null;
        if (prompt == null) {
            answer(bot, query, texts.format(BotTexts.EXPIRED));
            return ok("expired");
        }
        String telegramId = String.valueOf(from.getId());
        if (!MessageDigest.isEqual(prompt.telegramUserId().getBytes(StandardCharsets.UTF_8),
                telegramId.getBytes(StandardCharsets.UTF_8))) {
            answer(bot, query, texts.format(BotTexts.NOT_YOURS));
            return ok("not_yours");
        }
        long now = Time.currentTimeSeconds();
        BotLogin login = store.find(prompt.loginId());
        UserModel user = session.users().getUserById(realm, prompt.userId());
        if (login == null || login.isExpired(now) || user == null) {
            if (login != null) {
                store.decide(login, new BotLoginOutcome(BotLoginStatus.EXPIRED, null, BotLoginOutcome.EXPIRED), now);
            }
            answer(bot, query, texts.format(BotTexts.EXPIRED));
            return ok("expired");
        }
        BotLoginOutcome outcome = decision(login, kind, parts.length > 2 ? parts[2] : null, user.getId());
        if (!store.decide(login, outcome, now)) {
            answer(bot, query, texts.format(BotTexts.ALREADY));
            closeQuestion(bot, query, texts.format(BotTexts.ALREADY));
            return ok("already");
        }
        if (outcome.status() == BotLoginStatus.APPROVED) {
            events.approved(login, user, telegramId);
            answer(bot, query, texts.format(BotTexts.APPROVED));
            closeQuestion(bot, query, texts.format(BotTexts.APPROVED));
            String chat = String.valueOf(from.getId());
            if (!"true".equalsIgnoreCase(user.getFirstAttribute(PHONE_NUMBER_VERIFIED))) {
                send(bot, chat, texts.format(BotTexts.SHARE_PHONE, tenantName()), shareKeyboard(texts));
            }
            return ok("approved");
        }
        events.denied(login, user, telegramId, outcome.reason());
        String deniedText = texts.format(BotLoginOutcome.WRONG_NUMBER.equals(outcome.reason()) ? BotTexts.WRONG_NUMBER
                : BotTexts.DENIED);
        answer(bot, query, deniedText);
        closeQuestion(bot, query, deniedText);
        return ok("denied");
    }

    /**
     * @param login the login
     * @param kind {@code n} (a number), {@code a} (approve, number matching off), {@code d} (deny)
     * @param picked the pressed number for {@code n}
     * @param userId the linked user
     * @return the decision: only the browser's number (or Approve when matching is off) approves
     */
    static BotLoginOutcome decision(BotLogin login, String kind, String picked, String userId) {
        boolean approve = switch (kind) {
            case "n" -> login.match() != null && login.match().isRight(NumberMatch.parsePick(picked));
            case "a" -> login.match() == null;
            default -> false;
        };
        if (approve) {
            return new BotLoginOutcome(BotLoginStatus.APPROVED, userId, null);
        }
        return new BotLoginOutcome(BotLoginStatus.DENIED, userId,
                "d".equals(kind) ? BotLoginOutcome.DENIED_IN_CHAT : BotLoginOutcome.WRONG_NUMBER);
    }

    private JsonReply contact(TelegramSettings bot, Message message, User from) {
        BotTexts texts = BotTexts.of(from.getLanguageCode());
        String chat = String.valueOf(message.getChatId());
        Contact contact = message.getContact();
        if (contact.getUserId() == null || !contact.getUserId().equals(from.getId())) {
            send(bot, chat, texts.format(BotTexts.OWN_CONTACT), null);
            return ok("not_own_contact");
        }
        String telegramId = String.valueOf(from.getId());
        UserModel user = linkedUser(bot, telegramId);
        if (user == null) {
            send(bot, chat, texts.format(BotTexts.NOT_LINKED, tenantName()), removeKeyboard());
            return ok("not_linked");
        }
        String digits = contact.getPhoneNumber() == null ? "" : contact.getPhoneNumber().replaceAll("[^0-9]", "");
        if (digits.length() < 6 || digits.length() > 15) {
            return ok("ignored");
        }
        boolean taken = session.users().searchForUserByUserAttributeStream(realm, PHONE_NUMBER, digits).limit(10)
                .anyMatch(other -> !other.getId().equals(user.getId())
                        && "true".equalsIgnoreCase(other.getFirstAttribute(PHONE_NUMBER_VERIFIED)));
        if (taken) {
            send(bot, chat, texts.format(BotTexts.PHONE_TAKEN), removeKeyboard());
            return ok("phone_taken");
        }
        user.setSingleAttribute(PHONE_NUMBER, digits);
        user.setSingleAttribute(PHONE_NUMBER_VERIFIED, "true");
        events.phoneShared(user, bot.alias(), telegramId);
        send(bot, chat, texts.format(BotTexts.PHONE_SAVED), removeKeyboard());
        return ok("phone_saved");
    }

    /** The user whose federated identity of this bot's provider is that Telegram account, or null. */
    private UserModel linkedUser(TelegramSettings bot, String telegramId) {
        return session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(bot.alias(), telegramId, null));
    }

    /** The enabled Telegram provider of this tenant whose webhook secret is {@code secret} (constant-time). */
    private Optional<TelegramSettings> botWithSecret(String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        TelegramSettings match = null;
        for (IdentityProviderModel model : session.identityProviders()
                .getAllStream(Map.of(IdentityProviderModel.ENABLED, "true"), null, null)
                .filter(m -> TelegramSettings.PROVIDER_ID.equals(m.getProviderId())).toList()) {
            TelegramSettings bot = TelegramSettings.of(session, model);
            if (!bot.webhookSecret().isEmpty()
                    && MessageDigest.isEqual(bot.webhookSecret().getBytes(StandardCharsets.UTF_8), given)
                    && match == null) {
                match = bot;
            }
        }
        return Optional.ofNullable(match);
    }

    private String tenantName() {
        String display = realm.getDisplayName();
        return display == null || display.isBlank() ? realm.getName() : display;
    }

    private static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }

    private static ReplyKeyboard shareKeyboard(BotTexts texts) {
        return ReplyKeyboardMarkup.builder()
                .keyboardRow(new KeyboardRow(KeyboardButton.builder().text(texts.format(BotTexts.SHARE_BUTTON))
                        .requestContact(true).build()))
                .oneTimeKeyboard(true).resizeKeyboard(true).build();
    }

    private static ReplyKeyboard removeKeyboard() {
        return ReplyKeyboardRemove.builder().removeKeyboard(true).build();
    }

    private void send(TelegramSettings bot, String chatId, String text, ReplyKeyboard markup) {
        try {
            api.call(bot, SendMessage.builder().chatId(chatId).text(text).replyMarkup(markup).build());
        } catch (BotApiException e) {
            LOG.infof("Telegram bot of realm %s: %s", realm.getName(), e.getMessage());
        }
    }

    /**
     * Replaces the answered question in the chat by its outcome, without buttons, so that an old question cannot be
     * pressed again and the chat shows what happened. Only when Telegram says which message the buttons were on.
     */
    private void closeQuestion(TelegramSettings bot, CallbackQuery query, String text) {
        if (query.getMessage() == null || query.getMessage().getChatId() == null
                || query.getMessage().getMessageId() == null || text == null) {
            return;
        }
        try {
            api.call(bot, EditMessageText.builder().chatId(query.getMessage().getChatId())
                    .messageId(query.getMessage().getMessageId()).text(text).build());
        } catch (BotApiException e) {
            LOG.infof("Telegram bot of realm %s: %s", realm.getName(), e.getMessage());
        }
    }

    private void answer(TelegramSettings bot, CallbackQuery query, String text) {
        if (query.getId() == null) {
            return;
        }
        try {
            api.call(bot, AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(text).build());
        } catch (BotApiException e) {
            LOG.infof("Telegram bot of realm %s: %s", realm.getName(), e.getMessage());
        }
    }

    private static JsonReply ok(String result) {
        return JsonReply.json(200, Map.of("ok", true, "result", result));
    }
}
