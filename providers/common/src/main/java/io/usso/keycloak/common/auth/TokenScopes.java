package io.usso.keycloak.common.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.keycloak.representations.AccessToken;

import io.usso.keycloak.common.UssoClaimNames;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/**
 * The USSO scopes a token carries (claim {@value UssoClaimNames#SCOPES}): the most that anything minted with the
 * token (an API key, say) may carry, so that a narrow token never mints a wider credential.
 */
public final class TokenScopes {

    private TokenScopes() {
    }

    /**
     * @param token a verified access token
     * @return its USSO scopes, parsed; empty when the token has no such claim (then nothing may be minted with it)
     */
    public static List<UssoScope> of(AccessToken token) {
        if (token == null || token.getOtherClaims() == null) {
            return List.of();
        }
        Object claim = token.getOtherClaims().get(UssoClaimNames.SCOPES);
        List<String> raw = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> raw.add(String.valueOf(v)));
        } else if (claim instanceof String text && !text.isBlank()) {
            raw.addAll(List.of(text.strip().split(" +")));
        }
        return UssoScopes.parseAll(raw).scopes();
    }
}
