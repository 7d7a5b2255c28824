package io.usso.keycloak.claims;

import java.util.List;

import org.keycloak.models.ProtocolMapperModel;

/**
 * The {@code usso} client scope: the protocol mappers that give tokens the claims USSO SDKs read. Used by
 * documentation and tests; realm templates declare the same mappers in JSON.
 */
public final class UssoClientScope {

    /** Name of the client scope. */
    public static final String NAME = "usso";

    private UssoClientScope() {
    }

    /** @return fresh mapper models, one per USSO claim, with default configuration */
    public static List<ProtocolMapperModel> protocolMappers() {
        return List.of(
                TenantIdClaimMapper.create("tenant_id"),
                TokenTypeClaimMapper.create("token_type"),
                SessionIdClaimMapper.create("session_id"),
                UserIdClaimMapper.create("user_id"),
                RolesClaimMapper.create("roles"),
                ScopesClaimMapper.create("scopes"),
                AmrClaimMapper.create("amr"),
                WorkspaceIdClaimMapper.create("workspace_id"),
                ActorClaimMapper.create("act"));
    }
}
