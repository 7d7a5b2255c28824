package io.usso.keycloak.qrlogin;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * Carries the approver's level of authentication (LoA) over to the waiting page, the way Keycloak's cookie
 * authenticator carries an SSO session's: the approving user session's {@value Constants#LOA_MAP} note (level to
 * the time it was reached) is merged into the authentication session, and the current level is raised to the
 * highest level that is still valid under the max ages of the waiting page's own flow. Step-up conditions
 * ("Condition - Level of Authentication") then skip only the levels the approver really reached: an approval from a
 * session without a second factor cannot satisfy a client that requests the second-factor level, which the flow then
 * asks for on the waiting page. Nothing is carried when the client forces re-authentication ({@code prompt=login},
 * {@code max_age}).
 */
public final class QrLevelOfAuthentication {

    private static final TypeReference<Map<Integer, Integer>> LEVELS = new TypeReference<>() {
    };

    private QrLevelOfAuthentication() {
    }

    /**
     * @param json a {@value Constants#LOA_MAP} note, may be null
     * @return level to epoch seconds, empty when missing or unreadable
     */
    public static Map<Integer, Integer> parse(String json) {
        if (json == null || json.isBlank()) {
            return new TreeMap<>();
        }
        try {
            Map<Integer, Integer> levels = JsonSerialization.readValue(json, LEVELS);
            return levels == null ? new TreeMap<>() : new TreeMap<>(levels);
        } catch (IOException | RuntimeException e) {
            return new TreeMap<>();
        }
    }

    /**
     * @param current levels already reached in this authentication
     * @param approver the approver's levels
     * @return both, keeping the later time of a level present in both
     */
    public static Map<Integer, Integer> merge(Map<Integer, Integer> current, Map<Integer, Integer> approver) {
        Map<Integer, Integer> merged = new TreeMap<>(current);
        approver.forEach((level, time) -> {
            if (level != null && time != null) {
                merged.merge(level, time, Math::max);
            }
        });
        return merged;
    }

    /**
     * @param levels a level map
     * @return its highest level, or {@value Constants#NO_LOA} when empty
     */
    public static int highest(Map<Integer, Integer> levels) {
        return levels.keySet().stream().mapToInt(Integer::intValue).max().orElse(Constants.NO_LOA);
    }

    /**
     * Merges the approver's levels into the authentication session and raises its current level (never lowers it).
     *
     * @param session the request's session
     * @param authSession the waiting page's authentication session
     * @param topFlowId the flow being run (its LoA conditions give the max ages)
     * @param approverLoaMap the approver's {@value Constants#LOA_MAP} note, may be null
     * @return the approver's highest level ({@value Constants#NO_LOA} when none was carried)
     */
    public static int transfer(KeycloakSession session, AuthenticationSessionModel authSession, String topFlowId,
            String approverLoaMap) {
        Map<Integer, Integer> approver = parse(approverLoaMap);
        if (approver.isEmpty() || AuthenticatorUtil.isForcedReauthentication(authSession)) {
            return Constants.NO_LOA;
        }
        Map<Integer, Integer> merged = merge(parse(authSession.getAuthNote(Constants.LOA_MAP)), approver);
        try {
            authSession.setAuthNote(Constants.LOA_MAP, JsonSerialization.writeValueAsString(merged));
        } catch (IOException e) {
            return Constants.NO_LOA;
        }
        AcrStore acr = new AcrStore(session, authSession);
        int reached = acr.getHighestAuthenticatedLevelFromPreviousAuthentication(topFlowId);
        if (reached > acr.getLevelOfAuthenticationFromCurrentAuthentication()) {
            acr.setLevelAuthenticatedToCurrentRequest(reached);
        }
        return highest(approver);
    }
}
