package io.usso.keycloak.telegram.proof;

import java.util.Map;

/**
 * A Mini App's {@code initData} after {@link InitDataVerifier} accepted it.
 *
 * @param botId the bot the data was signed for (the tenant's own, or a listed third-party bot)
 * @param thirdParty whether it was checked with Telegram's Ed25519 signature rather than the bot token
 * @param authDate {@code auth_date}, epoch seconds
 * @param user the signed-in Telegram user
 * @param fields every received field (decoded) except {@code hash} and {@code signature}
 */
public record InitData(String botId, boolean thirdParty, long authDate, InitDataUser user,
        Map<String, String> fields) {

    /** Copies the fields. */
    public InitData {
        fields = Map.copyOf(fields);
    }

    /** @return {@code query_id}, or null */
    public String queryId() {
        return fields.get("query_id");
    }

    /** @return {@code start_param}, or null */
    public String startParam() {
        return fields.get("start_param");
    }
}
