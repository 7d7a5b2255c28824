package io.usso.keycloak.telegram.bot;

import java.util.Locale;
import java.util.Map;

/**
 * What the bot writes in the chat, in English and Persian (picked by the Telegram user's {@code language_code}).
 * Placeholders are {@code {0}}, {@code {1}}, filled by {@link #format}; values are plain text (messages are sent
 * without {@code parse_mode}, so nothing in them is markup).
 */
final class BotTexts {

    static final String ASK = "ask";
    static final String ASK_NUMBER = "askNumber";
    static final String DENY = "deny";
    static final String APPROVE = "approve";
    static final String NOT_LINKED = "notLinked";
    static final String EXPIRED = "expired";
    static final String START_HELP = "startHelp";
    static final String APPROVED = "approved";
    static final String DENIED = "denied";
    static final String WRONG_NUMBER = "wrongNumber";
    static final String ALREADY = "already";
    static final String NOT_YOURS = "notYours";
    static final String SHARE_PHONE = "sharePhone";
    static final String SHARE_BUTTON = "shareButton";
    static final String PHONE_SAVED = "phoneSaved";
    static final String OWN_CONTACT = "ownContact";
    static final String PHONE_TAKEN = "phoneTaken";

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry(ASK, "Log in to {0} from {1} ({2})?"),
            Map.entry(ASK_NUMBER, "Press the number shown in that browser. If you did not just try to sign in, press Deny."),
            Map.entry(DENY, "Deny"),
            Map.entry(APPROVE, "Approve"),
            Map.entry(NOT_LINKED, "This Telegram account is not linked to an account of {0}. Sign in another way and "
                    + "link Telegram to your account first."),
            Map.entry(EXPIRED, "This sign-in link has expired or was already used. Start again from the sign-in page."),
            Map.entry(START_HELP, "To sign in, open the sign-in page of {0} and choose \"Confirm in Telegram\"."),
            Map.entry(APPROVED, "Signed in. You can return to your browser."),
            Map.entry(DENIED, "Sign-in denied."),
            Map.entry(WRONG_NUMBER, "That was not the number shown. The sign-in was cancelled for your safety."),
            Map.entry(ALREADY, "This sign-in was already answered."),
            Map.entry(NOT_YOURS, "This request is not for you."),
            Map.entry(SHARE_PHONE, "You can also share your phone number with {0}: it is then stored as verified."),
            Map.entry(SHARE_BUTTON, "Share my phone number"),
            Map.entry(PHONE_SAVED, "Your phone number was saved as verified."),
            Map.entry(OWN_CONTACT, "Please share your own contact with the button."),
            Map.entry(PHONE_TAKEN, "This phone number already belongs to another account."));

    private static final Map<String, String> FA = Map.ofEntries(
            Map.entry(ASK, "ورود به {0} از {1} ({2})؟"),
            Map.entry(ASK_NUMBER, "عددی را که در آن مرورگر نمایش داده شده بزنید. اگر همین حالا قصد ورود نداشتید، «رد» را بزنید."),
            Map.entry(DENY, "رد"),
            Map.entry(APPROVE, "تأیید"),
            Map.entry(NOT_LINKED, "این حساب تلگرام به هیچ حسابی در {0} متصل نیست. ابتدا از راه دیگری وارد شوید و "
                    + "تلگرام را به حساب خود متصل کنید."),
            Map.entry(EXPIRED, "این پیوند ورود منقضی شده یا قبلاً استفاده شده است. از صفحهٔ ورود دوباره شروع کنید."),
            Map.entry(START_HELP, "برای ورود، صفحهٔ ورود {0} را باز کنید و «تأیید در تلگرام» را انتخاب کنید."),
            Map.entry(APPROVED, "وارد شدید. می‌توانید به مرورگر خود برگردید."),
            Map.entry(DENIED, "ورود رد شد."),
            Map.entry(WRONG_NUMBER, "این عدد نمایش داده‌شده نبود. برای امنیت شما ورود لغو شد."),
            Map.entry(ALREADY, "به این درخواست ورود قبلاً پاسخ داده شده است."),
            Map.entry(NOT_YOURS, "این درخواست برای شما نیست."),
            Map.entry(SHARE_PHONE, "می‌توانید شمارهٔ تلفن خود را با {0} به اشتراک بگذارید تا به‌عنوان شمارهٔ تأییدشده ذخیره شود."),
            Map.entry(SHARE_BUTTON, "اشتراک شمارهٔ تلفن من"),
            Map.entry(PHONE_SAVED, "شمارهٔ تلفن شما به‌عنوان تأییدشده ذخیره شد."),
            Map.entry(OWN_CONTACT, "لطفاً مخاطب خودتان را با دکمه به اشتراک بگذارید."),
            Map.entry(PHONE_TAKEN, "این شمارهٔ تلفن متعلق به حساب دیگری است."));

    private final Map<String, String> texts;
    private final Locale locale;

    private BotTexts(Map<String, String> texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    /** @return the texts' language (for country names) */
    Locale locale() {
        return locale;
    }

    /**
     * @param languageCode Telegram's {@code language_code} of the user, may be null
     * @return Persian texts for {@code fa}, English otherwise
     */
    static BotTexts of(String languageCode) {
        return languageCode != null && languageCode.toLowerCase(Locale.ROOT).startsWith("fa")
                ? new BotTexts(FA, Locale.forLanguageTag("fa")) : new BotTexts(EN, Locale.ENGLISH);
    }

    /**
     * @param key a text key
     * @param args values for {@code {0}}, {@code {1}}...
     * @return the text
     */
    String format(String key, String... args) {
        String text = texts.getOrDefault(key, EN.get(key));
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", args[i] == null ? "" : args[i]);
        }
        return text;
    }
}
