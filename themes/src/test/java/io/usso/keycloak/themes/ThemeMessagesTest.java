package io.usso.keycloak.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThemeMessagesTest {

    /** Keycloak keys we deliberately override; every other key must carry the usso prefix. */
    private static final Set<String> OVERRIDDEN_KEYCLOAK_KEYS = Set.of(
            "loginTitle", "loginTitleHtml", // login (keycloak.v2 / base)
            "logo",                                               // account (keycloak.v3 masthead alt text)
            // login and email: Keycloak's organization pages and invitation mail say "workspace"
            "organization.confirm-membership.title", "organization.confirm-membership",
            "organization.member.register.title", "organization.select", "doSwitchOrganization",
            "organizationScopeConsentText", "notMemberOfOrganization", "notMemberOfAnyOrganization", "orgMemberAlready",
            "orgDisabledMessage", "orgInviteSubject", "orgInviteBody", "orgInviteBodyHtml", "orgInviteBodyPersonalized",
            "orgInviteBodyPersonalizedHtml");

    /** Persian values allowed to be Latin only: the brand name is not translated. */
    private static final Set<String> LATIN_IN_PERSIAN = Set.of("ussoBrandName");

    /** Bundles rendered by Keycloak with java.text.MessageFormat (the account console uses i18next instead). */
    private static final Set<String> MESSAGE_FORMAT_TYPES = Set.of("login", "email");

    private static final Pattern ARABIC_SCRIPT = Pattern.compile("\\p{IsArabic}");
    private static final Pattern MESSAGE_FORMAT_ARG = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern I18NEXT_ARG = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*}}");

    // ------------------------------------------------------------------ (a) same keys in en and fa

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void englishAndPersianHaveTheSameKeys(String type) {
        Set<String> en = new TreeSet<>(ThemeFiles.load(ThemeFiles.messages(type, "en")).stringPropertyNames());
        Set<String> fa = new TreeSet<>(ThemeFiles.load(ThemeFiles.messages(type, "fa")).stringPropertyNames());
        fa.removeAll(keycloakOverrides(type));

        Set<String> missingInFa = new TreeSet<>(en);
        missingInFa.removeAll(fa);
        Set<String> missingInEn = new TreeSet<>(fa);
        missingInEn.removeAll(en);

        assertTrue(missingInFa.isEmpty(), type + ": keys missing in messages_fa: " + missingInFa);
        assertTrue(missingInEn.isEmpty(), type + ": keys missing in messages_en: " + missingInEn);
        assertFalse(en.isEmpty(), type + ": no messages at all");
    }

    /** The marker after which a Persian file corrects Keycloak's own Persian texts (no English counterpart). */
    static final String KEYCLOAK_OVERRIDES = "# keycloak-overrides:";

    /** @return keys of the type's Persian file after {@link #KEYCLOAK_OVERRIDES}: Keycloak's keys, not ours */
    static Set<String> keycloakOverrides(String type) {
        Set<String> keys = new TreeSet<>();
        try {
            boolean after = false;
            for (String line : ThemeFiles.readUtf8Strictly(ThemeFiles.messages(type, "fa")).split("\n")) {
                if (line.startsWith(KEYCLOAK_OVERRIDES)) {
                    after = true;
                } else if (after && !line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    keys.add(line.substring(0, line.indexOf('=')).strip());
                }
            }
        } catch (CharacterCodingException e) {
            fail(e.toString());
        }
        return keys;
    }

    @Test
    void keycloakOverridesAreKeycloakKeysNotOurs() {
        for (String type : List.of("login", "account")) {
            Set<String> overrides = keycloakOverrides(type);
            assertFalse(overrides.isEmpty(), type);
            for (String key : overrides) {
                assertFalse(key.startsWith("usso"), type + ": our own key among Keycloak's: " + key);
            }
        }
        assertTrue(keycloakOverrides("login").contains("doForgotPassword"), "\"کرده\u200cاید\" with its half-space");
        assertTrue(keycloakOverrides("account").contains("personalInfoDescription"), "\"اطلاعات\", not \"اطلاعت\"");
    }

    // ------------------------------------------------------------------ (b) Persian is Persian

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void persianValuesAreWrittenInArabicScript(String type) {
        Properties fa = ThemeFiles.load(ThemeFiles.messages(type, "fa"));
        List<String> latinOnly = new ArrayList<>();
        for (String key : fa.stringPropertyNames()) {
            if (LATIN_IN_PERSIAN.contains(key) || key.equals("ussoTextDirection")) {
                continue;
            }
            if (!ARABIC_SCRIPT.matcher(fa.getProperty(key)).find()) {
                latinOnly.add(key);
            }
        }
        assertTrue(latinOnly.isEmpty(), type + ": Persian values without any Persian letter: " + latinOnly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void persianValuesDifferFromEnglish(String type) {
        Properties en = ThemeFiles.load(ThemeFiles.messages(type, "en"));
        Properties fa = ThemeFiles.load(ThemeFiles.messages(type, "fa"));
        List<String> untranslated = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            if (!LATIN_IN_PERSIAN.contains(key) && en.getProperty(key).equals(fa.getProperty(key))) {
                untranslated.add(key);
            }
        }
        assertTrue(untranslated.isEmpty(), type + ": copied from English: " + untranslated);
    }

    // ------------------------------------------------------------------ (c) UTF-8, no replacement characters

    @Test
    void everyPropertiesFileIsCleanUtf8() throws Exception {
        List<Path> files = ThemeFiles.filesUnder(ThemeFiles.themeDir(), ".properties");
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String text;
            try {
                text = ThemeFiles.readUtf8Strictly(file);
            } catch (CharacterCodingException e) {
                fail(file + " is not valid UTF-8: " + e);
                return;
            }
            assertEquals(-1, text.indexOf('\uFFFD'), file + " contains U+FFFD (a character was lost in an encoding round trip)");
            assertFalse(text.startsWith("\uFEFF"), file + " starts with a byte order mark");
            ThemeFiles.load(file); // parses, no duplicate keys
        }
    }

    @Test
    void themePropertiesAreAscii() throws Exception {
        // theme.properties may be read as ISO-8859-1 by some Keycloak code paths; keep it plain ASCII
        for (String type : ThemeFiles.TYPES) {
            Path file = ThemeFiles.typeDir(type).resolve("theme.properties");
            String text = ThemeFiles.readUtf8Strictly(file);
            assertTrue(text.chars().allMatch(c -> c < 0x80), file + " contains non-ASCII characters");
        }
    }

    // ------------------------------------------------------------------ conventions and formatting

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void ownKeysUseTheUssoPrefix(String type) {
        for (String key : ThemeFiles.load(ThemeFiles.messages(type, "en")).stringPropertyNames()) {
            boolean ok = key.startsWith("usso")
                    || key.equals("theme.usso." + type + ".description")
                    || OVERRIDDEN_KEYCLOAK_KEYS.contains(key);
            assertTrue(ok, type + ": key without the usso prefix: " + key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void placeholdersMatchBetweenLanguages(String type) {
        Pattern arg = MESSAGE_FORMAT_TYPES.contains(type) ? MESSAGE_FORMAT_ARG : I18NEXT_ARG;
        Properties en = ThemeFiles.load(ThemeFiles.messages(type, "en"));
        Properties fa = ThemeFiles.load(ThemeFiles.messages(type, "fa"));
        for (String key : en.stringPropertyNames()) {
            if (!fa.containsKey(key)) {
                continue; // reported by englishAndPersianHaveTheSameKeys
            }
            assertEquals(arguments(arg, en.getProperty(key)), arguments(arg, fa.getProperty(key)),
                    type + ": placeholders differ between en and fa for " + key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "email"})
    void messageFormatValuesAreValidAndKeepTheirApostrophes(String type) {
        for (String language : ThemeFiles.LANGUAGES) {
            Properties messages = ThemeFiles.load(ThemeFiles.messages(type, language));
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                // Keycloak always runs values through MessageFormat: a single ' starts a quoted section
                // and silently swallows text. Apostrophes must be doubled.
                assertFalse(value.replace("''", "").contains("'"),
                        type + "/" + language + ": single apostrophe in " + key + " (write it as '')");
                try {
                    // ${kc.org.name} and the like: Keycloak's own expressions, replaced before MessageFormat runs
                    new MessageFormat(value.replaceAll("\\$\\{kc\\.[\\w.]+}", "x"), Locale.forLanguageTag(language));
                } catch (IllegalArgumentException e) {
                    fail(type + "/" + language + ": " + key + " is not a valid MessageFormat pattern: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void accountValuesAreI18nextStrings() {
        for (String language : ThemeFiles.LANGUAGES) {
            Properties messages = ThemeFiles.load(ThemeFiles.messages("account", language));
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                assertFalse(value.contains("''"), "account/" + language + ": i18next shows '' literally in " + key);
                assertFalse(MESSAGE_FORMAT_ARG.matcher(value.replaceAll(I18NEXT_ARG.pattern(), "")).find(),
                        "account/" + language + ": MessageFormat placeholder in " + key + " (use {{name}})");
            }
        }
    }

    // ------------------------------------------------------------------ the keys the USSO pages and emails rely on

    @Test
    void loginBundleHasTheKeysTheUssoPagesNeed() {
        Properties en = ThemeFiles.load(ThemeFiles.messages("login", "en"));
        for (String key : List.of(
                "loginTitle", "loginTitleHtml",
                "ussoMagicLinkTitle", "ussoMagicLinkSend", "ussoMagicLinkSentTitle", "ussoMagicLinkConfirmTitle",
                "ussoMagicLinkConfirmButton", "ussoMagicLinkExpired", "ussoMagicLinkUsed",
                "ussoMagicLinkReturnToFirstWindow",
                "ussoOtpTitle", "ussoOtpLabel", "ussoOtpResendIn", "ussoOtpTooManyAttempts", "ussoOtpSendFailed",
                "ussoTryAgain",
                "ussoQrScan", "ussoQrWaiting", "ussoQrPickNumber", "ussoQrApprove", "ussoQrDeny", "ussoQrDenied",
                "ussoQrExpired",
                "ussoApiKeysTitle", "ussoApiKeyCreate", "ussoApiKeyName", "ussoApiKeyScopes", "ussoApiKeyExpires",
                "ussoApiKeyRevoke", "ussoApiKeyRotate", "ussoApiKeyCopyNow",
                "ussoErrorGeneric", "ussoErrorSessionExpired")) {
            assertTrue(en.containsKey(key), "login: missing " + key);
        }
        assertTrue(en.getProperty("loginTitle").contains("{0}"), "loginTitle must show the realm name");
        assertTrue(en.getProperty("loginTitleHtml").contains("{0}"), "loginTitleHtml must show the realm name");
    }

    @Test
    void emailBundleHasSubjectsBodiesAndDirection() {
        Properties en = ThemeFiles.load(ThemeFiles.messages("email", "en"));
        Properties fa = ThemeFiles.load(ThemeFiles.messages("email", "fa"));
        assertEquals("ltr", en.getProperty("ussoTextDirection"));
        assertEquals("rtl", fa.getProperty("ussoTextDirection"));
        for (String body : List.of("ussoMagicLinkBody", "ussoMagicLinkBodyHtml", "ussoOtpBody", "ussoOtpBodyHtml")) {
            assertEquals(Set.of(0, 1, 2, 3, 4), arguments(MESSAGE_FORMAT_ARG, en.getProperty(body)),
                    body + " must use {0}..{4} (value, minutes, device, time, realm)");
        }
        for (String subject : List.of("ussoMagicLinkSubject", "ussoOtpSubject")) {
            assertEquals(Set.of(0), arguments(MESSAGE_FORMAT_ARG, en.getProperty(subject)), subject + " takes the realm name");
        }
    }

    @Test
    void bundlesExistForEveryTypeAndLanguage() {
        for (String type : ThemeFiles.TYPES) {
            for (String language : ThemeFiles.LANGUAGES) {
                assertTrue(Files.isRegularFile(ThemeFiles.messages(type, language)), type + " messages_" + language);
            }
        }
    }

    private static Set<Object> arguments(Pattern pattern, String value) {
        Set<Object> found = new TreeSet<>();
        Matcher m = pattern.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            found.add(name.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(name) : name);
        }
        return found;
    }
}
