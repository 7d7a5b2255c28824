package io.usso.keycloak.telegram.proof;

/**
 * The Telegram user of a Mini App's {@code initData} (its {@code user} JSON object). Optional fields are null when
 * Telegram did not send them.
 *
 * @param id the Telegram user id (the federated identity's user id)
 * @param firstName first name
 * @param lastName last name, may be null
 * @param username Telegram username without {@code @}, may be null
 * @param photoUrl profile photo URL, may be null
 * @param languageCode IETF language tag of the user's Telegram client, may be null
 */
public record InitDataUser(long id, String firstName, String lastName, String username, String photoUrl,
        String languageCode) {

    /** @return the id as the federated identity's user id */
    public String idString() {
        return Long.toString(id);
    }
}
