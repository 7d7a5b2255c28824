package io.usso.keycloak.telegram.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Each Telegram proof (a Login Widget {@code hash}, a Mini App {@code initData} hash) is accepted once, cluster-wide:
 * the first use claims it in Keycloak's single-use store (replicated across nodes) for as long as it could still
 * pass the {@code auth_date} age check; a second use within that time is a replay. Keys carry a digest of the proof,
 * never the proof itself.
 */
public final class ProofReplay {

    private static final String PREFIX = "usso-tg-proof:";

    private final SingleUseObjectProvider store;

    /**
     * @param store the session's single-use store
     */
    public ProofReplay(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * @param realm the tenant (a proof for one tenant's bot claims nothing in another)
     * @param kind what the proof is ({@code widget}, {@code webapp}...)
     * @param proof the proof's hash as Telegram sent it
     * @param lifespanSeconds how long the proof could still be accepted (the age limit, plus clock skew)
     * @return true for the first use; false for a replay
     */
    public boolean firstUse(RealmModel realm, String kind, String proof, long lifespanSeconds) {
        return store.putIfAbsent(PREFIX + realm.getId() + ":" + kind + ":" + digest(proof),
                Math.max(1, lifespanSeconds));
    }

    static String digest(String proof) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(proof.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
