package io.usso.keycloak.workspaces.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The scopes one service registered in one tenant (table {@code USSO_SCOPE_CATALOG}): canonical USSO scope strings,
 * space-separated. Workspace roles may only carry scopes that some catalogued scope implies.
 */
@Entity
@Table(name = "USSO_SCOPE_CATALOG")
@NamedQueries({
    @NamedQuery(name = ScopeCatalogEntity.LIST_FOR_REALM,
            query = "select c from ScopeCatalogEntity c where c.realmId = :realmId order by c.service"),
    @NamedQuery(name = ScopeCatalogEntity.FIND,
            query = "select c from ScopeCatalogEntity c where c.realmId = :realmId and c.service = :service"),
    @NamedQuery(name = ScopeCatalogEntity.DELETE_FOR_REALM,
            query = "delete from ScopeCatalogEntity c where c.realmId = :realmId")
})
public class ScopeCatalogEntity {

    /** Named query: a realm's entries ({@code realmId}), by service. */
    public static final String LIST_FOR_REALM = "UssoScopeCatalog.listForRealm";
    /** Named query: one service's entry ({@code realmId}, {@code service}). */
    public static final String FIND = "UssoScopeCatalog.find";
    /** Named delete: a realm's entries. */
    public static final String DELETE_FOR_REALM = "UssoScopeCatalog.deleteForRealm";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SERVICE", length = 64, nullable = false)
    private String service;

    @Column(name = "SCOPES")
    private String scopes;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    /** @return canonical scope strings, space-separated, or null */
    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
