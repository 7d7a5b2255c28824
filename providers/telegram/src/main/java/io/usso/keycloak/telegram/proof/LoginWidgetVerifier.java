package io.usso.keycloak.telegram.proof;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.models.RealmModel;

/**
 * Checks Telegram Login Widget data as Telegram specifies
 * (<a href="https://core.telegram.org/widgets/login#checking-authorization">checking authorization</a>):
 * {@code hex(HMAC-SHA-256(SHA-256(bot token), data-check-string))} equals the received {@code hash} (compared in
 * constant time); {@code auth_date} is not older than the tenant's maximum age nor in the future beyond
 * {@value #CLOCK_SKEW_SECONDS} seconds; and the hash was never accepted before in this tenant (cluster-wide,
 * {@link ProofReplay} kind {@value #REPLAY_KIND}). The replay claim is taken last, so only data that is otherwise
 * valid uses up its hash.
 */
public final class LoginWidgetVerifier {

    /** The {@link ProofReplay} kind of widget hashes. */
    public static final String REPLAY_KIND = "widget";
    /** How far {@code auth_date} may lie in the future (clocks of Telegram and this server differ). */
    public static final long CLOCK_SKEW_SECONDS = 30;

    private final byte[] secretKey;
    private final long maxAgeSeconds;
    private final LongSupplier nowSeconds;
    private final ProofReplay replay;

    /**
     * @param botToken the tenant's bot token
     * @param maxAgeSeconds the oldest {@code auth_date} accepted, in seconds
     * @param nowSeconds the current Unix time
     * @param replay the cluster-wide single-use check
     */
    public LoginWidgetVerifier(String botToken, long maxAgeSeconds, LongSupplier nowSeconds, ProofReplay replay) {
        this.secretKey = sha256(botToken.getBytes(StandardCharsets.UTF_8));
        this.maxAgeSeconds = maxAgeSeconds;
        this.nowSeconds = nowSeconds;
        this.replay = replay;
    }

    /**
     * @param realm the tenant
     * @param data the received data
     * @throws LoginWidgetRefusedException {@link LoginWidgetRefusal#BAD_HASH}, {@link LoginWidgetRefusal#EXPIRED},
     *         {@link LoginWidgetRefusal#FUTURE} or {@link LoginWidgetRefusal#REPLAYED}
     */
    public void verify(RealmModel realm, LoginWidgetData data) throws LoginWidgetRefusedException {
        byte[] expected = hmac(secretKey, data.dataCheckString());
        byte[] received = HexFormat.of().parseHex(data.hash().toLowerCase(java.util.Locale.ROOT));
        if (!MessageDigest.isEqual(expected, received)) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.BAD_HASH,
                    "the hash is not this bot's signature of the data");
        }
        long now = nowSeconds.getAsLong();
        long authDate = data.authDate();
        if (authDate > now + CLOCK_SKEW_SECONDS) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.FUTURE, "auth_date lies in the future");
        }
        if (now - authDate > maxAgeSeconds) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.EXPIRED,
                    "auth_date is older than " + maxAgeSeconds + " seconds");
        }
        long remaining = authDate + maxAgeSeconds - now + CLOCK_SKEW_SECONDS;
        if (!replay.firstUse(realm, REPLAY_KIND, data.hash().toLowerCase(java.util.Locale.ROOT), remaining)) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.REPLAYED, "this login data was used before");
        }
    }

    /**
     * @param botToken a bot token
     * @param dataCheckString a data-check-string
     * @return the hash Telegram would send for it (hexadecimal): for tests and tools
     */
    public static String sign(String botToken, String dataCheckString) {
        return HexFormat.of().formatHex(hmac(sha256(botToken.getBytes(StandardCharsets.UTF_8)), dataCheckString));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing", e);
        }
    }
}
