package io.usso.keycloak.telegram.proof;

import java.security.PublicKey;
import java.util.Set;

/**
 * What a tenant trusts when checking Mini App {@code initData}.
 *
 * @param botId the tenant's own bot id (the part of the bot token before the colon), may be empty
 * @param botToken the tenant's bot token (HMAC check of its own Mini Apps), may be empty
 * @param thirdPartyBotIds other bots whose Mini Apps' data is accepted through Telegram's Ed25519 signature
 * @param telegramKey Telegram's Ed25519 public key for that signature, null when misconfigured (third-party data is
 *        then refused)
 * @param maxAgeSeconds the oldest {@code auth_date} accepted
 */
public record InitDataTrust(String botId, String botToken, Set<String> thirdPartyBotIds, PublicKey telegramKey,
        long maxAgeSeconds) {

    /** Copies the set; nulls become empty. */
    public InitDataTrust {
        botId = botId == null ? "" : botId;
        botToken = botToken == null ? "" : botToken;
        thirdPartyBotIds = thirdPartyBotIds == null ? Set.of() : Set.copyOf(thirdPartyBotIds);
    }

    @Override
    public String toString() {
        // never the token
        return "InitDataTrust[bot " + botId + ", third parties " + thirdPartyBotIds + ", max age " + maxAgeSeconds
                + " s]";
    }
}
