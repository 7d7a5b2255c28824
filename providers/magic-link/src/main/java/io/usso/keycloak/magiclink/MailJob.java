package io.usso.keycloak.magiclink;

/**
 * One magic-link e-mail to send off the request thread. Holds the link (it is the e-mail's content) only in memory,
 * never in logs or events.
 *
 * @param realmId the tenant
 * @param userId the recipient account, null for a registration link
 * @param email the address of a registration link, else null (the account's address is used)
 * @param clientId the client the link is for (events)
 * @param link the URL to open
 * @param lifetimeSeconds how long the link works
 * @param device who asked, as shown to people
 * @param requestedAt epoch seconds
 * @param locale language tag of the asking page, null for the account's own
 */
public record MailJob(String realmId, String userId, String email, String clientId, String link,
        long lifetimeSeconds, String device, long requestedAt, String locale) {

    /** @return the lifetime rounded up to whole minutes, at least 1 */
    public long lifetimeMinutes() {
        return Math.max(1, (lifetimeSeconds + 59) / 60);
    }

    @Override
    public String toString() {
        // never print the link
        return "MailJob[realm=" + realmId + ", user=" + userId + ", client=" + clientId + "]";
    }
}
