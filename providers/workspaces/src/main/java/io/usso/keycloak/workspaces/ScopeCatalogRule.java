package io.usso.keycloak.workspaces;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.usso.keycloak.common.UssoScope;

/**
 * Which scopes a workspace role may carry: while the tenant's scope catalog is empty, any well-formed scope (unless
 * the tenant setting {@value WorkspaceSettings#CATALOG_REQUIRED} is on); once a service has registered scopes, only
 * scopes that some catalogued scope implies ({@link UssoScope#implies}), e.g. {@code read:media/files} when
 * {@code manage:media/*} is catalogued. Pure.
 */
public final class ScopeCatalogRule {

    private ScopeCatalogRule() {
    }

    /**
     * @param requested the role's scopes, canonical
     * @param catalog every catalogued scope of the tenant, canonical
     * @param required the tenant's {@value WorkspaceSettings#CATALOG_REQUIRED}
     * @return the requested scopes the catalog does not allow (empty when all are allowed)
     */
    public static List<String> refused(Collection<String> requested, Collection<String> catalog, boolean required) {
        if (catalog.isEmpty() && !required) {
            return List.of();
        }
        List<UssoScope> allowed = new ArrayList<>();
        for (String entry : catalog) {
            allowed.add(UssoScope.parse(entry));
        }
        List<String> refused = new ArrayList<>();
        for (String raw : requested) {
            UssoScope scope = UssoScope.parse(raw);
            if (allowed.stream().noneMatch(a -> a.implies(scope))) {
                refused.add(raw);
            }
        }
        return refused;
    }
}
